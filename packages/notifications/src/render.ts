import { createTransport } from 'nodemailer';
import { NotificationError } from './errors.js';
import { mailOptions } from './mail-options.js';
import type { EmailMessage, RenderedEmail } from './transport.js';

/** nodemailer's message builder alone: it hands back the bytes instead of delivering them. */
const builder = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/**
 * Builds `message` into its MIME source and SMTP envelope, delivering nothing. Every transport
 * sends exactly these bytes, so the dev outbox shows what SMTP would have sent. A message that
 * cannot be built throws `TRANSPORT_REJECTED` (nothing was sent).
 *
 * @example
 * ```ts
 * import { renderEmail } from '@workestra/notifications';
 * const { raw, envelope } = await renderEmail(message);
 * ```
 */
export async function renderEmail(message: EmailMessage): Promise<RenderedEmail> {
  try {
    const info = await builder.sendMail(mailOptions(message));
    const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
    const envelope = info.envelope as { from?: string | false; to?: string[] };
    return {
      message,
      raw,
      envelope: { from: envelope.from || '', to: [...(envelope.to ?? [])] },
    };
  } catch (error) {
    throw new NotificationError(
      'TRANSPORT_REJECTED',
      `could not build the message: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
