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

/** A claim's inputs: who takes how many jobs, at `now`, leased until `lockedUntil`. */
export interface ClaimInputs {
  readonly workerId: string;
  readonly now: number;
  readonly lockedUntil: number;
  readonly limit: number;
}

/** The rows one claim statement took. */
export type ClaimedRows = Dialect['tables']['jobs']['$inferSelect'][];

/**
 * Claims up to `inputs.limit` jobs, of `kinds` when given: expired leases first (their jobs have
 * waited longest), then due pending jobs. Resolves the rows taken, in no particular order.
 */
export type ClaimRows = (
  inputs: ClaimInputs,
  kinds: readonly JobKind[] | undefined,
) => Promise<ClaimedRows>;

/** The SET of a claim: running, locked by `workerId` until `lockedUntil`, one more attempt. */
export function claimSet(
  jobs: Dialect['tables']['jobs'],
  { workerId, now, lockedUntil }: Omit<ClaimInputs, 'limit'>,
) {
  return {
    status: 'running' as const,
    lockedBy: workerId,
    lockedUntil,
    attempts: sql`${jobs.attempts} + 1`,
    updatedAt: now,
  };
}

/**
 * One claim statement, built, not run: `UPDATE ... RETURNING` over the first `limit` rows that
 * `where` picks in claim order (`FOR UPDATE SKIP LOCKED` where the dialect has row locks). The
 * inputs may be drizzle placeholders, so it can be prepared once.
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
    .set(claimSet(jobs, { workerId, now, lockedUntil }))
    .where(inArray(jobs.id, skipLocked ? due.for('update', { skipLocked: true }) : due))
    .returning();
}

/**
 * {@link ClaimRows} as two statements built per call, expired then due (SQLite, where a statement
 * costs no round trip).
 */
const builtClaims =
  (dialect: Dialect): ClaimRows =>
  async (inputs, kinds) => {
    const { jobs } = dialect.tables;
    const taken = await claimStatement(dialect, expiredWhere(jobs, inputs.now, kinds), inputs);
    if (taken.length < inputs.limit) {
      const rest = { ...inputs, limit: inputs.limit - taken.length };
      taken.push(...(await claimStatement(dialect, dueWhere(jobs, inputs.now, kinds), rest)));
    }
    return taken;
  };

/**
 * `JobStore` over either dialect. Each claim is one `UPDATE ... RETURNING` over a sub-select of
 * the due rows: on PostgreSQL the sub-select locks them `FOR UPDATE SKIP LOCKED`, so concurrent
 * workers (on any instance) take disjoint jobs without waiting; on SQLite the database write lock
 * makes the statement atomic against other processes. `onJobsEnqueued` is the dialect's wake-up
 * (`NOTIFY` on PostgreSQL, in-process listeners on SQLite). `claim` runs the claim
 * (PostgreSQL passes one prepared statement); by default two are built per call.
 */
export function jobStore(
  dialect: Dialect,
  onJobsEnqueued: JobStore['onJobsEnqueued'],
  claim: ClaimRows = builtClaims(dialect),
): JobStore {
  const { db, tables } = dialect;
  const { jobs } = tables;
  const holds = (jobId: string, workerId: string) =>
    and(eq(jobs.id, jobId), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running'));
  return {
    async claimJobs(workerId, now, limit, lockedUntil, kinds) {
      if (limit <= 0 || kinds?.length === 0) return [];
      const taken = await claim({ workerId, now, lockedUntil, limit }, kinds);
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

    async listBookingJobs(workspaceId, bookingId) {
      // The index narrows to the booking id; the workspace is checked on the few rows it finds.
      const rows = await db
        .select()
        .from(jobs)
        .where(eq(jobs.bookingId, bookingId))
        .orderBy(asc(jobs.createdAt), asc(jobs.id));
      return rows.map(toJob).filter((job) => job.payload['workspaceId'] === workspaceId);
    },
  };
}
