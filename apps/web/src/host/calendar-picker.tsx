import type { ConnectedCalendarProvider } from '@workestra/booking-core';
import { useEffect, useState } from 'preact/hooks';
import type { CalendarConnection, ProviderCalendar } from '../common/types';
import { fetchProviderCalendars, saveCalendarSelection } from './calendar-connections-api';

/** The provider's alias of the account's main calendar; a new connection checks and writes it. */
const PRIMARY = 'primary';

/** The id the selection stores for a calendar: the stable alias for the primary one. */
const keyOf = (c: ProviderCalendar) => (c.primary ? PRIMARY : c.id);

/** A stored id as its key in `calendars` (the primary's own id becomes the alias); unknown: null. */
function keyFor(id: string, calendars: readonly ProviderCalendar[]): string | null {
  const found = calendars.find((c) => c.id === id || (id === PRIMARY && c.primary));
  return found ? keyOf(found) : null;
}

interface Props {
  provider: ConnectedCalendarProvider;
  connection: CalendarConnection;
  onSaved(): void;
}

/**
 * The calendars to check for conflicts (several allowed) and the one bookings are written into,
 * from the account's calendar list.
 */
export function CalendarPicker({ provider, connection, onSaved }: Props) {
  const [calendars, setCalendars] = useState<ProviderCalendar[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [check, setCheck] = useState<string[]>(connection.calendarsToCheck);
  const [write, setWrite] = useState(connection.writeCalendar);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setLoadError('');
    fetchProviderCalendars(provider)
      .then((r) => {
        if (!current) return;
        setCalendars(r.calendars);
        // Calendars no longer in the account are dropped from what a save sends.
        const known = (ids: readonly string[]) =>
          [...new Set(ids.map((id) => keyFor(id, r.calendars)))].filter(
            (k): k is string => k !== null,
          );
        setCheck(known(connection.calendarsToCheck));
        const writable = r.calendars.filter((c) => c.canWrite).map(keyOf);
        const stored = keyFor(connection.writeCalendar, r.calendars);
        setWrite(
          stored !== null && writable.includes(stored)
            ? stored
            : (writable[0] ?? connection.writeCalendar),
        );
      })
      .catch((e: Error) => current && setLoadError(e.message));
    return () => {
      current = false;
    };
  }, [provider, connection]);

  const toggle = (key: string, on: boolean) =>
    setCheck((now) => (on ? [...now.filter((k) => k !== key), key] : now.filter((k) => k !== key)));

  async function save(e: Event) {
    e.preventDefault();
    if (check.length === 0) {
      setError('Check at least one calendar for conflicts.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await saveCalendarSelection(provider, { calendarsToCheck: check, writeCalendar: write });
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (loadError)
    return (
      <p role="alert" class="error">
        Could not list the calendars of this account: {loadError}
      </p>
    );
  if (calendars === null) return <p class="muted">Loading calendars…</p>;

  const writable = calendars.filter((c) => c.canWrite);
  const name = (c: ProviderCalendar) => (c.primary ? `${c.name} (primary)` : c.name);
  const writeId = `write-${provider}`;
  return (
    <form class="stack" onSubmit={save} aria-label={`Calendars of this ${provider} account`}>
      <fieldset>
        <legend>Check these calendars for conflicts</legend>
        {calendars.map((c) => (
          <label key={c.id} class="check">
            <input
              type="checkbox"
              checked={check.includes(keyOf(c))}
              onChange={(ev) => toggle(keyOf(c), (ev.currentTarget as HTMLInputElement).checked)}
            />
            {name(c)}
          </label>
        ))}
      </fieldset>
      {writable.length > 0 ? (
        <div class="field">
          <label for={writeId}>Write bookings into</label>
          <select
            id={writeId}
            value={write}
            onChange={(ev) => setWrite((ev.currentTarget as HTMLSelectElement).value)}
          >
            {writable.map((c) => (
              <option key={c.id} value={keyOf(c)}>
                {name(c)}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p class="notice" role="note">
          This account has no calendar you may write into, so bookings cannot be added to it.
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
          <span class="visually-hidden"> calendars</span>
        </button>
      </div>
    </form>
  );
}
