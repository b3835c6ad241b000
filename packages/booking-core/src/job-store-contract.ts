import { describe, expect, it } from 'vitest';
import type { JobKind, NewJob } from './domain.js';
import { FIXTURE_EPOCH, makeNewJob } from './fixtures.js';
import type { BookingStore, JobStore } from './ports.js';

const MIN = 60_000;

/** A promise with its resolver, to wait for a callback without waiting for time. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * The parts of the `JobStore` contract a continuously draining runner relies on: the `kinds`
 * filter of `claimJobs`, batched completion, lease extension (only by the holder, and a lost lease
 * stays lost) and the wake-up after commit; and the listing of a booking's follow-ups for its host. Called by `describeStoreContract` with the current test's store.
 */
export function describeJobRunnerPortContract(
  current: () => { store: BookingStore; jobs: JobStore },
): void {
  const enqueue = (list: Partial<NewJob>[], now = FIXTURE_EPOCH) =>
    current().store.transaction((tx) =>
      tx.enqueueJobs(
        list.map((j) => makeNewJob(j)),
        now,
      ),
    );

  describe('jobs: kinds, leases and wake-ups', () => {
    it('claims only the kinds asked for, and nothing for an empty list', async () => {
      const { jobs } = current();
      await enqueue([
        { idempotencyKey: 'crm', kind: 'crm.sync' },
        { idempotencyKey: 'mail', kind: 'email.confirmation' },
        { idempotencyKey: 'cal', kind: 'calendar.create' },
      ]);
      expect(await jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN, [])).toEqual([]);
      const claimed = await jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN, [
        'email.confirmation',
        'calendar.create',
      ]);
      expect(claimed.map((j) => j.idempotencyKey).sort()).toEqual(['cal', 'mail']);
      expect((await jobs.findJobByKey('crm'))?.status).toBe('pending');
      const rest = await jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN);
      expect(rest.map((j) => j.idempotencyKey)).toEqual(['crm']);
    });

    it('completes several jobs in one call, only those the worker holds', async () => {
      const { jobs } = current();
      await enqueue([{ idempotencyKey: 'a' }, { idempotencyKey: 'b' }, { idempotencyKey: 'c' }]);
      const [a, b] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 2, FIXTURE_EPOCH + MIN);
      const [c] = await jobs.claimJobs('w2', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
      await jobs.completeJobs('w1', [], FIXTURE_EPOCH + 1);
      await jobs.completeJobs('w1', [a!.id, b!.id, c!.id, 'no-such-job'], FIXTURE_EPOCH + 1);
      expect(await jobs.findJobByKey('a')).toMatchObject({
        status: 'done',
        lockedBy: null,
        lockedUntil: null,
        updatedAt: FIXTURE_EPOCH + 1,
      });
      expect((await jobs.findJobByKey('b'))?.status).toBe('done');
      expect(await jobs.findJobByKey('c')).toMatchObject({ status: 'running', lockedBy: 'w2' });
    });

    it('extends a lease only for the worker holding the job', async () => {
      const { jobs } = current();
      await enqueue([{ idempotencyKey: 'long' }, { idempotencyKey: 'other' }]);
      const [long, other] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 2, FIXTURE_EPOCH + MIN);
      await jobs.completeJob(other!.id, 'w1', FIXTURE_EPOCH);
      expect(
        await jobs.extendLeases('w2', [long!.id], FIXTURE_EPOCH + 9 * MIN, FIXTURE_EPOCH),
      ).toEqual([]);
      expect(
        await jobs.extendLeases(
          'w1',
          [long!.id, other!.id, 'no-such-job'],
          FIXTURE_EPOCH + 2 * MIN,
          FIXTURE_EPOCH + 30_000,
        ),
      ).toEqual([long!.id]);
      expect(await jobs.findJobByKey('long')).toMatchObject({
        status: 'running',
        lockedBy: 'w1',
        lockedUntil: FIXTURE_EPOCH + 2 * MIN,
        attempts: 1,
      });
      expect((await jobs.findJobByKey('other'))?.status).toBe('done');
      // The extended lease holds past the original one.
      expect(await jobs.claimJobs('w2', FIXTURE_EPOCH + MIN, 10, FIXTURE_EPOCH + 3 * MIN)).toEqual(
        [],
      );
      expect(await jobs.extendLeases('w1', [], FIXTURE_EPOCH + 5 * MIN, FIXTURE_EPOCH)).toEqual([]);
    });

    it('lets another worker reclaim an expired lease, after which the old holder cannot extend it', async () => {
      const { jobs } = current();
      await enqueue([{ idempotencyKey: 'stale' }]);
      const [job] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
      const [taken] = await jobs.claimJobs('w2', FIXTURE_EPOCH + MIN, 1, FIXTURE_EPOCH + 2 * MIN);
      expect(taken).toMatchObject({ id: job!.id, lockedBy: 'w2', attempts: 2 });
      expect(
        await jobs.extendLeases('w1', [job!.id], FIXTURE_EPOCH + 5 * MIN, FIXTURE_EPOCH + MIN),
      ).toEqual([]);
      expect(await jobs.findJobByKey('stale')).toMatchObject({
        lockedBy: 'w2',
        lockedUntil: FIXTURE_EPOCH + 2 * MIN,
      });
    });

    it('signals the kinds enqueued after commit, and nothing for a rolled-back transaction', async () => {
      const { store, jobs } = current();
      const signals: JobKind[][] = [];
      const first = deferred<string[]>();
      const unsubscribe = await jobs.onJobsEnqueued((kinds) => {
        signals.push([...kinds].sort());
        // What a woken runner does: the jobs announced are already visible to a claim.
        void jobs
          .claimJobs('woken', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN)
          .then((claimed) => first.resolve(claimed.map((j) => j.idempotencyKey).sort()));
      });
      try {
        await expect(
          store.transaction(async (tx) => {
            await tx.enqueueJobs([makeNewJob({ idempotencyKey: 'undone', kind: 'crm.sync' })], 0);
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        await enqueue([
          { idempotencyKey: 'a', kind: 'email.confirmation' },
          { idempotencyKey: 'b', kind: 'email.host-notice' },
          { idempotencyKey: 'c', kind: 'email.confirmation' },
        ]);
        // A rolled-back transaction would have signalled first (signals arrive in commit order).
        expect(await first.promise).toEqual(['a', 'b', 'c']);
        expect(signals[0]).toEqual(
          expect.arrayContaining(['email.confirmation', 'email.host-notice']),
        );
        expect(signals[0]).not.toContain('crm.sync');
        expect(await jobs.findJobByKey('undone')).toBeNull();
      } finally {
        await unsubscribe();
      }
    });

    it('stops signalling a listener once it unsubscribed, others still hear', async () => {
      const { jobs } = current();
      const heardByGone: JobKind[][] = [];
      const heard = deferred<readonly JobKind[]>();
      const gone = await jobs.onJobsEnqueued((kinds) => void heardByGone.push([...kinds]));
      const stays = await jobs.onJobsEnqueued((kinds) => heard.resolve(kinds));
      try {
        await gone();
        await enqueue([{ idempotencyKey: 'x', kind: 'calendar.create' }]);
        expect(await heard.promise).toEqual(['calendar.create']);
        // Both are served by the same delivery, so the first would have heard it by now.
        expect(heardByGone).toEqual([]);
      } finally {
        await stays();
      }
    });
  });

  describe("jobs: a booking's follow-ups", () => {
    const about = (workspaceId: string, bookingId: string) => ({ workspaceId, bookingId });

    it('lists the jobs naming the booking in its workspace, oldest first, in any state', async () => {
      const { jobs } = current();
      // Enqueued out of order: the later batch is created first.
      await enqueue(
        [{ idempotencyKey: 'crm', kind: 'crm.sync', payload: about('ws_1', 'bk_1') }],
        FIXTURE_EPOCH + MIN,
      );
      await enqueue([
        { idempotencyKey: 'cal', kind: 'calendar.create', payload: about('ws_1', 'bk_1') },
        { idempotencyKey: 'mail', kind: 'email.confirmation', payload: about('ws_1', 'bk_1') },
        { idempotencyKey: 'other-booking', kind: 'crm.sync', payload: about('ws_1', 'bk_2') },
        { idempotencyKey: 'other-workspace', kind: 'crm.sync', payload: about('ws_2', 'bk_1') },
        { idempotencyKey: 'no-workspace', kind: 'crm.sync', payload: { bookingId: 'bk_1' } },
        { idempotencyKey: 'no-booking', kind: 'crm.sync', payload: { workspaceId: 'ws_1' } },
      ]);
      const [mail] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN, [
        'email.confirmation',
      ]);
      await jobs.completeJob(mail!.id, 'w1', FIXTURE_EPOCH + 1);

      const listed = await jobs.listBookingJobs('ws_1', 'bk_1');
      expect(listed.map((j) => [j.idempotencyKey, j.status])).toEqual([
        ['cal', 'pending'],
        ['mail', 'done'],
        ['crm', 'pending'],
      ]);
      expect(listed[0]).toMatchObject({ kind: 'calendar.create', payload: about('ws_1', 'bk_1') });
      expect((await jobs.listBookingJobs('ws_2', 'bk_1')).map((j) => j.idempotencyKey)).toEqual([
        'other-workspace',
      ]);
      expect(await jobs.listBookingJobs('ws_1', 'bk_none')).toEqual([]);
    });

    it('shows a follow-up waiting for its retry with its attempts, error and next run', async () => {
      const { jobs } = current();
      await enqueue([
        { idempotencyKey: 'cal', kind: 'calendar.create', payload: about('ws_1', 'bk_1') },
      ]);
      const [cal] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
      await jobs.failJob(cal!.id, 'w1', 'HTTP 503', FIXTURE_EPOCH + 1, FIXTURE_EPOCH + 5 * MIN);
      expect(await jobs.listBookingJobs('ws_1', 'bk_1')).toEqual([
        expect.objectContaining({
          id: cal!.id,
          status: 'pending',
          attempts: 1,
          lastError: 'HTTP 503',
          runAt: FIXTURE_EPOCH + 5 * MIN,
          updatedAt: FIXTURE_EPOCH + 1,
        }),
      ]);
    });
  });
}
