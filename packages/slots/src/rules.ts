import { formatDays, parseDays } from './calendar.js';
import { SlotsError } from './errors.js';
import { occurrenceDays, parseRecurrence } from './recurrence.js';
import type { RecurrenceRule } from './rrule.js';
import type { AvailabilityRules, TimeWindow, Weekday } from './types.js';
import { workMeter, type WorkMeter } from './work.js';
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

/** The value of an ASCII digit at `i`, or NaN. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

// Read by character codes, not a regular expression: a link can hold thousands of windows and
// they are all checked on every computation.
function parseTime(value: unknown, field: string, isEnd: boolean): number {
  const ok = typeof value === 'string' && value.length === 5 && value.charCodeAt(2) === 58;
  const hours = ok ? digit(value, 0) * 10 + digit(value, 1) : NaN;
  const minutes = ok ? digit(value, 3) * 10 + digit(value, 4) : NaN;
  const total = hours * 60 + minutes;
  const valid = minutes < 60 && (hours < 24 || (isEnd && total === 1440));
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
  const flat: number[] = [];
  let sorted = true;
  for (let i = 0; i < windows.length; i++) {
    const window = windows[i] as TimeWindow | undefined;
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
    if (flat.length > 0 && start < (flat[flat.length - 2] as number)) sorted = false;
    flat.push(start, end);
  }
  if (!sorted) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    flat.length = 0;
    for (const [start, end] of pairs) flat.push(start, end);
  }
  for (let i = 2; i < flat.length; i += 2) {
    if ((flat[i] as number) < (flat[i - 1] as number))
      throw new SlotsError('OVERLAPPING_WINDOWS', field, 'windows of one day must not overlap');
  }
  return flat;
}

const compiled = new WeakMap<AvailabilityRules, CompiledRules>();

/**
 * Validates availability rules once (time zone, windows, dates, RRULEs) into the form the engine
 * works on. Results are cached per rules object, so pass the same object again to skip the work.
 */
export function compileRules(
  rules: AvailabilityRules,
  field = 'rules',
  meter: WorkMeter = workMeter(),
): CompiledRules {
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
      rule: parseRecurrence(override.rrule, startDay, `${path}.rrule`, meter),
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
  meter: WorkMeter = workMeter(),
): (day: number, weekday: number) => DayWindows {
  if (rules.recurring.length === 0 && rules.dateOverrides.size === 0) {
    return (_day, weekday) => rules.weekly[weekday] as DayWindows;
  }
  const recurringByDay = new Map<number, DayWindows>();
  for (const { rule, windows } of rules.recurring) {
    for (const day of occurrenceDays(rule, fromDay, toDay, meter)) {
      if (!recurringByDay.has(day)) recurringByDay.set(day, windows);
    }
  }
  return (day, weekday) =>
    rules.dateOverrides.get(day) ??
    recurringByDay.get(day) ??
    (rules.weekly[weekday] as DayWindows);
}
