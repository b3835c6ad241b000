import type { Clock, Logger, MessageLedger } from '@workestra/booking-core';
import { NotificationError } from './errors.js';
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
 * Sends `message` at most once for `key`: claims the key in the ledger (a committed write) BEFORE
 * the transport sees the message, then records the outcome.
 *
 * - Resolves `'sent'` after the transport accepted it, `'already-sent'` when the key was sent before.
 * - Throws `NotificationError('TRANSPORT_REJECTED')` after a certain refusal; the claim is
 *   released (`failed`) so a retry sends it.
 * - Throws `OUTCOME_UNKNOWN` when the transport may have delivered it; the key is closed
 *   (`unknown`) and never sent again.
 * - Throws `ALREADY_CLAIMED` when an earlier attempt claimed the key and recorded no outcome (it
 *   crashed, or is still running): not sent again, so at most once holds.
 *
 * @example
 * ```ts
 * import { sendOnce } from '@workestra/notifications';
 * await sendOnce({ ledger, transport, clock: systemClock, workerId: 'worker-1', logger: silentLogger }, 'b_1:email.reminder:0:attendee', 'email.reminder', message);
 * ```
 */
export async function sendOnce(
  deps: SendOnceDeps,
  key: string,
  kind: string,
  message: EmailMessage,
): Promise<'sent' | 'already-sent'> {
  const { claimed, record } = await deps.ledger.claim(
    {
      key,
      kind,
      recipient: message.to.email,
      messageId: message.messageId,
      claimedBy: deps.workerId,
    },
    deps.clock.now(),
  );
  if (!claimed) {
    if (record.status === 'sent') return 'already-sent';
    throw new NotificationError(
      record.status === 'unknown' ? 'OUTCOME_UNKNOWN' : 'ALREADY_CLAIMED',
      `message ${key} is ${record.status} (claimed by ${record.claimedBy}); not sending it again`,
    );
  }
  try {
    await deps.transport.send(message);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof NotificationError && error.code === 'TRANSPORT_REJECTED') {
      await deps.ledger.markFailed(key, reason, deps.clock.now());
      throw error;
    }
    await deps.ledger.markUnknown(key, reason, deps.clock.now());
    deps.logger.error(
      { key, kind, transport: deps.transport.name, err: error },
      'email outcome unknown; it will not be sent again',
    );
    throw error instanceof NotificationError
      ? error
      : new NotificationError('OUTCOME_UNKNOWN', reason, { cause: error });
  }
  await deps.ledger.markSent(key, deps.clock.now());
  deps.logger.info({ key, kind, transport: deps.transport.name }, 'email sent');
  return 'sent';
}
