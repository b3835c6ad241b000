import type {
  Booking,
  BookingEvent,
  BookingLink,
  BookingToken,
  EpochMs,
  ExternalSystem,
  Host,
  Job,
  JobKind,
  NewJob,
  TimeOff,
  TokenPurpose,
  Upload,
} from './domain.js';
import { StoreConflictError } from './errors.js';
import {
  cloneState,
  emptyState,
  hostBookingsTab,
  jobsInOrder,
  liveLinkWithSlug,
  overlappingBooking,
  scoped,
  type MemoryState,
} from './memory-state.js';
import type {
  BookingContext,
  BookingStore,
  ExternalRefWrite,
  HostBookingsQuery,
  LinkAssignment,
  JobsEnqueuedListener,
  JobStore,
  MessageClaim,
  MessageLedger,
  MessageRecord,
  MessageStatus,
  OutboxMessage,
  OutboxStore,
  OutboxSummary,
  StoreTx,
  UncertainMessageQuery,
} from './ports.js';

type Op = (s: MemoryState) => void;

const DEFAULT_MAX_ATTEMPTS = 5;

/** `lastError` of a job whose worker vanished during its last attempt (as the SQL stores word it). */
const ABANDONED_ERROR = 'lease expired during the last attempt (worker stopped?)';

/**
 * A transaction: reads see a snapshot taken at its start plus its own writes; writes are recorded
 * and replayed onto the live state at commit, so a rolled-back transaction leaves no trace and
 * writes committed meanwhile (job claims, other hosts' bookings) are not lost.
 */
class MemoryTx implements StoreTx {
  /** Kinds of the jobs this transaction added (for the wake-up sent after commit). */
  readonly enqueuedKinds = new Set<JobKind>();

  /** This transaction's own copy, made at its first write; null while it has only read. */
  private copy: MemoryState | null = null;

  /**
   * @param snapshot the committed state at the transaction's start. Commits replace the store's
   *   state object rather than change it, so reading it directly is reading the snapshot; it is
   *   copied only when the transaction first writes (reads cost no copy).
   */
  constructor(
    private readonly snapshot: MemoryState,
    private readonly ops: Op[],
  ) {}

  /** What this transaction reads: the snapshot plus its own writes. */
  private get local(): MemoryState {
    return this.copy ?? this.snapshot;
  }

  /** This transaction's writable copy (made on first use). */
  private get writable(): MemoryState {
    this.copy ??= cloneState(this.snapshot);
    return this.copy;
  }

  private write(op: Op): void {
    op(this.writable);
    this.ops.push(op);
  }

  async insertHost(host: Host): Promise<void> {
    this.write((s) => {
      const key = scoped(host.workspaceId, host.id);
      if (s.hosts.has(key)) throw new StoreConflictError('duplicate');
      s.hosts.set(key, host);
    });
  }

  async findHost(workspaceId: string, hostId: string): Promise<Host | null> {
    return this.local.hosts.get(scoped(workspaceId, hostId)) ?? null;
  }

