import type {
  Booking,
  BookingEvent,
  BookingLink,
  BookingToken,
  EpochMs,
  Host,
  Job,
  NewJob,
  TokenPurpose,
} from './domain.js';

/** Which bookings a host list shows (the dashboard tabs). */
export type BookingListFilter = 'upcoming' | 'past' | 'no_show' | 'cancelled';

/**
 * Reads and writes available inside a transaction. Every method is scoped by workspace, so a
 * query can never reach another tenant's rows by forgetting a check.
 */
export interface StoreTx {
  insertHost(host: Host): Promise<void>;
  findHost(workspaceId: string, hostId: string): Promise<Host | null>;

  insertLink(link: BookingLink): Promise<void>;
  /** Replaces the row with the same id and workspace. */
  updateLink(link: BookingLink): Promise<void>;
  findLink(workspaceId: string, linkId: string): Promise<BookingLink | null>;
  /** The live (not deleted) link with this slug, in any workspace: slugs are one public namespace. */
  findLiveLinkBySlug(slug: string): Promise<BookingLink | null>;
  listLinks(workspaceId: string, hostId: string): Promise<BookingLink[]>;

  insertBooking(booking: Booking): Promise<void>;
  updateBooking(booking: Booking): Promise<void>;
  findBooking(workspaceId: string, bookingId: string): Promise<Booking | null>;
  /** Confirmed bookings of a host whose blocked range overlaps `[from, to)`. */
  listHostBusy(workspaceId: string, hostId: string, from: EpochMs, to: EpochMs): Promise<Booking[]>;
  listHostBookings(workspaceId: string, hostId: string, filter: BookingListFilter, now: EpochMs): Promise<Booking[]>;

  insertToken(token: BookingToken): Promise<void>;
  /** Looks a token up by the hash of its secret (tokens are unguessable, so this is global). */
  findToken(purpose: TokenPurpose, tokenHash: string): Promise<BookingToken | null>;

  appendEvent(event: BookingEvent): Promise<void>;
  listEvents(workspaceId: string, bookingId: string): Promise<BookingEvent[]>;

  /** Queues jobs; a job whose idempotency key exists already is ignored. */
  enqueueJobs(jobs: readonly NewJob[], now: EpochMs): Promise<void>;
  /** Cancels pending jobs by idempotency key (e.g. the reminder of a cancelled booking). */
  cancelJobs(idempotencyKeys: readonly string[], now: EpochMs): Promise<void>;
}

/** Persistence port of booking-core, implemented in memory (tests) and by `@workestra/store`. */
export interface BookingStore {
  /** A transaction with no particular lock. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * A transaction that is serialised with every other `withHostLock` of the same host, across
   * processes (SQLite `BEGIN IMMEDIATE`; PostgreSQL a row lock on the host). The race guard runs
   * in here.
   */
  withHostLock<T>(workspaceId: string, hostId: string, fn: (tx: StoreTx) => Promise<T>): Promise<T>;
}

/** Durable job queue port: claim atomically, retry with backoff, end visibly failed. */
export interface JobStore {
  /** Atomically claims up to `limit` due jobs for `workerId` until `lockedUntil`. */
  claimJobs(workerId: string, now: EpochMs, limit: number, lockedUntil: EpochMs): Promise<Job[]>;
  completeJob(jobId: string, workerId: string, now: EpochMs): Promise<void>;
  /** Records a failure: back to pending at `retryAt`, or `failed` when attempts are used up. */
  failJob(jobId: string, workerId: string, error: string, now: EpochMs, retryAt: EpochMs | null): Promise<void>;
  findJobByKey(idempotencyKey: string): Promise<Job | null>;
  listJobs(filter?: { status?: Job['status'] }): Promise<Job[]>;
}

/** Busy time from a host's external calendar. Throws (never returns "free") when it cannot tell. */
export interface CalendarBusySource {
  busy(input: { hostId: string; provider: 'google' | 'microsoft'; from: EpochMs; to: EpochMs }): Promise<{ start: EpochMs; end: EpochMs }[]>;
}

/** The clock, injected: booking-core never reads the system time itself. */
export interface Clock {
  now(): EpochMs;
}

/** Ids and secrets, injected so tests can be deterministic. */
export interface IdSource {
  /** A new unique id (UUID v4 by default). */
  id(): string;
  /** A new secret token carrying at least 128 random bits, URL-safe. */
  token(): string;
}

/** Structured logger port (pino-compatible subset). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
