import type {
  Booking,
  BookingEvent,
  BusyKind,
  BookingLink,
  BookingToken,
  ConnectedCalendarProvider,
  EpochMs,
  ExternalRef,
  ExternalSystem,
  Host,
  Job,
  JobKind,
  NewJob,
  TimeOff,
  TokenPurpose,
  Upload,
} from './domain.js';

/**
 * Which bookings a host list shows (the dashboard tabs):
 * - `upcoming`: confirmed, `end > now`, soonest first;
 * - `past`: confirmed, `end <= now`, not marked no-show, latest first;
 * - `no_show`: confirmed and marked no-show, latest first;
 * - `cancelled`: cancelled, latest start first.
 */
export type BookingListFilter = 'upcoming' | 'past' | 'no_show' | 'cancelled';

/**
 * A booking's place in a dashboard tab's order: its `start`, then its `id` (compared as plain
 * code units, as SQLite and PostgreSQL's `C` collation do). A page continues after such a key.
 *
 * @example
 * ```ts
 * const key: BookingListKey = { start: booking.start, id: booking.id };
 * ```
 */
export interface BookingListKey {
  readonly start: EpochMs;
  readonly id: string;
}

/**
 * One page of a dashboard tab, as {@link StoreTx.listHostBookings} reads it. Order: `upcoming`
 * soonest first (`start`, then `id`, ascending); the other tabs latest first (both descending).
 *
 * @example
 * ```ts
 * const query: HostBookingsQuery = {
 *   filter: 'past',
 *   now: Date.now(),
 *   limit: 51,
 *   after: { start: booking.start, id: booking.id }, // the last row of the previous page; null at first
 *   startFrom: null,
 *   startBefore: null,
 * };
 * ```
 */
export interface HostBookingsQuery {
  readonly filter: BookingListFilter;
  /** What `upcoming` and `past` are relative to. */
  readonly now: EpochMs;
  /** At most this many rows. */
  readonly limit: number;
  /** Only rows strictly after this key in the tab's order; null from the start. */
  readonly after: BookingListKey | null;
  /** Only bookings with `start >= startFrom`; null for no lower bound. */
  readonly startFrom: EpochMs | null;
  /** Only bookings with `start < startBefore`; null for no upper bound. */
  readonly startBefore: EpochMs | null;
}

/**
 * One host's standing in a team link's rotation, as {@link StoreTx.listLinkAssignments} reads it.
 *
 * @example
 * ```ts
 * const row: LinkAssignment = { hostId: 'host_ana', bookedCount: 12, lastBookedAt: Date.parse('2026-11-02T09:00:00Z') };
 * ```
 */
export interface LinkAssignment {
  readonly hostId: string;
  /** Confirmed bookings of the link with this `hostId`. */
  readonly bookedCount: number;
  /** The latest `createdAt` among them. */
  readonly lastBookedAt: EpochMs;
}

/**
 * Reads and writes available inside a transaction. Every method is scoped by workspace, so a
 * query can never reach another tenant's rows by forgetting a check.
 *
 * Conflicts: when a write trips a uniqueness rule the store throws a `StoreConflictError` (exported
 * by this package) naming the constraint, never a driver error: `'slug'` for a second live link
 * with the same slug, `'booking_overlap'` for a confirmed booking whose blocked range overlaps
 * another confirmed booking of the same host (the PostgreSQL exclusion constraint; SQLite relies on
 * `withHostLock` alone), `'duplicate'` for an id inserted twice. booking-core maps them to
 * `SLUG_TAKEN` / `SLOT_TAKEN` / `CONFLICT`.
 *
 * @example
 * ```ts
 * const link = await store.transaction((tx) => tx.findLink('ws_1', 'link_1'));
 * ```
 */
export interface StoreTx {
  insertHost(host: Host): Promise<void>;
  findHost(workspaceId: string, hostId: string): Promise<Host | null>;
  /** Every host of the workspace (the people a team link can have as members), oldest first. */
  listHosts(workspaceId: string): Promise<Host[]>;

