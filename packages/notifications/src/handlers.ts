import { randomUUID } from 'node:crypto';
import {
  silentLogger,
  systemClock,
  type Booking,
  type BookingLink,
  type BookingStore,
  type Clock,
  type FollowUpPayload,
  type Host,
  type Job,
  type JobHandler,
  type Logger,
  type MessageLedger,
  type TokenSealer,
} from '@workestra/booking-core';
import { NotificationError } from './errors.js';
import { messageIdFor } from './message-id.js';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
  type BookingMessageInput,
  type BuiltEmail,
  type Recipient,
} from './messages.js';
import { messageOwner, sendOnce, type SendOnceDeps } from './send-once.js';
import type { EmailTransport } from './transport.js';

/**
 * What {@link createEmailJobHandlers} needs. `sealer` opens the reschedule/cancel tokens
 * booking-core sealed into the attendee's jobs; without it, emails carry no self-service links.
 *
 * @example
 * ```ts
 * const options: EmailJobHandlerOptions = {
 *   store: handle.store, ledger: handle.ledger, transport: createOutboxTransport(handle.outbox),
 *   sealer, publicUrl: 'https://workestra.app', from: 'Workestra <no-reply@workestra.app>',
 * };
 * ```
 */
export interface EmailJobHandlerOptions {
  readonly store: BookingStore;
  readonly ledger: MessageLedger;
  readonly transport: EmailTransport;
  readonly sealer?: TokenSealer;
  /** Public origin of the booking pages, e.g. `https://workestra.app` (no trailing slash needed). */
  readonly publicUrl: string;
  /** The From address, e.g. `Workestra <no-reply@workestra.app>`; its domain names the Message-IDs. */
  readonly from: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Recorded as the claimer in the ledger. Default `mailer-<uuid>`. */
  readonly workerId?: string;
}

/**
 * The email job kinds booking-core queues.
 *
 * @example
 * ```ts
 * const kind: EmailJobKind = 'email.reminder';
 * ```
 */
export type EmailJobKind =
  | 'email.confirmation'
  | 'email.host-notice'
  | 'email.reminder'
  | 'email.reschedule'
  | 'email.cancellation';

interface Loaded {
  readonly booking: Booking;
  readonly link: BookingLink;
  readonly host: Host;
  readonly previous: { start: number; end: number } | null;
}

function readPayload(job: Job): FollowUpPayload {
  const p = job.payload as Partial<FollowUpPayload>;
  if (
    typeof p.workspaceId !== 'string' ||
    typeof p.bookingId !== 'string' ||
    typeof p.linkId !== 'string' ||
    typeof p.sequence !== 'number'
  )
    throw new NotificationError(
      'BAD_PAYLOAD',
      `job ${job.id} (${job.kind}) has no booking payload`,
    );
  return p as FollowUpPayload;
}

/** Why a job has nothing (left) to send, or null when it should send. */
function staleReason(kind: EmailJobKind, payload: FollowUpPayload, loaded: Loaded, now: number) {
  const { booking } = loaded;
  if (booking.icalSequence !== payload.sequence) return 'the booking changed since';
  if (kind === 'email.cancellation') return booking.status === 'cancelled' ? null : 'not cancelled';
  if (booking.status === 'cancelled') return 'the booking is cancelled';
  if (kind === 'email.reminder' && now >= booking.start) return 'the meeting has started';
  return null;
}

/**
 * Job handlers that send the booking emails: `email.confirmation` (attendee, invite),
 * `email.host-notice` (host, same invite), `email.reminder` (attendee, 24 h before),
 * `email.reschedule` and `email.cancellation` (both sides, updated invite / `METHOD:CANCEL`).
 * Each loads the booking, link and host from the store (so a retry sees current data), skips a
 * stale job (a reminder of a cancelled or moved booking, a confirmation superseded by a
 * reschedule) and sends every message through {@link sendOnce} under the key
 * `<job idempotency key>:<attendee|host>`: at most once per key, retried after certain refusals.
 * A throw makes booking-core's `JobRunner` retry with backoff and, in the end, mark the job
 * `failed`; the booking itself is never touched.
 *
 * @example
 * ```ts
 * import { JobRunner } from '@workestra/booking-core';
 * import { createEmailJobHandlers, createOutboxTransport } from '@workestra/notifications';
 *
 * const email = createEmailJobHandlers({
 *   store: handle.store, ledger: handle.ledger, transport: createOutboxTransport(handle.outbox),
 *   publicUrl: 'http://localhost:3000', from: 'Workestra <no-reply@localhost>',
 * });
 * const runner = new JobRunner({ jobs: handle.jobs, store: handle.store, handlers: { ...email } });
 * ```
 */
