/**
 * Bad input must fail loudly with a stable `code` and a `field` path naming the input, so that
 * API layers can map errors to form fields without parsing messages.
 */
import { describe, expect, test } from 'vitest';
import { computeSlotsMetered } from './compute.js';
import {
  SlotsError,
  checkSlot,
  computeSlots,
  computeTeamSlots,
  groupSlotsByDay,
  wallClockToInstant,
  type AvailabilityRules,
  type SlotInput,
  type SlotsErrorCode,
} from './index.js';
import { workMeter } from './work.js';

const RULES: AvailabilityRules = {
  timeZone: 'Europe/Berlin',
  weekly: { monday: [{ start: '09:00', end: '17:00' }] },
};
const BASE: SlotInput = {
  rules: RULES,
  from: '2026-11-02T00:00:00Z',
  to: '2026-11-09T00:00:00Z',
  now: '2026-11-01T00:00:00Z',
};

/** Runs `fn`, expects a SlotsError with `code` and `field`, and a message that names the field. */
function expectSlotsError(fn: () => unknown, code: SlotsErrorCode, field: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected a SlotsError to be thrown').toBeInstanceOf(SlotsError);
  const error = caught as SlotsError;
  expect({ code: error.code, field: error.field }).toEqual({ code, field });
  expect(error.name).toBe('SlotsError');
  expect(error.message).toContain(field);
}

/** Input that is only wrong because of `rules`, to keep each case to one line. */
const withRules = (rules: Partial<AvailabilityRules>): SlotInput => ({
  ...BASE,
  rules: { ...RULES, ...rules } as AvailabilityRules,
});

describe('time zones', () => {
  test.each(['Mars/Olympus', 'Europe/Berlín', '', '+01:00', 'europe/nowhere'])(
    'unknown zone %j -> INVALID_TIME_ZONE on rules.timeZone',
    (zone) => {
      expectSlotsError(
        () => computeSlots(withRules({ timeZone: zone })),
        'INVALID_TIME_ZONE',
        'rules.timeZone',
      );
    },
  );

  test('a non-string zone is refused too', () => {
    const rules = { ...RULES, timeZone: 42 } as unknown as AvailabilityRules;
    expectSlotsError(() => computeSlots({ ...BASE, rules }), 'INVALID_TIME_ZONE', 'rules.timeZone');
  });

  test('groupSlotsByDay and wallClockToInstant name their own timeZone argument', () => {
    expectSlotsError(() => groupSlotsByDay([], 'Nowhere/City'), 'INVALID_TIME_ZONE', 'timeZone');
    expectSlotsError(
      () => wallClockToInstant('2026-01-01', '09:00', 'Nowhere/City'),
      'INVALID_TIME_ZONE',
      'timeZone',
    );
  });
});

