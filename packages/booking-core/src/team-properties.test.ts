/**
 * Property test of team links through the use-cases (memory store, memory calendar, fixed clock):
 * random members (2-5) with their own weekly hours, time zones, time off, bookings on other links
 * and out-of-office time in their calendars, then random bookings in sequence. Every answer is
 * checked against an independent computation: each member's own `computeSlots` over its rules and
 * its busy time as the test knows it (never read back from the store).
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { computeSlots, type Interval, type WeeklyHours } from '@workestra/slots';
import { describe, expect } from 'vitest';
import { createBookingCore } from './core.js';
import type { CalendarProviderName, LinkKind } from './domain.js';
import { isBookingError } from './errors.js';
import { makeBooking, manualClock } from './fixtures.js';
import { createMemoryCalendar } from './memory-calendar.js';
import { createMemoryStore } from './memory-store.js';

const MIN = 60_000;
const STEP = 30 * MIN;
const NOW = Date.parse('2026-11-01T12:00:00Z');
/** Monday and Tuesday, 2026-11-02/03 (UTC). */
const FROM = Date.parse('2026-11-02T00:00:00Z');
const TO = FROM + 2 * 86_400_000;
const STEPS = (TO - FROM) / STEP;
const WS = 'ws_prop';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const LINK_WEEKLY: WeeklyHours = Object.fromEntries(
  WEEKDAYS.map((d) => [d, [{ start: '06:00', end: '20:00' }]]),
);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];
/** Generous per-test budget; the runs are bounded by counts, not by time. */
const TIMEOUT = 120_000;

const pad = (n: number) => String(n).padStart(2, '0');
const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

