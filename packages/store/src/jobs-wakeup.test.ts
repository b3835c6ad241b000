import { JOB_KINDS, type JobKind, type NewJob } from '@workestra/booking-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';

const job = (key: string, kind: JobKind = 'email.confirmation'): NewJob => ({
  kind,
  payload: { key },
  runAt: T0,
  idempotencyKey: key,
});

/** Signals as they arrive, and a way to wait for the n-th one without waiting for time. */
function recorder() {
  const seen: (readonly JobKind[])[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    seen,
    listener(kinds: readonly JobKind[]) {
      seen.push(kinds);
      for (const w of waiting.filter((w) => seen.length >= w.n)) w.resolve();
    },
    /** Resolves once `n` signals have arrived. */
    count(n: number): Promise<void> {
      if (seen.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ n, resolve }));
    },
  };
}

describe('job wake-ups on PostgreSQL', () => {
  let db: TestDatabase;
  let a: StoreHandle;
  let b: StoreHandle;

  beforeEach(async () => {
    db = await createTestDatabase('postgres');
    a = await db.open({ maxConnections: 3 });
    b = await db.open({ maxConnections: 3 });
  });
  afterEach(async () => db.drop());

  it('wakes another instance (its own pool) after the commit, never for a duplicate-only enqueue', async () => {
    const heard = recorder();
    const unsubscribe = await b.jobs.onJobsEnqueued(heard.listener);
    await a.store.transaction(async (tx) => {
      await tx.enqueueJobs([job('1'), job('2', 'crm.sync')], T0);
      await tx.enqueueJobs([job('3', 'email.host-notice')], T0);
    });
    await a.store.transaction((tx) => tx.enqueueJobs([job('1')], T0)); // a duplicate: nothing new
    await a.store.transaction((tx) => tx.enqueueJobs([job('4', 'calendar.create')], T0));
    // Signals arrive in commit order: had the duplicate signalled, it would come before the last.
    await heard.count(3);
    expect(heard.seen.map((kinds) => [...kinds].sort())).toEqual([
      ['crm.sync', 'email.confirmation'],
      ['email.host-notice'],
      ['calendar.create'],
    ]);
    await unsubscribe();
  });

  it('listens again after its connection is killed, waking subscribers for every kind meanwhile', async () => {
    const heard = recorder();
    const unsubscribe = await a.jobs.onJobsEnqueued(heard.listener);
    const [listener] = await db.raw(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    await db.raw('SELECT pg_terminate_backend($1)', [listener!['pid']]);
    // One wake-up for the break (a signal may have been missed), one when listening again.
    await heard.count(2);
    expect(heard.seen).toEqual([JOB_KINDS, JOB_KINDS]);
    await b.store.transaction((tx) => tx.enqueueJobs([job('after', 'crm.sync')], T0));
    await heard.count(3);
    expect(heard.seen[2]).toEqual(['crm.sync']);
    await unsubscribe();
  });

  it('holds one listening connection while subscribed and gives it back after the last unsubscribe', async () => {
    const listening = async () =>
      (
        await db.raw(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND state = 'idle'`,
        )
      )[0]!['n'];
    const first = await a.jobs.onJobsEnqueued(() => {});
    const second = await a.jobs.onJobsEnqueued(() => {});
    expect(await listening()).toBe(1);
    await first();
    expect(await listening()).toBe(1);
    await second();
    // The connection is closed, not pooled (it would still LISTEN); its backend may take a moment to go.
    await expect.poll(listening).toBe(0);
  });
});

describe('job wake-ups on SQLite', () => {
  it('wakes subscribers of the handle that committed, not for a rollback', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const handle = await db.open();
      const heard = recorder();
      const unsubscribe = await handle.jobs.onJobsEnqueued(heard.listener);
      await expect(
        handle.store.transaction(async (tx) => {
          await tx.enqueueJobs([job('gone', 'crm.sync')], T0);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await handle.store.transaction((tx) => tx.enqueueJobs([job('kept')], T0));
      await handle.store.transaction((tx) => tx.enqueueJobs([job('kept')], T0)); // duplicate
      // Signals are synchronous with the commit here.
      expect(heard.seen).toEqual([['email.confirmation']]);
      await unsubscribe();
      await handle.store.transaction((tx) => tx.enqueueJobs([job('later')], T0));
      expect(heard.seen).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });
});
