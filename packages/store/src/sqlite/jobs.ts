import type { JobStore } from '@workestra/booking-core';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { abandonedWhere, claimOrder } from '../conditions.js';
import type { EnqueueListeners } from '../enqueue-signal.js';
import {
  abandonedSet,
  byClaimOrder,
  doneSet,
  dueWhere,
  expiredWhere,
  failureSet,
  heldWhere,
} from '../jobs-common.js';
import { toJob } from '../mappers.js';
import { jobs } from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';

/**
 * `JobStore` on SQLite. Each change is one `UPDATE ... RETURNING`, atomic by itself (and against
 * other processes, through SQLite's write lock); `serial` keeps it out of another caller's open
 * transaction on the shared connection. `listeners` are the handle's wake-up subscribers, which its
 * transactions signal after a commit that queued jobs.
 */
export function sqliteJobStore(
  db: SqliteDb,
  serial: <T>(fn: () => Promise<T>) => Promise<T>,
  listeners: EnqueueListeners,
): JobStore {
  const holds = (jobId: string, workerId: string) =>
    and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'));
  return {
    claimJobs: (workerId, now, limit, lockedUntil, kinds) =>
      serial(async () => {
        if (limit <= 0 || kinds?.length === 0) return [];
        const claim = (where: SQL, n: number) =>
          db
            .update(jobs)
            .set({
              status: 'running',
              lockedBy: workerId,
              lockedUntil,
              attempts: sql`${jobs.attempts} + 1`,
              updatedAt: now,
            })
            .where(
              inArray(
                jobs.id,
                db
                  .select({ id: jobs.id })
                  .from(jobs)
                  .where(where)
                  .orderBy(...claimOrder(jobs))
                  .limit(n),
              ),
            )
            .returning()
            .all();
        const taken = claim(expiredWhere(jobs, now, kinds), limit);
        if (taken.length < limit)
          taken.push(...claim(dueWhere(jobs, now, kinds), limit - taken.length));
        return taken.map(toJob).sort(byClaimOrder);
      }),

    extendLeases: (workerId, jobIds, lockedUntil) =>
      serial(async () => {
        if (jobIds.length === 0) return [];
        return db
          .update(jobs)
          .set({ lockedUntil })
          .where(heldWhere(jobs, workerId, jobIds))
          .returning({ id: jobs.id })
          .all()
          .map((row) => row.id);
      }),

    onJobsEnqueued: async (listener) => {
      const remove = listeners.add(listener);
      return async () => remove();
    },

    abandonExpired: (now) =>
      serial(async () =>
        db
          .update(jobs)
          .set(abandonedSet(now))
          .where(abandonedWhere(jobs, now))
          .returning()
          .all()
          .map(toJob)
          .sort(byClaimOrder),
      ),

    completeJob: (jobId, workerId, now) =>
      serial(async () => {
        db.update(jobs).set(doneSet(now)).where(holds(jobId, workerId)).run();
      }),

    completeJobs: (workerId, jobIds, now) =>
      serial(async () => {
        if (jobIds.length === 0) return;
        db.update(jobs)
          .set(doneSet(now))
          .where(heldWhere(jobs, workerId, jobIds))
          .run();
      }),

    failJob: (jobId, workerId, error, now, retryAt) =>
      serial(async () => {
        db.update(jobs)
          .set(failureSet(jobs, error, now, retryAt))
          .where(holds(jobId, workerId))
          .run();
      }),

    findJobByKey: (idempotencyKey) =>
      serial(async () => {
        const row = db.select().from(jobs).where(eq(jobs.idempotencyKey, idempotencyKey)).get();
        return row ? toJob(row) : null;
      }),

    listJobs: (filter) =>
      serial(async () =>
        db
          .select()
          .from(jobs)
          .where(filter?.status ? eq(jobs.status, filter.status) : undefined)
          .orderBy(asc(jobs.createdAt), asc(jobs.id))
          .all()
          .map(toJob),
      ),
  };
}
