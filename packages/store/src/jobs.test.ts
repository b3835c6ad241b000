import type { JobStore, NewJob } from '@workestra/booking-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';

const job = (key: string, runAt = T0, extra: Partial<NewJob> = {}): NewJob => ({
  kind: 'email.confirmation',
  payload: { key },
  runAt,
  idempotencyKey: key,
  ...extra,
});
const LEASE = 60_000;

describe.each(DIALECTS)('JobStore on %s', (dialect) => {
  let db: TestDatabase;
  let handle: StoreHandle;
  let jobs: JobStore;
  const enqueue = (list: NewJob[], now = T0) =>
    handle.store.transaction((tx) => tx.enqueueJobs(list, now));

  beforeEach(async () => {
    db = await createTestDatabase(dialect);
    handle = await db.open();
    jobs = handle.jobs;
  });
  afterEach(async () => db.drop());

  it('enqueues idempotently by key, whatever the status', async () => {
    await enqueue([job('a'), job('a', T0 + 5)]);
    await enqueue([job('a', T0 + 9)]);
    const [claimed] = await jobs.claimJobs('w1', T0, 10, T0 + LEASE);
    await jobs.completeJob(claimed!.id, 'w1', T0 + 1);
    await enqueue([job('a')]);
    expect(await jobs.listJobs()).toMatchObject([
      { idempotencyKey: 'a', status: 'done', runAt: T0 },
    ]);
  });

  it('claims due jobs only, earliest first, then creation order; marks them running and counts the attempt', async () => {
    await enqueue([
      job('late', T0 + 10),
      job('first', T0),
      job('second', T0),
      job('future', T0 + 1_000_000),
    ]);
    const claimed = await jobs.claimJobs('w1', T0 + 10, 10, T0 + LEASE);
    expect(claimed.map((j) => j.idempotencyKey)).toEqual(['first', 'second', 'late']);
    expect(claimed[0]).toMatchObject({
      status: 'running',
      lockedBy: 'w1',
      lockedUntil: T0 + LEASE,
      attempts: 1,
      maxAttempts: 5,
      updatedAt: T0 + 10,
    });
    expect(await jobs.claimJobs('w2', T0 + 10, 10, T0 + LEASE)).toEqual([]);
    expect((await jobs.listJobs({ status: 'pending' })).map((j) => j.idempotencyKey)).toEqual([
      'future',
    ]);
  });

  it('respects the limit', async () => {
    await enqueue(['a', 'b', 'c'].map((k) => job(k)));
    expect(await jobs.claimJobs('w1', T0, 2, T0 + LEASE)).toHaveLength(2);
    expect(await jobs.claimJobs('w1', T0, 0, T0 + LEASE)).toEqual([]);
    expect(await jobs.claimJobs('w1', T0, 2, T0 + LEASE)).toHaveLength(1);
  });

  it('retries a failure at retryAt, and fails for good when attempts run out or retryAt is null', async () => {
    await enqueue([job('flaky', T0, { maxAttempts: 2 }), job('fatal')]);
    const [flaky, fatal] = await jobs.claimJobs('w1', T0, 10, T0 + LEASE);
    await jobs.failJob(flaky!.id, 'w1', 'smtp down', T0 + 1, T0 + 1000);
    await jobs.failJob(fatal!.id, 'w1', 'bad payload', T0 + 1, null);
    expect(await jobs.findJobByKey('flaky')).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAt: T0 + 1000,
      lastError: 'smtp down',
      lockedBy: null,
      lockedUntil: null,
    });
    expect(await jobs.findJobByKey('fatal')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'bad payload',
    });

    expect(await jobs.claimJobs('w1', T0 + 999, 10, T0 + LEASE)).toEqual([]);
    const [again] = await jobs.claimJobs('w1', T0 + 1000, 10, T0 + 1000 + LEASE);
    expect(again).toMatchObject({ idempotencyKey: 'flaky', attempts: 2 });
    await jobs.failJob(again!.id, 'w1', 'still down', T0 + 1001, T0 + 5000);
    expect(await jobs.findJobByKey('flaky')).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: 'still down',
      runAt: T0 + 1000,
    });
    expect((await jobs.listJobs({ status: 'failed' })).map((j) => j.idempotencyKey)).toEqual([
      'flaky',
      'fatal',
    ]);
  });

  it('lets only the worker holding the lease complete or fail a job', async () => {
    await enqueue([job('a')]);
    const [a] = await jobs.claimJobs('w1', T0, 1, T0 + LEASE);
    await jobs.completeJob(a!.id, 'intruder', T0 + 1);
    await jobs.failJob(a!.id, 'intruder', 'nope', T0 + 1, null);
    expect(await jobs.findJobByKey('a')).toMatchObject({
      status: 'running',
      lockedBy: 'w1',
      lastError: null,
    });
    await jobs.completeJob(a!.id, 'w1', T0 + 2);
    expect(await jobs.findJobByKey('a')).toMatchObject({
      status: 'done',
      lockedBy: null,
      lockedUntil: null,
      updatedAt: T0 + 2,
    });
    await jobs.failJob(a!.id, 'w1', 'late', T0 + 3, null); // finished: a no-op
    expect(await jobs.findJobByKey('a')).toMatchObject({ status: 'done', lastError: null });
  });

  it('hands a job whose lease expired to another worker; the old worker can no longer finish it', async () => {
    await enqueue([job('a', T0, { maxAttempts: 2 })]);
    const [first] = await jobs.claimJobs('w1', T0, 1, T0 + LEASE);
    expect(await jobs.claimJobs('w2', T0 + LEASE - 1, 1, T0 + 2 * LEASE)).toEqual([]);
    const [second] = await jobs.claimJobs('w2', T0 + LEASE, 1, T0 + 2 * LEASE);
    expect(second).toMatchObject({ id: first!.id, lockedBy: 'w2', attempts: 2 });
    await jobs.completeJob(first!.id, 'w1', T0 + LEASE + 1);
    expect(await jobs.findJobByKey('a')).toMatchObject({ status: 'running', lockedBy: 'w2' });
    // w2 dies too, on the last attempt: claims skip it, and the sweep ends it visibly failed
    // (reporting it, so the runner can record followup_failed) instead of it running forever.
    expect(await jobs.claimJobs('w3', T0 + 2 * LEASE, 1, T0 + 3 * LEASE)).toEqual([]);
    expect(await jobs.findJobByKey('a')).toMatchObject({ status: 'running', lockedBy: 'w2' });
    const [abandoned] = await jobs.abandonExpired(T0 + 2 * LEASE);
    expect(abandoned).toMatchObject({
      id: first!.id,
      status: 'failed',
      attempts: 2,
      lockedBy: null,
      lockedUntil: null,
      lastError: expect.stringMatching(/lease expired/),
      updatedAt: T0 + 2 * LEASE,
    });
    expect(await jobs.findJobByKey('a')).toEqual(abandoned);
    expect(await jobs.abandonExpired(T0 + 3 * LEASE)).toEqual([]);
  });

  it('cancels pending jobs only', async () => {
    await enqueue([job('pending'), job('running')]);
    await jobs.claimJobs('w1', T0, 1, T0 + LEASE); // claims "pending" (created first)
    await handle.store.transaction((tx) =>
      tx.cancelJobs(['pending', 'running', 'unknown'], T0 + 1),
    );
    expect((await jobs.listJobs()).map((j) => [j.idempotencyKey, j.status])).toEqual([
      ['pending', 'running'],
      ['running', 'cancelled'],
    ]);
  });

  it('never hands one job to two concurrent claimers', async () => {
    const total = 120;
    await enqueue(Array.from({ length: total }, (_, i) => job(`bulk-${i}`)));
    // Two independent handles (two SQLite connections / two PostgreSQL pools), four loops each.
    const other = await db.open({ maxConnections: 4 });
    const claimers = [handle.jobs, other.jobs].flatMap((store, s) =>
      Array.from({ length: 4 }, (_, i) => ({ store, worker: `w${s}-${i}` })),
    );
    const seen = await Promise.all(
      claimers.map(async ({ store, worker }) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await store.claimJobs(worker, T0, 3, T0 + LEASE);
          if (batch.length === 0) return mine;
          for (const j of batch) {
            expect(j.lockedBy).toBe(worker);
            mine.push(j.id);
          }
        }
      }),
    );
    const all = seen.flat();
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(seen.filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
    const running = await jobs.listJobs({ status: 'running' });
    expect(running.every((j) => j.attempts === 1)).toBe(true);
  });
});