  /**
   * Throws `StoreConflictError('slug')` when another live link has the same slug. Stores the
   * link's `members` in their order; every link read returns them the same.
   */
  insertLink(link: BookingLink): Promise<void>;
  /**
   * Replaces the row with the same id and workspace, members included (the stored list becomes
   * `link.members`, in its order). Same slug rule as `insertLink`.
   */
  updateLink(link: BookingLink): Promise<void>;
  /** The link with this id in this workspace, deleted or not (`deletedAt` tells). */
  findLink(workspaceId: string, linkId: string): Promise<BookingLink | null>;
  /** The live (not deleted) link with this slug, in any workspace: slugs are one public namespace. Disabled links are live. */
  findLiveLinkBySlug(slug: string): Promise<BookingLink | null>;
  /** The host's live (not deleted) links, oldest first: those it owns (`hostId`) and the team links it is a member of. */
  listLinks(workspaceId: string, hostId: string): Promise<BookingLink[]>;

  /** Throws `StoreConflictError('booking_overlap')` where the store enforces the overlap backstop. */
  insertBooking(booking: Booking): Promise<void>;
  /**
   * Replaces the row with the same id and workspace, except `externalRefs` and `meetingUrl`, which
   * stay as stored: only {@link StoreTx.setExternalRef} writes them, so a reschedule never undoes a
   * write-back that landed meanwhile; and `answers`, the snapshot of booking time, never rewritten.
   * Same backstop as `insertBooking`.
   */
  updateBooking(booking: Booking): Promise<void>;
  /**
   * The narrow write-back of follow-up handlers: sets the booking's reference into `system` (and,
   * for `calendar`, its `meetingUrl` when `ref.meetingUrl` is given) only while the booking is at
   * `expectedSequence`, in one statement. Answers whether it wrote: false when the booking is gone
   * or changed since (a reschedule or cancellation raised its SEQUENCE), so a late handler never
   * overwrites a newer change; the newer change's own job writes its reference. Other systems'
   * references and every other column are left alone.
   */
  setExternalRef(
    workspaceId: string,
    bookingId: string,
    system: ExternalSystem,
    ref: ExternalRefWrite,
    expectedSequence: number,
  ): Promise<boolean>;
  findBooking(workspaceId: string, bookingId: string): Promise<Booking | null>;
  /**
   * Confirmed bookings that keep a host busy (it is their `hostId` or one of their `coHostIds`, on
   * any link) whose blocked range overlaps `[from, to)`.
   */
  listHostBusy(workspaceId: string, hostId: string, from: EpochMs, to: EpochMs): Promise<Booking[]>;
  /**
   * {@link StoreTx.listHostBusy} of several hosts in one read: every confirmed booking whose
   * `hostId` or one of whose `coHostIds` is in `hostIds` and whose blocked range overlaps
   * `[from, to)`, each once, in no particular order (the caller attributes them to hosts).
   */
  listHostsBusy(
    workspaceId: string,
    hostIds: readonly string[],
    from: EpochMs,
    to: EpochMs,
  ): Promise<Booking[]>;
  /**
   * How a team link's rotation stands: for each host that has confirmed bookings on the link as
   * their `hostId`, how many, and the latest `createdAt` among them. Hosts without one are absent.
   */
  listLinkAssignments(workspaceId: string, linkId: string): Promise<LinkAssignment[]>;
  /**
   * One page of a dashboard tab of a host's bookings, in the tab's order (see
   * {@link HostBookingsQuery}): at most `limit` rows after `after`, within the start range. A
   * host's bookings are those it is the `hostId` or one of the `coHostIds` of, and every booking
   * of the links it owns (a team link's owner sees which member got each meeting).
   */
  listHostBookings(
    workspaceId: string,
    hostId: string,
    query: HostBookingsQuery,
  ): Promise<Booking[]>;

