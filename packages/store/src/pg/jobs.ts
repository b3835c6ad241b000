import type { JobStore } from '@workestra/booking-core';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { abandonedWhere, claimableWhere, claimOrder } from '../conditions.js';
import { abandonedSet, byClaimOrder, failureSet } from '../jobs-common.js';
import { toJob } from '../mappers.js';
import { jobs } from '../schema/pg.js';
import type { PgDb } from './db.js';

/**
 * `JobStore` on PostgreSQL. Claiming locks the due rows with `FOR UPDATE SKIP LOCKED`, so
 * concurrent workers (on any instance) take disjoint jobs without waiting for each other.
 */
export function pgJobStore(db: PgDb): JobStore {
  const holds = (jobId: string, workerId: string) =>
    and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'));
  return {
    async claimJobs(workerId, now, limit, lockedUntil) {
      if (limit <= 0) return [];
      const due = db
        .select({ id: jobs.id })
        .from(jobs)
        .where(claimableWhere(jobs, now))
        .orderBy(...claimOrder(jobs))
        .limit(limit)
        .for('update', { skipLocked: true });
      const claimed = await db
        .update(jobs)
        .set({
          status: 'running',
          lockedBy: workerId,
          lockedUntil,
          attempts: sql`${jobs.attempts} + 1`,
          updatedAt: now,
        })
        .where(inArray(jobs.id, due))
        .returning();
      return claimed.map(toJob).sort(byClaimOrder);
    },

    async abandonExpired(now) {
      // Under READ COMMITTED a concurrent sweeper blocks on the row lock, then re-checks the WHERE
      // (status is no longer 'running'): each abandoned job is returned to exactly one caller.
      const abandoned = await db
        .update(jobs)
        .set(abandonedSet(now))
        .where(abandonedWhere(jobs, now))
        .returning();
      return abandoned.map(toJob).sort(byClaimOrder);
    },

    async completeJob(jobId, workerId, now) {
      await db
        .update(jobs)
        .set({ status: 'done', lockedBy: null, lockedUntil: null, updatedAt: now })
        .where(holds(jobId, workerId));
    },

    async failJob(jobId, workerId, error, now, retryAt) {
      await db
        .update(jobs)
        .set(failureSet(jobs, error, now, retryAt))
        .where(holds(jobId, workerId));
    },

    async findJobByKey(idempotencyKey) {
      const [row] = await db.select().from(jobs).where(eq(jobs.idempotencyKey, idempotencyKey));
      return row ? toJob(row) : null;
    },

    async listJobs(filter) {
      const rows = await db
        .select()
        .from(jobs)
        .where(filter?.status ? eq(jobs.status, filter.status) : undefined)
        .orderBy(asc(jobs.createdAt), asc(jobs.id));
      return rows.map(toJob);
    },
  };
}
