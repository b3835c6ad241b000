import { randomUUID } from 'node:crypto';
import {
  silentLogger,
  systemClock,
  type Clock,
  type FollowUp,
  type FollowUpHandler,
  type JobKind,
  type Logger,
  type MessageLedger,
  type SealedTokens,
  type TokenPurpose,
  type TokenSealer,
} from '@workestra/booking-core';
import { messageIdFor } from './message-id.js';
import { threadHeadersFor } from './thread.js';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
  type BookingMessageInput,
  type BuiltEmail,
  type HostReader,
} from './messages.js';
import { messageOwner, sendOnce, type SendOnceDeps } from './send-once.js';
import type { EmailTransport } from './transport.js';

/**
 * What {@link createEmailJobHandlers} needs. `sealer` opens the reschedule/cancel tokens
 * booking-core sealed into the attendee's jobs; without it, emails carry no self-service links.
 * The booking, link and host come from booking-core's follow-up seam (`createFollowUpHandlers`),
 * which loads them when a job runs.
 *
 * @example
 * ```ts
 * const options: EmailJobHandlerOptions = {
 *   ledger: handle.ledger, transport: createOutboxTransport(handle.outbox),
 *   sealer, publicUrl: 'https://workestra.app', from: 'Workestra <no-reply@workestra.app>',
 *   // Optional: where your service serves the attendee's pages (default <publicUrl>/book/...).
 *   selfServiceUrl: (purpose, token) => `https://example.com/meetings/${purpose}?token=${token}`,
 *   bookingPageUrl: (slug) => `https://example.com/meet/${slug}`,
 * };
 * ```
 */
export interface EmailJobHandlerOptions {
  readonly ledger: MessageLedger;
  readonly transport: EmailTransport;
  readonly sealer?: TokenSealer;
  /** Public origin of the booking pages, e.g. `https://workestra.app` (no trailing slash needed). */
  readonly publicUrl: string;
  /**
   * The URL of an attendee's reschedule or cancel page for a plain token. Default
   * `<publicUrl>/book/<purpose>/<token>`, the reference app's pages; give your own when your
   * service serves them elsewhere. The token is URL-safe base64, so it needs no encoding.
   */
  readonly selfServiceUrl?: (purpose: TokenPurpose, token: string) => string;
  /** The URL of a link's booking page (to book again). Default `<publicUrl>/book/<slug>`. */
  readonly bookingPageUrl?: (slug: string) => string;
  /** The host's dashboard, linked from every host-side email. Default `<publicUrl>/calendar`. */
  readonly dashboardUrl?: string;
  /** The From address, e.g. `Workestra <no-reply@workestra.app>`; its domain names the Message-IDs. */
  readonly from: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Recorded as the claimer in the ledger. Default `mailer-<uuid>`. */
  readonly workerId?: string;
}

/**
 * The email job kinds booking-core queues: the `email.*` members of its `JOB_KINDS`.
 */
export type EmailJobKind = Extract<JobKind, `email.${string}`>;

/**
 * A typed follow-up handler per email kind, for booking-core's `createFollowUpHandlers`.
 *
 * @example
 * ```ts
 * const email: EmailFollowUpHandlers = createEmailJobHandlers({
 *   ledger, transport, publicUrl: 'https://workestra.app', from: 'Workestra <no-reply@workestra.app>',
 * });
 * ```
 */
export type EmailFollowUpHandlers = { readonly [K in EmailJobKind]: FollowUpHandler<K> };

/**
 * One message of a job: the suffix of its ledger key (`attendee`, `host`, or `host:<id>` for a
 * co-host, so each recipient is sent to once), the host that owns it, and the email.
 */
interface Outgoing {
  readonly role: string;
  readonly ownerHostId: string;
  readonly email: BuiltEmail;
}

/** What one email job adds to the loaded booking: the attendee's sealed tokens, the old time. */
interface EmailExtras {
  readonly sealedTokens?: SealedTokens | undefined;
  readonly previous?: { start: number; end: number } | null;
}

/**
 * Follow-up handlers that send the booking emails: `email.confirmation` (attendee, invite),
 * `email.host-notice` (host, same invite), `email.reminder` (attendee, 24 h before),
 * `email.reschedule` and `email.cancellation` (both sides, updated invite / `METHOD:CANCEL`).
 * Register them through booking-core's `createFollowUpHandlers`, which loads the booking, link
 * and host when the job runs and skips a job that no longer applies (a confirmation or reminder
 * of a booking moved or cancelled since). A reminder is also skipped once the meeting started.
 * On a team link the host is the member the meeting went to; a collective meeting's co-hosts get
 * the host-side emails too (each its own) and are named in the attendee's emails and the invite.
 * Every message goes through {@link sendOnce} under the key `<job idempotency key>:<recipient>`
 * (`attendee`, `host`, or `host:<co-host id>`): at most once per key, retried after certain
 * refusals. A throw makes booking-core's `JobRunner`
 * retry with backoff and, in the end, mark the job `failed`; the booking itself is never touched.
 *
 * @example
 * ```ts
 * import { JobRunner, createFollowUpHandlers } from '@workestra/booking-core';
 * import { createEmailJobHandlers, createOutboxTransport } from '@workestra/notifications';
 *
 * const email = createEmailJobHandlers({
 *   ledger: handle.ledger, transport: createOutboxTransport(handle.outbox),
 *   publicUrl: 'http://localhost:3000', from: 'Workestra <no-reply@workestra.localhost>',
 * });
 * const handlers = createFollowUpHandlers({ store: handle.store, handlers: { ...email } });
 * const runner = new JobRunner({ jobs: handle.jobs, store: handle.store, handlers });
 * ```
 */
