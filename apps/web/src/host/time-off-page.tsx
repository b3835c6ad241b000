import { TIME_OFF_LIMITS } from '@workestra/booking-core/limits';
import { useEffect, useState } from 'preact/hooks';
import type { Host } from '../common/types';
import { formatDateTime, formatPlainDate, zonedParts } from '../common/time';
import { ConfirmDialog } from './confirm-dialog';
import {
  type TimeOffField,
  type TimeOffRange,
  addTimeOff,
  asWholeDays,
  deleteTimeOff,
  errorAtField,
  fetchTimeOff,
  wholeDays,
} from './time-off-api';

const DAY_MS = 86_400_000;
/** The ranges the page lists: those still running or ahead, up to a year out. */
const LIST_PAST_MS = DAY_MS;
const LIST_AHEAD_MS = 365 * DAY_MS;

const DAY_FORMAT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
};

/** A range as the host reads it: whole days in their zone, or its instants when not whole days. */
function describeRange(range: TimeOffRange, zone: string): string {
  const days = asWholeDays(range, zone);
  if (!days) return `${formatDateTime(range.start, zone)} – ${formatDateTime(range.end, zone)}`;
  const first = formatPlainDate(days.firstDay, DAY_FORMAT);
  return days.firstDay === days.lastDay
    ? first
    : `${first} – ${formatPlainDate(days.lastDay, DAY_FORMAT)}`;
}

/** An API message (`must be after start`) as a sentence starting with a capital. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The add form: first and last day (inclusive, in the host's zone) and an optional note. */
function AddTimeOffForm(props: { zone: string; onAdded(range: TimeOffRange): void }) {
  const today = zonedParts(new Date(), props.zone).date;
  const [firstDay, setFirstDay] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<TimeOffField, string>>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setErrors({});
    setFormError('');
    if (lastDay < firstDay) {
      setErrors({ lastDay: 'The last day cannot be before the first day.' });
      return;
    }
    setBusy(true);
    try {
      const { timeOff } = await addTimeOff({
        ...wholeDays(firstDay, lastDay, props.zone),
        note: note.trim() || null,
      });
      setFirstDay('');
      setLastDay('');
      setNote('');
      props.onAdded(timeOff);
    } catch (err) {
      const atField = errorAtField(err);
      if (atField) setErrors({ [atField.field]: sentence(atField.message) });
      else setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** Props wiring a field's error to its input. */
  const invalid = (field: TimeOffField, hint?: string) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby':
      [errors[field] ? `to-${field}-error` : '', hint ?? ''].filter(Boolean).join(' ') || undefined,
  });
  const fieldError = (field: TimeOffField) =>
    errors[field] && (
      <span id={`to-${field}-error`} class="field-error" role="alert">
        {errors[field]}
      </span>
    );

  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-time-off-title">
      <h2 id="add-time-off-title">Add time off</h2>
      {formError && (
        <p role="alert" class="error">
          {formError}
        </p>
      )}
      <div class="row">
        <div class="field">
          <label for="to-firstDay">First day</label>
          <input
            id="to-firstDay"
            type="date"
            required
            min={today}
            value={firstDay}
            {...invalid('firstDay')}
            onInput={(e) => {
              const value = (e.currentTarget as HTMLInputElement).value;
              setFirstDay(value);
              if (!lastDay || lastDay < value) setLastDay(value);
            }}
          />
          {fieldError('firstDay')}
        </div>
        <div class="field">
          <label for="to-lastDay">Last day</label>
          <input
            id="to-lastDay"
            type="date"
            required
            value={lastDay}
            {...invalid('lastDay', 'to-lastDay-hint')}
            onInput={(e) => setLastDay((e.currentTarget as HTMLInputElement).value)}
          />
          <span id="to-lastDay-hint" class="hint muted">
            Included. At most {TIME_OFF_LIMITS.maxRangeDays} days in one range.
          </span>
          {fieldError('lastDay')}
        </div>
      </div>
      <div class="field">
        <label for="to-note">
          Note <span class="muted">(optional)</span>
        </label>
        <input
          id="to-note"
          maxLength={TIME_OFF_LIMITS.maxNoteLength}
          placeholder="Holidays"
          value={note}
          {...invalid('note')}
          onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)}
        />
        {fieldError('note')}
      </div>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add time off'}
      </button>
    </form>
  );
}

/** One range: its days (or times) in the host's zone, its note and Delete (confirmed). */
function TimeOffItem(props: { range: TimeOffRange; zone: string; onDeleted(): void }) {
  const { range } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const label = describeRange(range, props.zone);
  const now = Date.now();
  const current = Date.parse(range.start) <= now && now < Date.parse(range.end);

  async function remove() {
    setBusy(true);
    setError('');
    try {
      await deleteTimeOff(range.id);
      setConfirming(false);
      props.onDeleted();
    } catch (e) {
      setConfirming(false);
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <li class="card stack time-off" data-testid="time-off-item">
      <h2>
        {label}
        {current && (
          <>
            {' '}
            <span class="badge badge-current">Now</span>
          </>
        )}
      </h2>
      {range.note ? <p>{range.note}</p> : <p class="muted">No note</p>}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Delete<span class="visually-hidden"> time off {label}</span>
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Delete this time off?"
          confirmLabel="Delete time off"
          busy={busy}
          onClose={() => setConfirming(false)}
          onConfirm={remove}
        >
          <p>
            Your booking links offer times on {label} again, where your hours and calendar leave
            them free.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/**
 * `/settings/time-off`: the host's current and upcoming time off, and a form to add some.
 *
 * @example
 * ```tsx
 * <TimeOffPage host={host} />
 * ```
 */
export function TimeOffPage({ host }: { host: Host }) {
  const zone = host.timeZone;
  const [ranges, setRanges] = useState<TimeOffRange[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');

  const load = () => {
    const now = Date.now();
    return fetchTimeOff(new Date(now - LIST_PAST_MS), new Date(now + LIST_AHEAD_MS))
      .then((r) => {
        setError('');
        setRanges(r.timeOff);
      })
      .catch((e: Error) => setError(e.message));
  };

  useEffect(() => {
    document.title = 'Time off · Workestra';
    void load();
  }, []);

  return (
    <>
      <h1>Time off</h1>
      <p class="muted">
        While you are away, none of your booking links offer times. Days are whole days in your time
        zone ({zone}).
      </p>
      <p role="status" class="success" data-testid="time-off-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {ranges === null ? (
        !error && <p class="muted">Loading…</p>
      ) : ranges.length === 0 ? (
        <div class="card">
          <p>No time off ahead. Add some below.</p>
        </div>
      ) : (
        <ul class="stack" style="list-style:none;padding:0" aria-label="Time off">
          {ranges.map((range) => (
            <TimeOffItem
              key={range.id}
              range={range}
              zone={zone}
              onDeleted={() => {
                setRanges((all) => (all ?? []).filter((r) => r.id !== range.id));
                setStatus(`Time off ${describeRange(range, zone)} was deleted.`);
              }}
            />
          ))}
        </ul>
      )}
      <AddTimeOffForm
        zone={zone}
        onAdded={(range) => {
          setStatus(`Time off ${describeRange(range, zone)} was added.`);
          void load();
        }}
      />
    </>
  );
}