  insertToken(token: BookingToken): Promise<void>;
  /** Looks a token up by the hash of its secret (tokens are unguessable, so this is global). */
  findToken(purpose: TokenPurpose, tokenHash: string): Promise<BookingToken | null>;
  /**
   * Marks every current token of a booking superseded at `at` (tokens rotate on reschedule); rows
   * superseded earlier keep their time, and unknown ids are a no-op.
   */
  supersedeTokens(workspaceId: string, bookingId: string, at: EpochMs): Promise<void>;

  /** Stores a host's time-off range; throws `StoreConflictError('duplicate')` for an id stored already. */
  insertTimeOff(range: TimeOff): Promise<void>;
  /**
   * Deletes the host's time-off range `id`; answers whether it did (false when the id is unknown
   * or belongs to another host or workspace, which is left alone).
   */
  deleteTimeOff(workspaceId: string, hostId: string, id: string): Promise<boolean>;
  /** The host's time-off ranges overlapping `[from, to)` (half-open), by `start` then `id`. */
  listTimeOff(workspaceId: string, hostId: string, from: EpochMs, to: EpochMs): Promise<TimeOff[]>;
  /** {@link StoreTx.listTimeOff} of several hosts in one read, by `hostId`, then `start`, then `id`. */
  listHostsTimeOff(
    workspaceId: string,
    hostIds: readonly string[],
    from: EpochMs,
    to: EpochMs,
  ): Promise<TimeOff[]>;

  /**
   * Stores an attendee's upload for a link's `file` field (normally unattached: `bookingId`
   * null); throws `StoreConflictError('duplicate')` for an id stored already.
   */
  insertUpload(upload: Upload): Promise<void>;
  /** The upload with this id in this workspace, attached or not; null when unknown. */
  findUpload(workspaceId: string, uploadId: string): Promise<Upload | null>;
  /**
   * Attaches the upload to a booking: sets its `bookingId` only while it is null, in one
   * statement. Answers whether it did (false when the upload is unknown in the workspace or
   * attached already), so one upload is attached to one booking at most.
   */
  attachUpload(workspaceId: string, uploadId: string, bookingId: string): Promise<boolean>;
  /**
   * Unattached uploads (`bookingId` null) created before `createdBefore`, in every workspace,
   * oldest first (then by id), at most `limit`: what a sweep deletes (their files, then rows).
   */
  listUnattachedUploads(createdBefore: EpochMs, limit: number): Promise<Upload[]>;
  /** Deletes the upload row; answers whether it did (false when unknown in the workspace). */
  deleteUpload(workspaceId: string, uploadId: string): Promise<boolean>;

  appendEvent(event: BookingEvent): Promise<void>;
  /** A booking's history, oldest first (by `at`, then by insertion). */
  listEvents(workspaceId: string, bookingId: string): Promise<BookingEvent[]>;
  /**
   * The `followup_failed` events of the listed bookings of the workspace, oldest first (by `at`,
   * then by insertion): what the dashboard shows as a booking's failed follow-ups. One query for
   * the whole list; unknown ids and other workspaces' bookings give nothing.
   */
  listFollowUpFailures(workspaceId: string, bookingIds: readonly string[]): Promise<BookingEvent[]>;

  /**
   * Queues jobs as `pending` with `attempts: 0` (`maxAttempts` defaults to 5); a job whose
   * idempotency key exists already (in any status) is ignored. Job ids are the store's to choose.
   */
  enqueueJobs(jobs: readonly NewJob[], now: EpochMs): Promise<void>;
  /** Cancels `pending` jobs by idempotency key (e.g. the reminder of a cancelled booking); other statuses and unknown keys are left alone. */
  cancelJobs(idempotencyKeys: readonly string[], now: EpochMs): Promise<void>;
}

/**
 * Persistence port of booking-core, implemented in memory (`createMemoryStore`) and by
 * `@workestra/store`. Every adapter must pass `describeStoreContract` from
 * `@workestra/booking-core/testing`.
 *
 * @example
 * ```ts
 * await store.withHostLock('ws_1', 'host_1', async (tx) => {
 *   const busy = await tx.listHostBusy('ws_1', 'host_1', booking.blockedStart, booking.blockedEnd);
 *   if (busy.length === 0) await tx.insertBooking(booking);
 * });
 * ```
 */
