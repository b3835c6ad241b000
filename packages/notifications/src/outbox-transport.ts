import { randomUUID } from 'node:crypto';
import type { Clock, OutboxStore } from '@workestra/booking-core';
import { createTransport } from 'nodemailer';
import { NotificationError } from './errors.js';
import { mailOptions } from './mail-options.js';
import type { EmailTransport } from './transport.js';

/**
 * The development {@link EmailTransport}: builds the exact MIME message SMTP would send and keeps
 * it in an `OutboxStore` (the database) instead, so mail can be read without a mail server (the
 * reference server shows it at `/dev/outbox`). Nothing leaves the machine.
 *
 * @example
 * ```ts
 * import { createOutboxTransport } from '@workestra/notifications';
 *
 * const transport = createOutboxTransport(handle.outbox); // `handle` from @workestra/store's openStore
 * await transport.send(message);
 * (await handle.outbox.listOutbox())[0]?.subject;
 * ```
 */
export function createOutboxTransport(
  outbox: OutboxStore,
  options: { clock?: Clock; id?: () => string } = {},
): EmailTransport {
  const mailer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const clock = options.clock ?? { now: () => Date.now() };
  const id = options.id ?? randomUUID;
  return {
    name: 'outbox',
    async send(message) {
      const info = await mailer.sendMail(mailOptions(message));
      const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
      const stored = outbox.appendOutbox({
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
        createdAt: clock.now(),
      });
      // A failed insert stored nothing: safe to retry.
      await stored.catch((error: unknown) => {
        throw new NotificationError('TRANSPORT_REJECTED', 'could not store the message', {
          cause: error,
        });
      });
      return { messageId: message.messageId };
    },
  };
}
