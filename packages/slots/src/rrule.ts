import { civilFromDays, daysFromCivil } from './calendar.js';
import { SlotsError } from './errors.js';

/**
 * An RFC 5545 recurrence rule over whole dates, as parsed: the syntax is checked and every number
 * range-checked, nothing is expanded yet (see `recurrence.ts`).
 */
export interface RecurrenceRule {
  readonly freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  readonly interval: number;
  readonly count: number | undefined;
  /** Last date (epoch day) that may occur. */
  readonly until: number | undefined;
  /** Weekdays 0 = Sunday..6, with an ordinal (0 = every) for MONTHLY/YEARLY. */
  readonly byDay: readonly { readonly weekday: number; readonly n: number }[] | undefined;
  readonly byMonthDay: readonly number[] | undefined;
  readonly byMonth: readonly number[] | undefined;
  readonly bySetPos: readonly number[] | undefined;
  /** First day of the week for WEEKLY periods, 0 = Sunday. Default Monday. */
  readonly weekStart: number;
  /** Epoch day of the first date the rule counts from. */
  readonly start: number;
  /** The start's civil year, month and day of the month, read once for every period to use. */
  readonly y0: number;
  readonly m0: number;
  readonly d0: number;
  /** The BY-lists as lookup tables for DAILY rules, which test every day of their walk. */
  readonly masks: {
    /** Index 1..12. */
    readonly month: Uint8Array | undefined;
    /** Index 1..31 for positive entries, 1..31 for `-n` in `fromEnd`. */
    readonly monthDay: Uint8Array | undefined;
    readonly fromEnd: Uint8Array | undefined;
    /** Index 0 (Sunday)..6. */
    readonly weekday: Uint8Array | undefined;
  };
}

function mask(size: number, indexes: readonly number[]): Uint8Array {
  const out = new Uint8Array(size);
  for (const i of indexes) out[i] = 1;
  return out;
}

const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const MIN_START_YEAR = 1900;

function fail(field: string, message: string): never {
  throw new SlotsError('INVALID_RRULE', field, message);
}

function integers(value: string, part: string, min: number, max: number, field: string): number[] {
  return value.split(',').map((text) => {
    const n = /^[+-]?\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < min || n > max || n === 0) {
      fail(field, `${part}=${text} is out of range (${min}..${max}, not 0)`);
    }
    return n;
  });
}

function parseUntil(value: string, field: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  const day = m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  const back = Number.isNaN(day) ? undefined : civilFromDays(day);
  if (!m || !back || back.month !== Number(m[2]) || back.day !== Number(m[3])) {
    fail(field, `UNTIL=${value} is not a date (YYYYMMDD or YYYYMMDDTHHMMSSZ)`);
  }
  return day;
}

/**
 * Parses `FREQ=...;...` (an optional `RRULE:` prefix allowed) anchored at a host-local date.
 * Supported: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY,
 * BYMONTH, BYSETPOS, WKST. Anything else is refused with `INVALID_RRULE`, never ignored.
 */
