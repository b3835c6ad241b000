import { JOB_KINDS } from './domain.js';
import type { Booking, BookingLink, ExternalSystem, Host, Job, JobKind } from './domain.js';
import { silentLogger } from './deps.js';
import { readOnly } from './access.js';
import { hostsById, pickBookingHosts } from './booking-hosts.js';
import { FollowUpError } from './follow-up-error.js';
import {
  FOLLOW_UP_PAYLOAD_SCHEMAS,
  followUpSkipReason,
  type FollowUpPayloads,
} from './follow-up-kinds.js';
import type { JobHandler, JobHandlers } from './job-runner.js';
import type { BookingContext, BookingStore, ExternalRefWrite, Logger } from './ports.js';

/**
 * What a write-back did: whether it wrote, and the booking as stored right after (null when it
 * is gone). When `written` is false the booking changed since the handler loaded it; the job of
 * that newer change writes its own reference.
 *
 * @example
 * ```ts
 * const onCreate: FollowUpHandler<'calendar.create'> = async (followUp) => {
 *   const back: WriteBack = await followUp.setExternalRef('calendar', { provider: 'google', id: 'evt_1' });
 *   if (!back.written && back.booking?.status === 'cancelled') console.log('delete the event again');
 * };
 * ```
 */
export interface WriteBack {
  readonly written: boolean;
  readonly booking: Booking | null;
}

/**
 * One follow-up job as its handler receives it: the parsed payload of its kind and the booking,
 * link and host loaded in one transaction when the job runs (so a retry sees current data), the
 * booking's co-hosts, plus the narrow write-back for this booking at the SEQUENCE it was loaded at.
 *
 * @example
 * ```ts
 * import { createMemoryCalendar, type FollowUpHandler } from '@workestra/booking-core';
 * const events = createMemoryCalendar();
 * const onCreate: FollowUpHandler<'calendar.create'> = async ({ booking, link, host, setExternalRef }) => {
 *   const { eventId, meetingUrl } = await events.createEvent({
 *     workspaceId: booking.workspaceId,
 *     connection: { hostId: host.id, provider: 'google' },
 *     key: booking.icalUid,
 *     event: {
 *       title: link.title, description: null, start: booking.start, end: booking.end,
 *       timeZone: link.timeZone, icalUid: booking.icalUid, sequence: booking.icalSequence,
 *       organizer: { email: host.email, name: host.name },
 *       attendees: [{ email: booking.attendeeEmail, name: booking.attendeeName }],
 *       conferencing: link.autoMeetingLink,
 *     },
 *   });
 *   await setExternalRef('calendar', { provider: 'google', id: eventId, meetingUrl });
 * };
 * ```
 */
export interface FollowUp<K extends JobKind> {
  readonly kind: K;
  /** The job row (id, attempts, idempotency key); read the payload from `payload`. */
  readonly job: Job;
  readonly payload: FollowUpPayloads[K];
  readonly booking: Booking;
  readonly link: BookingLink;
  /** The booking's host (`booking.hostId`: on a team link, the member the meeting went to). */
  readonly host: Host;
  /**
   * The hosts of `booking.coHostIds` (a collective link's other members), in that order; empty for
   * every other booking. A co-host whose row is gone is left out.
   */
  readonly coHosts: readonly Host[];
  /**
   * Writes the booking's reference into `system` (and the meeting URL for `calendar`) unless the
   * booking changed since it was loaded (`StoreTx.setExternalRef` with the loaded SEQUENCE).
   */
  setExternalRef(system: ExternalSystem, ref: ExternalRefWrite): Promise<WriteBack>;
}

/**
 * Does the work of one job kind for one booking. Must be idempotent: a job can run more than
 * once (a retry, a crashed worker). Throw to have the job retried.
 *
 * @example
 * ```ts
 * const notice: FollowUpHandler<'email.host-notice'> = async ({ booking, host }) => {
 *   console.log(`tell ${host.email} about ${booking.attendeeName}`);
 * };
 * ```
 */
export type FollowUpHandler<K extends JobKind> = (followUp: FollowUp<K>) => Promise<void>;

/**
 * A typed handler per job kind; kinds left out have no handler (their jobs fail at once, as a
 * wiring bug).
 *
 * @example
 * ```ts
 * const handlers: FollowUpHandlers = {
 *   'crm.sync': async ({ payload, booking }) => console.log(payload.change, booking.attendeeEmail),
 * };
 * ```
 */
export type FollowUpHandlers = { readonly [K in JobKind]?: FollowUpHandler<K> };

/**
 * Options of {@link createFollowUpHandlers}.
 *
 * @example
 * ```ts
 * import { calendarFollowUpHandlers, createMemoryCalendar } from '@workestra/booking-core';
 * const options: FollowUpSeamOptions = { store, handlers: calendarFollowUpHandlers(createMemoryCalendar()) };
 * ```
 */
