import { computeSlots, groupSlotsByDay } from '@workestra/slots';
import { describe, expect, it } from 'vitest';
import type { BookingError } from './errors.js';
import { LINK_LIMITS, SLOTS_ANSWER_LIMITS } from './limits.js';
import { linkPolicy, linkRules } from './link-rules.js';
import type { CreateLinkInput } from './schemas.js';
import { codeOf, DAY, NOW, world } from './test-utils.js';

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
    d,
    ALL_DAY,
  ]),
);

/** The `details` of a refused promise (a `BookingError`). */
async function detailsOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return (error as BookingError).details;
  }
  throw new Error('expected a BookingError');
}

describe('link limits', () => {
  it('refuses meetings shorter than 5 minutes: slots start at most every 5 minutes', async () => {
    const { link } = await world();
    expect(await codeOf(link({ durationMinutes: 4 }))).toBe('VALIDATION_FAILED');
    expect(await detailsOf(link({ durationMinutes: 1 }))).toEqual([
      { path: 'durationMinutes', message: expect.stringContaining('5') },
    ]);
    await expect(link({ durationMinutes: LINK_LIMITS.minDurationMinutes })).resolves.toBeDefined();
  });

  it('refuses more than 20 recurring overrides', async () => {
    const { link } = await world();
    const override = { rrule: 'FREQ=WEEKLY;BYDAY=FR', start: '2026-01-02', windows: [] };
    const overrides = (n: number) => Array.from({ length: n }, () => override);
    expect(await detailsOf(link({ recurringOverrides: overrides(21) }))).toEqual([
      { path: 'recurringOverrides', message: expect.any(String) },
    ]);
    await expect(link({ recurringOverrides: overrides(20) })).resolves.toBeDefined();
  });

  // Regression: this override, 50 times over, made every slot read of the link cost 0.3-1.8 s.
  it('refuses a COUNT that is not reached within 10 years, naming the rule', async () => {
    const { link } = await world();
    const monthDays = Array.from({ length: 31 }, (_, i) => i + 1).join(',');
    const rrule = `FREQ=YEARLY;COUNT=100000;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=${monthDays};BYSETPOS=-1,1,2,3,4,5,6,7,8,9,10`;
    expect(
      await detailsOf(link({ recurringOverrides: [{ rrule, start: '1900-01-01', windows: [] }] })),
    ).toEqual([
      {
        path: 'recurringOverrides[0].rrule',
        message: expect.stringContaining('COUNT=100000 is not reached within 10 years'),
      },
    ]);
  });
});

describe('slots answer limits', () => {
  const dense: Partial<CreateLinkInput> = {
    durationMinutes: 5,
    weeklyHours: EVERY_DAY,
    maxDaysAhead: 90,
  };
  const from = Date.parse(NOW);

  it('answers a month of the densest link in full', async () => {
    const { core, link } = await world();
    await link(dense);
    // What the booking page asks for: a month widened by 14 hours on each side.
    const { days } = await core.getPublicSlots({
      slug: 'intro-call',
      from,
      to: from + 31 * DAY + 28 * 3_600_000,
      timeZone: 'UTC',
    });
    expect(days.reduce((n, d) => n + d.slots.length, 0)).toBe((31 * 24 + 28) * 12);
  });

  it('refuses a range holding more than 10,000 slots, naming where it may end', async () => {
    const { core, link } = await world();
    await link(dense);
    const ask = (to: number) =>
      core.getPublicSlots({ slug: 'intro-call', from, to, timeZone: 'UTC' });
    const details = (await detailsOf(ask(from + 62 * DAY))) as { path: string; message: string }[];
    expect(details).toHaveLength(1);
    expect(details[0]!.path).toBe('to');
    const end = /end it at (\S+) at the latest/.exec(details[0]!.message)?.[1];
    expect(end).toBe(new Date(from + SLOTS_ANSWER_LIMITS.maxSlots * 5 * 60_000).toISOString());
    const { days } = await ask(Date.parse(end!));
    expect(days.reduce((n, d) => n + d.slots.length, 0)).toBe(SLOTS_ANSWER_LIMITS.maxSlots);
  });
});

describe('date overrides on reads', () => {
  // Reads pass the engine only the overrides near the range; the answer must not change, even in
  // the zones furthest from UTC, where a host-local date starts a calendar day early or late.
  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'a read in %s answers as if every override were passed',
    async (timeZone) => {
      const { core, link, clock } = await world();
      const dateOverrides = Array.from({ length: LINK_LIMITS.maxDateOverrides }, (_, i) => ({
        date: new Date(Date.UTC(2026, 9, 1) + i * DAY).toISOString().slice(0, 10),
        windows: i % 2 === 0 ? [] : [{ start: '00:00', end: '01:00' }],
      }));
      const saved = await link({ timeZone, weeklyHours: EVERY_DAY, dateOverrides });
      const to = Date.parse(NOW) + 3 * DAY;
      const { days } = await core.getPublicSlots({
        slug: 'intro-call',
        from: NOW,
        to,
        timeZone: 'UTC',
      });
      const now = clock.now();
      const expected = computeSlots({
        rules: linkRules(saved),
        policy: linkPolicy(saved),
        from: now,
        to,
        now,
      });
      expect(days).toEqual(groupSlotsByDay(expected, 'UTC'));
      expect(days.length).toBeGreaterThan(0);
    },
  );

  it('the booking guard honours an override on the booked date', async () => {
    const { core, link } = await world();
    await link({
      timeZone: 'Pacific/Kiritimati',
      weeklyHours: EVERY_DAY,
      dateOverrides: [
        { date: '2026-11-05', windows: [] },
        { date: '2026-11-06', windows: [{ start: '00:00', end: '01:00' }] },
      ],
    });
    const attendee = (start: string) => ({
      slug: 'intro-call',
      start,
      name: 'Ada',
      email: 'ada@example.com',
      timeZone: 'UTC',
    });
    // 2026-11-05 00:00 in Kiritimati (+14) is 2026-11-04T10:00Z: closed by the override.
    expect(await codeOf(core.book(attendee('2026-11-04T10:00:00Z')))).toBe('SLOT_UNAVAILABLE');
    // 2026-11-06 00:00-01:00 there is 2026-11-05T10:00Z-11:00Z: open by the override.
    await expect(core.book(attendee('2026-11-05T10:00:00Z'))).resolves.toBeDefined();
    expect(await codeOf(core.book(attendee('2026-11-05T11:00:00Z')))).toBe('SLOT_UNAVAILABLE');
  });
});