describe('windows', () => {
  test.each([
    [{ start: '10:00', end: '09:00' }, 'rules.weekly.monday[0].end'],
    [{ start: '10:00', end: '10:00' }, 'rules.weekly.monday[0].end'],
    [{ start: '9:00', end: '10:00' }, 'rules.weekly.monday[0].start'],
    [{ start: '24:00', end: '24:00' }, 'rules.weekly.monday[0].start'],
    [{ start: '09:60', end: '10:00' }, 'rules.weekly.monday[0].start'],
    [{ start: '09:00', end: '24:30' }, 'rules.weekly.monday[0].end'],
    [{ start: '09:00', end: '25:00' }, 'rules.weekly.monday[0].end'],
    [{ start: 'noon', end: '13:00' }, 'rules.weekly.monday[0].start'],
    [{ start: '09:00:00', end: '10:00' }, 'rules.weekly.monday[0].start'],
  ])('window %j -> INVALID_WINDOW on %s', (window, field) => {
    expectSlotsError(
      () => computeSlots(withRules({ weekly: { monday: [window] } })),
      'INVALID_WINDOW',
      field,
    );
  });

  test('the field path points at the offending window of a later day and index', () => {
    const weekly = {
      monday: [{ start: '09:00', end: '10:00' }],
      friday: [
        { start: '09:00', end: '10:00' },
        { start: '12:00', end: '11:00' },
      ],
    };
    expectSlotsError(
      () => computeSlots(withRules({ weekly })),
      'INVALID_WINDOW',
      'rules.weekly.friday[1].end',
    );
  });

  test('an unknown weekday key is refused, naming the key', () => {
    const weekly = {
      Monday: [{ start: '09:00', end: '10:00' }],
    } as unknown as AvailabilityRules['weekly'];
    expectSlotsError(
      () => computeSlots(withRules({ weekly })),
      'INVALID_WINDOW',
      'rules.weekly.Monday',
    );
  });

  test('windows that are not an array are refused', () => {
    const weekly = {
      monday: { start: '09:00', end: '10:00' },
    } as unknown as AvailabilityRules['weekly'];
    expectSlotsError(
      () => computeSlots(withRules({ weekly })),
      'INVALID_WINDOW',
      'rules.weekly.monday',
    );
  });

  test('overlapping windows -> OVERLAPPING_WINDOWS naming the day (touching is fine)', () => {
    const overlapping = [
      { start: '13:00', end: '17:00' },
      { start: '09:00', end: '13:30' },
    ];
    expectSlotsError(
      () => computeSlots(withRules({ weekly: { tuesday: overlapping } })),
      'OVERLAPPING_WINDOWS',
      'rules.weekly.tuesday',
    );
    const touching = [
      { start: '13:00', end: '17:00' },
      { start: '09:00', end: '13:00' },
    ];
    expect(() => computeSlots(withRules({ weekly: { tuesday: touching } }))).not.toThrow();
  });

  test('overlapping windows in a date override name the override', () => {
    const dateOverrides = [
      {
        date: '2026-11-03',
        windows: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    ];
    expectSlotsError(
      () => computeSlots(withRules({ dateOverrides })),
      'OVERLAPPING_WINDOWS',
      'rules.dateOverrides[0].windows',
    );
  });
});

describe('policy', () => {
  test.each([0, 481, Number.NaN, 1.5, -30, Number.POSITIVE_INFINITY])(
    'durationMinutes %s -> INVALID_DURATION on policy.durationMinutes',
    (durationMinutes) => {
      expectSlotsError(
        () => computeSlots({ ...BASE, policy: { durationMinutes } }),
        'INVALID_DURATION',
        'policy.durationMinutes',
      );
    },
  );

  test('a non-number duration is refused', () => {
    const policy = { durationMinutes: '30' } as unknown as SlotInput['policy'];
    expectSlotsError(
      () => computeSlots({ ...BASE, policy }),
      'INVALID_DURATION',
      'policy.durationMinutes',
    );
  });

  test('the duration bounds themselves are accepted', () => {
    expect(() => computeSlots({ ...BASE, policy: { durationMinutes: 1 } })).not.toThrow();
    expect(() => computeSlots({ ...BASE, policy: { durationMinutes: 480 } })).not.toThrow();
  });

  test.each([
    ['stepMinutes', 0],
    ['stepMinutes', 1441],
    ['stepMinutes', Number.NaN],
    ['bufferBeforeMinutes', -1],
    ['bufferBeforeMinutes', 1441],
    ['bufferAfterMinutes', Number.NaN],
    ['bufferAfterMinutes', 0.5],
    ['minimumNoticeMinutes', -5],
    ['minimumNoticeMinutes', Number.NaN],
    ['maxDaysAhead', -1],
    ['maxDaysAhead', 3651],
    ['maxDaysAhead', Number.NaN],
    ['dailyCap', 0],
    ['dailyCap', Number.NaN],
    ['dailyCap', 2.5],
  ])('%s = %s -> INVALID_OPTION on policy.%s', (option, value) => {
    expectSlotsError(
      () => computeSlots({ ...BASE, policy: { [option]: value } }),
      'INVALID_OPTION',
      `policy.${option}`,
    );
  });
});

describe('range and instants', () => {
  test('to before from -> INVALID_RANGE on to', () => {
    expectSlotsError(
      () => computeSlots({ ...BASE, from: '2026-11-09T00:00:00Z', to: '2026-11-02T00:00:00Z' }),
      'INVALID_RANGE',
      'to',
    );
  });

  test('an empty range (to == from) is valid and gives no slots', () => {
    expect(computeSlots({ ...BASE, to: BASE.from })).toEqual([]);
  });

  test('a range longer than 3660 days is refused', () => {
    expectSlotsError(
      () => computeSlots({ ...BASE, to: '2040-01-01T00:00:00Z' }),
      'INVALID_RANGE',
      'to',
    );
  });

  test.each([
    ['from', 'tomorrow'],
    ['from', '2026-11-02T00:00:00'], // no offset: names no instant
    ['to', Number.NaN],
    ['now', new Date(Number.NaN)],
    ['now', {}],
  ])('%s = %j -> INVALID_RANGE on that field', (field, value) => {
    expectSlotsError(
      () => computeSlots({ ...BASE, [field]: value } as SlotInput),
      'INVALID_RANGE',
      field,
    );
  });

  test('checkSlot names its start', () => {
    const { from: _f, to: _t, ...rest } = BASE;
    expectSlotsError(() => checkSlot({ ...rest, start: 'soon' }), 'INVALID_RANGE', 'start');
  });
});

describe('dates and recurrence', () => {
  test.each(['2026-02-30', '2026-13-01', '2026-1-05', 'yesterday', '2026-11-02T00:00:00Z'])(
    'date override %j -> INVALID_DATE on its date',
    (date) => {
      expectSlotsError(
        () => computeSlots(withRules({ dateOverrides: [{ date, windows: [] }] })),
        'INVALID_DATE',
        'rules.dateOverrides[0].date',
      );
    },
  );

  test('a date overridden twice is refused, naming the second entry', () => {
    const dateOverrides = [
      { date: '2026-11-03', windows: [] },
      { date: '2026-11-03', windows: [{ start: '09:00', end: '10:00' }] },
    ];
    expectSlotsError(
      () => computeSlots(withRules({ dateOverrides })),
      'INVALID_DATE',
      'rules.dateOverrides[1].date',
    );
  });

  test('a bad recurring start -> INVALID_DATE on its start', () => {
    const recurringOverrides = [
      { rrule: 'FREQ=WEEKLY;BYDAY=FR', start: '2026-02-29', windows: [] },
    ];
    expectSlotsError(
      () => computeSlots(withRules({ recurringOverrides })),
      'INVALID_DATE',
      'rules.recurringOverrides[0].start',
    );
  });

  test.each([
    'FREQ=SOMETIMES',
    'BYDAY=MO',
    'NONSENSE',
    'DTSTART:20260101T000000Z\nRRULE:FREQ=WEEKLY',
    'FREQ=WEEKLY;TZID=Europe/Berlin',
    '',
    // RFC 5545 value ranges: INTERVAL and COUNT are positive integers, BYMONTHDAY is +-1..31,
    // BYMONTH 1..12, BYHOUR 0..23. These currently pass silently or throw a raw TypeError.
    'FREQ=WEEKLY;INTERVAL=0',
    'FREQ=DAILY;COUNT=abc',
    'FREQ=MONTHLY;BYMONTHDAY=40',
    'FREQ=YEARLY;BYMONTH=13',
    'FREQ=DAILY;BYHOUR=abc',
  ])('rrule %j -> INVALID_RRULE on its rrule', (rrule) => {
    const recurringOverrides = [
      { rrule: 'FREQ=DAILY', start: '2026-01-01', windows: [] },
      { rrule, start: '2026-01-01', windows: [] },
    ];
    expectSlotsError(
      () => computeSlots(withRules({ recurringOverrides })),
      'INVALID_RRULE',
      'rules.recurringOverrides[1].rrule',
    );
  });

  // These inputs made the `rrule` package loop forever (a negative, fractional or non-numeric
  // INTERVAL) or for minutes (FREQ=SECONDLY counted from `start`). The engine's own parser refuses
  // them before expanding anything, which the work meter shows: no period was ever visited. (The
  // old test ran each case in a child process under a deadline, which failed on busy machines.)
  test.each([
    'FREQ=WEEKLY;INTERVAL=abc',
    'FREQ=WEEKLY;INTERVAL=-1',
    'FREQ=DAILY;INTERVAL=1.5',
    'FREQ=SECONDLY',
  ])('rrule %j -> INVALID_RRULE before any expansion', (rrule) => {
    const meter = workMeter();
    const input = {
      ...BASE,
      rules: { ...RULES, recurringOverrides: [{ rrule, start: '2026-01-01', windows: [] }] },
    };
    expectSlotsError(
      () => computeSlotsMetered(input, meter),
      'INVALID_RRULE',
      'rules.recurringOverrides[0].rrule',
    );
    expect(meter).toEqual(workMeter());
  });

  test('a COUNT not reached within 10 years of its start is refused, naming the rule', () => {
    const recurringOverrides = [
      { rrule: 'FREQ=WEEKLY;BYDAY=FR', start: '2026-01-02', windows: [] },
      { rrule: 'FREQ=YEARLY;COUNT=11', start: '2026-01-01', windows: [] }, // 2036-01-01: accepted
      { rrule: 'FREQ=YEARLY;COUNT=12', start: '2026-01-01', windows: [] },
    ];
    expectSlotsError(
      () => computeSlots(withRules({ recurringOverrides })),
      'INVALID_RRULE',
      'rules.recurringOverrides[2].rrule',
    );
  });

  test.each([0, -1, 1.5, Number.NaN, '10'])('limit %j -> INVALID_OPTION on limit', (limit) => {
    expectSlotsError(
      () => computeSlots({ ...BASE, limit } as unknown as SlotInput),
      'INVALID_OPTION',
      'limit',
    );
  });

  test('wallClockToInstant names its date and time', () => {
    expectSlotsError(
      () => wallClockToInstant('2026-02-30', '09:00', 'UTC'),
      'INVALID_DATE',
      'date',
    );
    expectSlotsError(
      () => wallClockToInstant('2026-02-01', '24:01', 'UTC'),
      'INVALID_WINDOW',
      'time',
    );
    expectSlotsError(
      () => wallClockToInstant('2026-02-01', '9:00', 'UTC'),
      'INVALID_WINDOW',
      'time',
    );
  });
});

describe('busy time and bookings', () => {
  test('busy end before start -> INVALID_INTERVAL on busy[i].end', () => {
    const busy = [
      { start: '2026-11-02T09:00:00Z', end: '2026-11-02T10:00:00Z' },
      { start: '2026-11-02T11:00:00Z', end: '2026-11-02T10:00:00Z' },
    ];
    expectSlotsError(() => computeSlots({ ...BASE, busy }), 'INVALID_INTERVAL', 'busy[1].end');
  });

  test.each([
    [{ start: Number.NaN, end: 0 }, 'busy[0].start'],
    [{ start: 0, end: Number.NaN }, 'busy[0].end'],
    [{ start: 'lunch', end: '2026-11-02T10:00:00Z' }, 'busy[0].start'],
    [{ start: 0, end: Number.POSITIVE_INFINITY }, 'busy[0].end'],
  ])('busy %j -> INVALID_INTERVAL on %s', (interval, field) => {
    expectSlotsError(() => computeSlots({ ...BASE, busy: [interval] }), 'INVALID_INTERVAL', field);
  });

  test('bookings are checked with their own field path', () => {
    const bookings = [{ start: '2026-11-02T11:00:00Z', end: '2026-11-02T10:00:00Z' }];
    expectSlotsError(
      () => computeSlots({ ...BASE, bookings }),
      'INVALID_INTERVAL',
      'bookings[0].end',
    );
  });

  // Bad input must not pass silently just because it lies far away or the range is empty.
  test('bad busy time is reported even when the range is empty or the interval is far away', () => {
    const busy = [{ start: '2030-01-01T11:00:00Z', end: '2030-01-01T10:00:00Z' }];
    expectSlotsError(() => computeSlots({ ...BASE, busy }), 'INVALID_INTERVAL', 'busy[0].end');
    expectSlotsError(
      () => computeSlots({ ...BASE, to: BASE.from, busy }),
      'INVALID_INTERVAL',
      'busy[0].end',
    );
  });

  test('busy that is not an array is refused', () => {
    const busy = { start: 0, end: 1 } as unknown as SlotInput['busy'];
    expectSlotsError(() => computeSlots({ ...BASE, busy }), 'INVALID_INTERVAL', 'busy');
  });
});

describe('team input', () => {
  const team = {
    mode: 'round-robin' as const,
    from: BASE.from,
    to: BASE.to,
    now: BASE.now,
  };

  test('no hosts -> INVALID_HOSTS on hosts', () => {
    expectSlotsError(() => computeTeamSlots({ ...team, hosts: [] }), 'INVALID_HOSTS', 'hosts');
  });

  test('a duplicate hostId names the second occurrence', () => {
    const hosts = [
      { hostId: 'ana', rules: RULES },
      { hostId: 'ana', rules: RULES },
    ];
    expectSlotsError(
      () => computeTeamSlots({ ...team, hosts }),
      'INVALID_HOSTS',
      'hosts[1].hostId',
    );
  });

  test('an empty hostId is refused', () => {
    expectSlotsError(
      () => computeTeamSlots({ ...team, hosts: [{ hostId: '', rules: RULES }] }),
      'INVALID_HOSTS',
      'hosts[0].hostId',
    );
  });

  test('an unknown mode is refused', () => {
    const input = { ...team, mode: 'anyone', hosts: [{ hostId: 'ana', rules: RULES }] };
    expectSlotsError(
      () => computeTeamSlots(input as unknown as Parameters<typeof computeTeamSlots>[0]),
      'INVALID_HOSTS',
      'mode',
    );
  });

  test("a host's bad rules and busy time are reported under that host", () => {
    const hosts = [
      { hostId: 'ana', rules: RULES },
      { hostId: 'ben', rules: { ...RULES, timeZone: 'Nowhere/City' } },
    ];
    expectSlotsError(
      () => computeTeamSlots({ ...team, hosts }),
      'INVALID_TIME_ZONE',
      'hosts[1].rules.timeZone',
    );
    const busyHosts = [{ hostId: 'ana', rules: RULES, busy: [{ start: 10, end: 5 }] }];
    expectSlotsError(
      () => computeTeamSlots({ ...team, hosts: busyHosts }),
      'INVALID_INTERVAL',
      'hosts[0].busy[0].end',
    );
  });
});
