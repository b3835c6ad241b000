/**
 * Example-based tests of the public API: each case is small enough to check by reading it.
 * Expected instants are literals worked out by hand (offsets noted beside them).
 */
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_POLICY,
  checkSlot,
  computeSlots,
  computeTeamSlots,
  groupSlotsByDay,
  isValidTimeZone,
  toEpochMs,
  type AvailabilityRules,
  type Slot,
  type SlotInput,
} from './index.js';

const isoList = (slots: readonly Slot[]): string[] =>
  slots.map((s) => new Date(s.start).toISOString());
const isoStarts = (input: SlotInput): string[] => isoList(computeSlots(input));
const NOW = '2026-10-20T00:00:00Z'; // 30 days ahead reaches 2026-11-19

/** UTC host open Monday 2026-11-02 09:00-12:00, so every instant reads as its wall clock. */
const MONDAY_UTC: AvailabilityRules = {
  timeZone: 'UTC',
  weekly: { monday: [{ start: '09:00', end: '12:00' }] },
};
const MONDAY: Pick<SlotInput, 'from' | 'to' | 'now'> = {
  from: '2026-11-02T00:00:00Z',
  to: '2026-11-03T00:00:00Z',
  now: NOW,
};

describe('defaults', () => {
  test('30-minute slots, step = duration, 30 days ahead', () => {
    expect(DEFAULT_POLICY).toMatchObject({ durationMinutes: 30, maxDaysAhead: 30 });
    const slots = computeSlots({ rules: MONDAY_UTC, ...MONDAY });
    expect(slots).toHaveLength(6);
    expect(slots[0]).toEqual({
      start: Date.parse('2026-11-02T09:00:00Z'),
      end: Date.parse('2026-11-02T09:30:00Z'),
    });
    expect(isoList(slots).at(-1)).toBe('2026-11-02T11:30:00.000Z');
  });

  test("weekdays are the host's: Monday 08:00 in Tokyo is Sunday 23:00Z", () => {
    const rules: AvailabilityRules = {
      timeZone: 'Asia/Tokyo',
      weekly: { monday: [{ start: '08:00', end: '09:00' }] },
    };
    expect(
      isoStarts({
        rules,
        policy: { durationMinutes: 60 },
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-03T00:00:00Z',
        now: NOW,
      }),
    ).toEqual(['2026-11-01T23:00:00.000Z']);
  });

  test('a window ending 24:00 yields a last slot ending at midnight', () => {
    const rules: AvailabilityRules = {
      timeZone: 'UTC',
      weekly: { monday: [{ start: '23:00', end: '24:00' }] },
    };
    expect(computeSlots({ rules, policy: { durationMinutes: 60 }, ...MONDAY })).toEqual([
      { start: Date.parse('2026-11-02T23:00:00Z'), end: Date.parse('2026-11-03T00:00:00Z') },
    ]);
  });

  test('the range bounds slot starts: from inclusive, to exclusive, slots may end after to', () => {
    const input: SlotInput = {
      rules: MONDAY_UTC,
      from: '2026-11-02T10:00:00Z',
      to: '2026-11-02T11:00:00Z',
      now: NOW,
    };
    expect(isoStarts(input)).toEqual(['2026-11-02T10:00:00.000Z', '2026-11-02T10:30:00.000Z']);
  });

  test('a range starting off-grid picks up the grid, not the range start', () => {
    const input: SlotInput = {
      rules: MONDAY_UTC,
      from: '2026-11-02T09:10:00Z',
      to: '2026-11-02T10:31:00Z',
      now: NOW,
    };
    expect(isoStarts(input)).toEqual([
      '2026-11-02T09:30:00.000Z',
      '2026-11-02T10:00:00.000Z',
      '2026-11-02T10:30:00.000Z',
    ]);
  });
});

