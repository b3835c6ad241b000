import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../common/api';
import type { Host } from '../common/types';
import { browserTimeZone } from '../common/time';
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
