import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job, JobKind } from './domain.js';
import { FIXTURE_EPOCH, makeNewJob, manualClock } from './fixtures.js';
import { JobRunner, type JobHandler, type JobRunnerOptions } from './job-runner.js';
import { createMemoryStore } from './memory-store.js';

// The continuous runner (start/stop): no test here waits for time. Work is bounded by deferred
// promises and counters; where timers matter (heartbeat, stop) they are faked.

const HOUR = 3_600_000;

/** A promise with its resolver. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Resolves once `count` calls were made. */
function countdown(count: number): { promise: Promise<void>; tick: () => void } {
  const done = deferred();
  let left = count;
  if (left <= 0) done.resolve();
  return { promise: done.promise, tick: () => void (--left === 0 && done.resolve()) };
}

function setup(options: Omit<JobRunnerOptions, 'jobs' | 'store'>) {
  const store = createMemoryStore();
  const clock = manualClock(FIXTURE_EPOCH);
  const runner = new JobRunner({
    jobs: store,
    store,
    clock,
    workerId: 'w1',
    random: () => 0.5,
    ...options,
  });
  let n = 0;
  const enqueue = (kind: JobKind, count = 1) =>
    store.transaction((tx) =>
      tx.enqueueJobs(
        Array.from({ length: count }, () => makeNewJob({ kind, idempotencyKey: `k${++n}` })),
        clock.now(),
      ),
    );
  return { store, clock, runner, enqueue };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('JobRunner.start', () => {
  it('drains a queue of many batches without waiting for the poll between them', async () => {
    const all = countdown(95);
    const { store, runner, enqueue } = setup({
      handlers: { 'email.confirmation': async () => all.tick() },
      batchSize: 10,
    });
    await enqueue('email.confirmation', 95);
    // An hour's poll: a runner that slept after a full batch would not finish within the test.
    runner.start(HOUR);
    await all.promise;
    await runner.stop();
    expect(await store.listJobs({ status: 'done' })).toHaveLength(95);
  });

  it('wakes up when jobs are enqueued, and no longer after stop()', async () => {
    const ran = deferred<Job>();
    const { store, runner, enqueue } = setup({
      handlers: { 'email.host-notice': async (job) => ran.resolve(job) },
    });
    const claims = vi.spyOn(store, 'claimJobs');
    runner.start(HOUR); // the first poll finds nothing; only the wake-up can bring the job in
    await vi.waitFor(() => expect(claims).toHaveResolvedTimes(1));
    expect(claims.mock.settledResults[0]).toEqual({ type: 'fulfilled', value: [] });
    await enqueue('email.host-notice');
    expect((await ran.promise).kind).toBe('email.host-notice');
    await runner.stop();
    await enqueue('email.host-notice');
    expect(await store.listJobs({ status: 'pending' })).toHaveLength(1);
  });

  it('keeps a slow kind within its slots while other kinds run', async () => {
    const crmGate = deferred();
    const crmStarted: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const emails = countdown(12);
    const track =
      (inner: JobHandler): JobHandler =>
      async (job) => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        try {
          await inner(job);
        } finally {
          running--;
        }
      };
    const { store, runner, enqueue } = setup({
      concurrency: 4,
      kindConcurrency: { 'crm.sync': 1 },
      handlers: {
        'crm.sync': track(async (job) => {
          crmStarted.push(job.id);
          await crmGate.promise;
        }),
        'email.confirmation': track(async () => emails.tick()),
      },
    });
    await enqueue('crm.sync', 3); // first in line: a runner without kind limits would fill up with them
    await enqueue('email.confirmation', 12);
    runner.start(HOUR);
    await emails.promise;
    expect(crmStarted).toHaveLength(1);
    expect(mostAtOnce).toBeLessThanOrEqual(4);
    crmGate.resolve();
    await vi.waitFor(async () => expect(await store.listJobs({ status: 'done' })).toHaveLength(15));
    await runner.stop();
    expect(crmStarted).toHaveLength(3);
  });

  it('stop() waits for the jobs in flight and leaves no timer behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const gate = deferred();
    const started = deferred();
    const { store, runner, enqueue } = setup({
      handlers: {
        'email.reminder': async () => {
          started.resolve();
          await gate.promise;
        },
      },
    });
    await enqueue('email.reminder');
    runner.start(1000);
    await started.promise;
    expect(vi.getTimerCount()).toBe(2); // the idle poll and the lease heartbeat
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5000); // whatever the timers would do meanwhile
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect((await store.listJobs())[0]?.status).toBe('done');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('JobRunner lease', () => {
  it('claims for 30 s by default', async () => {
    const { store, enqueue } = setup({ handlers: {} });
    const seen = deferred<Job>();
    const runner = new JobRunner({
      jobs: store,
      clock: { now: () => FIXTURE_EPOCH },
      handlers: { 'crm.sync': async (job) => seen.resolve(job) },
    });
    await enqueue('crm.sync');
    await runner.runOnce();
    expect((await seen.promise).lockedUntil).toBe(FIXTURE_EPOCH + 30_000);
  });

  it('takes over a dead worker’s job at the first poll after its 30 s lease', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const ran = deferred<Job>();
    const { store, clock, enqueue } = setup({ handlers: {} });
    await enqueue('email.confirmation');
    // A runner that claimed with the default lease and was killed before finishing.
    const dead = new JobRunner({
      jobs: store,
      clock,
      workerId: 'dead',
      handlers: { 'email.confirmation': () => new Promise<void>(() => {}) },
    });
    void dead.runOnce();
    await vi.waitFor(async () => expect((await store.listJobs())[0]?.lockedBy).toBe('dead'));
    const next = new JobRunner({
      jobs: store,
      clock,
      workerId: 'next',
      handlers: { 'email.confirmation': async (job) => ran.resolve(job) },
    });
    next.start(1000);
    clock.advance(29_999);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await store.listJobs())[0]?.lockedBy).toBe('dead');
    clock.advance(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await ran.promise).toMatchObject({ lockedBy: 'next', attempts: 2 });
    await next.stop();
    vi.clearAllTimers(); // the dead runner's heartbeat: that process is gone
  });

  it('extends the lease of a running job every lease/3, so nobody takes it over; idle, no heartbeat', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const gate = deferred();
    const started = deferred();
    const { store, clock, runner, enqueue } = setup({
      leaseMs: 30_000,
      handlers: {
        'calendar.create': async () => {
          started.resolve();
          await gate.promise;
        },
      },
    });
    await enqueue('calendar.create');
    const run = runner.runOnce();
    await started.promise;
    for (let beat = 1; beat <= 4; beat++) {
      clock.advance(10_000);
      await vi.advanceTimersByTimeAsync(10_000);
      expect((await store.listJobs())[0]).toMatchObject({
        lockedBy: 'w1',
        lockedUntil: clock.now() + 30_000,
      });
    }
    // 40 s in: past the first lease, yet another worker finds nothing to take over.
    expect(await store.claimJobs('w2', clock.now(), 10, clock.now() + 30_000)).toEqual([]);
    gate.resolve();
    expect(await run).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('warns when a running job’s lease was taken over (the process stalled past it)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const gate = deferred();
    const started = deferred();
    const warnings: string[] = [];
    const { store, clock, runner, enqueue } = setup({
      leaseMs: 30_000,
      logger: { info() {}, error() {}, warn: (_o, message) => void warnings.push(message ?? '') },
      handlers: {
        'crm.sync': async () => {
          started.resolve();
          await gate.promise;
        },
      },
    });
    await enqueue('crm.sync');
    const run = runner.runOnce();
    await started.promise;
    clock.advance(30_000);
    expect(await store.claimJobs('w2', clock.now(), 10, clock.now() + 30_000)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(warnings).toEqual(['lost the lease of running jobs']);
    gate.resolve();
    await run;
    // The old holder's completion is ignored: the job stays with w2.
    expect((await store.listJobs())[0]).toMatchObject({ status: 'running', lockedBy: 'w2' });
  });
});