export interface FollowUpSeamOptions {
  readonly store: BookingStore;
  readonly handlers: FollowUpHandlers;
  /** Skipped jobs are logged at `info`. Default silent. */
  readonly logger?: Logger;
}

/**
 * The seam between `JobRunner` and adapters: turns typed {@link FollowUpHandlers} into the
 * runner's `JobHandlers`. For each job it parses the payload with its kind's schema (a payload
 * that does not fit throws `FollowUpError('BAD_PAYLOAD')`), loads the booking, link and host in
 * one transaction (and a collective booking's co-hosts, with one `listHosts`), and skips the job (completing it, with an `info` log line) when the booking is
 * gone or the job no longer applies by its kind's rule (`FOLLOW_UP_RULES`: a job of an older
 * SEQUENCE is superseded; cancellation steps run once cancelled; CRM syncs always run). Otherwise
 * it calls the handler with everything loaded.
 *
 * @example
 * ```ts
 * import { JobRunner, createFollowUpHandlers } from '@workestra/booking-core';
 *
 * const handlers = createFollowUpHandlers({
 *   store,
 *   handlers: { 'email.host-notice': async ({ booking, host }) => console.log(host.email, booking.id) },
 * });
 * const runner = new JobRunner({ jobs, store, handlers });
 * ```
 */
export function createFollowUpHandlers(options: FollowUpSeamOptions): JobHandlers {
  const out: { [K in JobKind]?: JobHandler } = {};
  for (const kind of JOB_KINDS) {
    const bound = bindKind(kind, options);
    if (bound !== undefined) out[kind] = bound;
  }
  return out;
}

function bindKind<K extends JobKind>(
  kind: K,
  options: FollowUpSeamOptions,
): JobHandler | undefined {
  const handler = options.handlers[kind] as FollowUpHandler<K> | undefined;
  if (handler === undefined) return undefined;
  const logger = options.logger ?? silentLogger;
  return async (job) => {
    const payload = parsePayload(kind, job);
    const loaded = await loadBooking(options.store, payload.workspaceId, payload.bookingId);
    if (loaded === null) {
      logger.info(
        { jobId: job.id, kind, bookingId: payload.bookingId },
        'follow-up skipped: the booking, its link or its host is gone',
      );
      return;
    }
    const reason = followUpSkipReason(kind, payload.sequence, loaded.booking);
    if (reason !== null) {
      logger.info(
        { jobId: job.id, kind, bookingId: payload.bookingId, reason },
        'follow-up skipped: it no longer applies',
      );
      return;
    }
    const { booking } = loaded;
    await handler({
      kind,
      job,
      payload,
      ...loaded,
      coHosts: await loadCoHosts(options.store, booking),
      setExternalRef: (system, ref) => writeBack(options.store, booking, system, ref),
    });
  };
}

function parsePayload<K extends JobKind>(kind: K, job: Job): FollowUpPayloads[K] {
  const parsed = FOLLOW_UP_PAYLOAD_SCHEMAS[kind].safeParse(job.payload);
  if (!parsed.success)
    throw new FollowUpError(
      'BAD_PAYLOAD',
      `job ${job.id} (${kind}) has a payload that does not fit its kind: ${parsed.error.message}`,
    );
  // The schema of kind K parses to the payload of kind K; TypeScript cannot follow the index.
  return parsed.data as FollowUpPayloads[K];
}

/**
 * The one loader of follow-ups: booking, link and host read consistently (the store's join when it
 * has one, else one read), or null if any is gone.
 */
function loadBooking(
  store: BookingStore,
  workspaceId: string,
  bookingId: string,
): Promise<BookingContext | null> {
  if (store.findBookingContext) return store.findBookingContext(workspaceId, bookingId);
  return readOnly(store, async (tx) => {
    const booking = await tx.findBooking(workspaceId, bookingId);
    if (booking === null) return null;
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    const host = await tx.findHost(booking.workspaceId, booking.hostId);
    return link === null || host === null ? null : { booking, link, host };
  });
}

/** A booking's co-hosts (none for most bookings: then nothing is read). */
async function loadCoHosts(store: BookingStore, booking: Booking): Promise<readonly Host[]> {
  if (booking.coHostIds.length === 0) return [];
  const hosts = await readOnly(store, (tx) => tx.listHosts(booking.workspaceId));
  return pickBookingHosts(hostsById(hosts), booking).coHosts;
}

async function writeBack(
  store: BookingStore,
  loaded: Booking,
  system: ExternalSystem,
  ref: ExternalRefWrite,
): Promise<WriteBack> {
  return store.transaction(async (tx) => {
    const written = await tx.setExternalRef(
      loaded.workspaceId,
      loaded.id,
      system,
      ref,
      loaded.icalSequence,
    );
    return { written, booking: await tx.findBooking(loaded.workspaceId, loaded.id) };
  });
}