export interface BookingStore {
  /** A transaction with no particular lock. Everything `fn` wrote is rolled back if it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * A transaction that is serialised with every other `withHostLock` of the same host, across
   * processes (SQLite `BEGIN IMMEDIATE`; PostgreSQL a row lock on the host). The race guard runs
   * in here. Locks of different hosts must not wait for each other (beyond what the database
   * itself serialises).
   */
  withHostLock<T>(workspaceId: string, hostId: string, fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * {@link BookingStore.withHostLock} of several hosts at once (a team link's booking): serialised
   * with every lock of any of them. The locks are taken in ascending host-id order (duplicates
   * once), so two such transactions never deadlock.
   */
  withHostsLock<T>(
    workspaceId: string,
    hostIds: readonly string[],
    fn: (tx: StoreTx) => Promise<T>,
  ): Promise<T>;
  /**
   * Optional: `fn` run over reads only, outside any lock, for answers that are advice and are
   * checked again under a lock before anything is written (public slots, the link a booking
   * starts from). Each read sees committed data only; a store may give `fn` one snapshot (SQLite:
   * a deferred transaction, which takes no write lock) or a snapshot per statement (PostgreSQL:
   * statements on the pool, no `BEGIN`/`COMMIT` round trips). `fn` must not write. Without it
   * callers use {@link BookingStore.transaction}.
   *
   * @example
   * ```ts
   * const find = (tx: StoreTx) => tx.findLiveLinkBySlug('intro-call');
   * const link = await (store.read ? store.read(find) : store.transaction(find));
   * ```
   */
  read?<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Optional: a booking with its link and host, read consistently (one statement where the
   * database allows), or null when any of them is gone. The follow-up seam loads every job's
   * booking through it when present (it runs for every follow-up, so a join saves round trips
   * and a transaction); without it the seam reads the three in one `transaction`.
   */
  findBookingContext?(workspaceId: string, bookingId: string): Promise<BookingContext | null>;
}

/**
 * A booking with its link and its host, as the follow-up seam hands them to a handler.
 *
 * @example
 * ```ts
 * const loaded: BookingContext | null = (await store.findBookingContext?.('ws_1', 'b_1')) ?? null;
 * if (loaded) console.log(loaded.host.email, loaded.link.title, loaded.booking.start);
 * ```
 */
export interface BookingContext {
  readonly booking: Booking;
  readonly link: BookingLink;
  readonly host: Host;
}

/**
 * Called after a commit that queued new jobs, with the kinds it queued (see
 * {@link JobStore.onJobsEnqueued}).
 *
 * @example
 * ```ts
 * const wake: JobsEnqueuedListener = (kinds) => console.log('new work:', kinds.join(', '));
 * ```
 */
export type JobsEnqueuedListener = (kinds: readonly JobKind[]) => void;

/**
 * Durable job queue port: claim atomically, keep the claim alive while working, retry with
 * backoff, end visibly failed, and tell a waiting worker that new jobs were queued.
 *
 * @example
 * ```ts
 * for (const gone of await jobs.abandonExpired(now)) console.error('abandoned', gone.id);
 * const [job] = await jobs.claimJobs('worker-1', now, 1, now + 30_000, ['email.confirmation']);
 * if (job) await jobs.extendLeases('worker-1', [job.id], now + 60_000, now);
 * if (job) await jobs.completeJob(job.id, 'worker-1', now);
 * ```
 */
export interface JobStore {
  /**
   * Atomically claims up to `limit` due jobs for `workerId`, earliest `runAt` first: `pending`
   * jobs with `runAt <= now`, and `running` jobs whose lease expired (`lockedUntil <= now`) and
   * that have attempts left. Claimed jobs become `running` with `lockedBy = workerId`,
   * `lockedUntil`, `attempts + 1`; the returned rows show that. Two workers never get the same job.
   * A `running` job whose lease expired on its last attempt is neither claimed nor changed here:
   * {@link JobStore.abandonExpired} ends it. With `kinds`, only jobs of those kinds are claimed
   * (an empty list claims nothing): a worker whose slots for a slow kind are full still takes
   * other kinds.
   */
  claimJobs(
    workerId: string,
    now: EpochMs,
    limit: number,
    lockedUntil: EpochMs,
    kinds?: readonly JobKind[],
  ): Promise<Job[]>;
  /**
   * The heartbeat of a long job: sets `lockedUntil` of the listed jobs that are `running` and held
   * by `workerId` (even if their lease ran out, as long as nobody took them over) and returns the
   * ids it extended. Jobs another worker holds, or that are no longer running, are left alone and
   * left out of the result: the caller has lost those claims.
   */
  extendLeases(
    workerId: string,
    jobIds: readonly string[],
    lockedUntil: EpochMs,
    now: EpochMs,
  ): Promise<string[]>;
  /**
   * Subscribes `listener` to "new jobs were queued": it is called after each commit of a
   * transaction whose `enqueueJobs` added at least one job, with the kinds added, and never for a
   * rolled-back transaction. Stores shared by several processes signal every process they can
   * (PostgreSQL: `LISTEN`/`NOTIFY`); a signal may be late or, rarely, spurious, never a substitute
   * for polling. Resolves once listening; the function it resolves to unsubscribes.
   */
  onJobsEnqueued(listener: JobsEnqueuedListener): Promise<() => Promise<void>>;
  /**
   * Ends the jobs whose worker vanished during their last attempt: every `running` job with
   * `lockedUntil <= now` and `attempts >= maxAttempts` becomes `failed` (lock cleared, `lastError`
   * saying the lease expired, `updatedAt = now`). Returns those jobs as they now are, so the caller
   * can make the failure visible (`JobRunner` appends a `followup_failed` booking event, as for a
   * job that failed in its handler). Atomic: of concurrent callers, exactly one gets each job.
   * `JobRunner` calls it in each `runOnce` and, once started, at every idle poll; a store used
   * without `JobRunner` should be swept the same way.
   */
  abandonExpired(now: EpochMs): Promise<Job[]>;
  /** Marks a job `done` and clears its lock; a no-op unless `workerId` holds it. */
  completeJob(jobId: string, workerId: string, now: EpochMs): Promise<void>;
  /**
   * {@link JobStore.completeJob} for several jobs in one write (one commit instead of one per
   * job): each listed job that `workerId` holds becomes `done`; the others are left alone.
   */
  completeJobs(workerId: string, jobIds: readonly string[], now: EpochMs): Promise<void>;
  /**
   * Records a failure (`lastError`) and clears the lock: back to `pending` with `runAt = retryAt`,
   * or `failed` when `retryAt` is null or the attempts are used up. A no-op unless `workerId` holds it.
   */
  failJob(
    jobId: string,
    workerId: string,
    error: string,
    now: EpochMs,
    retryAt: EpochMs | null,
  ): Promise<void>;
  findJobByKey(idempotencyKey: string): Promise<Job | null>;
  /** Jobs, oldest first, optionally of one status. */
  listJobs(filter?: { status?: Job['status'] }): Promise<Job[]>;
  /**
   * A booking's follow-ups, in any state: the jobs whose payload names this booking
   * (`payload.bookingId`) and this workspace (`payload.workspaceId`), oldest first (`createdAt`,
   * then `id`). A job of another workspace that names the same booking id is not listed.
   *
   * @example
   * ```ts
   * const pending = (await jobs.listBookingJobs(host.workspaceId, booking.id)).filter((j) => j.status === 'pending');
   * ```
   */
  listBookingJobs(workspaceId: string, bookingId: string): Promise<Job[]>;
}

/**
 * What {@link StoreTx.setExternalRef} writes: the reference, and for the `calendar` system the
 * event's online meeting URL (`undefined` leaves the booking's `meetingUrl` as it is).
 *
 * @example
 * ```ts
 * const write: ExternalRefWrite = { provider: 'google', id: 'evt_8c1f', meetingUrl: 'https://meet.google.com/abc-defg-hij' };
 * ```
 */
export interface ExternalRefWrite extends ExternalRef {
  readonly meetingUrl?: string | null;
}

/**
 * A host's account at a calendar provider: whose calendar an adapter reads and writes. The
 * adapter finds the credentials for it (OAuth tokens are not booking-core's business).
 *
 * @example
 * ```ts
 * const connection: CalendarConnection = { hostId: 'host_1', provider: 'google' };
 * ```
 */
export interface CalendarConnection {
  readonly hostId: string;
  readonly provider: ConnectedCalendarProvider;
}

/**
 * One busy interval of a host's calendar, as {@link CalendarBusySource.busy} answers it: `kind`
 * tells out-of-office time apart when the provider reports it; absent means `busy`.
 *
 * @example
 * ```ts
 * const away: CalendarBusyInterval = { start: Date.parse('2026-11-02T00:00:00Z'), end: Date.parse('2026-11-03T00:00:00Z'), kind: 'out_of_office' };
 * ```
 */
export interface CalendarBusyInterval {
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** One of `BUSY_KINDS`; absent means `busy`. */
  readonly kind?: BusyKind;
}

/**
 * Busy time from a host's external calendar, for one workspace and the host's calendar
 * connection. Throws (never returns "free") when it cannot tell. Intervals are clipped to
 * `[from, to)` with `start < end`, and may carry a `kind` (see {@link CalendarBusyInterval}):
 * an adapter that can tell out-of-office time apart reports it as `out_of_office`. Every adapter
 * runs `describeCalendarContract` from `@workestra/booking-core/testing`.
 *
 * @example
 * ```ts
 * const calendar: CalendarBusySource = {
 *   async busy({ from, to }) {
 *     return [{ start: from, end: Math.min(to, from + 3_600_000) }];
 *   },
 * };
 * ```
 */
export interface CalendarBusySource {
  busy(input: {
    workspaceId: string;
    connection: CalendarConnection;
    from: EpochMs;
    to: EpochMs;
    /**
     * When rescheduling: the iCalendar UID of the booking's own event, which should not count as
     * busy. Best effort: a provider that cannot tell events apart may ignore it.
     */
    excludeIcalUid?: string;
  }): Promise<CalendarBusyInterval[]>;
}

/**
 * The clock, injected: booking-core never reads the system time itself.
 *
 * @example
 * ```ts
 * const fixed: Clock = { now: () => Date.parse('2026-11-01T00:00:00Z') };
 * ```
 */
export interface Clock {
  now(): EpochMs;
}

/**
 * Ids and secrets, injected so tests can be deterministic.
 *
 * @example
 * ```ts
 * let n = 0;
 * const ids: IdSource = { id: () => `id_${++n}`, token: () => randomBytes(32).toString('base64url') };
 * ```
 */
export interface IdSource {
  /** A new unique id (UUID v4 by default). */
  id(): string;
  /** A new secret token carrying at least 128 random bits, URL-safe. */
  token(): string;
}

/**
 * Structured logger port (pino-compatible subset).
 *
 * @example
 * ```ts
 * const logger: Logger = { info: console.log, warn: console.warn, error: console.error };
 * ```
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * Seals a secret so it can travel through a place that must not see it in plain form (a job
 * payload in the database), and opens it again where it is needed (the email that carries the
 * link). `open` throws when the sealed text was tampered with or sealed under another key.
 *
 * @example
 * ```ts
 * const sealer: TokenSealer = createAesGcmSealer(randomBytes(32)); // keep the key: sealed text needs it
 * sealer.open(sealer.seal('secret')); // 'secret'
 * ```
 */
export interface TokenSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/**
 * States of a message in the {@link MessageLedger}:
 * - `sending`: claimed; handed (or about to be handed) to the transport. Never claimed again: a
 *   record stuck here means the sender died between the claim and its outcome. The next attempt
 *   of the same job moves it to `unknown`.
 * - `sent`: the transport accepted it.
 * - `failed`: the transport refused it for sure (nothing was delivered); the next claim may retry.
 * - `unknown`: delivery is undecided (a timeout after the message data went out, or a sender that
 *   died mid-send); never claimed again, so never sent twice, and listed by
 *   {@link MessageLedger.listUncertainMessages} for the host and the operator.
 */
export type MessageStatus = 'sending' | 'sent' | 'failed' | 'unknown';

/**
 * One message's row in the {@link MessageLedger}, keyed by its idempotency key.
 *
 * @example
 * ```ts
 * const record: MessageRecord | null = await ledger.findMessage('b_1:email.reminder:0:attendee');
 * ```
 */
export interface MessageRecord extends MessageOwnerColumns {
  readonly key: string;
  readonly kind: string;
  readonly recipient: string;
  /** The RFC 5322 Message-ID the message carries (derived from the key, so stable across retries). */
  readonly messageId: string;
  readonly status: MessageStatus;
  /** How many times the key was claimed (1 + retries after definite refusals). */
  readonly attempts: number;
  readonly claimedBy: string;
  readonly lastError: string | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
  readonly sentAt: EpochMs | null;
}

/**
 * Whom a message is about: the booking and its host, so a message whose outcome is unknown can
 * be listed for that host.
 *
 * @example
 * ```ts
 * const owner: MessageOwner = { workspaceId: 'ws_1', hostId: 'h_1', bookingId: 'b_1' };
 * ```
 */
export interface MessageOwner {
  readonly workspaceId: string;
  readonly hostId: string;
  readonly bookingId: string;
}

/**
 * The {@link MessageOwner} as a ledger row keeps it: all null for a message about no booking
 * (and for rows recorded before the ledger kept owners).
 *
 * @example
 * ```ts
 * const none: MessageOwnerColumns = { workspaceId: null, hostId: null, bookingId: null };
 * ```
 */
export type MessageOwnerColumns = {
  readonly [K in keyof MessageOwner]: MessageOwner[K] | null;
};

/**
 * What {@link MessageLedger.claim} needs to record.
 *
 * @example
 * ```ts
 * const claim: MessageClaim = {
 *   key: 'b_1:email.confirmation:0:attendee', kind: 'email.confirmation', recipient: 'ada@example.com',
 *   messageId: '<k@workestra.app>', claimedBy: 'worker-1', workspaceId: 'ws_1', hostId: 'h_1', bookingId: 'b_1',
 * };
 * ```
 */
export interface MessageClaim extends MessageOwnerColumns {
  readonly key: string;
  readonly kind: string;
  readonly recipient: string;
  readonly messageId: string;
  readonly claimedBy: string;
}

/**
 * Which messages {@link MessageLedger.listUncertainMessages} returns: every `unknown` one, plus
 * `sending` ones claimed before `sendingBefore` (their sender has surely stopped); only one
 * host's when `owner` is given.
 *
 * @example
 * ```ts
 * const query: UncertainMessageQuery = { owner: { workspaceId: 'ws_1', hostId: 'h_1' }, sendingBefore: now - 600_000, limit: 50 };
 * ```
 */
export interface UncertainMessageQuery {
  readonly owner?: Pick<MessageOwner, 'workspaceId' | 'hostId'>;
  /** Omitted: no `sending` message is listed. */
  readonly sendingBefore?: EpochMs;
  /** Default 100. */
  readonly limit?: number;
}

/**
 * Records every outgoing message by idempotency key so that none is sent twice, even by two
 * processes at once: a sender claims the key in a committed write BEFORE handing the message to
 * the transport. A claim succeeds when the key is new (inserted as `sending`) or its record is
 * `failed` (a definite refusal: it moves back to `sending`); `sending`, `sent` and `unknown` keys
 * are never claimed again. Each method is one atomic statement. A message whose outcome is
 * undecided stays listed ({@link MessageLedger.listUncertainMessages}) so that it is never
 * silently dropped.
 *
 * @example
 * ```ts
 * import { renderEmail } from '@workestra/notifications';
 *
 * const key = 'b_1:email.confirmation:0';
 * const claim = {
 *   key, kind: 'email.confirmation', recipient: 'ada@example.com', messageId: '<b_1@workestra.app>',
 *   claimedBy: 'worker-1', workspaceId: 'ws_1', hostId: 'h_1', bookingId: 'b_1',
 * };
 * const email = await renderEmail(message); // built before the claim
 * const { claimed } = await ledger.claim(claim, now);
 * if (claimed) {
 *   try {
 *     await transport.send(email);
 *     await ledger.markSent(key, now);
 *   } catch (error) {
 *     await ledger.markFailed(key, String(error), now); // definitely not delivered: may retry
 *   }
 * }
 * ```
 */
export interface MessageLedger {
  /** Claims `key`; `claimed` tells whether this caller may send. `record` is the row after the call. */
  claim(claim: MessageClaim, now: EpochMs): Promise<{ claimed: boolean; record: MessageRecord }>;
  /**
   * `sending` or `unknown` → `sent`. From `unknown` when a sender that was presumed dead (its job
   * was taken over) finishes after all: the transport's answer beats the presumption.
   */
  markSent(key: string, now: EpochMs): Promise<void>;
  /** `sending` → `failed`: the transport refused the message for sure, a later claim may retry. */
  markFailed(key: string, error: string, now: EpochMs): Promise<void>;
  /** `sending` → `unknown`: delivery is undecided, so the key is never claimed again. */
  markUnknown(key: string, error: string, now: EpochMs): Promise<void>;
  findMessage(key: string): Promise<MessageRecord | null>;
  /** Messages whose outcome is undecided (see {@link UncertainMessageQuery}), latest change first. */
  listUncertainMessages(query?: UncertainMessageQuery): Promise<MessageRecord[]>;
}

/**
 * A message as the development outbox keeps it: everything a reader needs to check it, plus the
 * full raw MIME source.
 *
 * @example
 * ```ts
 * const latest: OutboxMessage | null = await outbox.getOutboxMessage('msg_1');
 * ```
 */
export interface OutboxMessage {
  readonly id: string;
  readonly messageId: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The iCalendar attachment, if any, and its METHOD (`REQUEST`, `CANCEL`). */
  readonly ics: string | null;
  readonly icsMethod: string | null;
  /** The message as it would go over SMTP (RFC 5322, CRLF line endings). */
  readonly raw: string;
  readonly createdAt: EpochMs;
}

/**
 * A line of the outbox list: an {@link OutboxMessage} without its bodies.
 *
 * @example
 * ```ts
 * const rows: OutboxSummary[] = await outbox.listOutbox({ limit: 50 });
 * ```
 */
export type OutboxSummary = Pick<
  OutboxMessage,
  'id' | 'messageId' | 'from' | 'to' | 'subject' | 'icsMethod' | 'createdAt'
>;

/**
 * Where the development mail transport keeps every message instead of sending it, so a newcomer
 * can read the mail the product sends (`/dev/outbox` in the reference server).
 *
 * @example
 * ```ts
 * const [newest] = await outbox.listOutbox({ limit: 1 });
 * ```
 */
export interface OutboxStore {
  appendOutbox(message: OutboxMessage): Promise<void>;
  /**
   * Claims `claim.key` in the {@link MessageLedger} of the same database, stores `message` and
   * marks the key `sent`, all in one transaction: after any crash the message is either stored
   * and `sent`, or neither (and claimable again). When the key cannot be claimed (see
   * {@link MessageLedger.claim}) nothing is stored and `record` is the existing row.
   */
  appendOutboxOnce(
    claim: MessageClaim,
    message: OutboxMessage,
    now: EpochMs,
  ): Promise<{ stored: boolean; record: MessageRecord }>;
  /** Newest first; `limit` defaults to 100. */
  listOutbox(options?: { limit?: number }): Promise<OutboxSummary[]>;
  getOutboxMessage(id: string): Promise<OutboxMessage | null>;
}
