import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBookingCore, type BookingCore } from './core.js';
import type { Job } from './domain.js';
import { FIXTURE_EPOCH, manualClock } from './fixtures.js';
import { FOLLOW_UP_RULES } from './follow-up-kinds.js';
import type { JobHandlers } from './job-runner.js';
import type { BookingStore, JobStore } from './ports.js';

/**
 * What {@link describeFollowUpContract} needs per test: an empty store (bookings and jobs), the
 * follow-up handlers under test bound to it (built with `createFollowUpHandlers`), and a snapshot
 * of everything they changed outside the jobs (messages sent, events, CRM records, the bookings'
 * references), comparable with `toEqual`.
 *
 * @example
 * ```ts
 * const factory: FollowUpFactory = async () => {
 *   const store = createMemoryStore();
 *   const crm = createMemoryCrm();
 *   const handlers = createFollowUpHandlers({ store, handlers: crmFollowUpHandlers(crm) });
 *   return { store, jobs: store, handlers, effects: async () => crm.listNotes(), close: async () => {} };
 * };
 * ```
 */
export type FollowUpFactory = () => Promise<{
  store: BookingStore;
  jobs: JobStore;
  handlers: JobHandlers;
  effects(): Promise<unknown>;
  close(): Promise<void>;
}>;

const MON_9 = FIXTURE_EPOCH + 9 * 3_600_000;

/**
 * The contract of follow-up handlers: run on real jobs of a booking that is created, rescheduled
 * and cancelled (on a link with a calendar, a meeting link and deals), every job can run twice
 * with the same effects as once, and a job of an older SEQUENCE whose kind's rule is
 * `same-sequence` is skipped (no effect at all, no error).
 *
 * @example
 * ```ts
 * import { createFollowUpHandlers, createMemoryCrm, createMemoryStore, crmFollowUpHandlers } from '@workestra/booking-core';
 * import { describeFollowUpContract } from '@workestra/booking-core/testing';
 * describeFollowUpContract('crm', async () => {
 *   const store = createMemoryStore();
 *   const crm = createMemoryCrm();
 *   const handlers = createFollowUpHandlers({ store, handlers: crmFollowUpHandlers(crm) });
 *   return { store, jobs: store, handlers, effects: async () => crm.listNotes(), close: async () => {} };
 * });
 * ```
 */
export function describeFollowUpContract(name: string, factory: FollowUpFactory): void {
  describe(`follow-up handlers contract: ${name}`, () => {
    let f: Awaited<ReturnType<FollowUpFactory>>;
    let core: BookingCore;

    beforeEach(async () => {
      f = await factory();
      core = createBookingCore({
        store: f.store,
        clock: manualClock(FIXTURE_EPOCH - 86_400_000),
        calendar: { busy: async () => [] },
      });
    });
    afterEach(async () => {
      await f.close();
    });

    async function book() {
      const host = await core.createHost({
        workspaceId: 'ws_followups',
        email: 'ana@example.com',
        name: 'Ana',
        timeZone: 'UTC',
      });
      const link = await core.createLink(
        { workspaceId: 'ws_followups', hostId: host.id },
        {
          title: 'Intro call',
          timeZone: 'UTC',
          weeklyHours: { monday: [{ start: '09:00', end: '17:00' }] },
          calendarProvider: 'google',
          autoMeetingLink: true,
          autoCreateDeal: true,
          defaultDealStage: 'New leads',
          defaultDealValueMinor: 50_000,
          defaultDealCurrency: 'EUR',
        },
      );
      return core.book({
        slug: link.slug,
        start: MON_9,
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        timeZone: 'Europe/London',
      });
    }

    /** Jobs queued since `seen`, in queue order. */
    async function newJobs(seen: Set<string>): Promise<Job[]> {
      const fresh = (await f.jobs.listJobs()).filter((j) => !seen.has(j.id));
      for (const j of fresh) seen.add(j.id);
      return fresh;
    }

    async function run(job: Job): Promise<void> {
      await f.handlers[job.kind]?.(job);
    }

    it('runs every job twice with the same effects as once (create, reschedule, cancel)', async () => {
      const seen = new Set<string>();
      const { tokens } = await book();
      const steps = [
        async () => {},
        async () =>
          void (await core.reschedule({ token: tokens.reschedule, start: MON_9 + 3_600_000 })),
        async () => void (await core.cancel({ token: tokens.cancel, reason: 'Contract test' })),
      ];
      for (const step of steps) {
        await step();
        for (const job of await newJobs(seen)) {
          await run(job);
          const once = await f.effects();
          await run(job);
          expect(await f.effects(), `${job.kind} run twice`).toEqual(once);
        }
      }
    });

    it('skips a job of an older SEQUENCE whose kind runs only at its own SEQUENCE', async () => {
      const seen = new Set<string>();
      const { tokens } = await book();
      const created = await newJobs(seen);
      await core.reschedule({ token: tokens.reschedule, start: MON_9 + 3_600_000 });
      const moved = await newJobs(seen);
      await core.cancel({ token: tokens.cancel });
      const before = await f.effects();
      const stale = [...created, ...moved].filter(
        (j) => FOLLOW_UP_RULES[j.kind] === 'same-sequence' && f.handlers[j.kind] !== undefined,
      );
      expect(stale.length).toBeGreaterThan(0);
      for (const job of stale) await run(job);
      expect(await f.effects()).toEqual(before);
    });
  });
}