const rangeArb = fc.record({
  step: fc.integer({ min: 0, max: STEPS - 1 }),
  steps: fc.integer({ min: 1, max: 12 }),
});
const memberArb = fc.record({
  timeZone: fc.option(fc.constantFrom(...ZONES), { nil: null }),
  hours: fc.option(
    fc.record({ from: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 10 }) }),
    { nil: null },
  ),
  provider: fc.constantFrom<CalendarProviderName>('google', 'none'),
  weight: fc.integer({ min: 1, max: 3 }),
  timeOff: fc.array(rangeArb, { maxLength: 2 }),
  outOfOffice: fc.array(rangeArb, { maxLength: 2 }),
  /** Starts (in quarter hours from FROM) of 30-minute bookings on another link. */
  existing: fc.array(fc.integer({ min: 0, max: 2 * STEPS - 2 }), { maxLength: 3 }),
});
const scenarioArb = fc.record({
  kind: fc.constantFrom<LinkKind>('round_robin', 'collective'),
  bufferAfter: fc.constantFrom(0, 15),
  members: fc.array(memberArb, { minLength: 2, maxLength: 5 }),
  attempts: fc.array(fc.integer({ min: 0, max: STEPS - 1 }), { minLength: 1, maxLength: 6 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** A member as the test knows it. */
interface Member {
  readonly id: string;
  readonly spec: Scenario['members'][number];
  readonly weekly: WeeklyHours | null;
  readonly timeOff: Span[];
  readonly away: Span[];
  readonly existing: Span[];
  /** This link's bookings the member attends, as the test made them. */
  readonly booked: Span[];
}
interface Span {
  readonly start: number;
  readonly end: number;
}

const toInterval = (r: { step: number; steps: number }): Span => ({
  start: FROM + r.step * STEP,
  end: FROM + (r.step + r.steps) * STEP,
});

async function run(scenario: Scenario): Promise<void> {
  const store = createMemoryStore();
  const calendar = createMemoryCalendar();
  const core = createBookingCore({ store, calendar, clock: manualClock(NOW) });

  const members: Member[] = [];
  for (const [i, m] of scenario.members.entries()) {
    const host = await core.createHost({
      workspaceId: WS,
      email: `m${i}@example.com`,
      name: `Member ${i}`,
      timeZone: 'UTC',
    });
    const weekly: WeeklyHours | null =
      m.hours === null
        ? null
        : Object.fromEntries(
            WEEKDAYS.map((d) => [
              d,
              [
                {
                  start: `${pad(m.hours!.from)}:00`,
                  end: `${pad(Math.min(24, m.hours!.from + m.hours!.length))}:00`,
                },
              ],
            ]),
          );
    const timeOff = m.timeOff.map(toInterval);
    for (const range of timeOff) await core.addTimeOff({ workspaceId: WS, hostId: host.id }, range);
    const away = m.provider === 'google' ? m.outOfOffice.map(toInterval) : [];
    for (const range of away)
      calendar.addOutOfOffice({
        workspaceId: WS,
        connection: { hostId: host.id, provider: 'google' },
        ...range,
      });
    // Bookings on another link; the store refuses overlapping ones of a host, so keep apart.
    const existing: Span[] = [];
    for (const quarter of m.existing) {
      const meeting = { start: FROM + quarter * 15 * MIN, end: FROM + quarter * 15 * MIN + STEP };
      if (existing.some((e) => overlaps(e, meeting))) continue;
      existing.push(meeting);
      await store.transaction((tx) =>
        tx.insertBooking(
          makeBooking(
            { id: 'link_elsewhere', workspaceId: WS, hostId: host.id },
            { ...meeting, blockedStart: meeting.start, blockedEnd: meeting.end },
          ),
        ),
      );
    }
    members.push({
      id: host.id,
      spec: m,
      weekly,
      timeOff,
      away,
      existing,
      booked: [],
    });
  }
  await core.createLink(
    { workspaceId: WS, hostId: members[0]!.id },
    {
      title: 'Team',
      slug: 'team',
      kind: scenario.kind,
      timeZone: 'UTC',
      weeklyHours: LINK_WEEKLY,
      bufferAfterMinutes: scenario.bufferAfter,
      members: members.map((m) => ({
        hostId: m.id,
        weight: m.spec.weight,
        calendarProvider: m.spec.provider,
        timeZone: m.spec.timeZone,
        weeklyHours: m.weekly,
      })),
    },
  );

  const buffer = scenario.bufferAfter * MIN;
  /** The independent check: a member's own slots over its view, from what the test knows. */
  const freeStarts = (m: Member): Set<number> =>
    new Set(
      computeSlots({
        rules: { timeZone: m.spec.timeZone ?? 'UTC', weekly: m.weekly ?? LINK_WEEKLY },
        policy: {
          durationMinutes: 30,
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: scenario.bufferAfter,
          minimumNoticeMinutes: 0,
          maxDaysAhead: 30,
        },
        busy: [
          ...m.existing,
          ...m.timeOff,
          ...m.away,
          ...m.booked.map((b) => ({ start: b.start, end: b.end + buffer })),
        ],
        bookings: m.booked,
        from: FROM,
        to: TO,
        now: NOW,
      }).map((s) => s.start),
    );
  const expectedOffer = (): number[] => {
    const sets = members.map(freeStarts);
    const all = [...new Set(sets.flatMap((s) => [...s]))].sort((a, b) => a - b);
    return scenario.kind === 'round_robin' ? all : all.filter((t) => sets.every((s) => s.has(t)));
  };
  const offered = async (): Promise<number[]> => {
    const { days } = await core.getPublicSlots({
      slug: 'team',
      from: FROM,
      to: TO,
      timeZone: 'UTC',
    });
    return days.flatMap((d) => d.slots.map((s) => s.start));
  };

  expect(await offered()).toEqual(expectedOffer());
  for (const [i, step] of scenario.attempts.entries()) {
    const start = FROM + step * STEP;
    const meeting = { start, end: start + STEP };
    const free = members.filter((m) => freeStarts(m).has(start));
    const bookable =
      scenario.kind === 'round_robin' ? free.length > 0 : free.length === members.length;
    const attempt = await core
      .book({ slug: 'team', start, name: `A${i}`, email: `a${i}@example.com`, timeZone: 'UTC' })
      .catch((error: unknown) => error);
    if (!bookable) {
      expect(
        isBookingError(attempt, 'SLOT_TAKEN') || isBookingError(attempt, 'SLOT_UNAVAILABLE'),
      ).toBe(true);
      continue;
    }
    if (isBookingError(attempt)) throw attempt;
    const { booking } = attempt as { booking: { hostId: string; coHostIds: readonly string[] } };
    const attendees = [booking.hostId, ...booking.coHostIds];
    if (scenario.kind === 'collective') expect(attendees).toEqual(members.map((m) => m.id));
    else expect(booking.coHostIds).toEqual([]);
    for (const id of attendees) {
      const m = members.find((x) => x.id === id)!;
      expect(free).toContain(m);
      expect(m.timeOff.some((r) => overlaps(r, meeting))).toBe(false);
      expect(m.away.some((r) => overlaps(r, meeting))).toBe(false);
      m.booked.push(meeting);
    }
    expect(await offered()).toEqual(expectedOffer());
  }
}

describe('team links, property', () => {
  propTest.prop([scenarioArb], { numRuns: 60 })(
    'slots are offered iff some member (round-robin) or every member (collective) is free, and bookings go only to free members',
    async (scenario) => {
      await run(scenario);
    },
    TIMEOUT,
  );
});