export function createEmailJobHandlers(
  options: EmailJobHandlerOptions,
): Record<EmailJobKind, JobHandler> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const deps: SendOnceDeps = {
    ledger: options.ledger,
    transport: options.transport,
    clock,
    logger,
    workerId: options.workerId ?? `mailer-${randomUUID()}`,
  };

  const load = (payload: FollowUpPayload): Promise<Loaded | null> =>
    options.store.transaction(async (tx) => {
      const booking = await tx.findBooking(payload.workspaceId, payload.bookingId);
      if (booking === null) return null;
      const link = await tx.findLink(booking.workspaceId, booking.linkId);
      const host = await tx.findHost(booking.workspaceId, booking.hostId);
      if (link === null || host === null) return null;
      const events = await tx.listEvents(booking.workspaceId, booking.id);
      const moved = events.filter((e) => e.type === 'rescheduled').at(-1)?.data;
      const previous =
        moved &&
        typeof moved['previousStart'] === 'number' &&
        typeof moved['previousEnd'] === 'number'
          ? { start: moved['previousStart'], end: moved['previousEnd'] }
          : null;
      return { booking, link, host, previous };
    });

  /** The attendee's links, when the job carries sealed tokens and we hold the key. */
  function selfService(payload: FollowUpPayload, job: Job): BookingMessageInput['selfService'] {
    if (!payload.sealedTokens || !options.sealer) return null;
    try {
      const reschedule = options.sealer.open(payload.sealedTokens.reschedule);
      const cancel = options.sealer.open(payload.sealedTokens.cancel);
      return {
        rescheduleUrl: `${publicUrl}/book/reschedule/${encodeURIComponent(reschedule)}`,
        cancelUrl: `${publicUrl}/book/cancel/${encodeURIComponent(cancel)}`,
      };
    } catch {
      // Sealed under another key (SECRET_KEY changed): better an email without links than none.
      logger.warn(
        { jobId: job.id, kind: job.kind },
        'could not open the sealed tokens; sending without links',
      );
      return null;
    }
  }

  const handler =
    (kind: EmailJobKind, build: (input: BookingMessageInput) => [Recipient, BuiltEmail][]) =>
    async (job: Job): Promise<void> => {
      const payload = readPayload(job);
      const loaded = await load(payload);
      const now = clock.now();
      if (loaded === null) {
        logger.warn(
          { jobId: job.id, kind, bookingId: payload.bookingId },
          'booking gone; email skipped',
        );
        return;
      }
      const stale = staleReason(kind, payload, loaded, now);
      if (stale !== null) {
        logger.info(
          { jobId: job.id, kind, bookingId: payload.bookingId, reason: stale },
          'stale email job skipped',
        );
        return;
      }
      const input: BookingMessageInput = {
        booking: loaded.booking,
        link: loaded.link,
        host: loaded.host,
        selfService: selfService(payload, job),
        bookingPageUrl: `${publicUrl}/book/${encodeURIComponent(loaded.link.slug)}`,
        previous: loaded.previous,
        now,
      };
      // Every message is attempted even if an earlier one fails; the job retries what is left.
      let firstError: unknown;
      for (const [role, email] of build(input)) {
        const key = `${job.idempotencyKey}:${role}`;
        try {
          await sendOnce(deps, key, kind, messageOwner(loaded.booking), {
            from: options.from,
            to: email.to,
            replyTo: email.replyTo,
            subject: email.subject,
            text: email.text,
            html: email.html,
            messageId: messageIdFor(key, options.from),
            ics: email.ics,
          });
        } catch (error) {
          firstError ??= error;
        }
      }
      if (firstError !== undefined) throw firstError;
    };

  return {
    'email.confirmation': handler('email.confirmation', (i) => [
      ['attendee', buildConfirmationEmail(i)],
    ]),
    'email.host-notice': handler('email.host-notice', (i) => [['host', buildHostNoticeEmail(i)]]),
    'email.reminder': handler('email.reminder', (i) => [['attendee', buildReminderEmail(i)]]),
    'email.reschedule': handler('email.reschedule', (i) => [
      ['attendee', buildRescheduleEmail(i, 'attendee')],
      ['host', buildRescheduleEmail(i, 'host')],
    ]),
    'email.cancellation': handler('email.cancellation', (i) => [
      ['attendee', buildCancellationEmail(i, 'attendee')],
      ['host', buildCancellationEmail(i, 'host')],
    ]),
  };
}
