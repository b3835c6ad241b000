import type { Job, JobKind } from './domain.js';
import { cryptoIds, silentLogger, systemClock } from './deps.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { BookingStore, Clock, IdSource, JobStore, Logger } from './ports.js';

/**
 * Does the work of one job kind. Resolve when done; throw to have the job retried. Handlers must
 * be idempotent: a job can run more than once (a retry after a timeout, a crashed worker).
 *
 * @example
 * ```ts
 * const sendConfirmation: JobHandler = async (job) => {
 *   const booking = await store.transaction((tx) =>
 *     tx.findBooking(workspaceId, String(job.payload.bookingId)),
 *   );
 *   if (booking) console.log(`confirm ${booking.attendeeEmail}`); // your mailer here
 * };
 * ```
 */
export type JobHandler = (job: Job) => Promise<void>;

/**
 * A handler per job kind. A job of a kind without a handler fails at once (a wiring bug, not a
 * transient error).
 *
 * @example
 * ```ts
 * const syncCrm: JobHandler = async (job) => console.log('crm', job.payload);
 * const handlers: JobHandlers = { 'crm.sync': syncCrm };
 * ```
 */
export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

/**
 * Options of {@link JobRunner}. `store` is where `followup_failed` booking events are written.
 *
 * @example
 * ```ts
 * const options: JobRunnerOptions = { jobs, store, handlers: {}, backoff: { baseMs: 30_000, maxMs: 3_600_000 } };
 * ```
 */
export interface JobRunnerOptions {
  readonly jobs: JobStore;
  readonly store?: BookingStore;
  readonly handlers: JobHandlers;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly logger?: Logger;
  /** Jitter source in `[0, 1)`; default `Math.random`. */
  readonly random?: () => number;
  /** Default `worker-<uuid>`. */
  readonly workerId?: string;
  /** Jobs claimed per run. Default 10. */
  readonly batchSize?: number;
  /** How long a claim lasts before another worker may take the job over. Default 5 minutes. */
  readonly leaseMs?: number;
  /** Default 30 s doubling up to 1 h. */
  readonly backoff?: Partial<BackoffOptions>;
}

/**
 * What one {@link JobRunner.runOnce} did.
 *
 * @example
 * ```ts
 * const runner = new JobRunner({ jobs, store, handlers: {} });
 * const report: RunReport = await runner.runOnce(); // { claimed: 3, succeeded: 2, retried: 1, failed: 0 }
 * ```
 */
export interface RunReport {
  /** Jobs claimed and run. */
  readonly claimed: number;
  /** Claimed jobs completed. */
  readonly succeeded: number;
  /** Claimed jobs that failed and will be retried. */
  readonly retried: number;
  /**
   * Jobs that ended `failed` in this run: claimed jobs that failed for good, plus jobs found
   * abandoned (their worker's lease expired during the last attempt; see `JobStore.abandonExpired`).
   */
  readonly failed: number;
}

/**
 * Runs follow-up jobs: claims due jobs, calls the handler of each, completes it, or schedules a
 * retry with exponential backoff and jitter; after the last attempt the job ends `failed` and a
 * `followup_failed` event is appended to its booking. Each run first ends jobs abandoned by a
 * vanished worker on their last attempt (`JobStore.abandonExpired`), with the same event. A
 * failing job never touches the booking.
 *
 * @example
 * ```ts
 * import { JobRunner } from '@workestra/booking-core';
 *
 * const runner = new JobRunner({ jobs, store, handlers: { 'crm.sync': async (job) => console.log(job.payload) } });
 * await runner.runOnce(); // e.g. from a cron, or:
 * runner.start(1000);
 * await runner.stop();
 * ```
 */
export class JobRunner {
  private readonly jobs: JobStore;
  private readonly store: BookingStore | undefined;
  private readonly handlers: JobHandlers;
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly backoff: BackoffOptions;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** This runner's claim owner id. */
  readonly workerId: string;

