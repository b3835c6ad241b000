import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import type { Link } from '../common/types';
import { PublicUrl } from './copy-button';
import { EmbedAppearance } from './embed-appearance';
import { EmbedCode } from './embed-code';
import { EmbedDomainsField } from './embed-domains-field';
import { EmbedPreview } from './embed-preview';
import {
  DEFAULT_EMBED_SETTINGS,
  embedSnippet,
  loaderUrl,
  type EmbedSettings,
} from './embed-snippet';
import { A } from './router';
import { useSession } from './session';

/**
 * `/settings/booking-links/<id>/embed`: the look of the embedded booking page with a live
 * preview, the snippet to paste, and the link's allowed sites. A member of a team link gets the
 * snippet too, but only the owner may change the allowed sites.
 */
export function EmbedPage({ id }: { id: string }) {
  const [link, setLink] = useState<Link | null>(null);
  const [error, setError] = useState('');
  const [settings, setSettings] = useState<EmbedSettings>(DEFAULT_EMBED_SETTINGS);
  const me = useSession().host?.id;

  useEffect(() => {
    document.title = 'Embed · Workestra';
    // The list holds the team links the host is a member of too (GET /:id is the owner's only).
    api<{ links: Link[] }>('GET', '/api/host/links')
      .then((r) => {
        const found = r.links.find((l) => l.id === id);
        if (found) setLink(found);
        else setError('This booking link does not exist, or it is not yours or your team’s.');
      })
      .catch((e: Error) => setError(e.message));
  }, [id]);

  const readOnly = link !== null && link.hostId !== me;
  const snippet = link ? embedSnippet(link.publicUrl, loaderUrl(link.publicUrl), settings) : '';

  return (
    <div class="stack">
      <p>
        <A href="/settings/booking-links">← Booking links</A>
      </p>
      <h1>Embed{link ? ` “${link.title}”` : ''}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!link && !error && <p class="muted">Loading…</p>}
      {link && (
        <>
          <PublicUrl link={link} />
          {readOnly && (
            <p class="muted" data-testid="member-of">
              You are a member of this team link: you can use its snippet; its owner sets which
              sites may embed it.
            </p>
          )}
          <div class="embed-layout">
            <section class="card" aria-labelledby="embed-look">
              <h2 id="embed-look">Look</h2>
              <EmbedAppearance settings={settings} onChange={setSettings} />
            </section>
            <section class="card" aria-labelledby="embed-preview">
              <h2 id="embed-preview">Preview</h2>
              <EmbedPreview linkUrl={link.publicUrl} settings={settings} />
            </section>
          </div>
          <section class="card" aria-labelledby="embed-snippet">
            <h2 id="embed-snippet">Snippet for your site</h2>
            <EmbedCode snippet={snippet} />
          </section>
          <section class="card" aria-labelledby="embed-sites">
            <h2 id="embed-sites">Allowed sites</h2>
            <EmbedDomainsField link={link} readOnly={readOnly} onSaved={setLink} />
          </section>
        </>
      )}
    </div>
  );
}