describe('busy time and buffers', () => {
  const busy = [{ start: '2026-11-02T10:00:00Z', end: '2026-11-02T10:30:00Z' }];

  test('touching busy time is fine (half-open intervals)', () => {
    expect(isoStarts({ rules: MONDAY_UTC, busy, ...MONDAY })).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T09:30:00.000Z', // ends 10:00, touching the busy start
      '2026-11-02T10:30:00.000Z', // starts at the busy end
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
  });

  // [start - 15, end + 10) must clear 10:00-10:30: 09:30 ([09:15, 10:10)) and 10:30 ([10:15,
  // 11:10)) clash; 11:30's after-buffer may run past the window's 12:00 end.
  test('buffers widen each candidate slot', () => {
    const policy = { bufferBeforeMinutes: 15, bufferAfterMinutes: 10 };
    expect(isoStarts({ rules: MONDAY_UTC, busy, policy, ...MONDAY })).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
  });

  // Busy time is taken as is, bookings are widened by the policy's buffers: with a 30-minute
  // after-buffer a slot needs [start, end + 30) clear. Busy 10:00-10:30 stops 09:30 only; the same
  // interval as a booking blocks [10:00, 11:00) and also stops 10:30.
  test('bookings are busy time widened by the buffers', () => {
    const policy = { bufferAfterMinutes: 30 };
    expect(isoStarts({ rules: MONDAY_UTC, busy, policy, ...MONDAY })).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T10:30:00.000Z',
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
    expect(isoStarts({ rules: MONDAY_UTC, bookings: busy, policy, ...MONDAY })).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
  });

  test('overlapping and unsorted busy intervals combine', () => {
    const messy = [
      { start: '2026-11-02T11:15:00Z', end: '2026-11-02T11:20:00Z' },
      { start: '2026-11-02T09:10:00Z', end: '2026-11-02T09:40:00Z' },
      { start: '2026-11-02T09:35:00Z', end: '2026-11-02T09:45:00Z' },
      { start: '2026-11-02T10:00:00Z', end: '2026-11-02T10:00:00Z' }, // empty: blocks nothing
    ];
    expect(isoStarts({ rules: MONDAY_UTC, busy: messy, ...MONDAY })).toEqual([
      '2026-11-02T10:00:00.000Z',
      '2026-11-02T10:30:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
  });
});

describe('notice, horizon and daily cap', () => {
  test('minimum notice counts from now', () => {
    const input: SlotInput = {
      rules: MONDAY_UTC,
      policy: { minimumNoticeMinutes: 90 },
      ...MONDAY,
      now: '2026-11-02T08:45:00Z',
    };
    expect(isoStarts(input)).toEqual([
      '2026-11-02T10:30:00.000Z', // 08:45 + 90 min = 10:15, next grid start
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
  });

  test('maxDaysAhead 0 allows only today', () => {
    const rules: AvailabilityRules = {
      timeZone: 'UTC',
      weekly: {
        monday: [{ start: '09:00', end: '10:00' }],
        tuesday: [{ start: '09:00', end: '10:00' }],
      },
    };
    const input: SlotInput = {
      rules,
      policy: { durationMinutes: 60, maxDaysAhead: 0 },
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-04T00:00:00Z',
      now: '2026-11-02T01:00:00Z',
    };
    expect(isoStarts(input)).toEqual(['2026-11-02T09:00:00.000Z']);
  });

  // The booking at 03:00Z Tuesday is Monday 22:00 in New York: it fills Monday's cap (host date),
  // not Tuesday's (UTC date).
  test('dailyCap counts bookings by the host-local date they start on', () => {
    const rules: AvailabilityRules = {
      timeZone: 'America/New_York',
      weekly: {
        monday: [{ start: '09:00', end: '10:00' }],
        tuesday: [{ start: '09:00', end: '10:00' }],
      },
    };
    const input: SlotInput = {
      rules,
      policy: { durationMinutes: 60, dailyCap: 1 },
      bookings: [{ start: '2026-11-03T03:00:00Z', end: '2026-11-03T03:30:00Z' }],
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-04T00:00:00Z',
      now: NOW,
    };
    expect(isoStarts(input)).toEqual(['2026-11-03T14:00:00.000Z']); // Tuesday 09:00 EST
    expect(isoStarts({ ...input, policy: { durationMinutes: 60, dailyCap: 2 } })).toEqual([
      '2026-11-02T14:00:00.000Z',
      '2026-11-03T14:00:00.000Z',
    ]);
    const { from: _f, to: _t, ...rest } = input;
    expect(checkSlot({ ...rest, start: '2026-11-02T14:00:00Z' })).toEqual({
      bookable: false,
      reason: 'DAILY_CAP_REACHED',
    });
  });
});

describe('overrides', () => {
  test('a date override replaces the weekly hours; [] closes the day', () => {
    const rules: AvailabilityRules = {
      ...MONDAY_UTC,
      dateOverrides: [
        { date: '2026-11-02', windows: [{ start: '14:00', end: '15:00' }] },
        { date: '2026-11-09', windows: [] },
      ],
    };
    const input: SlotInput = {
      rules,
      policy: { durationMinutes: 60 },
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-17T00:00:00Z',
      now: NOW,
    };
    expect(isoStarts(input)).toEqual([
      '2026-11-02T14:00:00.000Z',
      '2026-11-16T09:00:00.000Z',
      '2026-11-16T10:00:00.000Z',
      '2026-11-16T11:00:00.000Z',
    ]);
  });

  test('every other Friday closed (from 2026-01-02)', () => {
    const rules: AvailabilityRules = {
      timeZone: 'Europe/Berlin',
      weekly: { friday: [{ start: '09:00', end: '10:00' }] },
      recurringOverrides: [
        { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start: '2026-01-02', windows: [] },
      ],
    };
    const input: SlotInput = {
      rules,
      policy: { durationMinutes: 60, maxDaysAhead: 365 },
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      now: '2025-12-31T00:00:00Z',
    };
    // Fridays 01-02, 01-16, 01-30 are closed; 01-09 and 01-23 open at 09:00 CET = 08:00Z.
    expect(isoStarts(input)).toEqual(['2026-01-09T08:00:00.000Z', '2026-01-23T08:00:00.000Z']);
  });

  test('first Monday of the month 13:00-15:00 only', () => {
    const rules: AvailabilityRules = {
      timeZone: 'Europe/Berlin',
      weekly: { monday: [{ start: '09:00', end: '17:00' }] },
      recurringOverrides: [
        {
          rrule: 'FREQ=MONTHLY;BYDAY=1MO',
          start: '2026-01-01',
          windows: [{ start: '13:00', end: '15:00' }],
        },
      ],
    };
    const input: SlotInput = {
      rules,
      policy: { durationMinutes: 60, maxDaysAhead: 365 },
      from: '2026-02-01T00:00:00Z',
      to: '2026-02-10T00:00:00Z',
      now: '2026-01-15T00:00:00Z',
    };
    const byDay = groupSlotsByDay(computeSlots(input), 'Europe/Berlin');
    expect(byDay.map((d) => [d.date, isoList(d.slots)])).toEqual([
      // 2026-02-02 is the first Monday: 13:00 and 14:00 CET = 12:00Z, 13:00Z.
      ['2026-02-02', ['2026-02-02T12:00:00.000Z', '2026-02-02T13:00:00.000Z']],
      // 2026-02-09 is a plain Monday: 09:00..16:00 CET.
      [
        '2026-02-09',
        [8, 9, 10, 11, 12, 13, 14, 15].map(
          (h) => `2026-02-09T${String(h).padStart(2, '0')}:00:00.000Z`,
        ),
      ],
    ]);
  });

  test('precedence: date override, then the first matching recurring override, then weekly', () => {
    const rules: AvailabilityRules = {
      timeZone: 'UTC',
      weekly: { monday: [{ start: '09:00', end: '10:00' }] },
      dateOverrides: [{ date: '2026-11-02', windows: [{ start: '20:00', end: '21:00' }] }],
      recurringOverrides: [
        {
          rrule: 'FREQ=WEEKLY;BYDAY=MO',
          start: '2026-11-09',
          windows: [{ start: '11:00', end: '12:00' }],
        },
        { rrule: 'FREQ=DAILY', start: '2026-11-01', windows: [{ start: '15:00', end: '16:00' }] },
      ],
    };
    const input: SlotInput = {
      rules,
      policy: { durationMinutes: 60 },
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-10T00:00:00Z',
      now: NOW,
    };
    const starts = isoStarts(input);
    expect(starts[0]).toBe('2026-11-02T20:00:00.000Z'); // date override beats both rules
    expect(starts).toContain('2026-11-03T15:00:00.000Z'); // daily rule on a closed Tuesday
    expect(starts).toContain('2026-11-09T11:00:00.000Z'); // first rule wins on Monday 11-09
    expect(starts).not.toContain('2026-11-09T15:00:00.000Z');
    expect(starts).not.toContain('2026-11-09T09:00:00.000Z');
    expect(starts).toHaveLength(8);
  });

  // rrule reads UNTIL and counts COUNT in its own (UTC) frame; run under several TZ= values this
  // checks that neither leaks the process time zone into host dates.
  test.each([
    ['FREQ=WEEKLY;BYDAY=FR;UNTIL=20260116', ['2026-01-23', '2026-01-30']],
    ['FREQ=WEEKLY;BYDAY=FR;COUNT=2', ['2026-01-16', '2026-01-23', '2026-01-30']],
  ])('recurring time off %s bounds its occurrences', (rrule, openFridays) => {
    const rules: AvailabilityRules = {
      timeZone: 'Pacific/Auckland',
      weekly: { friday: [{ start: '09:00', end: '10:00' }] },
      recurringOverrides: [{ rrule, start: '2026-01-01', windows: [] }],
    };
    const slots = computeSlots({
      rules,
      policy: { durationMinutes: 60, maxDaysAhead: 365 },
      from: '2025-12-31T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      now: '2025-12-01T00:00:00Z',
    });
    expect(groupSlotsByDay(slots, 'Pacific/Auckland').map((d) => d.date)).toEqual(openFridays);
  });

  test('a recurring override does not apply before its start date', () => {
    const rules: AvailabilityRules = {
      ...MONDAY_UTC,
      recurringOverrides: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '2026-11-03', windows: [] }],
    };
    expect(isoStarts({ rules, ...MONDAY })).toHaveLength(6);
  });
});

describe('step and duration', () => {
  test('step shorter than duration gives overlapping candidates', () => {
    const input: SlotInput = {
      rules: MONDAY_UTC,
      policy: { durationMinutes: 60, stepMinutes: 30 },
      ...MONDAY,
    };
    expect(
      computeSlots(input).map((s) => [new Date(s.start).toISOString(), (s.end - s.start) / 60_000]),
    ).toEqual([
      ['2026-11-02T09:00:00.000Z', 60],
      ['2026-11-02T09:30:00.000Z', 60],
      ['2026-11-02T10:00:00.000Z', 60],
      ['2026-11-02T10:30:00.000Z', 60],
      ['2026-11-02T11:00:00.000Z', 60],
    ]);
  });

  test('step longer than duration leaves gaps', () => {
    const input: SlotInput = {
      rules: MONDAY_UTC,
      policy: { durationMinutes: 30, stepMinutes: 90 },
      ...MONDAY,
    };
    expect(isoStarts(input)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-02T10:30:00.000Z']);
  });

  // After a clash the grid resumes on its own phase, not at the end of the busy time.
  test('after busy time the next slot stays on the window grid', () => {
    const input: SlotInput = {
      rules: MONDAY_UTC,
      policy: { durationMinutes: 30, stepMinutes: 20 },
      busy: [{ start: '2026-11-02T09:05:00Z', end: '2026-11-02T10:05:00Z' }],
      ...MONDAY,
    };
    expect(isoStarts(input).slice(0, 2)).toEqual([
      '2026-11-02T10:20:00.000Z',
      '2026-11-02T10:40:00.000Z',
    ]);
  });
});

describe('teams', () => {
  const weekly = { tuesday: [{ start: '09:00', end: '10:00' }] };
  const range = { from: '2026-11-03T00:00:00Z', to: '2026-11-04T00:00:00Z', now: NOW };

  // ana (Berlin, +1) is open 08:00-09:00Z, ben (London, +0) 09:00-10:00Z, cy (Lisbon, +0) too.
  const hosts = [
    { hostId: 'ana', rules: { timeZone: 'Europe/Berlin', weekly } },
    { hostId: 'ben', rules: { timeZone: 'Europe/London', weekly } },
    {
      hostId: 'cy',
      rules: { timeZone: 'Europe/Lisbon', weekly },
      busy: [{ start: '2026-11-03T09:30:00Z', end: '2026-11-03T10:00:00Z' }],
    },
  ];

  test('round-robin: every start any host offers, with the free hosts in input order', () => {
    const slots = computeTeamSlots({ mode: 'round-robin', hosts, ...range });
    expect(slots.map((s) => [new Date(s.start).toISOString(), s.hostIds])).toEqual([
      ['2026-11-03T08:00:00.000Z', ['ana']],
      ['2026-11-03T08:30:00.000Z', ['ana']],
      ['2026-11-03T09:00:00.000Z', ['ben', 'cy']],
      ['2026-11-03T09:30:00.000Z', ['ben']],
    ]);
    for (const s of slots) expect(s.end - s.start).toBe(30 * 60_000);
  });

  test('collective: only starts every host offers', () => {
    expect(computeTeamSlots({ mode: 'collective', hosts, ...range })).toEqual([]);
    const londoners = hosts.slice(1);
    expect(computeTeamSlots({ mode: 'collective', hosts: londoners, ...range })).toEqual([
      {
        start: Date.parse('2026-11-03T09:00:00Z'),
        end: Date.parse('2026-11-03T09:30:00Z'),
        hostIds: ['ben', 'cy'],
      },
    ]);
  });

  test("a team of one is that host's slots", () => {
    const one = [{ hostId: 'solo', rules: MONDAY_UTC }];
    const expected = computeSlots({ rules: MONDAY_UTC, ...MONDAY }).map((s) => ({
      ...s,
      hostIds: ['solo'],
    }));
    expect(computeTeamSlots({ mode: 'round-robin', hosts: one, ...MONDAY })).toEqual(expected);
    expect(computeTeamSlots({ mode: 'collective', hosts: one, ...MONDAY })).toEqual(expected);
  });
});

describe('groupSlotsByDay', () => {
  // New York Monday 17:00-21:00 EST is 22:00Z Monday to 02:00Z Tuesday: 07:00-11:00 Tuesday in
  // Tokyo (one day), but split over two dates for a viewer in UTC.
  test('groups by date in the attendee zone', () => {
    const slots = computeSlots({
      rules: {
        timeZone: 'America/New_York',
        weekly: { monday: [{ start: '17:00', end: '21:00' }] },
      },
      policy: { durationMinutes: 60 },
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-04T00:00:00Z',
      now: NOW,
    });
    expect(groupSlotsByDay(slots, 'Asia/Tokyo').map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-11-03', 4],
    ]);
    expect(groupSlotsByDay(slots, 'UTC').map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-11-02', 2], // 22:00Z, 23:00Z
      ['2026-11-03', 2], // 00:00Z, 01:00Z
    ]);
    expect(groupSlotsByDay(slots, 'America/Los_Angeles').map((d) => d.date)).toEqual([
      '2026-11-02',
    ]);
  });

  test('no slots, no groups; team slots keep their hostIds', () => {
    expect(groupSlotsByDay([], 'Europe/Paris')).toEqual([]);
    const team = [{ start: 0, end: 1_800_000, hostIds: ['a'] }];
    expect(groupSlotsByDay(team, 'UTC')).toEqual([{ date: '1970-01-01', slots: team }]);
  });
});

describe('instant inputs', () => {
  // The same instants as epoch ms, Date, Z string and offset string must give the same slots.
  test('ISO strings (Z or offset), Dates and epoch ms are interchangeable', () => {
    const busyMs = {
      start: Date.parse('2026-11-02T10:00:00Z'),
      end: Date.parse('2026-11-02T10:30:00Z'),
    };
    const forms: SlotInput[] = [
      {
        rules: MONDAY_UTC,
        ...MONDAY,
        busy: [{ start: '2026-11-02T10:00:00Z', end: '2026-11-02T10:30:00Z' }],
      },
      {
        rules: MONDAY_UTC,
        from: '2026-11-02T01:00:00+01:00',
        to: '2026-11-02T19:00:00-05:00',
        now: '2026-10-20T05:30:00+05:30',
        busy: [{ start: '2026-11-02T11:00:00+01:00', end: '2026-11-02T10:30:00.000Z' }],
      },
      {
        rules: MONDAY_UTC,
        from: new Date('2026-11-02T00:00:00Z'),
        to: new Date('2026-11-03T00:00:00Z'),
        now: new Date(NOW),
        busy: [{ start: new Date(busyMs.start), end: new Date(busyMs.end) }],
      },
      {
        rules: MONDAY_UTC,
        from: Date.parse('2026-11-02T00:00:00Z'),
        to: Date.parse('2026-11-03T00:00:00Z'),
        now: Date.parse(NOW),
        busy: [busyMs],
      },
    ];
    const results = forms.map((input) => computeSlots(input));
    expect(isoList(results[0] ?? [])).toHaveLength(5);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  test('checkSlot accepts every instant form and returns the slot', () => {
    const base = { rules: MONDAY_UTC, now: NOW };
    const slot = {
      start: Date.parse('2026-11-02T09:30:00Z'),
      end: Date.parse('2026-11-02T10:00:00Z'),
    };
    for (const start of [
      '2026-11-02T09:30:00Z',
      '2026-11-02T10:30:00+01:00',
      new Date(slot.start),
      slot.start,
    ]) {
      expect(checkSlot({ ...base, start })).toEqual({ bookable: true, slot });
    }
  });

  test('toEpochMs and isValidTimeZone', () => {
    expect(toEpochMs('2026-11-01T06:00:00Z', 'now')).toBe(1_793_512_800_000);
    expect(toEpochMs('2026-11-01T07:00:00+01:00', 'now')).toBe(1_793_512_800_000);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Europe/Berlín')).toBe(false);
  });
});

describe('checkSlot reasons', () => {
  const base = {
    rules: MONDAY_UTC,
    busy: [{ start: '2026-11-02T10:00:00Z', end: '2026-11-02T10:30:00Z' }],
    now: '2026-11-02T08:00:00Z',
    policy: { minimumNoticeMinutes: 120, maxDaysAhead: 7 },
  };

  test.each([
    ['2026-11-02T09:30:00Z', 'MIN_NOTICE'], // 08:00 + 2 h = 10:00
    ['2026-11-16T09:00:00Z', 'BEYOND_MAX_DAYS_AHEAD'], // 14 days out
    ['2026-11-02T10:15:00Z', 'OUTSIDE_AVAILABILITY'], // off the 30-minute grid
    ['2026-11-02T12:00:00Z', 'OUTSIDE_AVAILABILITY'], // window closed
    ['2026-11-02T10:00:00Z', 'BUSY'],
  ])('%s -> %s', (start, reason) => {
    expect(checkSlot({ ...base, start })).toEqual({ bookable: false, reason });
  });

  test('a free grid start is bookable', () => {
    expect(checkSlot({ ...base, start: '2026-11-02T11:00:00Z' })).toEqual({
      bookable: true,
      slot: { start: Date.parse('2026-11-02T11:00:00Z'), end: Date.parse('2026-11-02T11:30:00Z') },
    });
  });
});

// Regression: bounds() once built offset tables spanning from `now` to the requested start, so a
// public booking request for the year 9999 cost ~30 s of CPU (one table per year in between).
describe('far-future requests', () => {
  const rules = {
    timeZone: 'Europe/Berlin',
    weekly: { monday: [{ start: '09:00', end: '17:00' }] },
  };
  const now = '2026-11-26T00:00:00Z';

  test('checkSlot refuses a start in 9999 as beyond the horizon without walking the years', () => {
    expect(checkSlot({ rules, start: '9999-01-04T08:00:00Z', now })).toEqual({
      bookable: false,
      reason: 'BEYOND_MAX_DAYS_AHEAD',
    });
  }, 2000);

  test('computeSlots over a range far beyond the horizon is empty', () => {
    const slots = computeSlots({
      rules,
      from: '9990-01-01T00:00:00Z',
      to: '9999-01-01T00:00:00Z',
      now,
      policy: { maxDaysAhead: 3650 },
    });
    expect(slots).toEqual([]);
  }, 2000);
});
