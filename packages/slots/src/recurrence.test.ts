import { fc, test as propTest } from '@fast-check/vitest';
import * as rruleModule from 'rrule';
import { describe, expect, test } from 'vitest';
import { DAY, civilFromDays, daysFromCivil, formatDays } from './calendar.js';
import { SlotsError } from './errors.js';
import { COUNT_HORIZON_YEARS, occurrenceDays, parseRecurrence } from './recurrence.js';
import { workMeter } from './work.js';

// rrule is the oracle: the engine expands rules itself (bounded cost), and must agree with it.
type RRuleModule = typeof rruleModule;
const { RRule } =
  (rruleModule as Partial<RRuleModule>).RRule !== undefined
    ? (rruleModule as RRuleModule)
    : (rruleModule as unknown as { default: RRuleModule }).default;

const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

/** rrule, floating: DTSTART at 00:00 UTC, results read back through their UTC dates. */
function oracle(text: string, start: number, from: number, to: number): number[] {
  const rule = new RRule({
    ...RRule.parseString(text),
    dtstart: new Date(start * DAY),
    tzid: null,
  });
  return rule
    .between(new Date(from * DAY), new Date(to * DAY + DAY - 1), true)
    .map((d) => Math.floor(d.getTime() / DAY));
}

// Only combinations the engine accepts. rrule checks UNTIL (and the end of the range) only on the
// dates a rule produces, so a rule that produces none walks to the year 9999 (seconds for a DAILY
// rule), which is exactly why the engine does not use it at run time. Month days 29-31 therefore
// come with a day every month has, and BYSETPOS positions past +-1 with a position every non-empty
// set has (see below); both also carry an UNTIL.
const RISKY_MONTH_DAY = 29;
const SAFE_SET_POS = ['1', '-1'];
const untilArb = fc
  .integer({ min: 0, max: 2000 })
  .map((n) => `UNTIL=${formatDays(day(2024, 1, 1) + n).replace(/-/g, '')}`);
const ruleArb = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    end: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 1, max: 30 }).map((n) => `COUNT=${n}`),
      untilArb,
    ),
    until: untilArb,
    byDay: fc.option(
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
    ),
    ordinal: fc.option(fc.constantFrom(1, 2, 3, -1, -2)),
    byMonthDay: fc.option(
      fc.uniqueArray(fc.constantFrom(1, 2, 13, 15, 28, 29, 30, 31, -1, -7), {
        minLength: 1,
        maxLength: 2,
      }),
    ),
    byMonth: fc.option(
      fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
    ),
    bySetPos: fc.option(
      fc.constantFrom('1', '-1', '2', '3', '-2', '-3', '1,2', '1,3', '2,-1', '-2,-1', '1,-1'),
    ),
    wkst: fc.option(fc.constantFrom('MO', 'SU', 'WE')),
  })
  .map((r) => {
    const parts = [`FREQ=${r.freq}`];
    if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
    const monthly = r.freq === 'MONTHLY' || r.freq === 'YEARLY';
    // rrule reads a negative position past the start of a short set as its first day
    // (`slice(-3)[0]`) and lists a day twice when two positions pick it; RFC 5545 does neither.
    // So negative positions past -1, and lists mixing signs, go with sets of none or at least four
    // days: every such weekday of each month or year (no month days, no ordinals). Elsewhere the
    // positions are made positive and include 1, so every non-empty set yields a date (and rrule
    // reaches UNTIL); rrule, like the engine, skips a positive position past the end of the set.
    const listed = r.bySetPos === null ? [] : r.bySetPos.split(',').map(Number);
    const signed = listed.some((p) => p < -1) || (listed.some((p) => p < 0) && listed.length > 1);
    const large = monthly && r.byDay !== null && signed;
    const useMonthDay = r.byMonthDay !== null && r.freq !== 'WEEKLY' && !large;
    const useSetPos = r.bySetPos !== null && (r.byDay !== null || useMonthDay);
    const risky =
      (useMonthDay && r.byMonthDay!.some((d) => d >= RISKY_MONTH_DAY)) ||
      (useSetPos && !SAFE_SET_POS.includes(r.bySetPos!));
    const end = risky ? r.until : r.end;
    if (end) parts.push(end);
    if (r.byDay) {
      const ord = monthly && !useMonthDay && !large && r.ordinal !== null ? String(r.ordinal) : '';
      parts.push(`BYDAY=${r.byDay.map((d) => ord + CODES[d]).join(',')}`);
    }
    if (useMonthDay) {
      const days = r.byMonthDay!;
      const everyMonth = days.some((d) => d < RISKY_MONTH_DAY);
      parts.push(`BYMONTHDAY=${(everyMonth ? days : [...days, 1]).join(',')}`);
    }
    if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (useSetPos) {
      const positions =
        large || SAFE_SET_POS.includes(r.bySetPos!)
          ? r.bySetPos!
          : [...new Set([1, ...listed.map((p) => Math.abs(p))])].join(',');
      parts.push(`BYSETPOS=${positions}`);
    }
    if (r.wkst) parts.push(`WKST=${r.wkst}`);
    return parts.join(';');
  });

