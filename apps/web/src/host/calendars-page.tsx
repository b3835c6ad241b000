import { CALENDAR_PROVIDERS } from '@workestra/booking-core/limits';
import type { ConnectedCalendarProvider } from '@workestra/booking-core';
import { useEffect, useState } from 'preact/hooks';
import type { CalendarConnections } from '../common/types';
import { PROVIDER_LABELS, fetchCalendarConnections } from './calendar-connections-api';
import { ConnectionCard } from './connection-card';

/** Every provider a host can connect, in the order the API lists them. */
const CONNECTABLE = CALENDAR_PROVIDERS.filter((p): p is ConnectedCalendarProvider => p !== 'none');

/** `?connected=google` (the OAuth callback's redirect) as a success notice. */
function connectedNotice(): string {
  const connected = new URLSearchParams(location.search).get('connected');
  const provider = CONNECTABLE.find((p) => p === connected);
  return provider
    ? `${PROVIDER_LABELS[provider]} is connected. Choose below which calendars to check.`
    : '';
}

/** What went wrong, in words, when the OAuth callback sent the browser back with `?error=CODE`. */
const CONSENT_ERRORS: Record<string, string> = {
  OAUTH_DENIED: 'the consent was not given',
  OAUTH_STATE_MISMATCH: 'the consent expired or was started in another session',
  OAUTH_FAILED: 'the provider did not accept the sign-in',
};

/** `?provider=google&error=OAUTH_DENIED` (a failed consent) as an error, or ''. */
function consentError(): string {
  const query = new URLSearchParams(location.search);
  const code = query.get('error');
  if (code === null) return '';
  const provider = CONNECTABLE.find((p) => p === query.get('provider'));
  const name = provider ? PROVIDER_LABELS[provider] : 'The calendar';
  return `${name} was not connected: ${CONSENT_ERRORS[code] ?? `the connection failed (${code})`}. Nothing was stored; connect again to retry.`;
}

/** `/settings/calendars`: one card per configured provider, to connect, set up or disconnect. */
export function CalendarsPage() {
  const [data, setData] = useState<CalendarConnections | null>(null);
  const [error, setError] = useState(consentError);
  const [status, setStatus] = useState(connectedNotice);

  const load = () =>
    fetchCalendarConnections()
      .then(setData)
      .catch((e: Error) => setError(e.message));

  useEffect(() => {
    document.title = 'Calendars · Workestra';
    // The notice is shown once; a reload should not announce the outcome again.
    if (location.search) history.replaceState(null, '', location.pathname);
    void load();
  }, []);

  // A connection stays visible (to disconnect it) even once its provider is no longer configured.
  const shown = data
    ? CONNECTABLE.filter(
        (p) => data.providers.includes(p) || data.connections.some((c) => c.provider === p),
      )
    : [];

  return (
    <>
      <h1>Calendars</h1>
      <p class="muted">
        Booking pages offer only the times your connected calendar shows as free, and each booking
        is written into it as an event.
      </p>
      <p role="status" class="success" data-testid="calendars-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {data === null ? (
        !error && <p class="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <section class="card" aria-labelledby="no-provider">
          <h2 id="no-provider">No calendar provider is set up on this server</h2>
          <p>
            Google Calendar and Microsoft 365 need an OAuth client of their own, which the person
            running this server configures: <code>GOOGLE_CLIENT_ID</code> and{' '}
            <code>GOOGLE_CLIENT_SECRET</code> for Google, <code>MICROSOFT_CLIENT_ID</code> and{' '}
            <code>MICROSOFT_CLIENT_SECRET</code> for Microsoft (see the configuration table in{' '}
            <code>apps/server/README.md</code>). Until then, booking links work without a calendar.
          </p>
        </section>
      ) : (
        <div class="stack">
          {shown.map((provider) => (
            <ConnectionCard
              key={provider}
              provider={provider}
              configured={data.providers.includes(provider)}
              connection={data.connections.find((c) => c.provider === provider) ?? null}
              onChanged={(message) => {
                setError('');
                setStatus(message);
                void load();
              }}
            />
          ))}
        </div>
      )}
    </>
  );
}
