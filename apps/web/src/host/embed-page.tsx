import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import type { Link } from '../common/types';
import { CopyButton } from './copy-button';
import { A } from './router';

/** `/settings/booking-links/<id>/embed`: placeholder until the embed widget lands. */
export function EmbedPage({ id }: { id: string }) {
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    document.title = 'Embed · Workestra';
    api<{ link: Link }>('GET', `/api/host/links/${encodeURIComponent(id)}`)
      .then((r) => setLink(r.link))
      .catch((e: Error) => setError(e.message));
  }, [id]);
  return (
    <div class="card stack">
      <p>
        <A href="/settings/booking-links">← Booking links</A>
      </p>
      <h1>Embed{link ? ` “${link.title}”` : ''}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <div class="row">
          <a class="url" href={link.publicUrl}>
            {link.publicUrl}
          </a>
          <CopyButton text={link.publicUrl} label={`Copy link to ${link.title}`} />
        </div>
      )}
      <p>
        The embed widget for this link is configured here: the snippet for your site, brand colour,
        allowed domains and page events. It is not available yet — until then, share the public URL
        above.
      </p>
    </div>
  );
}