export function parseRRule(text: string, startDay: number, field: string): RecurrenceRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|TZID|[\r\n]/i.test(body)) {
    fail(field, 'must be a single RRULE without DTSTART or TZID; put the first date in `start`');
  }
  if (civilFromDays(startDay).year < MIN_START_YEAR) {
    throw new SlotsError(
      'INVALID_DATE',
      field.replace(/rrule$/, 'start'),
      `must be in ${MIN_START_YEAR} or later`,
    );
  }
  const parts = new Map<string, string>();
  for (const item of body.split(';')) {
    const eq = item.indexOf('=');
    const key = eq > 0 ? item.slice(0, eq).trim().toUpperCase() : '';
    const value =
      eq > 0
        ? item
            .slice(eq + 1)
            .trim()
            .toUpperCase()
        : '';
    if (!key || !value) fail(field, `"${item}" is not KEY=VALUE`);
    if (parts.has(key)) fail(field, `${key} appears twice`);
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) fail(field, 'needs FREQ');
  if (!(FREQS as readonly string[]).includes(freq)) {
    fail(
      field,
      `FREQ=${freq} is not supported: use YEARLY, MONTHLY, WEEKLY or DAILY (overrides apply to whole dates)`,
    );
  }
  for (const key of parts.keys()) {
    if (
      ![
        'FREQ',
        'INTERVAL',
        'COUNT',
        'UNTIL',
        'BYDAY',
        'BYMONTHDAY',
        'BYMONTH',
        'BYSETPOS',
        'WKST',
      ].includes(key)
    ) {
      fail(field, `${key} is not supported in availability overrides`);
    }
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) fail(field, 'COUNT and UNTIL must not both be set');
  const get = (key: string) => parts.get(key);
  const interval = get('INTERVAL')
    ? integers(get('INTERVAL')!, 'INTERVAL', 1, 10_000, field)[0]!
    : 1;
  const count = get('COUNT') ? integers(get('COUNT')!, 'COUNT', 1, 100_000, field)[0] : undefined;
  const until = get('UNTIL') ? parseUntil(get('UNTIL')!, field) : undefined;
  const byMonthDay = get('BYMONTHDAY')
    ? integers(get('BYMONTHDAY')!, 'BYMONTHDAY', -31, 31, field)
    : undefined;
  // A set of months: sorted, so that yearly periods list their days in order.
  const byMonth = get('BYMONTH')
    ? [...new Set(integers(get('BYMONTH')!, 'BYMONTH', 1, 12, field))].sort((a, b) => a - b)
    : undefined;
  const bySetPos = get('BYSETPOS')
    ? integers(get('BYSETPOS')!, 'BYSETPOS', -366, 366, field)
    : undefined;
  const wkst = get('WKST');
  const weekStart = wkst === undefined ? 1 : WEEKDAY_CODES.indexOf(wkst);
  if (weekStart < 0) fail(field, `WKST=${wkst} is not a weekday (MO, TU, ...)`);
  const byDay = get('BYDAY')
    ?.split(',')
    .map((code) => {
      const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(code);
      if (!m) fail(field, `BYDAY=${code} is not a weekday such as MO, 1MO or -1FR`);
      const n = m[1] === undefined ? 0 : Number(m[1]);
      if (m[1] !== undefined && (n === 0 || Math.abs(n) > 53))
        fail(field, `BYDAY=${code}: the ordinal must be 1..53 or -53..-1`);
      if (n !== 0 && freq !== 'MONTHLY' && freq !== 'YEARLY')
        fail(field, `BYDAY=${code}: ordinals only go with MONTHLY or YEARLY`);
      return { weekday: WEEKDAY_CODES.indexOf(m[2]!), n };
    });
  if (byMonthDay && freq === 'WEEKLY') fail(field, 'BYMONTHDAY does not go with FREQ=WEEKLY');
  if (byMonthDay && byDay?.some((d) => d.n !== 0))
    fail(field, 'BYDAY with an ordinal does not go with BYMONTHDAY');
  return {
    freq: freq as RecurrenceRule['freq'],
    interval,
    count,
    until,
    byDay,
    byMonthDay,
    byMonth,
    bySetPos,
    weekStart,
    start: startDay,
    y0: civilFromDays(startDay).year,
    m0: civilFromDays(startDay).month,
    d0: civilFromDays(startDay).day,
    masks: {
      month: byMonth && mask(13, byMonth),
      monthDay:
        byMonthDay &&
        mask(
          32,
          byMonthDay.filter((md) => md > 0),
        ),
      fromEnd:
        byMonthDay &&
        mask(
          32,
          byMonthDay.filter((md) => md < 0).map((md) => -md),
        ),
      weekday:
        byDay &&
        mask(
          7,
          byDay.map((b) => b.weekday),
        ),
    },
  };
}
