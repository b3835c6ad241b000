import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../common/api';
import type { Slot, SlotDay } from '../common/types';
import { addDays, zonedParts } from '../common/time';
import { MonthCalendar } from './month-calendar';
import { SlotList } from './slot-list';

/** Fetches slot days (in `timeZone`) for the instants `[from, to)`. */
export type LoadSlots = (from: string, to: string, timeZone: string) => Promise<SlotDay[]>;

interface Props {
  load: LoadSlots;
  timeZone: string;
  h12: boolean;
  maxDaysAhead: number;
  /** Bump to re-fetch the visible month (after a slot was taken). */
  refreshKey: number;
  /** `YYYY-MM-DD`: open this day's month first and select the day when it has times. */
  initialDate?: string;
  onPick(slot: Slot): void;
  /** The times could not be loaded (the page shows why). */
  onLoadError?(error: unknown): void;
}

const HOUR = 3_600_000;

/** What the page says when the host's calendar cannot be read (503 `CALENDAR_UNAVAILABLE`). */
export const CALENDAR_UNAVAILABLE_MESSAGE =
  "The host's calendar cannot be read right now, so no times are offered rather than risk a double booking. Please try again later.";

/** An error of the slot or booking calls in the attendee's words. */
export function slotErrorMessage(e: unknown): string {
  if (e instanceof ApiError && e.code === 'CALENDAR_UNAVAILABLE')
    return CALENDAR_UNAVAILABLE_MESSAGE;
  return (e as Error).message;
}

function monthRange(month: string, maxDaysAhead: number): { from: string; to: string } | null {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // Widen by 14 h on each side so every zone's local month is covered; days are then filtered
  // to the month by their local date, which the server computes in the attendee's zone.
  const now = Date.now();
  const from = Math.max(Date.UTC(y, m - 1, 1) - 14 * HOUR, now);
  const to = Math.min(Date.UTC(y, m, 1) + 14 * HOUR, now + (maxDaysAhead + 2) * 24 * HOUR);
  if (to <= from) return null;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Month view + the chosen day's slots, fetched per visible month in the attendee's zone. */
export function SlotPicker(p: Props) {
  const { load, timeZone, h12, maxDaysAhead, refreshKey, onPick } = p;
  const today = zonedParts(new Date(), timeZone).date;
  const lastDay = addDays(today, maxDaysAhead);
  // A requested day outside the bookable range is ignored: the page opens as usual.
  const [wanted, setWanted] = useState(() =>
    p.initialDate && p.initialDate >= today && p.initialDate <= lastDay ? p.initialDate : null,
  );
  const [month, setMonth] = useState((wanted ?? today).slice(0, 7));
  const [days, setDays] = useState<SlotDay[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // The requested day's month stays open even when it is fully booked.
  const [autoAdvance, setAutoAdvance] = useState(wanted ? 0 : 2);

  useEffect(() => {
    let stale = false;
    const range = monthRange(month, maxDaysAhead);
    setLoading(true);
    setError(null);
    (range ? load(range.from, range.to, timeZone) : Promise.resolve([]))
      .then((result) => {
        if (stale) return;
        const inMonth = result.filter((d) => d.date.startsWith(month) && d.slots.length > 0);
        setDays(inMonth);
        setLoading(false);
        if (wanted) {
          if (inMonth.some((d) => d.date === wanted)) setSelected(wanted);
          setWanted(null);
        }
        // First visit: if this month is already fully booked, look at the next one.
        if (inMonth.length === 0 && autoAdvance > 0 && `${month}-31` < lastDay) {
          setAutoAdvance(autoAdvance - 1);
          setMonth(
            new Date(Date.UTC(+month.slice(0, 4), +month.slice(5), 1)).toISOString().slice(0, 7),
          );
        } else {
          setAutoAdvance(0);
        }
      })
      .catch((e: unknown) => {
        if (stale) return;
        setError(slotErrorMessage(e));
        setLoading(false);
        p.onLoadError?.(e);
      });
    return () => {
      stale = true;
    };
  }, [month, timeZone, refreshKey]);

  const available = new Map(days.map((d) => [d.date, d.slots.length]));
  const day = days.find((d) => d.date === selected);

  return (
    <>
      <div class="card">
        <MonthCalendar
          month={month}
          available={available}
          selected={selected}
          loading={loading}
          canPrev={month > today.slice(0, 7)}
          canNext={`${month}-31` < lastDay}
          onSelect={setSelected}
          onMonth={(m) => {
            setAutoAdvance(0);
            setMonth(m);
          }}
        />
        <p class="muted" aria-live="polite">
          {loading
            ? 'Loading available times…'
            : error
              ? ''
              : days.length === 0
                ? 'No available times this month.'
                : ''}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div class="card">
        {selected ? (
          <SlotList
            date={selected}
            slots={day?.slots ?? []}
            timeZone={timeZone}
            h12={h12}
            onPick={onPick}
          />
        ) : (
          <p class="muted">Pick a day to see its times.</p>
        )}
      </div>
    </>
  );
}
