import type {
  Clock,
  JobHandler,
  JobHandlers,
  JobKind,
  JobStore,
  BookingStore,
} from '@workestra/booking-core';
import { JOB_KINDS, JobRunner } from '@workestra/booking-core';
import type { Logger } from 'pino';

/**
 * The follow-up handlers of this server. Email kinds use `email` (from
 * `@workestra/notifications`' `createEmailJobHandlers`) when given. The server has no CRM or
 * calendar adapter yet: each of those handlers writes one info line saying which step had
 * nothing to run it, and completes the job. They do not pretend
 * to create events; they record that the step was skipped, so the queue drains and the
 * behaviour is visible in the logs.
 *
 * @example
 * ```ts
 * const runner = new JobRunner({ jobs, store, handlers: followUpHandlers(logger, emailHandlers) });
 * ```
 */
export function followUpHandlers(logger: Logger, email: JobHandlers = {}): Required<JobHandlers> {
  const handlers = {} as Record<JobKind, JobHandler>;
  for (const kind of JOB_KINDS) {
    handlers[kind] = async (job) => {
      const { bookingId, sequence } = job.payload as { bookingId?: unknown; sequence?: unknown };
      logger.info(
        { jobId: job.id, kind, bookingId, sequence, attempts: job.attempts },
        `follow-up "${kind}": no adapter configured yet; completed without action`,
      );
    };
  }
  return { ...handlers, ...email };
}

/**
 * The in-process job runner: drains continuously, wakes up when jobs are enqueued, and polls every
 * `pollMs` when idle (0 = not started, for a separate worker or tests). `concurrency`,
 * `kindConcurrency` and `leaseMs` are booking-core's `JobRunnerOptions` (its defaults when absent).
 *
 * @example
 * ```ts
 * const runner = startJobRunner({ jobs, store, clock, logger, pollMs: 1000, concurrency: 20, leaseMs: 30_000 });
 * await runner?.stop(); // waits for the jobs in flight
 * ```
 */
export function startJobRunner(options: {
  jobs: JobStore;
  store: BookingStore;
  clock?: Clock;
  logger: Logger;
  pollMs: number;
  concurrency?: number;
  kindConcurrency?: Partial<Record<JobKind, number>>;
  leaseMs?: number;
  /** Handlers for the email kinds; without them, email jobs are logged only. */
  email?: JobHandlers;
}): JobRunner | undefined {
  if (options.pollMs <= 0) return undefined;
  const log = options.logger.child({ component: 'jobs' });
  const runner = new JobRunner({
    jobs: options.jobs,
    store: options.store,
    handlers: followUpHandlers(log, options.email),
    logger: log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.kindConcurrency ? { kindConcurrency: options.kindConcurrency } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  runner.start(options.pollMs);
  return runner;
}
