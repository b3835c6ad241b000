import type {
  BookingStore,
  Clock,
  FollowUp,
  FollowUpHandler,
  FollowUpHandlers,
  JobHandlers,
  JobKind,
  JobStore,
} from '@workestra/booking-core';
import { JOB_KINDS, JobRunner, createFollowUpHandlers } from '@workestra/booking-core';
import type { Logger } from 'pino';

/**
 * The follow-up handlers of this server, registered through booking-core's typed seam
 * (`createFollowUpHandlers`: it loads the booking, link and host and skips stale jobs). Email
 * kinds use `email` (from `@workestra/notifications`' `createEmailJobHandlers`) when given, the
 * calendar kinds `calendar` (booking-core's `calendarFollowUpHandlers` over the configured
 * providers) when given, `crm.sync` `crm` (booking-core's `crmFollowUpHandlers`, the reference
 * server's over the store's SQL CRM) when given. A kind with no handler (the calendar ones without
 * a provider) writes one info line saying which step had nothing to run it, and completes the
 * job: it does not pretend to create events; it records that the step was skipped, so the queue
 * drains and the behaviour is visible in the logs.
 *
 * @example
 * ```ts
 * const handlers = followUpHandlers({ store, logger, email: createEmailJobHandlers(mailOptions) });
 * const runner = new JobRunner({ jobs, store, handlers });
 * ```
 */
export function followUpHandlers(options: {
  store: BookingStore;
  logger: Logger;
  email?: FollowUpHandlers;
  calendar?: FollowUpHandlers;
  crm?: FollowUpHandlers;
}): JobHandlers {
  const { logger } = options;
  const notConfigured = async ({ job, kind, booking, payload }: FollowUp<JobKind>) => {
    logger.info(
      {
        jobId: job.id,
        kind,
        bookingId: booking.id,
        sequence: payload.sequence,
        attempts: job.attempts,
      },
      `follow-up "${kind}": no adapter configured yet; completed without action`,
    );
  };
  const handlers: { [K in JobKind]?: FollowUpHandler<K> } = {};
  for (const kind of JOB_KINDS) handlers[kind] = notConfigured;
  return createFollowUpHandlers({
    store: options.store,
    logger,
    handlers: { ...handlers, ...options.email, ...options.calendar, ...options.crm },
  });
}

/** What {@link createJobRunner} and {@link startJobRunner} wire together. */
export interface JobRunnerSettings {
  jobs: JobStore;
  store: BookingStore;
  clock?: Clock;
  logger: Logger;
  concurrency?: number;
  kindConcurrency?: Partial<Record<JobKind, number>>;
  leaseMs?: number;
  /** Typed handlers for the email kinds; without them, email jobs are logged only. */
  email?: FollowUpHandlers;
  /** Typed handlers for the calendar kinds (calendar adapters configured); else logged only. */
  calendar?: FollowUpHandlers;
  /** The typed `crm.sync` handler (a CRM bridge); else logged only. */
  crm?: FollowUpHandlers;
}

/**
 * The server's job runner over {@link followUpHandlers}, not started: `runOnce()` drains one batch
 * (a test, a cron), `start(pollMs)` drains continuously. `concurrency`, `kindConcurrency` and
 * `leaseMs` are booking-core's `JobRunnerOptions` (its defaults when absent).
 *
 * @example
 * ```ts
 * const runner = createJobRunner({ jobs, store, logger, email: createEmailJobHandlers(mailOptions) });
 * await runner.runOnce();
 * ```
 */
export function createJobRunner(options: JobRunnerSettings): JobRunner {
  const log = options.logger.child({ component: 'jobs' });
  return new JobRunner({
    jobs: options.jobs,
    store: options.store,
    handlers: followUpHandlers({
      store: options.store,
      logger: log,
      email: options.email,
      calendar: options.calendar,
      crm: options.crm,
    }),
    logger: log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.kindConcurrency ? { kindConcurrency: options.kindConcurrency } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
}

/**
 * The in-process job runner ({@link createJobRunner}), started: drains continuously, wakes up when
 * jobs are enqueued, and polls every `pollMs` when idle (0 = not started, for a separate worker or
 * tests).
 *
 * @example
 * ```ts
 * const runner = startJobRunner({ jobs, store, clock, logger, pollMs: 1000, concurrency: 50, leaseMs: 30_000 });
 * await runner?.stop(); // waits for the jobs in flight
 * ```
 */
export function startJobRunner(
  options: JobRunnerSettings & { pollMs: number },
): JobRunner | undefined {
  if (options.pollMs <= 0) return undefined;
  const runner = createJobRunner(options);
  runner.start(options.pollMs);
  return runner;
}
