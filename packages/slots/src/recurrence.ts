import { civilFromDays, daysFromCivil, formatDays } from './calendar.js';
import { SlotsError } from './errors.js';
import { periodDays, periodOf, periodStart, walkDaily, dailyYields } from './periods.js';
import { parseRRule, type RecurrenceRule } from './rrule.js';
import { workMeter, type WorkMeter } from './work.js';

/**
 * RFC 5545 recurrence rules over whole dates, expanded with integer date arithmetic.
 *
 * Why not the `rrule` package at run time: it walks every period from DTSTART and checks the end
 * of the range only when a date matches, so a rule that never matches (`FREQ=DAILY;BYMONTH=2;
 * BYMONTHDAY=30`) iterates to the year 9999 (about 5 s per call), and ordinary rules cost
 * milliseconds per call. Here every expansion jumps straight to the periods of the requested
 * range, so its cost is bounded by the range, wherever the rule starts. A rule with COUNT is
 * resolved once, when it is parsed, into the date of its last occurrence (an UNTIL), by a walk
 * that may cover at most {@link COUNT_HORIZON_YEARS} years from the start. The test suite checks
 * this expander against `rrule` on random rules.
 */

/** A rule with COUNT must reach its last date within this many years of its start. */
export const COUNT_HORIZON_YEARS = 10;

/** Resolved last dates of COUNT rules by rule text and start (`NaN`: not reached in time). */
const lastDates = new Map<string, number>();
const MAX_CACHED_RULES = 10_000;

/** The epoch day `years` years after `day` (a 29 February moves to 1 March). */
function yearsAfter(day: number, years: number): number {
  const { year, month, day: dom } = civilFromDays(day);
  return daysFromCivil(year + years, month, 1) + dom - 1;
}

/**
 * The date of the `count`-th occurrence, walking the periods from the start; `NaN` when the rule
 * does not reach it within the horizon. The walk's length is bounded by the horizon alone.
 */
function lastOccurrence(rule: RecurrenceRule, count: number, meter: WorkMeter): number {
  const horizon = yearsAfter(rule.start, COUNT_HORIZON_YEARS);
  let seen = 0;
  if (rule.freq === 'DAILY') {
    let found = NaN;
    meter.periods += walkDaily(rule, 0, horizon, (day, year, month, dom) => {
      if (dailyYields(rule, day, year, month, dom) && ++seen === count) found = day;
      return Number.isNaN(found);
    });
    return found;
  }
  const days: number[] = [];
  for (let k = 0; periodStart(rule, k) <= horizon; k++) {
    meter.periods++;
    periodDays(rule, k, days);
    for (const day of days) {
      if (day < rule.start) continue;
      if (day > horizon) return NaN;
      if (++seen === count) return day;
    }
  }
  return NaN;
}

/**
 * Parses an RRULE (see {@link parseRRule}) and resolves a COUNT into the date of the last
 * occurrence, so that no later expansion walks from the start. A COUNT not reached within
 * {@link COUNT_HORIZON_YEARS} years is refused with `INVALID_RRULE`.
 */
export function parseRecurrence(
  text: string,
  startDay: number,
  field: string,
  meter: WorkMeter = workMeter(),
): RecurrenceRule {
  const rule = parseRRule(text, startDay, field);
  if (rule.count === undefined) return rule;
  const key = `${text.trim().toUpperCase()}|${startDay}`;
  let last = lastDates.get(key);
  if (last === undefined) {
    last = lastOccurrence(rule, rule.count, meter);
    if (lastDates.size >= MAX_CACHED_RULES) lastDates.clear();
    lastDates.set(key, last);
  }
  if (Number.isNaN(last)) {
    throw new SlotsError(
      'INVALID_RRULE',
      field,
      `COUNT=${rule.count} is not reached within ${COUNT_HORIZON_YEARS} years of the start ` +
        `(${formatDays(startDay)}): lower COUNT, or end the rule with UNTIL or not at all`,
    );
  }
  return { ...rule, until: last };
}

/**
 * Host-local epoch days in `[fromDay, toDay]` on which `rule` occurs. Walks only the periods that
 * overlap the range: a COUNT was turned into an UNTIL by {@link parseRecurrence}.
 */
export function occurrenceDays(
  rule: RecurrenceRule,
  fromDay: number,
  toDay: number,
  meter: WorkMeter = workMeter(),
): number[] {
  const last = rule.until === undefined ? toDay : Math.min(toDay, rule.until);
  const first = Math.max(fromDay, rule.start);
  const out: number[] = [];
  if (first > last) return out;
  if (rule.freq === 'DAILY') {
    meter.periods += walkDaily(rule, periodOf(rule, first), last, (day, year, month, dom) => {
      if (day >= first && dailyYields(rule, day, year, month, dom)) out.push(day);
      return true;
    });
    return out;
  }
  const days: number[] = [];
  for (let k = periodOf(rule, first); periodStart(rule, k) <= last; k++) {
    meter.periods++;
    periodDays(rule, k, days);
    for (const day of days) if (day >= first && day <= last) out.push(day);
  }
  return out;
}
