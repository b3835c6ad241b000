import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBookingCore, type BookingCore } from './core.js';
import type { HostRef, LinkMember } from './domain.js';
import { isBookingError } from './errors.js';
import { manualClock, type ManualClock } from './fixtures.js';
import type { BookingStore } from './ports.js';

/**
 * What {@link describeTeamBookingContract} needs: a fresh store per test and a way to dispose of
 * it (a `StoreFactory` of `describeStoreContract` fits as it is).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@workestra/booking-core';
 * const factory: TeamBookingStoreFactory = async () => ({ store: createMemoryStore(), close: async () => {} });
 * ```
 */
export type TeamBookingStoreFactory = () => Promise<{
  store: BookingStore;
  close(): Promise<void>;
}>;

const MIN = 60_000;
/** Sunday 2026-11-01 12:00 UTC. */
const NOW = Date.parse('2026-11-01T12:00:00Z');
/** Monday 2026-11-02 00:00 UTC: the first slot of the contract's links. */
const FIRST_SLOT = Date.parse('2026-11-02T00:00:00Z');
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
    d,
    ALL_DAY,
  ]),
);
/** Per-test budget on slow databases; the work itself is bounded by booking counts. */
const TIMEOUT = 300_000;

/**
 * The team-link booking checks every `BookingStore` adapter must pass through the real use-cases
 * (`createBookingCore` over the adapter): fairness of round-robin over 1,000 bookings in sequence
 * (equal weights: counts within 1 of each other; weights 1/2/3: each member's share within one
 * percentage point of its weight's), and 30 simultaneous bookings of one slot of a 3-member
 * round-robin link ending in exactly 3 bookings, one per member, and 27 `SLOT_TAKEN` (what
 * `withHostsLock`, `listHostsBusy` and `listLinkAssignments` must make true together). Each test
 * uses its own workspace and slug, so a shared database is fine.
 *
 * @example
 * ```ts
 * // An adapter's test file (vitest):
 * import { createMemoryStore } from '@workestra/booking-core';
 * import { describeTeamBookingContract } from '@workestra/booking-core/testing';
 *
 * describeTeamBookingContract('memory', async () => ({ store: createMemoryStore(), close: async () => {} }));
 * ```
 */
export function describeTeamBookingContract(name: string, factory: TeamBookingStoreFactory): void {
  describe(`team booking contract: ${name}`, () => {
    let store: BookingStore;
    let close: () => Promise<void>;
    let clock: ManualClock;
    let core: BookingCore;

    beforeEach(async () => {
      ({ store, close } = await factory());
      clock = manualClock(NOW);
      core = createBookingCore({ store, clock });
    });
    afterEach(async () => {
      await close();
    });

    /** A round-robin link of members always free (every day, all day, 15 minutes). */
    async function team(weights: readonly number[]): Promise<{ slug: string; ids: string[] }> {
      const workspaceId = `ws_team_${randomUUID()}`;
      const ids: string[] = [];
      for (const [i] of weights.entries()) {
        const host = await core.createHost({
          workspaceId,
          email: `member${i}@example.com`,
          name: `Member ${i}`,
          timeZone: 'UTC',
        });
        ids.push(host.id);
      }
      const owner: HostRef = { workspaceId, hostId: ids[0] as string };
      const members: Partial<LinkMember>[] = ids.map((hostId, i) => ({
        hostId,
        weight: weights[i] as number,
      }));
      const slug = `team-${randomUUID().slice(0, 8)}`;
      await core.createLink(owner, {
        title: 'Team call',
        slug,
        kind: 'round_robin',
        members,
        timeZone: 'UTC',
        durationMinutes: 15,
        maxDaysAhead: 60,
        weeklyHours: EVERY_DAY,
      });
      return { slug, ids };
    }

    const attendee = (slug: string, start: number, i: number) => ({
      slug,
      start,
      name: `Attendee ${i}`,
      email: `attendee${i}@example.com`,
      timeZone: 'Europe/London',
    });

    /** Books `count` distinct slots in sequence; the bookings per member id. */
    async function bookInSequence(slug: string, count: number): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        const { booking } = await core.book(attendee(slug, FIRST_SLOT + i * 15 * MIN, i));
        counts.set(booking.hostId, (counts.get(booking.hostId) ?? 0) + 1);
        clock.advance(1_000);
      }
      return counts;
    }

    it(
      'round-robin over 1,000 bookings with equal weights: member counts within 1',
      async () => {
        const { slug, ids } = await team([1, 1, 1]);
        const counts = await bookInSequence(slug, 1000);
        const values = ids.map((id) => counts.get(id) ?? 0);
        expect(values.reduce((a, b) => a + b, 0)).toBe(1000);
        expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      },
      TIMEOUT,
    );

    it(
      'round-robin over 1,000 bookings with weights 1/2/3: each share within 1% of its weight’s',
      async () => {
        const weights = [1, 2, 3];
        const { slug, ids } = await team(weights);
        const counts = await bookInSequence(slug, 1000);
        ids.forEach((id, i) => {
          const share = (counts.get(id) ?? 0) / 1000;
          expect(Math.abs(share - (weights[i] as number) / 6)).toBeLessThanOrEqual(0.01);
        });
      },
      TIMEOUT,
    );

    it(
      '30 simultaneous bookings of one slot of a 3-member link: 3 bookings, one per member, 27 SLOT_TAKEN',
      async () => {
        const { slug, ids } = await team([1, 1, 1]);
        const results = await Promise.allSettled(
          Array.from({ length: 30 }, (_, i) => core.book(attendee(slug, FIRST_SLOT, i))),
        );
        const booked = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.booking] : []));
        const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
        expect(booked).toHaveLength(3);
        expect(new Set(booked.map((b) => b.hostId))).toEqual(new Set(ids));
        expect(refused).toHaveLength(27);
        for (const error of refused) expect(isBookingError(error, 'SLOT_TAKEN')).toBe(true);
      },
      TIMEOUT,
    );
  });
}
