/**
 * The engine's cost is bounded by what is asked for, never by how the host wrote the rules. Work
 * is counted (recurrence periods, days, grid steps), not timed, so these tests give the same
 * answer on any machine, however busy.
 */
import { describe, expect, test } from 'vitest';
import { checkSlotMetered } from './check.js';
import { computeSlotsMetered } from './compute.js';
import type { AvailabilityRules, RecurringOverride, TimeWindow } from './types.js';
import { workMeter } from './work.js';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-01T00:00:00Z');
const ALL_DAY: TimeWindow[] = [{ start: '00:00', end: '24:00' }];
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => i + 1).join(',');
/** The rule from the report: every month and day of the year, eleven positions picked. */
const DENSE = `BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=${MONTH_DAYS};BYSETPOS=-1,1,2,3,4,5,6,7,8,9,10`;

/** Fresh rules objects on every call, as a server builds them from its rows. */
function heavyRules(overrides: RecurringOverride[]): AvailabilityRules {
  const weekly = Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
      d,
      ALL_DAY,
    ]),
  );
  return { timeZone: 'America/New_York', weekly, recurringOverrides: overrides };
}

const overrides = (count: number, rrule: string, start: string): RecurringOverride[] =>
  Array.from({ length: count }, () => ({ rrule, start, windows: ALL_DAY }));

describe('recurring overrides', () => {
  // Regression: 50 of these from 1900 cost every slot read 0.3-1.8 s, walking from 1900 each time.
  test('the reported link is refused after a walk of at most ten yearly periods', () => {
    const meter = workMeter();
    expect(() =>
      computeSlotsMetered(
        {
          rules: heavyRules(overrides(50, `FREQ=YEARLY;COUNT=100000;${DENSE}`, '1900-01-01')),
          from: NOW,
          to: NOW + 31 * DAY_MS,
          now: NOW,
        },
        meter,
      ),
    ).toThrow(/recurringOverrides\[0\]\.rrule: COUNT=100000 is not reached within 10 years/);
    expect(meter.periods).toBeLessThanOrEqual(11);
  });

  // Regression: a COUNT rule was walked from its start on every read, so the cost of a read grew
  // with the rule's age (here 3,000 daily periods per rule per read).
  test('a COUNT rule costs a read only the periods of the range', () => {
    const rules = () => overrides(50, 'FREQ=DAILY;COUNT=3000', '2018-04-01');
    const input = (r: RecurringOverride[]) => ({
      rules: heavyRules(r),
      from: NOW,
      to: NOW + 31 * DAY_MS,
      now: NOW,
      policy: { maxDaysAhead: 60 },
    });
    computeSlotsMetered(input(rules()), workMeter()); // resolves the COUNT once
    const meter = workMeter();
    computeSlotsMetered(input(rules()), meter);
    // The engine looks at the range's dates plus one on each side.
    expect(meter.periods).toBeLessThanOrEqual(50 * (31 + 3));
  });
});

describe('dense grids', () => {
  test('a limit stops the walk: ten years of 1-minute slots cost the dates of the limit', () => {
    const meter = workMeter();
    const slots = computeSlotsMetered(
      {
        rules: heavyRules([]),
        policy: { durationMinutes: 1, maxDaysAhead: 3650 },
        from: NOW,
        to: NOW + 3650 * DAY_MS,
        now: NOW,
        limit: 2000,
      },
      meter,
    );
    expect(slots).toHaveLength(2000);
    expect(slots[1999]!.start - slots[0]!.start).toBe(1999 * 60_000);
    // 2,000 one-minute slots span at most three host-local dates (1,440 a date, 1,500 on the
    // fall-back date); the date before the range is looked at too.
    expect(meter.days).toBeLessThanOrEqual(4);
    expect(meter.steps).toBeLessThanOrEqual(3 * 1500);
  });
});

describe('checkSlot', () => {
  // The race guard runs inside the host's lock: it must do the work of one start, not of a range.
  test('checks one start of a heavy link with a few grid steps and the dates around it', () => {
    const start = Date.parse('2026-11-20T15:07:00Z');
    const input = () => ({
      rules: heavyRules(overrides(50, `FREQ=YEARLY;COUNT=100;${DENSE}`, '2020-01-01')),
      policy: { durationMinutes: 1, dailyCap: 3, maxDaysAhead: 3650 },
      bookings: Array.from({ length: 3 }, (_, i) => ({
        start: start + (i + 1) * 60_000,
        end: start + (i + 2) * 60_000,
      })),
      busy: Array.from({ length: 500 }, (_, i) => ({
        start: NOW + i * 3 * 3_600_000,
        end: NOW + i * 3 * 3_600_000 + 60_000,
      })),
      start,
      now: NOW,
    });
    checkSlotMetered(input(), workMeter()); // resolves the COUNT once
    const meter = workMeter();
    expect(checkSlotMetered(input(), meter)).toEqual({
      bookable: false,
      reason: 'DAILY_CAP_REACHED',
    });
    // Up to four engine passes (offered?, then availability, busy and cap to name the reason),
    // each over the start's date and the dates either side of it.
    expect(meter.days).toBeLessThanOrEqual(4 * 3);
    expect(meter.steps).toBeLessThanOrEqual(4 * 3);
    expect(meter.periods).toBeLessThanOrEqual(4 * 50 * 2);
  });
});
