import { randomUUID } from 'node:crypto';
import type { Clock, EpochMs, OutboxMessage, OutboxStore } from '@workestra/booking-core';
import { NotificationError } from './errors.js';
import type { EmailTransport, RenderedEmail } from './transport.js';

/** A failed insert stored nothing (and claimed nothing): safe to retry. */
const notStored = (error: unknown): NotificationError =>
  new NotificationError('TRANSPORT_REJECTED', 'could not store the message', { cause: error });

/**
 * The development {@link EmailTransport}: keeps the exact MIME message SMTP would send in an
 * `OutboxStore` (the database) instead, so mail can be read without a mail server (the reference
 * server shows it at `/dev/outbox`). Nothing leaves the machine.
 *
 * Through `sendOnce` it claims the message key, stores the message and marks it sent in one
 * transaction (`OutboxStore.appendOutboxOnce`), so every message exists exactly once after any
 * crash. That needs `outbox` to be the same store as the sender's `MessageLedger`, as it is for a
 * `@workestra/store` handle (`handle.outbox`, `handle.ledger`) and a `MemoryStore`.
 *
 * @example
 * ```ts
 * import { createOutboxTransport, renderEmail } from '@workestra/notifications';
 *
 * const transport = createOutboxTransport(handle.outbox); // `handle` from @workestra/store's openStore
 * await transport.send(await renderEmail(message));
 * (await handle.outbox.listOutbox())[0]?.subject;
 * ```
 */
export function createOutboxTransport(
  outbox: OutboxStore,
  options: { clock?: Clock; id?: () => string } = {},
): EmailTransport {
  const clock = options.clock ?? { now: () => Date.now() };
  const id = options.id ?? randomUUID;
  const stored = ({ message, raw }: RenderedEmail, createdAt: EpochMs): OutboxMessage => ({
    id: id(),
    messageId: message.messageId,
    from: message.from,
    to: [`${message.to.name} <${message.to.email}>`],
    subject: message.subject,
    text: message.text,
    html: message.html,
    ics: message.ics?.content ?? null,
    icsMethod: message.ics?.method ?? null,
    raw,
    createdAt,
  });
  return {
    name: 'outbox',
    async send(email) {
      await outbox.appendOutbox(stored(email, clock.now())).catch((error: unknown) => {
        throw notStored(error);
      });
      return { messageId: email.message.messageId };
    },
    async claimAndSend(claim, email, now) {
      const result = await outbox
        .appendOutboxOnce(claim, stored(email, now), now)
        .catch((error: unknown) => {
          throw notStored(error);
        });
      return { sent: result.stored, record: result.record };
    },
  };
}
