import type { Job } from './domain.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { BookingStore, Clock, IdSource, JobStore, Logger } from './ports.js';

/** Thrown for a job whose kind has no handler: a wiring bug, so the job fails at once. */
export class NoHandlerError extends Error {
  constructor(kind: string) {
    super(`no handler for job kind "${kind}"`);
    this.name = 'NoHandlerError';
  }
}

/** What the runner's failure bookkeeping needs (its own fields, passed once). */
export interface JobFailuresOptions {
  readonly jobs: JobStore;
  readonly store: BookingStore | undefined;
  readonly workerId: string;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly random: () => number;
  readonly backoff: BackoffOptions;
}

/**
 * The runner's failure bookkeeping: a failed attempt is retried with backoff and jitter until its
 * last attempt; then the job ends `failed` and a `followup_failed` event goes into its booking's
 * history (the booking itself is never changed). Jobs abandoned on their last attempt end the same way.
 */
export class JobFailures {
  constructor(private readonly o: JobFailuresOptions) {}

  /** Records a failed attempt of a job this worker holds: a retry, or the end. */
  async record(job: Job, error: unknown): Promise<'retry' | 'failed'> {
    const { jobs, workerId, clock, logger } = this.o;
    const now = clock.now();
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = error instanceof NoHandlerError || job.attempts >= job.maxAttempts;
    const retryAt = giveUp ? null : now + backoffDelay(job.attempts, this.o.backoff, this.o.random);
    await jobs.failJob(job.id, workerId, message, now, retryAt);
    if (!giveUp) {
      logger.warn(
        { jobId: job.id, kind: job.kind, attempts: job.attempts, retryAt, err: error },
        'job failed, will retry',
      );
      return 'retry';
    }
    logger.error(
      { jobId: job.id, kind: job.kind, attempts: job.attempts, err: error },
      'job failed for good',
    );
    await this.recordFollowUpFailed(job, message, now);
    return 'failed';
  }

  /** Ends the jobs abandoned on their last attempt (the store marks them `failed`); returns how many. */
  async sweepAbandoned(): Promise<number> {
    const now = this.o.clock.now();
    const abandoned = await this.o.jobs.abandonExpired(now);
    await Promise.all(
      abandoned.map((job) => {
        const message = job.lastError ?? 'lease expired during the last attempt';
        this.o.logger.error(
          { jobId: job.id, kind: job.kind, attempts: job.attempts, lastError: message },
          'job abandoned on its last attempt, failed for good',
        );
        return this.recordFollowUpFailed(job, message, now);
      }),
    );
    return abandoned.length;
  }

  /** Makes the failure visible in the booking's history. */
  private async recordFollowUpFailed(job: Job, message: string, now: number): Promise<void> {
    const { store, ids, logger } = this.o;
    const { workspaceId, bookingId } = job.payload as {
      workspaceId?: unknown;
      bookingId?: unknown;
    };
    if (store === undefined || typeof workspaceId !== 'string' || typeof bookingId !== 'string')
      return;
    try {
      await store.transaction((tx) =>
        tx.appendEvent({
          id: ids.id(),
          workspaceId,
          bookingId,
          type: 'followup_failed',
          actor: 'system',
          at: now,
          data: { jobId: job.id, kind: job.kind, attempts: job.attempts, error: message },
        }),
      );
    } catch (error) {
      logger.error({ jobId: job.id, err: error }, 'could not record followup_failed event');
    }
  }
}
