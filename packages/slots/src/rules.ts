import { formatDays, parseDays } from './calendar.js';
import { SlotsError } from './errors.js';
import { occurrenceDays, parseRecurrence, type RecurrenceRule } from './recurrence.js';
import type { AvailabilityRules, TimeWindow, Weekday } from './types.js';
import { assertTimeZone } from './zone.js';

/** Windows of one day as minute pairs `[start0, end0, start1, end1, ...]`, sorted, non-overlapping. */
export type DayWindows = readonly number[];

/** Validated, pre-parsed availability rules. */
export interface CompiledRules {
  readonly timeZone: string;
  /** Indexed by weekday, 0 = Sunday. */
  readonly weekly: readonly DayWindows[];
  readonly dateOverrides: ReadonlyMap<number, DayWindows>;
  readonly recurring: readonly { readonly rule: RecurrenceRule; readonly windows: DayWindows }[];
}

/** Weekday keys in `Date#getUTCDay` order. */
export const WEEKDAYS: readonly Weekday[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

const TIME_RE = /^(\d{2}):(\d{2})$/;

function parseTime(value: unknown, field: string, isEnd: boolean): number {
  const m = typeof value === 'string' ? TIME_RE.exec(value) : null;
  const hours = m ? Number(m[1]) : NaN;
  const minutes = m ? Number(m[2]) : NaN;
  const total = hours * 60 + minutes;
  const valid = m !== null && minutes < 60 && (hours < 24 || (isEnd && total === 1440));
  if (!valid) {
    throw new SlotsError(
      'INVALID_WINDOW',
      field,
      `must be a 24-hour time "HH:MM"${isEnd ? ' (or "24:00")' : ''}, got ${JSON.stringify(value)}`,
    );
  }
  return total;
}

/** Parses, checks and sorts the windows of one day. */
export function compileWindows(windows: unknown, field: string): DayWindows {
  if (!Array.isArray(windows))
    throw new SlotsError('INVALID_WINDOW', field, 'must be an array of { start, end } windows');
  const pairs: [number, number][] = [];
  windows.forEach((window: TimeWindow | undefined, i) => {
    if (typeof window !== 'object' || window === null)
      throw new SlotsError(
        'INVALID_WINDOW',
        `${field}[${i}]`,
        'must be { start: "HH:MM", end: "HH:MM" }',
      );
    const start = parseTime(window.start, `${field}[${i}].start`, false);
    const end = parseTime(window.end, `${field}[${i}].end`, true);
    if (end <= start)
      throw new SlotsError(
        'INVALID_WINDOW',
        `${field}[${i}].end`,
        `must be after start (${window.start}), got ${window.end}`,
      );
    pairs.push([start, end]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const [start, end] = pairs[i] as [number, number];
    const prev = pairs[i - 1];
    if (prev && start < prev[1])
      throw new SlotsError('OVERLAPPING_WINDOWS', field, 'windows of one day must not overlap');
    flat.push(start, end);
  }
  return flat;
}

const compiled = new WeakMap<AvailabilityRules, CompiledRules>();

/**
 * Validates availability rules once (time zone, windows, dates, RRULEs) into the form the engine
 * works on. Results are cached per rules object, so pass the same object again to skip the work.
 */
export function compileRules(rules: AvailabilityRules, field = 'rules'): CompiledRules {
  if (typeof rules !== 'object' || rules === null)
    throw new SlotsError('INVALID_WINDOW', field, 'must be an object');
  const hit = compiled.get(rules);
  if (hit) return hit;
  const timeZone = assertTimeZone(rules.timeZone, `${field}.timeZone`);
  const weeklyInput = rules.weekly ?? {};
  if (typeof weeklyInput !== 'object')
    throw new SlotsError('INVALID_WINDOW', `${field}.weekly`, 'must be an object keyed by weekday');
  for (const key of Object.keys(weeklyInput)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new SlotsError(
        'INVALID_WINDOW',
        `${field}.weekly.${key}`,
        `is not a weekday; use one of ${WEEKDAYS.join(', ')}`,
      );
    }
  }
  const weekly = WEEKDAYS.map((day) => {
    const windows = weeklyInput[day];
    return windows === undefined ? [] : compileWindows(windows, `${field}.weekly.${day}`);
  });
  const dateOverrides = new Map<number, DayWindows>();
  (rules.dateOverrides ?? []).forEach((override, i) => {
    const path = `${field}.dateOverrides[${i}]`;
    const day = typeof override?.date === 'string' ? parseDays(override.date) : undefined;
    if (day === undefined)
      throw new SlotsError(
        'INVALID_DATE',
        `${path}.date`,
        `must be a date "YYYY-MM-DD", got ${JSON.stringify(override?.date)}`,
      );
    if (dateOverrides.has(day))
      throw new SlotsError(
        'INVALID_DATE',
        `${path}.date`,
        `${formatDays(day)} is overridden twice`,
      );
    dateOverrides.set(day, compileWindows(override.windows, `${path}.windows`));
  });
  const recurring = (rules.recurringOverrides ?? []).map((override, i) => {
    const path = `${field}.recurringOverrides[${i}]`;
    const startDay = typeof override?.start === 'string' ? parseDays(override.start) : undefined;
    if (startDay === undefined)
      throw new SlotsError(
        'INVALID_DATE',
        `${path}.start`,
        `must be a date "YYYY-MM-DD", got ${JSON.stringify(override?.start)}`,
      );
    if (typeof override.rrule !== 'string')
      throw new SlotsError(
        'INVALID_RRULE',
        `${path}.rrule`,
        'must be an RRULE string such as "FREQ=WEEKLY;BYDAY=FR"',
      );
    return {
      rule: parseRecurrence(override.rrule, startDay, `${path}.rrule`),
      windows: compileWindows(override.windows, `${path}.windows`),
    };
  });
  const out: CompiledRules = { timeZone, weekly, dateOverrides, recurring };
  compiled.set(rules, out);
  return out;
}

/**
 * A function giving the windows of each host-local day in `[fromDay, toDay]`: date override, then
 * the first recurring override that occurs on the day, then the weekly hours.
 */
export function windowsResolver(
  rules: CompiledRules,
  fromDay: number,
  toDay: number,
): (day: number, weekday: number) => DayWindows {
  if (rules.recurring.length === 0 && rules.dateOverrides.size === 0) {
    return (_day, weekday) => rules.weekly[weekday] as DayWindows;
  }
  const recurringByDay = new Map<number, DayWindows>();
  for (const { rule, windows } of rules.recurring) {
    for (const day of occurrenceDays(rule, fromDay, toDay)) {
      if (!recurringByDay.has(day)) recurringByDay.set(day, windows);
    }
  }
  return (day, weekday) =>
    rules.dateOverrides.get(day) ??
    recurringByDay.get(day) ??
    (rules.weekly[weekday] as DayWindows);
}
