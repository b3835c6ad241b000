import type {
  Booking,
  Clock,
  Logger,
  MessageClaim,
  MessageLedger,
  MessageOwner,
  MessageRecord,
} from '@workestra/booking-core';
import { isNotificationError } from './errors.js';
import { renderEmail } from './render.js';
import type { EmailMessage, EmailTransport } from './transport.js';

/**
 * What {@link sendOnce} needs.
 *
 * @example
 * ```ts
 * const deps: SendOnceDeps = { ledger: handle.ledger, transport, clock: { now: Date.now }, workerId: 'worker-1', logger: console };
 * ```
 */
export interface SendOnceDeps {
  readonly ledger: MessageLedger;
  readonly transport: EmailTransport;
  readonly clock: Clock;
  readonly workerId: string;
  readonly logger: Logger;
}

/**
 * How {@link sendOnce} ended. `unknown`: the message may or may not have been delivered (the
 * transport lost the connection after the data went out, or an earlier attempt died mid-send); it
 * is recorded `unknown` in the ledger, never sent again, and listed by
 * `MessageLedger.listUncertainMessages` for the host and the operator.
 *
 * @example
 * ```ts
 * import { messageOwner, sendOnce } from '@workestra/notifications';
 *
 * const deps = { ledger, transport, clock: { now: Date.now }, workerId: 'worker-1', logger: console };
 * const key = `${booking.id}:email.reminder:0:attendee`;
 * const outcome: SendOutcome = await sendOnce(deps, key, 'email.reminder', messageOwner(booking), message);
 * ```
 */
export type SendOutcome = 'sent' | 'already-sent' | 'unknown';

/**
 * The {@link MessageOwner} of a booking's message: the booking and its host.
 *
 * @example
 * ```ts
 * messageOwner(booking); // { workspaceId: 'ws_1', hostId: 'h_1', bookingId: 'b_1' }
 * ```
 */
export function messageOwner(
  booking: Pick<Booking, 'workspaceId' | 'hostId' | 'id'>,
): MessageOwner {
  return { workspaceId: booking.workspaceId, hostId: booking.hostId, bookingId: booking.id };
}

/**
 * Sends `message` at most once for `key`. It is built first (`renderEmail`: a message that cannot
 * be built claims nothing); then the key is claimed in the ledger (a committed write) BEFORE the
 * transport sees the message, and the outcome is recorded. With a transport that has
 * `claimAndSend` (the dev outbox), claim, delivery and "sent" are one transaction instead.
 *
 * - Resolves `'sent'` after the transport accepted it, `'already-sent'` when the key was sent before.
 * - Resolves `'unknown'` when delivery is undecided: the transport failed after the message may have
 *   gone out, or an earlier attempt claimed the key and never recorded an outcome (it crashed; this
 *   attempt runs the same job, so that one is gone). The key is closed (`unknown`), never sent
 *   again, listed for the host (`owner`) and logged as an error for the operator. Not a failure of
 *   the job: retrying cannot decide it.
 * - Throws `NotificationError('TRANSPORT_REJECTED')` when the message was certainly not delivered
 *   (refused, or it could not be built or stored); the claim, if any, is released (`failed`) so a
 *   retry sends it.
 *
 * @example
 * ```ts
 * import { sendOnce } from '@workestra/notifications';
 * await sendOnce(
 *   { ledger, transport, clock: systemClock, workerId: 'worker-1', logger: silentLogger },
 *   'b_1:email.reminder:0:attendee', 'email.reminder',
 *   { workspaceId: 'ws_1', hostId: 'h_1', bookingId: 'b_1' }, message,
 * );
 * ```
 */
export async function sendOnce(
  deps: SendOnceDeps,
  key: string,
  kind: string,
  owner: MessageOwner | null,
  message: EmailMessage,
): Promise<SendOutcome> {
  const email = await renderEmail(message);
  const claim: MessageClaim = {
    key,
    kind,
    recipient: message.to.email,
    messageId: message.messageId,
    claimedBy: deps.workerId,
    workspaceId: owner?.workspaceId ?? null,
    hostId: owner?.hostId ?? null,
    bookingId: owner?.bookingId ?? null,
  };
  const log = { key, kind, transport: deps.transport.name, bookingId: owner?.bookingId };

  if (deps.transport.claimAndSend) {
    const { sent, record } = await deps.transport.claimAndSend(claim, email, deps.clock.now());
    if (!sent) return earlierOutcome(deps, record);
    deps.logger.info(log, 'email sent');
    return 'sent';
  }

  const { claimed, record } = await deps.ledger.claim(claim, deps.clock.now());
  if (!claimed) return earlierOutcome(deps, record);
  try {
    await deps.transport.send(email);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isNotificationError(error, 'TRANSPORT_REJECTED')) {
      await deps.ledger.markFailed(key, reason, deps.clock.now());
      throw error;
    }
    await deps.ledger.markUnknown(key, reason, deps.clock.now());
    deps.logger.error(
      { ...log, err: error },
      'email outcome unknown; it will not be sent again (listed as undecided for the host)',
    );
    return 'unknown';
  }
  await deps.ledger.markSent(key, deps.clock.now());
  deps.logger.info(log, 'email sent');
  return 'sent';
}

/** The outcome of a key this attempt could not claim: someone (an earlier attempt) had it. */
async function earlierOutcome(deps: SendOnceDeps, record: MessageRecord): Promise<SendOutcome> {
  const log = { key: record.key, kind: record.kind, bookingId: record.bookingId };
  switch (record.status) {
    case 'sent':
      return 'already-sent';
    case 'unknown':
      deps.logger.info(log, 'email outcome already recorded as unknown; not sending it again');
      return 'unknown';
    case 'sending': {
      // The job is ours now (we hold its lease), so the attempt that claimed the key has stopped
      // without recording an outcome: it crashed, maybe after the transport accepted the message.
      await deps.ledger.markUnknown(
        record.key,
        `the attempt of ${record.claimedBy} stopped before recording an outcome`,
        deps.clock.now(),
      );
      // That attempt may have finished after all (markSent wins over a presumed unknown).
      const now = await deps.ledger.findMessage(record.key);
      if (now?.status === 'sent') return 'already-sent';
      deps.logger.error(
        { ...log, claimedBy: record.claimedBy },
        'email outcome unknown: an earlier attempt stopped mid-send; it will not be sent again (listed as undecided for the host)',
      );
      return 'unknown';
    }
    case 'failed':
      // A failed key is always claimable: a ledger that refused it breaks its contract.
      throw new Error(`message ledger refused to claim the failed key ${record.key}`);
  }
}
