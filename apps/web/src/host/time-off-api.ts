// The host's time off (`/api/host/time-off`): the type the Time off page reads, the calls, and the
// pure helpers that turn whole days in the host's zone into the API's instants and back.
import { ApiError, api, query } from '../common/api';
import { addDays, startOfZonedDay, zonedParts } from '../common/time';

/**
 * One out-of-office range: `[start, end)` as ISO instants, with an optional note.
 *
 * @example
 * ```ts
 * const { timeOff } = await fetchTimeOff(new Date(), new Date(Date.now() + 86_400_000));
 * timeOff.map((r: TimeOffRange) => r.note ?? 'Time off');
 * ```
 */
export interface TimeOffRange {
  id: string;
  start: string;
  end: string;
  note: string | null;
}

/**
 * The add form's fields, declared once: the field-error type derives from it.
 *
 * @example
 * ```ts
 * TIME_OFF_FIELDS.includes('firstDay'); // true
 * ```
 */
export const TIME_OFF_FIELDS = ['firstDay', 'lastDay', 'note'] as const;

/**
 * One of {@link TIME_OFF_FIELDS}.
 *
 * @example
 * ```ts
 * const field: TimeOffField = 'lastDay';
 * ```
 */
export type TimeOffField = (typeof TIME_OFF_FIELDS)[number];

/** Which form field each body property of the API is entered in. */
const FIELD_OF_PROPERTY: Readonly<Record<string, TimeOffField>> = {
  start: 'firstDay',
  end: 'lastDay',
  note: 'note',
};

/**
 * The ranges overlapping `[from, to)`, by start.
 *
 * @example
 * ```ts
 * const { timeOff } = await fetchTimeOff(new Date(), new Date(Date.now() + 30 * 86_400_000));
 * ```
 */
export function fetchTimeOff(from: Date, to: Date): Promise<{ timeOff: TimeOffRange[] }> {
  return api(
    'GET',
    `/api/host/time-off${query({ from: from.toISOString(), to: to.toISOString() })}`,
  );
}

/**
 * Adds a range; its slots leave all the host's links.
 *
 * @example
 * ```ts
 * const { timeOff } = await addTimeOff({ ...wholeDays('2026-12-24', '2026-12-26', 'Europe/Paris'), note: 'Holidays' });
 * ```
 */
export function addTimeOff(input: {
  start: string;
  end: string;
  note: string | null;
}): Promise<{ timeOff: TimeOffRange }> {
  return api('POST', '/api/host/time-off', input);
}

/**
 * Removes a range; its slots come back.
 *
 * @example
 * ```ts
 * await deleteTimeOff(range.id);
 * ```
 */
export function deleteTimeOff(id: string): Promise<void> {
  return api('DELETE', `/api/host/time-off/${encodeURIComponent(id)}`);
}

/**
 * The instants covering the whole days `firstDay` to `lastDay` (inclusive, `YYYY-MM-DD`) in
 * `timeZone`: from the first day's midnight to the midnight after the last day.
 *
 * @example
 * ```ts
 * wholeDays('2026-03-28', '2026-03-29', 'Europe/Paris');
 * // { start: '2026-03-27T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' }
 * ```
 */
export function wholeDays(
  firstDay: string,
  lastDay: string,
  timeZone: string,
): { start: string; end: string } {
  return {
    start: startOfZonedDay(firstDay, timeZone).toISOString(),
    end: startOfZonedDay(addDays(lastDay, 1), timeZone).toISOString(),
  };
}

/**
 * A range as whole days in `timeZone` (`lastDay` inclusive) when it starts and ends at the
 * start of a day there, otherwise null (e.g. a range added through the API at 14:00).
 *
 * @example
 * ```ts
 * asWholeDays({ id: 'r', start: '2026-12-23T23:00:00Z', end: '2026-12-26T23:00:00Z', note: null }, 'Europe/Paris');
 * // { firstDay: '2026-12-24', lastDay: '2026-12-26' }
 * ```
 */
export function asWholeDays(
  range: TimeOffRange,
  timeZone: string,
): { firstDay: string; lastDay: string } | null {
  const firstDay = zonedParts(range.start, timeZone).date;
  const afterLast = zonedParts(range.end, timeZone).date;
  const atDayStart = (iso: string, day: string) =>
    startOfZonedDay(day, timeZone).getTime() === new Date(iso).getTime();
  if (!atDayStart(range.start, firstDay) || !atDayStart(range.end, afterLast)) return null;
  return { firstDay, lastDay: addDays(afterLast, -1) };
}

/**
 * The form field an API error belongs to (from its first `VALIDATION_FAILED` detail) with that
 * detail's message, or null when the error is about the whole form.
 *
 * @example
 * ```ts
 * errorAtField(new ApiError(400, 'VALIDATION_FAILED', 'Invalid', [{ path: 'end', message: 'must be after start' }]));
 * // { field: 'lastDay', message: 'must be after start' }
 * ```
 */
export function errorAtField(err: unknown): { field: TimeOffField; message: string } | null {
  if (!(err instanceof ApiError)) return null;
  const first = err.details[0];
  if (!first) return null;
  const key = String(Array.isArray(first.path) ? first.path[0] : first.path.split('.')[0]);
  const field = FIELD_OF_PROPERTY[key];
  return field ? { field, message: first.message } : null;
}