describe('recurrence expansion', () => {
  propTest.prop(
    [
      ruleArb,
      fc.integer({ min: day(2020, 1, 1), max: day(2030, 12, 31) }),
      fc.integer({ min: -400, max: 1500 }),
      fc.integer({ min: 0, max: 400 }),
    ],
    { numRuns: 300 },
  )(
    'agrees with rrule on random rules, starts and ranges',
    (text, start, offset, length) => {
      const from = start + offset;
      const to = from + length;
      let rule;
      try {
        rule = parseRecurrence(text, start, 'rrule');
      } catch (error) {
        // Refused only for a COUNT that rrule, too, does not reach within the horizon.
        expect(error).toBeInstanceOf(SlotsError);
        const count = Number(/COUNT=(\d+)/.exec(text)?.[1]);
        const { year, month, day: dom } = civilFromDays(start);
        const horizon = daysFromCivil(year + COUNT_HORIZON_YEARS, month, 1) + dom - 1;
        expect(oracle(text, start, start, horizon).length).toBeLessThan(count);
        return;
      }
      expect(occurrenceDays(rule, from, to).map(formatDays)).toEqual(
        oracle(text, start, from, to).map(formatDays),
      );
    },
    60_000,
  );

  test('named rules from the docs', () => {
    const start = day(2026, 1, 2);
    const otherFridays = parseRecurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start, 'r');
    expect(occurrenceDays(otherFridays, day(2026, 1, 1), day(2026, 2, 1)).map(formatDays)).toEqual([
      '2026-01-02',
      '2026-01-16',
      '2026-01-30',
    ]);
    const firstMonday = parseRecurrence('FREQ=MONTHLY;BYDAY=1MO', day(2026, 1, 1), 'r');
    expect(occurrenceDays(firstMonday, day(2026, 1, 1), day(2026, 4, 30)).map(formatDays)).toEqual([
      '2026-01-05',
      '2026-02-02',
      '2026-03-02',
      '2026-04-06',
    ]);
  });

  // Regression: with rrule this took ~5 s per call (it walked to the year 9999 looking for a
  // 30th of February). Work is counted, not timed: the walk covers the range's days, no more.
  test('a rule that never occurs costs no more than its range', () => {
    const meter = workMeter();
    const never = parseRecurrence(
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      day(1900, 1, 1),
      'r',
      meter,
    );
    expect(occurrenceDays(never, day(2026, 1, 1), day(2036, 1, 1), meter)).toEqual([]);
    expect(meter.periods).toBe(day(2036, 1, 1) - day(2026, 1, 1) + 1);
  });

  // Regression: a COUNT rule was walked from its start on every call, so a rule from 1900 with a
  // COUNT that is never reached cost every slot read a walk of 125 years.
  test('a COUNT is resolved once, by a walk of at most the horizon, or refused', () => {
    const meter = workMeter();
    expect(() =>
      parseRecurrence('FREQ=DAILY;COUNT=5;BYMONTH=2;BYMONTHDAY=30', day(1900, 1, 1), 'r', meter),
    ).toThrow(/COUNT=5 is not reached within 10 years/);
    expect(meter.periods).toBeLessThanOrEqual(day(1910, 1, 1) - day(1900, 1, 1) + 1);

    const monthDays = Array.from({ length: 31 }, (_, i) => i + 1).join(',');
    const dense = `FREQ=YEARLY;COUNT=100;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=${monthDays};BYSETPOS=-1,1,2,3,4,5,6,7,8,9,10`;
    const resolving = workMeter();
    const rule = parseRecurrence(dense, day(1990, 1, 1), 'r', resolving);
    expect(resolving.periods).toBeLessThanOrEqual(COUNT_HORIZON_YEARS + 1);
    // January 1-10 and December 31, 11 dates a year: the 100th is the first of year ten.
    expect(formatDays(rule.until!)).toBe('1999-01-01');
    const reading = workMeter();
    expect(occurrenceDays(rule, day(2026, 1, 1), day(2026, 3, 1), reading)).toEqual([]);
    expect(
      occurrenceDays(rule, day(1998, 12, 1), day(1999, 3, 1), reading).map(formatDays),
    ).toEqual(['1998-12-31', '1999-01-01']);
    expect(reading.periods).toBe(2);
    // Parsed again (a server rebuilds rules from its rows on every request): no walk at all.
    const again = workMeter();
    parseRecurrence(dense, day(1990, 1, 1), 'r', again);
    expect(again.periods).toBe(0);
  });

  test('refuses what it does not implement instead of ignoring it', () => {
    for (const text of [
      'FREQ=YEARLY;BYWEEKNO=20',
      'FREQ=YEARLY;BYYEARDAY=100',
      'FREQ=HOURLY',
      'FREQ=WEEKLY;BYDAY=1MO',
    ]) {
      expect(() => parseRecurrence(text, day(2026, 1, 1), 'r')).toThrow(/not supported|ordinals/);
    }
    expect(() =>
      parseRecurrence('FREQ=DAILY', day(1899, 12, 31), 'rules.recurringOverrides[0].rrule'),
    ).toThrow(/recurringOverrides\[0\]\.start/);
  });
});
