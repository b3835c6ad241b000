import { JOB_KINDS, type Job, type JobKind } from './domain.js';
import { cryptoIds, silentLogger, systemClock } from './deps.js';
import type { BackoffOptions } from './backoff.js';
import { JobFailures, NoHandlerError } from './job-failures.js';
import { JobCompletions } from './job-completions.js';
import { JobSlots } from './job-slots.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
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
 * const options: JobRunnerOptions = {
 *   jobs,
 *   store,
 *   handlers: {},
 *   concurrency: 50,
 *   kindConcurrency: { 'crm.sync': 2 }, // a slow CRM holds at most 2 of the 50 slots
 *   backoff: { baseMs: 30_000, maxMs: 3_600_000 },
 * };
 * ```
 */
/**
 * What a {@link JobRunner} does when its options leave a setting out. The claim size and the
 * concurrency are sized so that one runner keeps up with bursts on PostgreSQL: the follow-ups
 * that run together share round trips (one context read, one outbox statement per turn), so
 * larger turns cost less per job (the notifications benchmark measures it).
 *
 * @example
 * ```ts
 * import { JOB_RUNNER_DEFAULTS } from '@workestra/booking-core';
 * JOB_RUNNER_DEFAULTS.concurrency; // 50
 * ```
 */
export const JOB_RUNNER_DEFAULTS = {
  batchSize: 25,
  concurrency: 50,
  leaseMs: 30_000,
} as const;

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
  /** Most jobs one claim takes (and one {@link JobRunner.runOnce} runs). Default 25. */
  readonly batchSize?: number;
  /** Most jobs running at once in this runner. Default 50. */
  readonly concurrency?: number;
  /**
   * Most jobs of one kind running at once. Kinds not listed get half of `concurrency` (rounded
   * up), so no single kind can hold every slot; `0` pauses a kind.
   */
  readonly kindConcurrency?: Partial<Record<JobKind, number>>;
  /**
   * How long a claim lasts without a heartbeat; while a job runs its lease is extended every
   * `leaseMs / 3`, so a long job keeps its claim and a dead worker's jobs are taken over after at
   * most one lease. Default 30 s.
   */
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

type Outcome = 'done' | 'retry' | 'failed';

/** A claimed job this runner is working on; `settling` once its handler returned. */
interface ActiveJob {
  readonly job: Job;
  settling: boolean;
  done?: Promise<Outcome>;
}

/**
 * Runs follow-up jobs: claims due jobs, calls the handler of each, completes it, or schedules a
 * retry with exponential backoff and jitter; after the last attempt the job ends `failed` and a
 * `followup_failed` event is appended to its booking. Jobs abandoned by a vanished worker on their
 * last attempt (`JobStore.abandonExpired`) end the same way. A failing job never touches the booking.
 *
 * Once {@link JobRunner.start}ed it drains continuously: it claims again as soon as slots are free
 * while jobs are due (never sleeping after a full claim), within a global and a per-kind
 * concurrency limit, wakes up when jobs are enqueued (`JobStore.onJobsEnqueued`), and polls every
 * `pollMs` only for what no wake-up announces (retries and reminders coming due, other processes'
 * jobs on a store that cannot signal them). Running jobs' leases are extended every `leaseMs / 3`.
 *
 * @example
 * ```ts
 * import { JobRunner } from '@workestra/booking-core';
 *
 * const runner = new JobRunner({ jobs, store, handlers: { 'crm.sync': async (job) => console.log(job.payload) } });
 * await runner.runOnce(); // e.g. from a cron, or:
 * runner.start(1000);
 * await runner.stop(); // waits for the jobs in flight
 * ```
 */
export class JobRunner {
  private readonly jobs: JobStore;
  private readonly handlers: JobHandlers;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly slots: JobSlots;
  private readonly heartbeat: LeaseHeartbeat;
  private readonly completions: JobCompletions;
  private readonly failures: JobFailures;
  private readonly active = new Map<string, ActiveJob>();
  /** Kinds the last claim found nothing due of: not claimed again until a wake-up or a poll. */
  private readonly drained = new Set<JobKind>();
  private started = false;
  private pollMs = 1000;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private polling: Promise<void> | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private refillPending: ReturnType<typeof setImmediate> | undefined;
  private subscription: Promise<(() => Promise<void>) | undefined> | undefined;
  /** This runner's claim owner id. */
  readonly workerId: string;

  constructor(options: JobRunnerOptions) {
    this.jobs = options.jobs;
    this.handlers = options.handlers;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    const ids = options.ids ?? cryptoIds;
    this.workerId = options.workerId ?? `worker-${ids.id()}`;
    this.batchSize = positive(options.batchSize ?? JOB_RUNNER_DEFAULTS.batchSize, 'batchSize');
    this.leaseMs = options.leaseMs ?? JOB_RUNNER_DEFAULTS.leaseMs;
    this.failures = new JobFailures({
      jobs: this.jobs,
      store: options.store,
      workerId: this.workerId,
      clock: this.clock,
      ids,
      logger: this.logger,
      random: options.random ?? Math.random,
      backoff: {
        baseMs: options.backoff?.baseMs ?? 30_000,
        maxMs: options.backoff?.maxMs ?? 3_600_000,
      },
    });
    const concurrency = positive(
      options.concurrency ?? JOB_RUNNER_DEFAULTS.concurrency,
      'concurrency',
    );
    const perKind = options.kindConcurrency ?? {};
    const defaultPerKind = Math.ceil(concurrency / 2);
    this.slots = new JobSlots(concurrency, (kind) => perKind[kind as JobKind] ?? defaultPerKind);
    this.completions = new JobCompletions(this.jobs, this.workerId, this.clock);
    this.heartbeat = new LeaseHeartbeat({
      jobs: this.jobs,
      workerId: this.workerId,
      leaseMs: this.leaseMs,
      clock: this.clock,
      logger: this.logger,
      held: () => [...this.active.values()].filter((a) => !a.settling).map((a) => a.job.id),
    });
  }

  /**
   * Fails the jobs abandoned on their last attempt (recording `followup_failed` for each), then
   * claims one batch of due jobs (within the free slots) and runs them; resolves when all of them
   * are settled. For a cron or a test; {@link start} is the continuous form.
   */
  async runOnce(): Promise<RunReport> {
    const abandoned = await this.failures.sweepAbandoned();
    const step = this.slots.next(this.batchSize, new Set());
    const claimed = step === null ? [] : await this.claim(step.limit, step.kinds);
    const outcomes = await Promise.all(claimed.map((job) => this.launch(job)));
    return {
      claimed: claimed.length,
      succeeded: outcomes.filter((o) => o === 'done').length,
      retried: outcomes.filter((o) => o === 'retry').length,
      failed: abandoned + outcomes.filter((o) => o === 'failed').length,
    };
  }

  /**
   * Starts draining (see the class) until {@link stop}; `pollMs` is the idle poll, which also
   * sweeps abandoned jobs. A second call while started does nothing.
   */
  start(pollMs = 1000): void {
    if (this.started) return;
    this.started = true;
    this.pollMs = pollMs;
    this.subscription = this.jobs
      .onJobsEnqueued((kinds) => this.wake(kinds))
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'no job wake-ups (polling only)');
        return undefined;
      });
    this.poll();
  }

  /**
   * Stops claiming, unsubscribes, and resolves when the jobs in flight have settled; no timer is
   * left behind.
   */
  async stop(): Promise<void> {
    this.started = false;
    if (this.pollTimer !== undefined) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (this.refillPending !== undefined) clearImmediate(this.refillPending);
    this.refillPending = undefined;
    const unsubscribe = await this.subscription;
    this.subscription = undefined;
    await unsubscribe?.().catch((error: unknown) =>
      this.logger.warn({ err: error }, 'could not unsubscribe from job wake-ups'),
    );
    while (this.polling || this.draining || this.active.size > 0) {
      await Promise.allSettled([
        this.polling,
        this.draining,
        ...[...this.active.values()].map((a) => a.done),
      ]);
    }
    await this.heartbeat.halt();
  }

  /** A wake-up: jobs of `kinds` were just enqueued. */
  private wake(kinds: readonly JobKind[]): void {
    if (!this.started) return;
    for (const kind of kinds) this.drained.delete(kind);
    this.kick();
  }

  /** The idle poll: sweep, forget what was drained (retries and reminders come due), drain. */
  private poll(): void {
    this.polling = this.failures
      .sweepAbandoned()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'could not sweep abandoned jobs'),
      )
      .then(() => {
        this.drained.clear();
        this.kick();
      })
      .finally(() => {
        this.polling = undefined;
        if (this.started) this.pollTimer = setTimeout(() => this.poll(), this.pollMs);
      });
  }

  /**
   * After a job settled: drain once the jobs finishing in the same turn of the event loop have
   * freed their slots too, so a busy runner refills several slots per claim rather than one.
   */
  private refill(): void {
    if (!this.started || this.refillPending !== undefined) return;
    this.refillPending = setImmediate(() => {
      this.refillPending = undefined;
      this.kick();
    });
  }

  /** Drains now, or right after the drain in progress (which may have missed what changed). */
  private kick(): void {
    if (!this.started) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.drainAgain = false;
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'job runner claim failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.drainAgain) this.kick();
      });
  }

  /** Claims while slots are free and jobs are due; each job runs as soon as it is claimed. */
  private async drain(): Promise<void> {
    for (;;) {
      if (!this.started) return;
      const step = this.slots.next(this.batchSize, this.drained);
      if (step === null) return;
      const claimed = await this.claim(step.limit, step.kinds);
      for (const job of claimed) {
        this.launch(job).catch((error: unknown) =>
          this.logger.error({ jobId: job.id, err: error }, 'could not record a job outcome'),
        );
      }
      if (claimed.length < step.limit)
        for (const kind of step.kinds ?? JOB_KINDS) this.drained.add(kind);
    }
  }

  private claim(limit: number, kinds: readonly JobKind[] | undefined): Promise<Job[]> {
    const now = this.clock.now();
    return this.jobs.claimJobs(this.workerId, now, limit, now + this.leaseMs, kinds);
  }

  /** Runs a claimed job in one of its kind's slots; when it settles, frees the slot and drains on. */
  private launch(job: Job): Promise<Outcome> {
    const entry: ActiveJob = { job, settling: false };
    this.slots.take(job.kind);
    this.active.set(job.id, entry);
    this.heartbeat.ensure();
    entry.done = this.runJob(entry).finally(() => {
      this.slots.release(job.kind);
      this.active.delete(job.id);
      if (this.active.size === 0) void this.heartbeat.halt();
      this.refill();
    });
    return entry.done;
  }

  private async runJob(entry: ActiveJob): Promise<Outcome> {
    const { job } = entry;
    const handler = this.handlers[job.kind];
    try {
      if (handler === undefined) throw new NoHandlerError(job.kind);
      await handler(job);
    } catch (error) {
      entry.settling = true;
      return this.failures.record(job, error);
    }
    entry.settling = true;
    await this.completions.complete(job.id);
    return 'done';
  }
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`JobRunner: ${name} must be a positive integer, got ${value}`);
  return value;
}
