import {
  JOB_KINDS,
  JobRunner,
  createBookingCore,
  type BookingCore,
  type Clock,
  type FollowUpPayload,
  type Job,
  type JobHandler,
  type JobHandlers,
  type JobKind,
  type Logger,
} from '@workestra/booking-core';
import { openSqliteStore, type SqliteStoreHandle } from '@workestra/store';

/**
 * One follow-up the example handlers "sent". Your service would send an email, sync a CRM or write
 * a calendar event instead; the example only records what it would have done.
 */
export interface SentFollowUp {
  readonly kind: JobKind;
  readonly bookingId: string;
  /** Who an email would go to, read from the store when the job runs; null for CRM/calendar work. */
  readonly to: string | null;
  readonly start: number | null;
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
  // (a job can run twice) and should read current data: the payload carries only ids.
  const recordFollowUp: JobHandler = async (job: Job) => {
    // booking-core queues every follow-up job with a FollowUpPayload.
    const { workspaceId, bookingId } = job.payload as FollowUpPayload;
    const { booking, host } = await store.transaction(async (tx) => {
      const booking = await tx.findBooking(workspaceId, bookingId);
      const host = booking && (await tx.findHost(workspaceId, booking.hostId));
      return { booking, host };
    });
    const followUp: SentFollowUp = {
      kind: job.kind,
      bookingId,
      to: recipient(job.kind, booking?.attendeeEmail, host?.email),
      start: booking?.start ?? null,
      at: (options.clock ?? Date).now(),
    };
    sent.push(followUp);
    options.logger?.info(followUp, 'follow-up done (example handler: your service would send it)');
  };
  // Every kind needs a handler: a job without one fails at once, as a wiring bug.
  const handlers: JobHandlers = Object.fromEntries(JOB_KINDS.map((kind) => [kind, recordFollowUp]));

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

function recipient(
  kind: JobKind,
  attendee: string | undefined,
  host: string | undefined,
): string | null {
  if (kind === 'email.host-notice') return host ?? null;
  return kind.startsWith('email.') ? (attendee ?? null) : null;
}
