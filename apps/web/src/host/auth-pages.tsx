import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../common/api';
import type { Host } from '../common/types';
import { allTimeZones, browserTimeZone } from '../common/time';
import { fetchInviteView } from './members-api';
import { A } from './router';
import { useSession } from './session';

type Auth = { host: Host; csrfToken: string };

function Field(props: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autoComplete: string;
  value: string;
  minLength?: number;
  hint?: string;
  onInput(v: string): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        // preact 11 narrows input attributes per literal type; the three used here share them.
        type={(props.type ?? 'text') as 'text'}
        required
        minLength={props.minLength}
        autoComplete={props.autoComplete}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
      {props.hint && (
        <span id={`${props.id}-hint`} class="hint muted">
          {props.hint}
        </span>
      )}
    </div>
  );
}

/**
 * The submit half of both auth forms: posts `body()` to `path`, signs in with the answer, and
 * turns a refusal into one readable line (`known` maps error codes to friendlier text).
 */
function useAuthSubmit(
  path: string,
  body: () => Record<string, unknown>,
  known: Record<string, string>,
) {
  const session = useSession();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await api<Auth>('POST', path, body());
      session.signedIn(r.host, r.csrfToken);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(
        known[code] ??
          (err instanceof ApiError && err.details.length
            ? err.details.map((d) => d.message).join(' ')
            : (err as Error).message),
      );
      setBusy(false);
    }
  }
  return { error, busy, submit };
}

/** `/login` */
export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useAuthSubmit('/api/auth/login', () => ({ email, password }), {
    INVALID_CREDENTIALS: 'Wrong email or password.',
  });
  useEffect(() => {
    document.title = 'Sign in · Workestra';
  }, []);

  return (
    <form class="card auth" onSubmit={submit}>
      <h1>Sign in</h1>
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onInput={setEmail}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
      />
      <p class="error" role="alert">
        {error}
      </p>
      <div class="row spread">
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        <A href={`/signup${location.search}`}>Create an account</A>
      </div>
    </form>
  );
}

/** `/signup` */
export function SignupPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useAuthSubmit(
    '/api/auth/signup',
    () => ({ name, email, password, timeZone: browserTimeZone() }),
    { EMAIL_TAKEN: 'An account with this email already exists. Sign in instead.' },
  );
  useEffect(() => {
    document.title = 'Sign up · Workestra';
  }, []);

  return (
    <form class="card auth" onSubmit={submit}>
      <h1>Create your account</h1>
      <Field id="name" label="Name" autoComplete="name" value={name} onInput={setName} />
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onInput={setEmail}
      />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        hint="At least 8 characters."
        value={password}
        onInput={setPassword}
      />
      <p class="error" role="alert">
        {error}
      </p>
      <div class="row spread">
        <button type="submit" class="primary" disabled={busy}>
          Sign up
        </button>
        <A href={`/login${location.search}`}>I have an account</A>
      </div>
    </form>
  );
}

/**
 * `/invite/<token>`: a teammate's invite: name, password and time zone, then signed in.
 *
 * @example
 * ```tsx
 * <InvitePage token={token} />
 * ```
 */
export function InvitePage(props: { token: string }) {
  const signedInAs = useSession().host;
  const [invite, setInvite] = useState<
    { workspaceName?: string; invitedBy: string; email: string } | null | undefined
  >(undefined);
  const [loadError, setLoadError] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const { error, busy, submit } = useAuthSubmit(
    `/api/auth/invites/${encodeURIComponent(props.token)}/accept`,
    () => ({ name, password, timeZone }),
    {
      INVITE_NOT_FOUND:
        'This invite does not work any more: it was used, revoked or has expired. Ask for a new one.',
      EMAIL_TAKEN: 'An account with this email already exists. Sign in instead.',
    },
  );
  useEffect(() => {
    document.title = 'Join your team · Workestra';
    fetchInviteView(props.token).then(setInvite, (err: unknown) => {
      if (err instanceof ApiError && err.code === 'INVITE_NOT_FOUND') setInvite(null);
      else setLoadError((err as Error).message);
    });
  }, [props.token]);

  if (loadError)
    return (
      <div class="card auth">
        <h1>Join your team</h1>
        <p class="error" role="alert">
          {loadError}
        </p>
      </div>
    );
  if (invite === undefined) return <p class="muted">Loading…</p>;
  if (invite === null)
    return (
      <div class="card auth">
        <h1>This invite does not work</h1>
        <p>It was already used, revoked, or it has expired. Ask your teammate for a new one.</p>
        <p>
          <A href="/login">Sign in</A>
        </p>
      </div>
    );

  return (
    <form class="card auth" onSubmit={submit}>
      <h1>Join {invite.workspaceName ?? `${invite.invitedBy}’s team`}</h1>
      <p>
        {invite.invitedBy} invites you to schedule meetings together. Your account will be{' '}
        <strong>{invite.email}</strong>.
      </p>
      {signedInAs && (
        <p class="notice" role="note">
          You are signed in as {signedInAs.email}: creating this account signs you in as{' '}
          {invite.email} instead.
        </p>
      )}
      <Field id="name" label="Name" autoComplete="name" value={name} onInput={setName} />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        minLength={8}
        hint="At least 8 characters."
        value={password}
        onInput={setPassword}
      />
      <div class="field">
        <label for="time-zone">Time zone</label>
        <select
          id="time-zone"
          value={timeZone}
          onChange={(e) => setTimeZone((e.currentTarget as HTMLSelectElement).value)}
        >
          {allTimeZones().map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
      <div class="row spread">
        <button type="submit" class="primary" disabled={busy}>
          Create my account
        </button>
      </div>
    </form>
  );
}
