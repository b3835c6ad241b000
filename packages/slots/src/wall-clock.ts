import { DAY, MINUTE, parseDays } from './calendar.js';
import { SlotsError } from './errors.js';
import { assertTimeZone, localToInstant, zoneTable } from './zone.js';

/**
 * Epoch ms of a wall-clock date and time in an IANA zone, with the same DST rule as the engine
 * (Temporal's `'compatible'`: a time in a gap moves forward by the gap, an ambiguous time takes the
 * earlier instant; `24:00` is the next day's midnight).
 *
 * @example
 * ```ts
 * import { wallClockToInstant } from '@workestra/slots';
 * new Date(wallClockToInstant('2026-03-08', '02:30', 'America/New_York')).toISOString();
 * // '2026-03-08T07:30:00.000Z' (02:30 does not exist that night; it is read as 03:30 EDT)
 * ```
 */
export function wallClockToInstant(date: string, time: string, timeZone: string): number {
  assertTimeZone(timeZone, 'timeZone');
  const day = parseDays(date);
  if (day === undefined)
    throw new SlotsError(
      'INVALID_DATE',
      'date',
      `must be a date "YYYY-MM-DD", got ${JSON.stringify(date)}`,
    );
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) >= 60 || minutes > 1440)
    throw new SlotsError('INVALID_WINDOW', 'time', `must be "HH:MM", got ${JSON.stringify(time)}`);
  const local = day * DAY + minutes * MINUTE;
  return localToInstant(zoneTable(timeZone, local - 3 * DAY, local + 3 * DAY), local);
}
