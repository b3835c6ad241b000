import {
  JOB_KINDS,
  JobRunner,
  createBookingCore,
  createFollowUpHandlers,
  type BookingCore,
  type Clock,
  type FollowUp,
  type FollowUpHandler,
  type JobKind,
  type Logger,
} from '@workestra/booking-core';
import { openSqliteStore, type SqliteStoreHandle } from '@workestra/store/sqlite';

/**
 * One follow-up the example handlers "sent". Your service would send an email, sync a CRM or write
 * a calendar event instead; the example only records what it would have done.
 */
export interface SentFollowUp {
  readonly kind: JobKind;
  readonly bookingId: string;
  /** Who an email would go to, read from the store when the job runs; null for CRM/calendar work. */
  readonly to: string | null;
  readonly start: number;
  readonly at: number;
}

/** Options of {@link openBookingService}. */
export interface OpenBookingServiceOptions {
  /** SQLite file (created, migrated on open), or `:memory:`. */
  readonly filename: string;
  /** Defaults to the system clock; tests inject a fixed one. */
  readonly clock?: Clock;
  /** Defaults to silent. */
  readonly logger?: Logger;
}

/** Everything the app needs: the use-cases, the follow-up runner, what it "sent", and `close`. */
export interface BookingService {
  readonly core: BookingCore;
  readonly runner: JobRunner;
  readonly db: SqliteStoreHandle;
  readonly sent: SentFollowUp[];
  /** Stops the runner, then closes the database. */
  close(): Promise<void>;
}

/**
 * Wires the booking use-cases to a SQLite file and a follow-up job runner, in-process.
 *
 * @example
 * ```ts
 * const service = await openBookingService({ filename: 'data/bookings.db' });
 * service.runner.start(1000); // follow-ups every second
 * const app = createApp(service.core, { host });
 * // ... on shutdown:
 * await service.close();
 * ```
 */
export async function openBookingService(
  options: OpenBookingServiceOptions,
): Promise<BookingService> {
  const db = await openSqliteStore({ filename: options.filename });
  const { store, jobs } = db;
  const core = createBookingCore({ store, clock: options.clock, logger: options.logger });

  const sent: SentFollowUp[] = [];
  // EXAMPLE HANDLERS. Your service would send mail / call its CRM here. A handler must be idempotent
  // (a job can run twice). booking-core's seam hands it the booking, link and host as they are when
  // the job runs, with the payload typed per kind, and skips jobs a later change superseded.
  const recordFollowUp = async ({ kind, booking, host }: FollowUp<JobKind>): Promise<void> => {
    const followUp: SentFollowUp = {
      kind,
      bookingId: booking.id,
      to: recipient(kind, booking.attendeeEmail, host.email),
      start: booking.start,
      at: (options.clock ?? Date).now(),
    };
    sent.push(followUp);
    options.logger?.info(followUp, 'follow-up done (example handler: your service would send it)');
  };
  // Every kind needs a handler: a job without one fails at once, as a wiring bug.
  const typed: { [K in JobKind]?: FollowUpHandler<K> } = {};
  for (const kind of JOB_KINDS) typed[kind] = recordFollowUp;
  const handlers = createFollowUpHandlers({
    store,
    handlers: typed,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  const runner = new JobRunner({
    jobs,
    store,
    handlers,
    clock: options.clock,
    logger: options.logger,
  });

  return {
    core,
    runner,
    db,
    sent,
    close: async () => {
      await runner.stop();
      await db.close();
    },
  };
}

function recipient(kind: JobKind, attendee: string, host: string): string | null {
  if (kind === 'email.host-notice') return host;
  return kind.startsWith('email.') ? attendee : null;
}
