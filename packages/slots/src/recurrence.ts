import * as rruleModule from 'rrule';

// rrule ships a UMD bundle as its CommonJS entry: Node's ESM loader sees only `default` on it,
// while a CommonJS require (and bundlers) see the named exports. Take RRule from whichever exists.
type RRuleModule = typeof rruleModule;
const RRule: RRuleModule['RRule'] =
  (rruleModule as Partial<RRuleModule>).RRule ?? (rruleModule as unknown as { default: RRuleModule }).default.RRule;
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
    throw new SlotsError('INVALID_RRULE', field, 'must be a single RRULE without DTSTART or TZID; put the first date in `start`');
  }
  let options;
  try {
    options = RRule.parseString(text);
  } catch (error) {
    throw new SlotsError('INVALID_RRULE', field, `is not a valid RRULE: ${(error as Error).message}`, { cause: error });
  }
  if (options.freq === undefined) throw new SlotsError('INVALID_RRULE', field, 'needs FREQ');
  const { year, month, day } = civilFromDays(startDay);
  let rrule: RecurrenceRule;
  try {
    rrule = new RRule({ ...options, dtstart: new Date(Date.UTC(year, month - 1, day)), tzid: null });
  } catch (error) {
    throw new SlotsError('INVALID_RRULE', field, `is not a valid RRULE: ${(error as Error).message}`, { cause: error });
  }
  if (parsed.size >= MAX_CACHED_RULES) parsed.clear();
  parsed.set(key, rrule);
  return rrule;
}

/** Host-local epoch days in `[fromDay, toDay]` on which `rule` occurs. */
export function occurrenceDays(rule: RecurrenceRule, fromDay: number, toDay: number): number[] {
  const dates = rule.between(new Date(fromDay * DAY), new Date(toDay * DAY + DAY - 1), true);
  const days: number[] = [];
  for (const date of dates) days.push(Math.floor(date.getTime() / DAY));
  return days;
}