export function createEmailJobHandlers(options: EmailJobHandlerOptions): EmailFollowUpHandlers {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const selfServiceUrl =
    options.selfServiceUrl ??
    ((purpose: TokenPurpose, token: string) =>
      `${publicUrl}/book/${purpose}/${encodeURIComponent(token)}`);
  const bookingPageUrl =
    options.bookingPageUrl ?? ((slug: string) => `${publicUrl}/book/${encodeURIComponent(slug)}`);
  const dashboardUrl = options.dashboardUrl ?? `${publicUrl}/calendar`;
  const deps: SendOnceDeps = {
    ledger: options.ledger,
    transport: options.transport,
    clock,
    logger,
    workerId: options.workerId ?? `mailer-${randomUUID()}`,
  };

  /** The attendee's links, when the job carries sealed tokens and we hold the key. */
  function selfService(
    sealed: SealedTokens | undefined,
    f: FollowUp<EmailJobKind>,
  ): BookingMessageInput['selfService'] {
    if (!sealed || !options.sealer) return null;
    try {
      const reschedule = options.sealer.open(sealed.reschedule);
      const cancel = options.sealer.open(sealed.cancel);
      return {
        rescheduleUrl: selfServiceUrl('reschedule', reschedule),
        cancelUrl: selfServiceUrl('cancel', cancel),
      };
    } catch {
      // Sealed under another key (SECRET_KEY changed): better an email without links than none.
      logger.warn(
        { jobId: f.job.id, kind: f.kind },
        'could not open the sealed tokens; sending without links',
      );
      return null;
    }
  }

  /** A host-side email for the booking's host and one for each co-host. */
  function toHosts(
    f: FollowUp<EmailJobKind>,
    build: (reader: HostReader) => BuiltEmail,
  ): Outgoing[] {
    return [
      { role: 'host', ownerHostId: f.booking.hostId, email: build(f.host) },
      ...f.coHosts.map((c) => ({ role: `host:${c.id}`, ownerHostId: c.id, email: build(c) })),
    ];
  }

  const toAttendee = (f: FollowUp<EmailJobKind>, email: BuiltEmail): Outgoing => ({
    role: 'attendee',
    ownerHostId: f.booking.hostId,
    email,
  });

  async function send(
    f: FollowUp<EmailJobKind>,
    build: (input: BookingMessageInput) => Outgoing[],
    extras: EmailExtras,
  ): Promise<void> {
    const input: BookingMessageInput = {
      booking: f.booking,
      link: f.link,
      host: f.host,
      coHosts: f.coHosts,
      selfService: selfService(extras.sealedTokens, f),
      // A disabled or deleted link's page answers 410/404: offering it would be a dead end.
      bookingPageUrl:
        f.link.active && f.link.deletedAt === null ? bookingPageUrl(f.link.slug) : null,
      previous: extras.previous ?? null,
      dashboardUrl,
      now: clock.now(),
    };
    // Every message is attempted even if an earlier one fails; the job retries what is left.
    let firstError: unknown;
    for (const { role, ownerHostId, email } of build(input)) {
      const key = `${f.job.idempotencyKey}:${role}`;
      try {
        await sendOnce(deps, key, f.kind, messageOwner({ ...f.booking, hostId: ownerHostId }), {
          from: options.from,
          to: email.to,
          replyTo: email.replyTo,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: messageIdFor(key, options.from),
          thread: threadHeadersFor(f.booking.id, role, key, options.from),
          ics: email.ics,
        });
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  return {
    'email.confirmation': (f) =>
      send(f, (i) => [toAttendee(f, buildConfirmationEmail(i))], {
        sealedTokens: f.payload.sealedTokens,
      }),
    'email.host-notice': (f) =>
      send(f, (i) => toHosts(f, (reader) => buildHostNoticeEmail(i, reader)), {}),
    'email.reminder': async (f) => {
      if (clock.now() >= f.booking.start) {
        logger.info(
          { jobId: f.job.id, kind: f.kind, bookingId: f.booking.id },
          'reminder skipped: the meeting has started',
        );
        return;
      }
      await send(f, (i) => [toAttendee(f, buildReminderEmail(i))], {
        sealedTokens: f.payload.sealedTokens,
      });
    },
    'email.reschedule': (f) =>
      send(
        f,
        (i) => [
          toAttendee(f, buildRescheduleEmail(i, 'attendee')),
          ...toHosts(f, (reader) => buildRescheduleEmail(i, 'host', reader)),
        ],
        { sealedTokens: f.payload.sealedTokens, previous: f.payload.previous },
      ),
    'email.cancellation': (f) =>
      send(
        f,
        (i) => [
          toAttendee(f, buildCancellationEmail(i, 'attendee')),
          ...toHosts(f, (reader) => buildCancellationEmail(i, 'host', reader)),
        ],
        {},
      ),
  };
}
