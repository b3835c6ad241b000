import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../common/api';
import { formatLongDate } from '../common/time';
import type { Host, Invite, Member } from '../common/types';
import { PROVIDER_LABELS } from './calendar-connections-api';
import { ConfirmDialog } from './confirm-dialog';
import { CopyButton } from './copy-button';
import { createInvite, fetchInvites, fetchMembers, revokeInvite } from './members-api';

/** The invite URL just created: shown once, with a copy button. */
function InviteUrlPanel(props: {
  email: string;
  url: string;
  emailSent: boolean;
  /** Until when the link works. */
  expires: string;
  onDone(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.url]);
  return (
    <section class="card stack secret-panel" aria-labelledby="invite-url-title">
      <h2 id="invite-url-title" ref={heading} tabIndex={-1}>
        Invite link for {props.email}
      </h2>
      <p class="notice" role="note">
        {props.emailSent
          ? 'We emailed this link. '
          : 'The invite email could not be sent: share this link yourself. '}
        Copy it now if you want to share it: <strong>you won’t see it again</strong>. It works once,
        until {props.expires}.
      </p>
      <div class="row">
        <code class="secret" data-testid="invite-url">
          {props.url}
        </code>
        <CopyButton text={props.url} label={`Copy the invite link for ${props.email}`} />
      </div>
      <div class="row">
        <button type="button" class="primary" onClick={props.onDone}>
          Done
        </button>
      </div>
    </section>
  );
}

/**
 * `/settings/members`: the workspace's hosts and their calendars, inviting, pending invites.
 *
 * @example
 * ```tsx
 * <MembersPage host={host} />
 * ```
 */
export function MembersPage(props: { host: Host }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{
    invite: Invite;
    url: string;
    emailSent: boolean;
  } | null>(null);
  const [revoking, setRevoking] = useState<Invite | null>(null);

  const load = () =>
    Promise.all([fetchMembers(), fetchInvites()])
      .then(([m, i]) => {
        setMembers(m.members);
        setInvites(i.invites);
      })
      .catch((e: Error) => setError(e.message));

  useEffect(() => {
    document.title = 'Members · Workestra';
    void load();
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setEmailError('');
    setStatus('');
    try {
      const answer = await createInvite(email.trim());
      setCreated(answer);
      setEmail('');
      setInvites((all) => [answer.invite, ...(all ?? [])]);
    } catch (err) {
      setEmailError(
        err instanceof ApiError && err.code === 'EMAIL_TAKEN'
          ? 'This email already has an account.'
          : err instanceof ApiError && err.details.length
            ? err.details.map((d) => d.message).join(' ')
            : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invite: Invite) {
    setBusy(true);
    try {
      await revokeInvite(invite.id);
      setInvites((all) => (all ?? []).filter((i) => i.id !== invite.id));
      setStatus(`The invite for ${invite.email} is revoked.`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setRevoking(null);
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Members</h1>
      <p class="muted">
        The hosts of your workspace. Team booking links (round robin or collective) book the members
        you pick.
      </p>
      <p role="status" class="success">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}

      <section class="card" aria-labelledby="members-title">
        <h2 id="members-title">Everyone in this workspace</h2>
        {members === null ? (
          !error && <p class="muted">Loading…</p>
        ) : (
          <ul class="stack members" data-testid="members">
            {members.map((m) => (
              <li key={m.id} data-member-id={m.id}>
                <strong>{m.name}</strong>
                {m.id === props.host.id && <span class="muted"> (you)</span>}{' '}
                <span class="muted">{m.email}</span>
                <br />
                <span class="muted">
                  {m.timeZone} ·{' '}
                  {m.calendars.length === 0
                    ? 'No calendar connected'
                    : m.calendars.map((p) => PROVIDER_LABELS[p]).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {created && (
        <InviteUrlPanel
          email={created.invite.email}
          url={created.url}
          emailSent={created.emailSent}
          expires={formatLongDate(created.invite.expiresAt, props.host.timeZone)}
          onDone={() => setCreated(null)}
        />
      )}

      <form class="card" onSubmit={submit} aria-labelledby="invite-title">
        <h2 id="invite-title">Invite a teammate</h2>
        <div class="field">
          <label for="invite-email">Email</label>
          <input
            id="invite-email"
            type="email"
            required
            autoComplete="off"
            value={email}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={
              emailError ? 'invite-email-error invite-email-hint' : 'invite-email-hint'
            }
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
          />
          <span id="invite-email-hint" class="hint muted">
            They get an email with a link to create their account in this workspace.
          </span>
          {emailError && (
            <span id="invite-email-error" class="field-error" role="alert">
              {' '}
              {emailError}
            </span>
          )}
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Inviting…' : 'Send invite'}
        </button>
      </form>

      <section class="card" aria-labelledby="pending-title">
        <h2 id="pending-title">Pending invites</h2>
        {invites === null ? (
          !error && <p class="muted">Loading…</p>
        ) : invites.length === 0 ? (
          <p class="muted">No pending invites.</p>
        ) : (
          <ul class="stack" data-testid="pending-invites">
            {invites.map((i) => (
              <li key={i.id} class="row spread" data-invite-id={i.id}>
                <span>
                  {i.email}{' '}
                  <span class="muted">
                    expires {formatLongDate(i.expiresAt, props.host.timeZone)}
                  </span>
                </span>
                <button
                  type="button"
                  class="danger"
                  aria-label={`Revoke the invite for ${i.email}`}
                  disabled={busy}
                  onClick={() => setRevoking(i)}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {revoking && (
        <ConfirmDialog
          title={`Revoke the invite for ${revoking.email}?`}
          confirmLabel="Revoke invite"
          busy={busy}
          onConfirm={() => void revoke(revoking)}
          onClose={() => setRevoking(null)}
        >
          <p>Its link stops working. You can invite them again later.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