  async listHosts(workspaceId: string): Promise<Host[]> {
    return [...this.local.hosts.values()]
      .filter((h) => h.workspaceId === workspaceId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async insertLink(link: BookingLink): Promise<void> {
    this.write((s) => {
      const key = scoped(link.workspaceId, link.id);
      if (s.links.has(key)) throw new StoreConflictError('duplicate');
      if (link.deletedAt === null && liveLinkWithSlug(s, link.slug))
        throw new StoreConflictError('slug');
      s.links.set(key, link);
    });
  }

  async updateLink(link: BookingLink): Promise<void> {
    this.write((s) => {
      const key = scoped(link.workspaceId, link.id);
      if (!s.links.has(key)) return;
      if (link.deletedAt === null && liveLinkWithSlug(s, link.slug, link.id))
        throw new StoreConflictError('slug');
      s.links.set(key, link);
    });
  }

  async findLink(workspaceId: string, linkId: string): Promise<BookingLink | null> {
    return this.local.links.get(scoped(workspaceId, linkId)) ?? null;
  }

  async findLiveLinkBySlug(slug: string): Promise<BookingLink | null> {
    return liveLinkWithSlug(this.local, slug) ?? null;
  }

  async listLinks(workspaceId: string, hostId: string): Promise<BookingLink[]> {
    return [...this.local.links.values()]
      .filter(
        (l) =>
          l.workspaceId === workspaceId &&
          l.deletedAt === null &&
          (l.hostId === hostId || l.members.some((m) => m.hostId === hostId)),
      )
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async insertBooking(booking: Booking): Promise<void> {
    this.write((s) => {
      const key = scoped(booking.workspaceId, booking.id);
      if (s.bookings.has(key)) throw new StoreConflictError('duplicate');
      if (overlappingBooking(s, booking)) throw new StoreConflictError('booking_overlap');
      s.bookings.set(key, booking);
    });
  }

  async updateBooking(booking: Booking): Promise<void> {
    this.write((s) => {
      const key = scoped(booking.workspaceId, booking.id);
      const stored = s.bookings.get(key);
      if (stored === undefined) return;
      if (overlappingBooking(s, booking)) throw new StoreConflictError('booking_overlap');
      // Write-backs own these two: a full-row update must not undo one that landed meanwhile.
      // The answers are a snapshot of booking time: never rewritten.
      s.bookings.set(key, {
        ...booking,
        externalRefs: stored.externalRefs,
        meetingUrl: stored.meetingUrl,
        answers: stored.answers,
      });
    });
  }

  async setExternalRef(
    workspaceId: string,
    bookingId: string,
    system: ExternalSystem,
    ref: ExternalRefWrite,
    expectedSequence: number,
  ): Promise<boolean> {
    const key = scoped(workspaceId, bookingId);
    // Checked again when the write is replayed at commit, against what was committed meanwhile.
    const apply = (s: MemoryState): boolean => {
      const stored = s.bookings.get(key);
      if (stored === undefined || stored.icalSequence !== expectedSequence) return false;
      s.bookings.set(key, {
        ...stored,
        externalRefs: { ...stored.externalRefs, [system]: { provider: ref.provider, id: ref.id } },
        meetingUrl:
          system === 'calendar' && ref.meetingUrl !== undefined
            ? ref.meetingUrl
            : stored.meetingUrl,
      });
      return true;
    };
    const written = apply(this.writable);
    if (written) this.ops.push((s) => void apply(s));
    return written;
  }

  async findBooking(workspaceId: string, bookingId: string): Promise<Booking | null> {
    return this.local.bookings.get(scoped(workspaceId, bookingId)) ?? null;
  }

  async listHostBusy(
    workspaceId: string,
    hostId: string,
    from: EpochMs,
    to: EpochMs,
  ): Promise<Booking[]> {
    return (await this.listHostsBusy(workspaceId, [hostId], from, to)).sort(
      (a, b) => a.start - b.start,
    );
  }

  async listHostsBusy(
    workspaceId: string,
    hostIds: readonly string[],
    from: EpochMs,
    to: EpochMs,
  ): Promise<Booking[]> {
    const wanted = new Set(hostIds);
    return [...this.local.bookings.values()].filter(
      (b) =>
        b.workspaceId === workspaceId &&
        (wanted.has(b.hostId) || b.coHostIds.some((id) => wanted.has(id))) &&
        b.status === 'confirmed' &&
        b.blockedStart < to &&
        from < b.blockedEnd,
    );
  }

  async listLinkAssignments(workspaceId: string, linkId: string): Promise<LinkAssignment[]> {
    const byHost = new Map<string, { bookedCount: number; lastBookedAt: EpochMs }>();
    for (const b of this.local.bookings.values()) {
      if (b.workspaceId !== workspaceId || b.linkId !== linkId || b.status !== 'confirmed')
        continue;
      const row = byHost.get(b.hostId);
      if (row === undefined) byHost.set(b.hostId, { bookedCount: 1, lastBookedAt: b.createdAt });
      else {
        row.bookedCount += 1;
        row.lastBookedAt = Math.max(row.lastBookedAt, b.createdAt);
      }
    }
    return [...byHost].map(([hostId, row]) => ({ hostId, ...row }));
  }

  async listHostBookings(
    workspaceId: string,
    hostId: string,
    query: HostBookingsQuery,
  ): Promise<Booking[]> {
    return hostBookingsTab(this.local, workspaceId, hostId, query);
  }

  async insertToken(token: BookingToken): Promise<void> {
    this.write((s) => {
      const key = `${token.purpose}\u0000${token.tokenHash}`;
      if (s.tokens.has(key)) throw new StoreConflictError('duplicate');
      s.tokens.set(key, token);
    });
  }

  async findToken(purpose: TokenPurpose, tokenHash: string): Promise<BookingToken | null> {
    return this.local.tokens.get(`${purpose}\u0000${tokenHash}`) ?? null;
  }

  async supersedeTokens(workspaceId: string, bookingId: string, at: EpochMs): Promise<void> {
    this.write((s) => {
      for (const [key, token] of s.tokens)
        if (
          token.workspaceId === workspaceId &&
          token.bookingId === bookingId &&
          token.supersededAt === null
        )
          s.tokens.set(key, { ...token, supersededAt: at });
    });
  }

  async insertTimeOff(range: TimeOff): Promise<void> {
    this.write((s) => {
      if (s.timeOff.has(range.id)) throw new StoreConflictError('duplicate');
      s.timeOff.set(range.id, range);
    });
  }

  async deleteTimeOff(workspaceId: string, hostId: string, id: string): Promise<boolean> {
    const row = this.local.timeOff.get(id);
    if (row === undefined || row.workspaceId !== workspaceId || row.hostId !== hostId) return false;
    this.write((s) => {
      s.timeOff.delete(id);
    });
    return true;
  }

  listTimeOff(workspaceId: string, hostId: string, from: EpochMs, to: EpochMs): Promise<TimeOff[]> {
    return this.listHostsTimeOff(workspaceId, [hostId], from, to);
  }

  async listHostsTimeOff(
    workspaceId: string,
    hostIds: readonly string[],
    from: EpochMs,
    to: EpochMs,
  ): Promise<TimeOff[]> {
    const wanted = new Set(hostIds);
    const byCode = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    return [...this.local.timeOff.values()]
      .filter(
        (r) =>
          r.workspaceId === workspaceId && wanted.has(r.hostId) && r.start < to && from < r.end,
      )
      .sort((a, b) => byCode(a.hostId, b.hostId) || a.start - b.start || byCode(a.id, b.id));
  }

  async insertUpload(upload: Upload): Promise<void> {
    this.write((s) => {
      if (s.uploads.has(upload.id)) throw new StoreConflictError('duplicate');
      s.uploads.set(upload.id, upload);
    });
  }

  async findUpload(workspaceId: string, uploadId: string): Promise<Upload | null> {
    const row = this.local.uploads.get(uploadId);
    return row === undefined || row.workspaceId !== workspaceId ? null : row;
  }

  async attachUpload(workspaceId: string, uploadId: string, bookingId: string): Promise<boolean> {
    const row = this.local.uploads.get(uploadId);
    if (row === undefined || row.workspaceId !== workspaceId || row.bookingId !== null)
      return false;
    this.write((s) => {
      // Replayed at commit: an upload attached or deleted meanwhile fails the whole transaction
      // (the SQL stores' conditional update would have answered false instead).
      const current = s.uploads.get(uploadId);
      if (current === undefined || current.bookingId !== null)
        throw new StoreConflictError('duplicate');
      s.uploads.set(uploadId, { ...current, bookingId });
    });
    return true;
  }

  async listUnattachedUploads(createdBefore: EpochMs, limit: number): Promise<Upload[]> {
    return [...this.local.uploads.values()]
      .filter((u) => u.bookingId === null && u.createdAt < createdBefore)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, Math.max(0, limit));
  }

  async deleteUpload(workspaceId: string, uploadId: string): Promise<boolean> {
    const row = this.local.uploads.get(uploadId);
    if (row === undefined || row.workspaceId !== workspaceId) return false;
    this.write((s) => {
      s.uploads.delete(uploadId);
    });
    return true;
  }

  async appendEvent(event: BookingEvent): Promise<void> {
    this.write((s) => {
      s.events.push(event);
    });
  }

  async listEvents(workspaceId: string, bookingId: string): Promise<BookingEvent[]> {
    // A stable sort keeps insertion order among events with the same `at`.
    return this.local.events
      .filter((e) => e.workspaceId === workspaceId && e.bookingId === bookingId)
      .sort((a, b) => a.at - b.at);
  }

  async listFollowUpFailures(
    workspaceId: string,
    bookingIds: readonly string[],
  ): Promise<BookingEvent[]> {
    const wanted = new Set(bookingIds);
    return this.local.events
      .filter(
        (e) =>
          e.workspaceId === workspaceId && e.type === 'followup_failed' && wanted.has(e.bookingId),
      )
      .sort((a, b) => a.at - b.at);
  }

  async enqueueJobs(jobs: readonly NewJob[], now: EpochMs): Promise<void> {
    for (const job of jobs)
      if (!this.local.jobIdsByKey.has(job.idempotencyKey)) this.enqueuedKinds.add(job.kind);
    this.write((s) => {
      for (const job of jobs) {
        if (s.jobIdsByKey.has(job.idempotencyKey)) continue;
        const id = String(++s.jobSeq);
        s.jobs.set(id, {
          ...job,
          id,
          status: 'pending',
          attempts: 0,
          maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          lastError: null,
          lockedBy: null,
          lockedUntil: null,
          createdAt: now,
          updatedAt: now,
        });
        s.jobIdsByKey.set(job.idempotencyKey, id);
      }
    });
  }

  async cancelJobs(idempotencyKeys: readonly string[], now: EpochMs): Promise<void> {
    this.write((s) => {
      for (const key of idempotencyKeys) {
        const id = s.jobIdsByKey.get(key);
        const job = id === undefined ? undefined : s.jobs.get(id);
        if (job !== undefined && job.status === 'pending')
          s.jobs.set(job.id, { ...job, status: 'cancelled', updatedAt: now });
      }
    });
  }
}

/** The states a ledger record may leave for `status` (settled states are final; see `markSent`). */
const settlesFrom = (status: MessageStatus): readonly MessageStatus[] =>
  status === 'sent' ? ['sending', 'unknown'] : ['sending'];

/** The row of a won claim: a new key, or a `failed` one taken again (one more attempt). */
function claimedRecord(
  existing: MessageRecord | undefined,
  claim: MessageClaim,
  now: EpochMs,
): MessageRecord {
  return existing
    ? {
        ...existing,
        status: 'sending',
        attempts: existing.attempts + 1,
        claimedBy: claim.claimedBy,
        updatedAt: now,
      }
    : {
        ...claim,
        status: 'sending',
        attempts: 1,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      };
}

/**
 * An in-memory {@link BookingStore}, {@link JobStore}, {@link MessageLedger} and
 * {@link OutboxStore} in one object: for tests, demos and the
 * headless example. Transactions see a snapshot and roll back on throw; `withHostLock` serialises
 * per host with a promise-chain mutex; it enforces the same uniqueness rules as the SQL stores
 * (live slugs, overlapping confirmed bookings, idempotency keys). Not shared across processes.
 *
 * @example
 * ```ts
 * import { createBookingCore, createMemoryStore, JobRunner } from '@workestra/booking-core';
 *
 * const store = createMemoryStore();
 * const core = createBookingCore({ store });
 * const runner = new JobRunner({ jobs: store, store, handlers: {} });
 * ```
 */
export class MemoryStore implements BookingStore, JobStore, MessageLedger, OutboxStore {
  private state: MemoryState = emptyState();
  private readonly hostLocks = new Map<string, Promise<void>>();
  private readonly enqueueListeners = new Set<JobsEnqueuedListener>();

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const ops: Op[] = [];
    const tx = new MemoryTx(this.state, ops);
    const result = await fn(tx);
    if (ops.length > 0) {
      const next = cloneState(this.state);
      for (const op of ops) op(next);
      this.state = next;
    }
    if (tx.enqueuedKinds.size > 0) this.signalEnqueued([...tx.enqueuedKinds]);
    return result;
  }

  /** Reads the committed state directly: no snapshot copy is needed for three lookups. */
  async findBookingContext(workspaceId: string, bookingId: string): Promise<BookingContext | null> {
    const read = new MemoryTx(this.state, []);
    const booking = await read.findBooking(workspaceId, bookingId);
    if (booking === null) return null;
    const link = await read.findLink(workspaceId, booking.linkId);
    const host = await read.findHost(workspaceId, booking.hostId);
    return link === null || host === null ? null : { booking, link, host };
  }

  /** After a commit: a listener that throws must not turn the committed transaction into an error. */
  private signalEnqueued(kinds: readonly JobKind[]): void {
    for (const listener of [...this.enqueueListeners]) {
      try {
        listener(kinds);
      } catch {
        // The listener's own failure; the jobs are queued either way and polling finds them.
      }
    }
  }

  withHostLock<T>(
    workspaceId: string,
    hostId: string,
    fn: (tx: StoreTx) => Promise<T>,
  ): Promise<T> {
    return this.withHostsLock(workspaceId, [hostId], fn);
  }

  async withHostsLock<T>(
    workspaceId: string,
    hostIds: readonly string[],
    fn: (tx: StoreTx) => Promise<T>,
  ): Promise<T> {
    // Each host's lock is a queue; all of this transaction's hosts are queued at once (ascending
    // order), so two transactions sharing hosts always meet in the same order.
    const keys = [...new Set(hostIds)].sort().map((id) => scoped(workspaceId, id));
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const waits: Promise<void>[] = [];
    const tails = keys.map((key) => {
      const previous = this.hostLocks.get(key) ?? Promise.resolve();
      waits.push(previous);
      const tail = previous.then(() => mine);
      this.hostLocks.set(key, tail);
      return tail;
    });
    await Promise.all(waits);
    try {
      return await this.transaction(fn);
    } finally {
      release();
      keys.forEach((key, i) => {
        if (this.hostLocks.get(key) === tails[i]) this.hostLocks.delete(key);
      });
    }
  }

  async claimJobs(
    workerId: string,
    now: EpochMs,
    limit: number,
    lockedUntil: EpochMs,
    kinds?: readonly JobKind[],
  ): Promise<Job[]> {
    const due = jobsInOrder(this.state)
      .filter(
        (j) =>
          (kinds === undefined || kinds.includes(j.kind)) &&
          ((j.status === 'pending' && j.runAt <= now) ||
            (j.status === 'running' &&
              j.lockedUntil !== null &&
              j.lockedUntil <= now &&
              j.attempts < j.maxAttempts)),
      )
      .sort((a, b) => a.runAt - b.runAt)
      .slice(0, Math.max(0, limit));
    const claimed = due.map((j): Job => ({
      ...j,
      status: 'running',
      lockedBy: workerId,
      lockedUntil,
      attempts: j.attempts + 1,
      updatedAt: now,
    }));
    for (const job of claimed) this.state.jobs.set(job.id, job);
    return claimed;
  }

  async extendLeases(
    workerId: string,
    jobIds: readonly string[],
    lockedUntil: EpochMs,
    _now: EpochMs,
  ): Promise<string[]> {
    const extended: string[] = [];
    for (const id of new Set(jobIds)) {
      const job = this.state.jobs.get(id);
      if (job === undefined || job.status !== 'running' || job.lockedBy !== workerId) continue;
      this.state.jobs.set(id, { ...job, lockedUntil });
      extended.push(id);
    }
    return extended;
  }

  async onJobsEnqueued(listener: JobsEnqueuedListener): Promise<() => Promise<void>> {
    // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
    const entry: JobsEnqueuedListener = (kinds) => listener(kinds);
    this.enqueueListeners.add(entry);
    return async () => {
      this.enqueueListeners.delete(entry);
    };
  }

  async abandonExpired(now: EpochMs): Promise<Job[]> {
    const abandoned = jobsInOrder(this.state)
      .filter(
        (j) =>
          j.status === 'running' &&
          j.lockedUntil !== null &&
          j.lockedUntil <= now &&
          j.attempts >= j.maxAttempts,
      )
      .sort((a, b) => a.runAt - b.runAt)
      .map((j): Job => ({
        ...j,
        status: 'failed',
        lastError: ABANDONED_ERROR,
        lockedBy: null,
        lockedUntil: null,
        updatedAt: now,
      }));
    for (const job of abandoned) this.state.jobs.set(job.id, job);
    return abandoned;
  }

  async completeJob(jobId: string, workerId: string, now: EpochMs): Promise<void> {
    const job = this.state.jobs.get(jobId);
    if (job === undefined || job.status !== 'running' || job.lockedBy !== workerId) return;
    this.state.jobs.set(jobId, {
      ...job,
      status: 'done',
      lockedBy: null,
      lockedUntil: null,
      updatedAt: now,
    });
  }

  async completeJobs(workerId: string, jobIds: readonly string[], now: EpochMs): Promise<void> {
    for (const id of jobIds) await this.completeJob(id, workerId, now);
  }

  async failJob(
    jobId: string,
    workerId: string,
    error: string,
    now: EpochMs,
    retryAt: EpochMs | null,
  ): Promise<void> {
    const job = this.state.jobs.get(jobId);
    if (job === undefined || job.status !== 'running' || job.lockedBy !== workerId) return;
    const giveUp = retryAt === null || job.attempts >= job.maxAttempts;
    this.state.jobs.set(jobId, {
      ...job,
      status: giveUp ? 'failed' : 'pending',
      runAt: giveUp ? job.runAt : retryAt,
      lastError: error,
      lockedBy: null,
      lockedUntil: null,
      updatedAt: now,
    });
  }

  async findJobByKey(idempotencyKey: string): Promise<Job | null> {
    const id = this.state.jobIdsByKey.get(idempotencyKey);
    return (id === undefined ? undefined : this.state.jobs.get(id)) ?? null;
  }

  async listJobs(filter: { status?: Job['status'] } = {}): Promise<Job[]> {
    return jobsInOrder(this.state).filter(
      (j) => filter.status === undefined || j.status === filter.status,
    );
  }

  async listBookingJobs(workspaceId: string, bookingId: string): Promise<Job[]> {
    return jobsInOrder(this.state).filter(
      (j) => j.payload['bookingId'] === bookingId && j.payload['workspaceId'] === workspaceId,
    );
  }

  async claim(
    claim: MessageClaim,
    now: EpochMs,
  ): Promise<{ claimed: boolean; record: MessageRecord }> {
    const existing = this.state.messages.get(claim.key);
    if (existing !== undefined && existing.status !== 'failed')
      return { claimed: false, record: existing };
    const record = claimedRecord(existing, claim, now);
    this.state.messages.set(claim.key, record);
    return { claimed: true, record };
  }

  private settle(key: string, status: MessageStatus, now: EpochMs, error: string | null): void {
    const record = this.state.messages.get(key);
    if (record === undefined || !settlesFrom(status).includes(record.status)) return;
    this.state.messages.set(key, {
      ...record,
      status,
      updatedAt: now,
      lastError: error ?? record.lastError,
      sentAt: status === 'sent' ? now : record.sentAt,
    });
  }

  async markSent(key: string, now: EpochMs): Promise<void> {
    this.settle(key, 'sent', now, null);
  }

  async markFailed(key: string, error: string, now: EpochMs): Promise<void> {
    this.settle(key, 'failed', now, error);
  }

  async markUnknown(key: string, error: string, now: EpochMs): Promise<void> {
    this.settle(key, 'unknown', now, error);
  }

  async findMessage(key: string): Promise<MessageRecord | null> {
    return this.state.messages.get(key) ?? null;
  }

  async listUncertainMessages(query: UncertainMessageQuery = {}): Promise<MessageRecord[]> {
    const { owner, sendingBefore } = query;
    return [...this.state.messages.values()]
      .filter(
        (m) =>
          (m.status === 'unknown' ||
            (m.status === 'sending' &&
              sendingBefore !== undefined &&
              m.updatedAt < sendingBefore)) &&
          (owner === undefined ||
            (m.workspaceId === owner.workspaceId && m.hostId === owner.hostId)),
      )
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
      .slice(0, Math.max(0, query.limit ?? 100));
  }

  async appendOutboxOnce(
    claim: MessageClaim,
    message: OutboxMessage,
    now: EpochMs,
  ): Promise<{ stored: boolean; record: MessageRecord }> {
    // Synchronous from the first check to the last write: nothing can interleave, so all or nothing.
    if (this.state.outbox.some((m) => m.id === message.id))
      throw new StoreConflictError('duplicate');
    const existing = this.state.messages.get(claim.key);
    if (existing !== undefined && existing.status !== 'failed')
      return { stored: false, record: existing };
    const record: MessageRecord = {
      ...claimedRecord(existing, claim, now),
      status: 'sent',
      sentAt: now,
    };
    this.state.outbox.push(message);
    this.state.messages.set(claim.key, record);
    return { stored: true, record };
  }

  async appendOutbox(message: OutboxMessage): Promise<void> {
    if (this.state.outbox.some((m) => m.id === message.id))
      throw new StoreConflictError('duplicate');
    this.state.outbox.push(message);
  }

  async listOutbox(options: { limit?: number } = {}): Promise<OutboxSummary[]> {
    return [...this.state.outbox]
      .reverse()
      .slice(0, Math.max(0, options.limit ?? 100))
      .map(({ id, messageId, from, to, subject, icsMethod, createdAt }) => ({
        id,
        messageId,
        from,
        to,
        subject,
        icsMethod,
        createdAt,
      }));
  }

  async getOutboxMessage(id: string): Promise<OutboxMessage | null> {
    return this.state.outbox.find((m) => m.id === id) ?? null;
  }
}

/**
 * A new, empty {@link MemoryStore}.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@workestra/booking-core';
 * const store = createMemoryStore(); // pass as both `store` and `jobs`
 * ```
 */
export function createMemoryStore(): MemoryStore {
  return new MemoryStore();
}
