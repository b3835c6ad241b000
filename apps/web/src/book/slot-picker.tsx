import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../common/api';
import { t } from '../common/i18n';
import type { Slot, SlotDay } from '../common/types';
import { addDays, zonedParts } from '../common/time';
import { MonthCalendar } from './month-calendar';
import { SLOTS_HEADING_ID, SlotList } from './slot-list';

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
  initialDate?: string | null;
  /** `YYYY-MM`: the month to open when no day is given. */
  initialMonth?: string | null;
  /**
   * ISO start of a slot to go back to (a shared or reloaded details step): once its day is
   * loaded, `onRestoreSlot` gets the slot if it is still offered, or null.
   */
  initialSlot?: string | null;
  onRestoreSlot?(slot: Slot | null): void;
  /**
   * The month or day shown changed: `push` when the attendee did it (a step to go Back to),
   * `replace` when the page did (the first day with times chosen for them).
   */
  onView?(view: { month: string; date: string | null }, how: 'push' | 'replace'): void;
  /** ISO start of the booking being moved: shown in its day's list, not selectable. */
  currentStart?: string;
  onPick(slot: Slot): void;
  /** The times could not be loaded (the page shows why). */
  onLoadError?(error: unknown): void;
}

const HOUR = 3_600_000;

/**
 * What the page says when the host's calendar cannot be read (503 `CALENDAR_UNAVAILABLE`), in the
 * current language.
 */
export function calendarUnavailableMessage(): string {
  return t('slots.calendarUnavailable');
}

/**
 * An error of the public API calls in the attendee's words: the page's own message for the codes
 * it knows, else the server's (English) message.
 */
export function slotErrorMessage(e: unknown): string {
  if (e instanceof ApiError && e.code === 'CALENDAR_UNAVAILABLE')
    return calendarUnavailableMessage();
  if (e instanceof ApiError && e.code === 'NETWORK') return t('api.network');
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

/** Scrolls the chosen day's times into view and moves focus to their heading. */
function revealTimes(): void {
  const heading = document.getElementById(SLOTS_HEADING_ID);
  if (!heading) return;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  // On a phone the list starts below the calendar, out of sight: bring it up, and let screen
  // readers follow to the day they chose.
  heading.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  heading.focus({ preventScroll: true });
}

/**
 * Month view + the chosen day's slots, fetched per visible month in the attendee's zone. With no
 * day asked for, the first day with times is chosen.
 */
export function SlotPicker(p: Props) {
  const { load, timeZone, h12, maxDaysAhead, refreshKey, onPick } = p;
  const today = zonedParts(new Date(), timeZone).date;
  const lastDay = addDays(today, maxDaysAhead);
  const inRange = (date: string | null | undefined) =>
    date && date >= today && date <= lastDay ? date : null;
  const slotDate = p.initialSlot ? zonedParts(p.initialSlot, timeZone).date : null;
  // A requested day outside the bookable range is ignored: the page opens as usual.
  const [wanted, setWanted] = useState(() => inRange(slotDate ?? p.initialDate));
  const [wantedSlot, setWantedSlot] = useState(p.initialSlot ?? null);
  const [month, setMonth] = useState(() => {
    const asked = p.initialMonth && inRange(`${p.initialMonth}-28`) ? p.initialMonth : null;
    return (wanted ?? asked ?? today).slice(0, 7);
  });
  const [days, setDays] = useState<SlotDay[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  /** Why the times could not be loaded (worded at render, in the current language). */
  const [error, setError] = useState<{ cause: unknown } | null>(null);
  const [retry, setRetry] = useState(0);
  /** Bumped when the attendee picks a day, to bring its times into view. */
  const [picked, setPicked] = useState(0);
  // The requested day's (or month's) month stays open even when it is fully booked.
  const [autoAdvance, setAutoAdvance] = useState(wanted || p.initialMonth ? 0 : 2);

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
        // First visit: if this month is already fully booked, look at the next one.
        if (inMonth.length === 0 && autoAdvance > 0 && `${month}-31` < lastDay) {
          setAutoAdvance(autoAdvance - 1);
          setMonth(
            new Date(Date.UTC(+month.slice(0, 4), +month.slice(5), 1)).toISOString().slice(0, 7),
          );
          return;
        }
        setAutoAdvance(0);
        const has = (d: string | null) => !!d && inMonth.some((x) => x.date === d);
        let day: string | null;
        if (wanted && has(wanted)) day = wanted;
        else if (has(selected)) day = selected;
        else day = inMonth[0]?.date ?? null;
        setWanted(null);
        setSelected(day);
        p.onView?.({ month, date: day }, 'replace');
        if (wantedSlot) {
          setWantedSlot(null);
          const slot = inMonth.flatMap((d) => d.slots).find((s) => s.start === wantedSlot);
          p.onRestoreSlot?.(slot && slot.start !== p.currentStart ? slot : null);
        }
      })
      .catch((e: unknown) => {
        if (stale) return;
        setError({ cause: e });
        setLoading(false);
        p.onLoadError?.(e);
      });
    return () => {
      stale = true;
    };
  }, [month, timeZone, refreshKey, retry]);

  useEffect(() => {
    if (picked) revealTimes();
  }, [picked]);

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
          onSelect={(date) => {
            setSelected(date);
            setPicked((n) => n + 1);
            p.onView?.({ month, date }, 'push');
          }}
          onMonth={(m) => {
            setAutoAdvance(0);
            setMonth(m);
            p.onView?.({ month: m, date: null }, 'push');
          }}
        />
        <p class="muted" aria-live="polite">
          {loading
            ? t('slots.loadingTimes')
            : error
              ? ''
              : days.length === 0
                ? t('slots.noneThisMonth')
                : ''}
        </p>
        {error && (
          <div class="stack" data-testid="slots-error">
            <p class="error" role="alert">
              {slotErrorMessage(error.cause)}
            </p>
            <p>
              <button type="button" onClick={() => setRetry((n) => n + 1)}>
                {t('slots.retry')}
              </button>
            </p>
          </div>
        )}
      </div>
      <div class="card">
        {selected ? (
          <SlotList
            date={selected}
            slots={day?.slots ?? []}
            timeZone={timeZone}
            h12={h12}
            currentStart={p.currentStart}
            onPick={onPick}
          />
        ) : (
          <p class="muted">{loading ? t('status.loading') : t('slots.noDayThisMonth')}</p>
        )}
      </div>
    </>
  );
}
