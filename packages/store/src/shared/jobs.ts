import type { JobKind, JobStore } from '@workestra/booking-core';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { abandonedWhere, claimOrder } from '../conditions.js';
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
import type { Dialect } from './dialect.js';

/**
 * `JobStore` over either dialect. Each claim is one `UPDATE ... RETURNING` over a sub-select of
 * the due rows: on PostgreSQL the sub-select locks them `FOR UPDATE SKIP LOCKED`, so concurrent
 * workers (on any instance) take disjoint jobs without waiting; on SQLite the database write lock
 * makes the statement atomic against other processes. `onJobsEnqueued` is the dialect's wake-up
 * (`NOTIFY` on PostgreSQL, in-process listeners on SQLite).
 */
/** A claim's inputs: who takes how many jobs, at `now`, leased until `lockedUntil`. */
export interface ClaimInputs {
  readonly workerId: string;
  readonly now: number;
  readonly lockedUntil: number;
  readonly limit: number;
}

/** The rows one claim statement took. */
export type ClaimedRows = Dialect['tables']['jobs']['$inferSelect'][];

/** Runs one claim statement: `expired` leases or `due` pending jobs, of `kinds` when given. */
export type ClaimPhase = (
  phase: 'expired' | 'due',
  inputs: ClaimInputs,
  kinds: readonly JobKind[] | undefined,
) => Promise<ClaimedRows>;

/**
 * One claim statement, built, not run: `UPDATE ... RETURNING` over the first `limit` rows that
 * `where` picks in claim order (`FOR UPDATE SKIP LOCKED` where the dialect has row locks). The
 * inputs may be drizzle placeholders, so PostgreSQL can prepare it once (`pg/claim-jobs.ts`).
 */
export function claimStatement(
  { db, tables: { jobs }, skipLocked }: Dialect,
  where: SQL,
  { workerId, now, lockedUntil, limit }: ClaimInputs,
) {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(where)
    .orderBy(...claimOrder(jobs))
    .limit(limit);
  return db
    .update(jobs)
    .set({
      status: 'running',
      lockedBy: workerId,
      lockedUntil,
      attempts: sql`${jobs.attempts} + 1`,
      updatedAt: now,
    })
    .where(inArray(jobs.id, skipLocked ? due.for('update', { skipLocked: true }) : due))
    .returning();
}

/** {@link ClaimPhase} that builds each statement anew (SQLite; statements are cheap in-process). */
const builtClaim =
  (dialect: Dialect): ClaimPhase =>
  (phase, inputs, kinds) => {
    const where = (phase === 'expired' ? expiredWhere : dueWhere)(
      dialect.tables.jobs,
      inputs.now,
      kinds,
    );
    return claimStatement(dialect, where, inputs);
  };

/**
 * `JobStore` over either dialect. Each claim is one `UPDATE ... RETURNING` over a sub-select of
 * the due rows: on PostgreSQL the sub-select locks them `FOR UPDATE SKIP LOCKED`, so concurrent
 * workers (on any instance) take disjoint jobs without waiting; on SQLite the database write lock
 * makes the statement atomic against other processes. `onJobsEnqueued` is the dialect's wake-up
 * (`NOTIFY` on PostgreSQL, in-process listeners on SQLite). `claim` runs the claim statements
 * (PostgreSQL passes prepared ones); by default each is built per call.
 */
export function jobStore(
  dialect: Dialect,
  onJobsEnqueued: JobStore['onJobsEnqueued'],
  claim: ClaimPhase = builtClaim(dialect),
): JobStore {
  const { db, tables } = dialect;
  const { jobs } = tables;
  const holds = (jobId: string, workerId: string) =>
    and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'));
  return {
    async claimJobs(workerId, now, limit, lockedUntil, kinds) {
      if (limit <= 0 || kinds?.length === 0) return [];
      // Expired leases first (their jobs have waited longest), then due pending jobs.
      const taken = await claim('expired', { workerId, now, lockedUntil, limit }, kinds);
      if (taken.length < limit)
        taken.push(
          ...(await claim(
            'due',
            { workerId, now, lockedUntil, limit: limit - taken.length },
            kinds,
          )),
        );
      return taken.map(toJob).sort(byClaimOrder);
    },

    async extendLeases(workerId, jobIds, lockedUntil) {
      if (jobIds.length === 0) return [];
      const extended = await db
        .update(jobs)
        .set({ lockedUntil })
        .where(heldWhere(jobs, workerId, jobIds))
        .returning({ id: jobs.id });
      return extended.map((row) => row.id);
    },

    onJobsEnqueued,

    async abandonExpired(now) {
      // PostgreSQL, READ COMMITTED: a concurrent sweeper blocks on the row lock, then re-checks the
      // WHERE (status is no longer 'running'): each abandoned job is returned to exactly one caller.
      const abandoned = await db
        .update(jobs)
        .set(abandonedSet(now))
        .where(abandonedWhere(jobs, now))
        .returning();
      return abandoned.map(toJob).sort(byClaimOrder);
    },

    async completeJob(jobId, workerId, now) {
      await db.update(jobs).set(doneSet(now)).where(holds(jobId, workerId));
    },

    async completeJobs(workerId, jobIds, now) {
      if (jobIds.length === 0) return;
      await db
        .update(jobs)
        .set(doneSet(now))
        .where(heldWhere(jobs, workerId, jobIds));
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
