import * as rruleModule from 'rrule';

// rrule ships a UMD bundle as its CommonJS entry: Node's ESM loader sees only `default` on it,
// while a CommonJS require (and bundlers) see the named exports. Take RRule from whichever exists.
type RRuleModule = typeof rruleModule;
const RRule: RRuleModule['RRule'] =
  (rruleModule as Partial<RRuleModule>).RRule ??
  (rruleModule as unknown as { default: RRuleModule }).default.RRule;
/** A parsed, floating recurrence rule. */
export type RecurrenceRule = InstanceType<RRuleModule['RRule']>;
import { DAY, civilFromDays } from './calendar.js';
import { SlotsError } from './errors.js';

const parsed = new Map<string, RecurrenceRule>();
const MAX_CACHED_RULES = 500;

/**
 * Parses an RRULE anchored at a host-local date. rrule's results depend on the process time zone
 * when it is given a TZID, so the rule is built "floating": DTSTART is the date at 00:00 UTC and
 * results are read back through their UTC fields as host-local dates.
 */
export function parseRecurrence(rule: string, startDay: number, field: string): RecurrenceRule {
  const key = `${startDay}|${rule}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|TZID|\n/i.test(text)) {
    throw new SlotsError(
      'INVALID_RRULE',
      field,
      'must be a single RRULE without DTSTART or TZID; put the first date in `start`',
    );
  }
  let rrule: RecurrenceRule;
  try {
    const options = RRule.parseString(text);
    checkOptions(options as unknown as Record<string, unknown>, field);
    const { year, month, day } = civilFromDays(startDay);
    rrule = new RRule({
      ...options,
      dtstart: new Date(Date.UTC(year, month - 1, day)),
      tzid: null,
    });
  } catch (error) {
    if (error instanceof SlotsError) throw error;
    throw new SlotsError(
      'INVALID_RRULE',
      field,
      `is not a valid RRULE: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (parsed.size >= MAX_CACHED_RULES) parsed.clear();
  parsed.set(key, rrule);
  return rrule;
}

/** RFC 5545 value ranges of the parts that can appear in a date rule. */
const RANGES: Record<string, readonly [number, number, boolean]> = {
  // [min, max, zero allowed]
  count: [1, 100_000, false],
  interval: [1, 10_000, false],
  bymonth: [1, 12, false],
  bymonthday: [-31, 31, false],
  byyearday: [-366, 366, false],
  byweekno: [-53, 53, false],
  bysetpos: [-366, 366, false],
};

/**
 * rrule accepts nonsense such as `INTERVAL=abc` (and then loops forever) or `BYMONTH=13`; refuse
 * it here with the part named. Overrides are whole dates, so frequencies below a day and
 * BYHOUR/BYMINUTE/BYSECOND are refused too.
 */
function checkOptions(options: Record<string, unknown>, field: string): void {
  const freq = options['freq'];
  if (typeof freq !== 'number') throw new SlotsError('INVALID_RRULE', field, 'needs FREQ');
  if (freq > RRule.DAILY) {
    throw new SlotsError(
      'INVALID_RRULE',
      field,
      'FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY: overrides apply to whole dates',
    );
  }
  for (const part of ['byhour', 'byminute', 'bysecond']) {
    if (options[part] !== undefined && options[part] !== null) {
      throw new SlotsError(
        'INVALID_RRULE',
        field,
        `${part.slice(2).toUpperCase()} is not allowed: overrides apply to whole dates`,
      );
    }
  }
  for (const [part, [min, max, zero]] of Object.entries(RANGES)) {
    const value = options[part];
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (
        typeof v !== 'number' ||
        !Number.isInteger(v) ||
        v < min ||
        v > max ||
        (!zero && v === 0)
      ) {
        throw new SlotsError(
          'INVALID_RRULE',
          field,
          `${part.toUpperCase()}=${String(v)} is out of range (${min}..${max})`,
        );
      }
    }
  }
  const until = options['until'];
  if (
    until !== undefined &&
    until !== null &&
    !(until instanceof Date && Number.isFinite(until.getTime()))
  ) {
    throw new SlotsError('INVALID_RRULE', field, 'UNTIL is not a valid date');
  }
}

/** Host-local epoch days in `[fromDay, toDay]` on which `rule` occurs. */
export function occurrenceDays(rule: RecurrenceRule, fromDay: number, toDay: number): number[] {
  const dates = rule.between(new Date(fromDay * DAY), new Date(toDay * DAY + DAY - 1), true);
  const days: number[] = [];
  for (const date of dates) days.push(Math.floor(date.getTime() / DAY));
  return days;
}
