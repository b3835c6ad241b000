import { useEffect, useState } from 'preact/hooks';
import type { HostBooking } from '../common/types';
import { addDays, formatPlainDate, formatTime, isoWeekday, zonedParts } from '../common/time';
import { BookingDetails } from './booking-details';
import { fetchBookingsInRange } from './bookings-api';
import { setQuery, useSearch } from './router';

/**
 * The Monday of the week `?week=YYYY-MM-DD` names (any day of it), or null without a valid one.
 *
 * @example
 * mondayOf('2026-12-10'); // '2026-12-07'
 */
export function mondayOf(week: string | null): string | null {
  if (week === null || !/^\d{4}-\d{2}-\d{2}$/.test(week)) return null;
  const at = new Date(`${week}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== week) return null;
  return addDays(week, -isoWeekday(week));
}

/** What a meeting's button says: time, attendee, link and state, for a screen reader too. */
function eventLabel(b: HostBooking, timeZone: string): string {
  const when = `${formatTime(b.start, timeZone, false)} to ${formatTime(b.end, timeZone, false)}`;
  const state = b.status === 'cancelled' ? ', cancelled' : b.noShow ? ', no-show' : '';
  const link = b.linkTitle ? `, ${b.linkTitle}` : '';
  return `${when}, ${b.attendeeName}${link}${state}. Show details`;
}

const PX_PER_HOUR = 40;

interface Placed {
  booking: HostBooking;
  date: string;
  startMin: number;
  endMin: number;
}

/** A 7-day grid (Monday first) with meetings placed by their local time; prev/next week. */
export function WeekView({ timeZone, version }: { timeZone: string; version: number }) {
  const today = zonedParts(new Date(), timeZone).date;
  const thisMonday = addDays(today, -isoWeekday(today));
  // The week lives in the URL (`?week=`), so Back and reload return to it.
  const monday = mondayOf(useSearch().get('week')) ?? thisMonday;
  const setMonday = (next: string) => setQuery({ week: next === thisMonday ? undefined : next });
  const [open, setOpen] = useState<string | null>(null);
  const [all, setAll] = useState<HostBooking[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    // Only the shown week is fetched. Its days are dates in `timeZone`, which is at most 14 hours
    // from UTC, so a UTC range one day wider on each side holds them; the grid below keeps the
    // meetings whose local date is in the week.
    const from = `${addDays(monday, -1)}T00:00:00Z`;
    const to = `${addDays(monday, 8)}T00:00:00Z`;
    let current = true;
    setError('');
    Promise.all(
      (['upcoming', 'past', 'no_show', 'cancelled'] as const).map((f) =>
        fetchBookingsInRange(f, from, to),
      ),
    )
      .then((lists) => {
        if (!current) return;
        const byId = new Map<string, HostBooking>();
        for (const list of lists) for (const b of list) byId.set(b.id, b);
        setAll([...byId.values()]);
      })
      .catch((e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [monday, version]);

  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const placed: Placed[] = [];
  for (const b of all) {
    const s = zonedParts(b.start, timeZone);
    if (s.date < days[0]! || s.date > days[6]!) continue;
    const e = zonedParts(b.end, timeZone);
    placed.push({
      booking: b,
      date: s.date,
      startMin: s.minutes,
      endMin: e.date === s.date ? Math.max(e.minutes, s.minutes + 15) : 24 * 60,
    });
  }
  const firstHour = Math.min(8, ...placed.map((p) => Math.floor(p.startMin / 60)));
  const lastHour = Math.max(18, ...placed.map((p) => Math.ceil(p.endMin / 60)));
  const height = (lastHour - firstHour) * PX_PER_HOUR;
  const hours = Array.from({ length: lastHour - firstHour + 1 }, (_, i) => firstHour + i);
  const y = (min: number) => ((min - firstHour * 60) / 60) * PX_PER_HOUR;
  const range = `${formatPlainDate(days[0]!, { month: 'short', day: 'numeric' })} – ${formatPlainDate(
    days[6]!,
    { month: 'short', day: 'numeric', year: 'numeric' },
  )}`;

  return (
    <section class="card" aria-labelledby="week-heading" data-testid="week-view">
      <div class="row spread">
        <h2 id="week-heading">
          Week of <span data-testid="week-range">{range}</span>
        </h2>
        <div class="row">
          <button type="button" onClick={() => setMonday(addDays(monday, -7))}>
            ‹ Previous week
          </button>
          <button type="button" onClick={() => setMonday(thisMonday)}>
            This week
          </button>
          <button type="button" onClick={() => setMonday(addDays(monday, 7))}>
            Next week ›
          </button>
        </div>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="muted" aria-live="polite">
        {placed.length} {placed.length === 1 ? 'meeting' : 'meetings'} this week.
      </p>
      {/* Scrolls sideways on narrow screens: focusable so the keyboard can scroll it too. */}
      <div
        class="week-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Meetings of the week of ${range}`}
      >
        <div class="week">
          <div />
          {days.map((d) => (
            <div key={d} class={d === today ? 'col-head today' : 'col-head'}>
              {formatPlainDate(d, { weekday: 'short', day: 'numeric' })}
            </div>
          ))}
          <div class="hours" style={{ height: `${height}px` }} aria-hidden="true">
            {hours.map((h) => (
              <span key={h} class="hour-label" style={{ top: `${y(h * 60)}px` }}>
                {String(h).padStart(2, '0')}:00
              </span>
            ))}
          </div>
          {days.map((d) => {
            const items = placed
              .filter((p) => p.date === d)
              .sort((a, b) => a.startMin - b.startMin);
            return (
              <ul
                key={d}
                class="day-col"
                style={{ height: `${height}px`, margin: 0, padding: 0, listStyle: 'none' }}
                aria-label={formatPlainDate(d, { weekday: 'long', month: 'long', day: 'numeric' })}
              >
                {hours.map((h) => (
                  <li
                    key={`h${h}`}
                    class="hour-line"
                    style={{ top: `${y(h * 60)}px` }}
                    aria-hidden="true"
                  />
                ))}
                {items.map((p) => (
                  <li
                    key={p.booking.id}
                    class={p.booking.status === 'cancelled' ? 'meeting cancelled' : 'meeting'}
                    data-booking-id={p.booking.id}
                    style={{
                      top: `${y(p.startMin)}px`,
                      height: `${Math.max(y(p.endMin) - y(p.startMin), 18)}px`,
                    }}
                  >
                    <button
                      type="button"
                      class="week-event"
                      aria-label={eventLabel(p.booking, timeZone)}
                      onClick={() => setOpen(p.booking.id)}
                    >
                      <strong>{formatTime(p.booking.start, timeZone, false)}</strong>{' '}
                      {p.booking.attendeeName}
                      {p.booking.noShow && ' (no-show)'}
                    </button>
                  </li>
                ))}
              </ul>
            );
          })}
        </div>
      </div>
      {open && (
        <BookingDetails bookingId={open} timeZone={timeZone} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}