  constructor(options: JobRunnerOptions) {
    this.jobs = options.jobs;
    this.store = options.store;
    this.handlers = options.handlers;
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? cryptoIds;
    this.logger = options.logger ?? silentLogger;
    this.random = options.random ?? Math.random;
    this.workerId = options.workerId ?? `worker-${this.ids.id()}`;
    this.batchSize = options.batchSize ?? 10;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoff = {
      baseMs: options.backoff?.baseMs ?? 30_000,
      maxMs: options.backoff?.maxMs ?? 3_600_000,
    };
  }

  /**
   * Fails the jobs abandoned on their last attempt (recording `followup_failed` for each), then
   * claims one batch of due jobs and runs them; resolves when all of them are settled.
   */
  async runOnce(): Promise<RunReport> {
    const now = this.clock.now();
    const abandoned = await this.jobs.abandonExpired(now);
    await Promise.all(abandoned.map((job) => this.recordAbandoned(job, now)));
    const claimed = await this.jobs.claimJobs(
      this.workerId,
      now,
      this.batchSize,
      now + this.leaseMs,
    );
    const outcomes = await Promise.all(claimed.map((job) => this.runJob(job)));
    return {
      claimed: claimed.length,
      succeeded: outcomes.filter((o) => o === 'done').length,
      retried: outcomes.filter((o) => o === 'retry').length,
      failed: abandoned.length + outcomes.filter((o) => o === 'failed').length,
    };
  }

  /** Runs {@link runOnce} every `intervalMs` until {@link stop}. */
  start(intervalMs = 1000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = (): void => {
      this.running = this.runOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'job runner batch failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
        });
    };
    loop();
  }

  /** Stops the loop and waits for the batch in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }

  private async runJob(job: Job): Promise<'done' | 'retry' | 'failed'> {
    const handler = this.handlers[job.kind];
    try {
      if (handler === undefined) throw new NoHandlerError(job.kind);
      await handler(job);
    } catch (error) {
      return this.recordFailure(job, error);
    }
    await this.jobs.completeJob(job.id, this.workerId, this.clock.now());
    return 'done';
  }

  private async recordFailure(job: Job, error: unknown): Promise<'retry' | 'failed'> {
    const now = this.clock.now();
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = error instanceof NoHandlerError || job.attempts >= job.maxAttempts;
    const retryAt = giveUp ? null : now + backoffDelay(job.attempts, this.backoff, this.random);
    await this.jobs.failJob(job.id, this.workerId, message, now, retryAt);
    if (!giveUp) {
      this.logger.warn(
        { jobId: job.id, kind: job.kind, attempts: job.attempts, retryAt, err: error },
        'job failed, will retry',
      );
      return 'retry';
    }
    this.logger.error(
      { jobId: job.id, kind: job.kind, attempts: job.attempts, err: error },
      'job failed for good',
    );
    await this.recordFollowUpFailed(job, message, now);
    return 'failed';
  }

  /** A job whose worker vanished during its last attempt: the store has marked it `failed`. */
  private async recordAbandoned(job: Job, now: number): Promise<void> {
    const message = job.lastError ?? 'lease expired during the last attempt';
    this.logger.error(
      { jobId: job.id, kind: job.kind, attempts: job.attempts, lastError: message },
      'job abandoned on its last attempt, failed for good',
    );
    await this.recordFollowUpFailed(job, message, now);
  }

  /** Makes the failure visible in the booking's history; the booking itself is not changed. */
  private async recordFollowUpFailed(job: Job, message: string, now: number): Promise<void> {
    const { workspaceId, bookingId } = job.payload as {
      workspaceId?: unknown;
      bookingId?: unknown;
    };
    if (
      this.store === undefined ||
      typeof workspaceId !== 'string' ||
      typeof bookingId !== 'string'
    )
      return;
    try {
      await this.store.transaction((tx) =>
        tx.appendEvent({
          id: this.ids.id(),
          workspaceId,
          bookingId,
          type: 'followup_failed',
          actor: 'system',
          at: now,
          data: { jobId: job.id, kind: job.kind, attempts: job.attempts, error: message },
        }),
      );
    } catch (error) {
      this.logger.error({ jobId: job.id, err: error }, 'could not record followup_failed event');
    }
  }
}

class NoHandlerError extends Error {
  constructor(kind: string) {
    super(`no handler for job kind "${kind}"`);
    this.name = 'NoHandlerError';
  }
}
