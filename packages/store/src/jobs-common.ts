import { randomBytes } from 'node:crypto';
import type { EpochMs, Job, JobKind, JobStatus, NewJob } from '@workestra/booking-core';
import { and, eq, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type * as pg from './schema/pg.js';
import type * as sqlite from './schema/sqlite.js';

/**
 * Attempts a job gets when `NewJob.maxAttempts` is not given (an attempt is counted at each claim).
 *
 * @example
 * ```ts
 * await store.transaction((tx) => tx.enqueueJobs([{ ...job, maxAttempts: DEFAULT_MAX_ATTEMPTS * 2 }], now));
 * ```
 */
export const DEFAULT_MAX_ATTEMPTS = 5;

let counter = 0;

/**
 * Job ids sort in creation order (wall-clock ms, then a per-process counter), so jobs enqueued in
 * one batch list in the order given; the random tail keeps processes apart.
 */
function jobId(): string {
  counter = (counter + 1) % 0x1000000;
  return `job_${Date.now().toString(16).padStart(12, '0')}${counter.toString(16).padStart(6, '0')}${randomBytes(5).toString('hex')}`;
}

/** Rows for new pending jobs. */
export function newJobRows(
  jobs: readonly NewJob[],
  now: EpochMs,
): (typeof sqlite.jobs.$inferInsert)[] {
  return jobs.map((job) => ({
    id: jobId(),
    kind: job.kind,
    payload: { ...job.payload },
    runAt: job.runAt,
    attempts: 0,
    maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    status: 'pending' as const,
    idempotencyKey: job.idempotencyKey,
    lastError: null,
    lockedBy: null,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
    bookingId: typeof job.payload['bookingId'] === 'string' ? job.payload['bookingId'] : null,
  }));
}

/** `lastError` of a job whose worker vanished during its last attempt. */
export const ABANDONED_ERROR = 'lease expired during the last attempt (worker stopped?)';

/** The SET of `abandonExpired` (rows chosen by `abandonedWhere`): failed for good, unlocked. */
export function abandonedSet(now: EpochMs) {
  return {
    status: 'failed' as const,
    lastError: ABANDONED_ERROR,
    lockedBy: null,
    lockedUntil: null,
    updatedAt: now,
  };
}

type JobsTable = typeof sqlite.jobs | typeof pg.jobs;

/*
 * What `claimJobs` may take comes in two kinds, claimed by two statements: one `WHERE a OR b`
 * would make the database sort every due row on each claim (SQLite's plan: "USE TEMP B-TREE FOR
 * ORDER BY"), quadratic in the queue's length; each half on its own walks `jobs_due_idx`
 * (status, run_at) in order and stops at the limit.
 */

/** Running jobs whose lease expired (the worker died) with attempts left: claimed first. */
export function expiredWhere(t: JobsTable, now: EpochMs, kinds?: readonly JobKind[]): SQL {
  return and(
    eq(t.status, 'running'),
    lte(t.lockedUntil, now),
    lt(t.attempts, t.maxAttempts),
    kinds === undefined ? undefined : inArray(t.kind, [...kinds]),
  ) as SQL;
}

/** Pending jobs that are due, of the given kinds when a list is given. */
export function dueWhere(t: JobsTable, now: EpochMs, kinds?: readonly JobKind[]): SQL {
  return and(
    eq(t.status, 'pending'),
    lte(t.runAt, now),
    kinds === undefined ? undefined : inArray(t.kind, [...kinds]),
  ) as SQL;
}

/** The SET of `completeJob(s)`: done, unlocked. */
export function doneSet(now: EpochMs) {
  return { status: 'done' as const, lockedBy: null, lockedUntil: null, updatedAt: now };
}

/** Running jobs among `jobIds` that `workerId` holds: what `extendLeases` and `completeJobs` may touch. */
export function heldWhere(t: JobsTable, workerId: string, jobIds: readonly string[]): SQL {
  return and(
    inArray(t.id, [...new Set(jobIds)]),
    eq(t.lockedBy, workerId),
    eq(t.status, 'running'),
  ) as SQL;
}

/** Sorts claimed rows like the claim query ordered them (RETURNING has no order). */
export function byClaimOrder(a: Job, b: Job): number {
  return a.runAt - b.runAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The SET of `failJob`: attempts were counted at claim, so give up when `retryAt` is null or
 * `attempts >= maxAttempts`; otherwise back to pending at `retryAt`.
 */
export function failureSet(
  t: typeof sqlite.jobs | typeof pg.jobs,
  error: string,
  now: EpochMs,
  retryAt: EpochMs | null,
) {
  const exhausted = sql`${t.attempts} >= ${t.maxAttempts}`;
  return {
    status:
      retryAt === null
        ? ('failed' as const)
        : sql<JobStatus>`CASE WHEN ${exhausted} THEN 'failed' ELSE 'pending' END`,
    runAt:
      retryAt === null
        ? sql<number>`${t.runAt}`
        : sql<number>`CASE WHEN ${exhausted} THEN ${t.runAt} ELSE ${retryAt} END`,
    lastError: error,
    lockedBy: null,
    lockedUntil: null,
    updatedAt: now,
  };
}
