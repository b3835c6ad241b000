import type { ConnectedCalendarProvider } from '@workestra/booking-core';
import { useState } from 'preact/hooks';
import type { CalendarConnection } from '../common/types';
import { browserTimeZone, formatDateTime } from '../common/time';
import { PROVIDER_LABELS, disconnectCalendar, startConnecting } from './calendar-connections-api';
import { CalendarPicker } from './calendar-picker';
import { ConfirmDialog } from './confirm-dialog';

interface Props {
  provider: ConnectedCalendarProvider;
  /** The server has an OAuth client for it (else it can only be disconnected). */
  configured: boolean;
  connection: CalendarConnection | null;
  /** After a save or a disconnect: a message to announce; the page reloads the list. */
  onChanged(message: string): void;
}

/** A connection's state in words. */
export function describeState(c: CalendarConnection, timeZone: string): string {
  if (c.state === 'working') return 'Working';
  if (c.state === 'needs_reconsent') return 'Needs re-consent — reconnect';
  const since = formatDateTime(c.stateSince, timeZone);
  return `Failing since ${since}${c.lastError ? `: ${c.lastError}` : ''}`;
}

/** One provider: connect it, or its connection's account, state, calendars and disconnect. */
export function ConnectionCard({ provider, configured, connection, onChanged }: Props) {
  const label = PROVIDER_LABELS[provider];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const headingId = `cal-${provider}`;

  async function connect() {
    setBusy(true);
    setError('');
    try {
      await startConnecting(provider);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  async function disconnect() {
    setBusy(true);
    setError('');
    try {
      await disconnectCalendar(provider);
      setConfirming(false);
      onChanged(`${label} was disconnected.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      class="card stack connection"
      aria-labelledby={headingId}
      data-provider={provider}
      data-testid={`connection-${provider}`}
    >
      <h2 id={headingId}>{label}</h2>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {connection === null ? (
        <>
          <p class="muted">Not connected.</p>
          <div class="row">
            <button type="button" class="primary" disabled={busy} onClick={connect}>
              {busy ? 'Opening…' : `Connect ${label}`}
            </button>
          </div>
        </>
      ) : (
        <>
          <dl class="connection-facts">
            <dt>Account</dt>
            <dd data-testid="account">
              {connection.accountEmail ?? <span class="muted">Not known yet</span>}
            </dd>
            <dt>Status</dt>
            <dd data-testid="state" class={`state state-${connection.state}`}>
              {describeState(connection, browserTimeZone())}
            </dd>
          </dl>
          {!configured && (
            <p class="notice" role="note">
              This server no longer has a {label} client configured, so this calendar is not read.
              You can still disconnect it.
            </p>
          )}
          {configured && (
            <CalendarPicker
              provider={provider}
              connection={connection}
              onSaved={() => onChanged(`Saved the ${label} calendars.`)}
            />
          )}
          <div class="row">
            {configured && connection.state !== 'working' && (
              <button type="button" class="primary" disabled={busy} onClick={connect}>
                Reconnect<span class="visually-hidden"> {label}</span>
              </button>
            )}
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              Disconnect<span class="visually-hidden"> {label}</span>
            </button>
          </div>
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Disconnect ${label}?`}
          confirmLabel="Disconnect"
          busy={busy}
          onClose={() => setConfirming(false)}
          onConfirm={disconnect}
        >
          <p>
            Links on {label} then offer no times until a calendar is connected again. Events already
            written stay in your calendar.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
