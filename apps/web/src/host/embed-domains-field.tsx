import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../common/api';
import type { Link } from '../common/types';
import {
  domainLines,
  domainProblems,
  problemText,
  serverProblems,
  type DomainProblem,
} from './embed-domains';

/** The saved list in words: which sites may embed the link. */
function SavedSites({ domains }: { domains: string[] }) {
  if (domains.length === 0)
    return (
      <p data-testid="saved-sites">
        <strong>Any site may embed this link</strong> (the list is empty).
      </p>
    );
  return (
    <div data-testid="saved-sites">
      <p>Only these sites may embed this link:</p>
      <ul>
        {domains.map((d) => (
          <li key={d}>
            <code>{d}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The link's allowed sites: a textarea, one site per line, checked as it is typed with the
 * server's rules, saved with `PATCH /api/host/links/:id`. Read-only for a member of a team link.
 */
export function EmbedDomainsField({
  link,
  readOnly,
  onSaved,
}: {
  link: Link;
  readOnly: boolean;
  onSaved: (link: Link) => void;
}) {
  const [text, setText] = useState(link.embedDomains.join('\n'));
  // Problems the server found in the last save; cleared on the next edit.
  const [fromServer, setFromServer] = useState<DomainProblem[]>([]);
  const [formError, setFormError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  if (readOnly)
    return (
      <div class="stack">
        <SavedSites domains={link.embedDomains} />
        <p class="muted">Only the link's owner can change the allowed sites.</p>
      </div>
    );

  const problems = fromServer.length ? fromServer : domainProblems(text);
  const invalid = problems.length > 0;

  async function save(e: Event) {
    e.preventDefault();
    setStatus('');
    if (invalid) {
      setFormError(`Fix ${problems.length === 1 ? 'the line' : 'the lines'} below, then save.`);
      area.current?.focus();
      return;
    }
    setFormError('');
    setBusy(true);
    const sent = domainLines(text);
    try {
      const r = await api<{ link: Link }>('PATCH', `/api/host/links/${link.id}`, {
        embedDomains: sent.map((l) => l.entry),
      });
      setText(r.link.embedDomains.join('\n'));
      onSaved(r.link);
      setStatus(
        r.link.embedDomains.length
          ? `Saved. ${r.link.embedDomains.length === 1 ? 'One site' : `${r.link.embedDomains.length} sites`} may embed this link.`
          : 'Saved. Any site may embed this link.',
      );
    } catch (err) {
      const issues = err instanceof ApiError ? serverProblems(err.details, sent) : [];
      setFromServer(issues);
      setFormError(
        issues.length
          ? 'The server refused some sites: fix them, then save.'
          : (err as Error).message,
      );
      area.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const describedBy = ['h-embed-domains', invalid ? 'e-embed-domains' : ''].filter(Boolean);
  return (
    <form class="stack" onSubmit={save} noValidate>
      <SavedSites domains={link.embedDomains} />
      <div class="field">
        <label for="embed-domains">Allowed sites, one per line</label>
        <textarea
          id="embed-domains"
          ref={area}
          rows={5}
          spellcheck={false}
          autoComplete="off"
          value={text}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy.join(' ')}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setFromServer([]);
            setFormError('');
            setStatus('');
          }}
        />
        <div id="h-embed-domains" class="hint muted">
          Leave it empty to let any site embed the link. Each line is one site:
          <ul>
            <li>
              <code>example.com</code> — that domain, over http or https
            </li>
            <li>
              <code>*.example.com</code> — its subdomains (<code>shop.example.com</code>), not{' '}
              <code>example.com</code> itself
            </li>
            <li>
              <code>https://example.com</code> — https only
            </li>
            <li>
              <code>localhost:8080</code> — a host with its port, for trying it out
            </li>
          </ul>
        </div>
        {invalid && (
          <ul id="e-embed-domains" class="field-error domain-problems">
            {problems.map((p) => (
              <li key={`${p.line ?? 'list'}-${p.message}`}>{problemText(p)}</li>
            ))}
          </ul>
        )}
      </div>
      {formError && (
        <p class="error" role="alert">
          {formError}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          Save allowed sites
        </button>
        <span role="status" class="success">
          {status}
        </span>
      </div>
    </form>
  );
}
