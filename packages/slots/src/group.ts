import { DAY, formatDays } from './calendar.js';
import type { DaySlots, Slot } from './types.js';
import { assertTimeZone, localDayOf, zoneTable } from './zone.js';

/**
 * The attendee's view: slots grouped by date in the attendee's time zone, dates in order. Slots
 * must be sorted by start (as every function of this package returns them).
 *
 * @example
 * ```ts
 * import { computeSlots, groupSlotsByDay } from '@workestra/slots';
 *
 * const slots = computeSlots({
 *   rules: { timeZone: 'America/New_York', weekly: { monday: [{ start: '17:00', end: '21:00' }] } },
 *   from: '2026-11-02T00:00:00Z', to: '2026-11-03T12:00:00Z', now: '2026-11-01T00:00:00Z',
 * });
 * groupSlotsByDay(slots, 'Asia/Tokyo').map((d) => d.date); // ['2026-11-03']: Monday evening in NY is Tuesday morning in Tokyo
 * ```
 */
export function groupSlotsByDay<S extends Slot>(
  slots: readonly S[],
  timeZone: string,
): DaySlots<S>[] {
  assertTimeZone(timeZone, 'timeZone');
  const out: { date: string; slots: S[] }[] = [];
  if (slots.length === 0) return out;
  const first = (slots[0] as S).start;
  const last = (slots[slots.length - 1] as S).start;
  const table = zoneTable(
    timeZone,
    Math.min(first, last) - 2 * DAY,
    Math.max(first, last) + 2 * DAY,
  );
  let currentDay = NaN;
  let current: S[] = [];
  for (const slot of slots) {
    const day = localDayOf(table, slot.start);
    if (day !== currentDay) {
      current = [];
      out.push({ date: formatDays(day), slots: current });
      currentDay = day;
    }
    current.push(slot);
  }
  return out;
}
