import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import type { Link } from '../common/types';
import { ConfirmDialog } from './confirm-dialog';
import { PublicUrl } from './copy-button';
import { FirstLinkGuide } from './first-link-guide';
import { LinkForm } from './link-form';
import { likelyCurrency } from './money';
import { A, setQuery } from './router';
import { useSession } from './session';
import { teamSummary } from './team-field';

type Editing = { mode: 'list' } | { mode: 'new' } | { mode: 'edit'; link: Link };

/** `/settings/booking-links`: list, create, edit, activate, delete, copy the public URL. */
export function LinksPage() {
  const [links, setLinks] = useState<Link[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  // `?new=1` (the dashboard's guide) opens the form at once.
  const [editing, setEditing] = useState<Editing>(() =>
    new URLSearchParams(location.search).get('new') === '1' ? { mode: 'new' } : { mode: 'list' },
  );
  const [deleting, setDeleting] = useState<Link | null>(null);
  const [busy, setBusy] = useState(false);
  const me = useSession().host?.id;

  useEffect(() => {
    document.title = 'Booking links · Workestra';
    // Read once: a reload after the form closes shows the list.
    setQuery({ new: undefined }, true);
    api<{ links: Link[] }>('GET', '/api/host/links')
      .then((r) => setLinks(r.links))
      .catch((e: Error) => setError(e.message));
  }, []);

  const replace = (link: Link) =>
    setLinks((all) => (all ?? []).map((l) => (l.id === link.id ? link : l)));

  async function toggle(link: Link) {
    setError('');
    try {
      const r = await api<{ link: Link }>(
        'POST',
        `/api/host/links/${link.id}/${link.active ? 'disable' : 'enable'}`,
      );
      replace(r.link);
      setStatus(`“${r.link.title}” is now ${r.link.active ? 'active' : 'inactive'}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function remove(link: Link) {
    setBusy(true);
    try {
      await api('DELETE', `/api/host/links/${link.id}`);
      setLinks((all) => (all ?? []).filter((l) => l.id !== link.id));
      setStatus(`“${link.title}” was deleted.`);
      setDeleting(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (editing.mode !== 'list')
    return (
      <LinkForm
        link={editing.mode === 'edit' ? editing.link : null}
        likelyCurrency={likelyCurrency((links ?? []).map((l) => l.defaultDealCurrency))}
        onCancel={() => setEditing({ mode: 'list' })}
        onSaved={(link) => {
          if (editing.mode === 'edit') replace(link);
          else setLinks((all) => [...(all ?? []), link]);
          setStatus(`“${link.title}” was saved.`);
          setEditing({ mode: 'list' });
        }}
      />
    );

  return (
    <>
      <div class="row spread">
        <h1>Booking links</h1>
        <button type="button" class="primary" onClick={() => setEditing({ mode: 'new' })}>
          Create link
        </button>
      </div>
      <p role="status" class="success">
        {status}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {links === null ? (
        <p class="muted">Loading…</p>
      ) : links.length === 0 ? (
        <>
          <p class="muted">No booking links yet. Create one and share its URL.</p>
          <FirstLinkGuide onCreate={() => setEditing({ mode: 'new' })} />
        </>
      ) : (
        <ul class="stack" style="list-style:none;padding:0">
          {links.map((link) => (
            <li key={link.id} class="card link-item stack" data-link-id={link.id}>
              <div class="row spread">
                <h2 style="font-size:1.15rem;margin:0">{link.title}</h2>
                {link.hostId === me ? (
                  <span class="switch">
                    <button
                      type="button"
                      role="switch"
                      class="switch-track"
                      aria-checked={link.active}
                      aria-label={`Active: ${link.title}`}
                      onClick={() => toggle(link)}
                    >
                      <span class="switch-thumb" aria-hidden="true" />
                    </button>
                    <span aria-hidden="true">{link.active ? 'Active' : 'Inactive'}</span>
                  </span>
                ) : (
                  <span class="muted" data-testid="member-of">
                    {link.active ? 'Active' : 'Inactive'} · you are a member
                  </span>
                )}
              </div>
              <p class="muted" style="margin:0">
                {teamSummary(link) && (
                  <span data-testid="team-summary">{`${teamSummary(link)} · `}</span>
                )}
                {link.durationMinutes} min · {link.timeZone.replace(/_/g, ' ')}
                {link.calendarProvider !== 'none' && ` · ${link.calendarProvider}`}
                {link.autoCreateDeal && ' · creates deals'}
              </p>
              <PublicUrl link={link} />
              {link.hostId === me && (
                <div class="row">
                  <button type="button" onClick={() => setEditing({ mode: 'edit', link })}>
                    Edit<span class="visually-hidden"> {link.title}</span>
                  </button>
                  <A class="button" href={`/settings/booking-links/${link.id}/embed`}>
                    Embed<span class="visually-hidden"> {link.title}</span>
                  </A>
                  <button type="button" class="danger" onClick={() => setDeleting(link)}>
                    Delete<span class="visually-hidden"> {link.title}</span>
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.title}”?`}
          confirmLabel="Delete link"
          busy={busy}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove(deleting)}
        >
          <p>
            This is permanent. The public page will return 404 and the slug becomes free. Meetings
            already booked stay in your calendar.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
