import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import type { Job, JobKind } from './domain.js';
import { JobRunner, type JobHandlers } from './job-runner.js';
import { createMemoryStore } from './memory-store.js';
import { FIXTURE_EPOCH, makeNewJob, manualClock } from './fixtures.js';
import { world } from './test-utils.js';

const MIN = 60_000;

describe('backoffDelay', () => {
  it('doubles per attempt, caps, and jitters between half and the full nominal delay', () => {
    const opts = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, opts, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(backoffDelay(3, opts, () => 0)).toBe(2000);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(3000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(4, opts);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
});

function setup(handlers: JobHandlers, maxAttempts = 3) {
  const store = createMemoryStore();
  const clock = manualClock(FIXTURE_EPOCH);
  const runner = new JobRunner({
    jobs: store,
    store,
    handlers,
    clock,
    random: () => 0.5,
    workerId: 'w1',
    backoff: { baseMs: MIN, maxMs: 10 * MIN },
  });
  const enqueue = (kind: JobKind, payload: Record<string, unknown> = {}) =>
    store.transaction((tx) =>
      tx.enqueueJobs(
        [makeNewJob({ kind, payload, idempotencyKey: `k-${kind}`, maxAttempts })],
        clock.now(),
      ),
    );
  return { store, clock, runner, enqueue };
}

describe('JobRunner', () => {
  it('runs due jobs through their handler and completes them', async () => {
    const seen: Job[] = [];
    const { store, runner, enqueue } = setup({
      'email.confirmation': async (job) => void seen.push(job),
    });
    await enqueue('email.confirmation', { bookingId: 'b1' });
    expect(await runner.runOnce()).toEqual({ claimed: 1, succeeded: 1, retried: 0, failed: 0 });
    expect(seen[0]).toMatchObject({
      kind: 'email.confirmation',
      payload: { bookingId: 'b1' },
      attempts: 1,
      lockedBy: 'w1',
    });
    expect((await store.findJobByKey('k-email.confirmation'))?.status).toBe('done');
    expect(await runner.runOnce()).toEqual({ claimed: 0, succeeded: 0, retried: 0, failed: 0 });
  });

  it('retries with exponential backoff and jitter, then fails for good and logs it on the booking', async () => {
    let calls = 0;
    const w = await world();
    await w.link();
    const { booking } = await w.core.book(w.attendee('2026-11-02T09:00:00Z'));
    const clock = manualClock(w.clock.now());
    const warnings: object[] = [];
    const runner = new JobRunner({
      jobs: w.store,
      store: w.store,
      clock,
      random: () => 0.5,
      backoff: { baseMs: MIN, maxMs: 10 * MIN },
      logger: { info() {}, warn: (o) => void warnings.push(o), error() {} },
      handlers: {
        'crm.sync': async () => {
          calls++;
          throw new Error('CRM is down');
        },
        'email.confirmation': async () => {},
        'email.host-notice': async () => {},
      },
    });
    expect(await runner.runOnce()).toEqual({ claimed: 3, succeeded: 2, retried: 1, failed: 0 });
    const key = `${booking.id}:crm.sync:0`;
    // Attempt 1 failed: nominal 1 min, jitter 0.5 -> 45 s.
    expect(await w.store.findJobByKey(key)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'CRM is down',
      runAt: clock.now() + 45_000,
    });
    clock.advance(44_999);
    expect((await runner.runOnce()).claimed).toBe(0);
    clock.advance(1);
    expect(await runner.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    // Attempt 2 failed: nominal 2 min -> 90 s.
    expect((await w.store.findJobByKey(key))?.runAt).toBe(clock.now() + 90_000);
    const sequence: number[] = [];
    for (let attempt = 3; attempt <= 8; attempt++) {
      const job = await w.store.findJobByKey(key);
      clock.set(job!.runAt);
      sequence.push(job!.runAt);
      await runner.runOnce();
    }
    expect(calls).toBe(8);
    expect(await w.store.findJobByKey(key)).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: 'CRM is down',
    });
    expect(warnings).toHaveLength(7);
    const { booking: after, events } = await w.core.getBooking(w.host, booking.id);
    expect(after).toEqual(booking);
    expect(events.map((e) => e.type)).toEqual(['created', 'followup_failed']);
    expect(events[1]).toMatchObject({
      actor: 'system',
      data: { kind: 'crm.sync', attempts: 8, error: 'CRM is down' },
    });
    // The host sees it on the booking, in the list and in the details; the booking stands.
    const failure = { kind: 'crm.sync', at: clock.now(), attempts: 8, error: 'CRM is down' };
    expect((await w.core.getBooking(w.host, booking.id)).followUpFailures).toEqual([failure]);
    const { bookings } = await w.core.listBookings(w.host, { filter: 'upcoming' });
    expect(bookings.map((b) => [b.id, b.status, b.followUpFailures])).toEqual([
      [booking.id, 'confirmed', [failure]],
    ]);
    // Delays grow to the 10-minute cap: 3 min, 6 min, then 7.5 min (cap 10 with jitter) from there.
    const gaps = sequence.slice(1).map((t, i) => t - sequence[i]!);
    expect(gaps).toEqual([180_000, 360_000, 450_000, 450_000, 450_000]);
  });

  it('fails jobs abandoned on their last attempt and logs it on the booking, once', async () => {
    const w = await world();
    await w.link();
    const { booking } = await w.core.book(w.attendee('2026-11-02T09:00:00Z'));
    const clock = manualClock(w.clock.now());
    // A worker that claims and then dies, every time its lease runs out, until no attempt is left.
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await w.store.claimJobs('dead', clock.now(), 10, clock.now() + MIN)).toHaveLength(3);
      clock.advance(MIN);
    }
    expect(await w.store.claimJobs('dead', clock.now(), 10, clock.now() + MIN)).toEqual([]);
    const ran: string[] = [];
    const errors: object[] = [];
    const runner = new JobRunner({
      jobs: w.store,
      store: w.store,
      clock,
      workerId: 'w2',
      logger: { info() {}, warn() {}, error: (o) => void errors.push(o) },
      handlers: {
        'crm.sync': async () => void ran.push('crm.sync'),
        'email.confirmation': async () => void ran.push('email.confirmation'),
        'email.host-notice': async () => void ran.push('email.host-notice'),
      },
    });
    expect(await runner.runOnce()).toEqual({ claimed: 0, succeeded: 0, retried: 0, failed: 3 });
    expect(await runner.runOnce()).toEqual({ claimed: 0, succeeded: 0, retried: 0, failed: 0 });
    expect(ran).toEqual([]);
    expect(errors).toHaveLength(3);
    const failed = await w.store.listJobs({ status: 'failed' });
    expect(failed.map((j) => j.kind).sort()).toEqual([
      'crm.sync',
      'email.confirmation',
      'email.host-notice',
    ]);
    const { booking: after, events } = await w.core.getBooking(w.host, booking.id);
    expect(after).toEqual(booking);
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'followup_failed',
      'followup_failed',
      'followup_failed',
    ]);
    const crm = events.find((e) => e.data['kind'] === 'crm.sync');
    expect(crm).toMatchObject({
      actor: 'system',
      at: clock.now(),
      data: {
        jobId: failed.find((j) => j.kind === 'crm.sync')?.id,
        attempts: 8,
        error: expect.stringMatching(/lease expired/),
      },
    });
  });

  it('fails a job without a handler at once', async () => {
    const { store, runner, enqueue } = setup({});
    await enqueue('calendar.create', { bookingId: 'b', workspaceId: 'ws' });
    expect(await runner.runOnce()).toEqual({ claimed: 1, succeeded: 0, retried: 0, failed: 1 });
    expect(await store.findJobByKey('k-calendar.create')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'no handler for job kind "calendar.create"',
    });
  });

  it('isolates failures: one job failing does not stop the others in its batch', async () => {
    const ran: string[] = [];
    const { runner, enqueue } = setup({
      'email.reminder': async () => {
        throw new Error('x');
      },
      'email.reschedule': async () => void ran.push('reschedule'),
    });
    await enqueue('email.reminder');
    await enqueue('email.reschedule');
    expect(await runner.runOnce()).toMatchObject({ claimed: 2, succeeded: 1, retried: 1 });
    expect(ran).toEqual(['reschedule']);
  });

  it('rejects a batch size or concurrency that is not a positive integer', () => {
    const store = createMemoryStore();
    expect(() => new JobRunner({ jobs: store, handlers: {}, concurrency: 0 })).toThrow(RangeError);
    expect(() => new JobRunner({ jobs: store, handlers: {}, batchSize: 1.5 })).toThrow(RangeError);
  });
});
