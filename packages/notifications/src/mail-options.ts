import type { SendMailOptions } from 'nodemailer';
import type { EmailMessage } from './transport.js';

/** nodemailer's message options for an {@link EmailMessage}; shared by every transport, so the dev outbox shows exactly what SMTP sends. */
export function mailOptions(message: EmailMessage): SendMailOptions {
  return {
    from: message.from,
    to: { name: message.to.name, address: message.to.email },
    ...(message.replyTo
      ? { replyTo: { name: message.replyTo.name, address: message.replyTo.email } }
      : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    ...(message.thread
      ? { inReplyTo: message.thread.inReplyTo, references: [...message.thread.references] }
      : {}),
    headers: { 'Auto-Submitted': 'auto-generated' },
    // nodemailer's default METHOD is PUBLISH, which calendars show but do not treat as an invite.
    ...(message.ics
      ? {
          icalEvent: {
            method: message.ics.method,
            filename: message.ics.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
            content: message.ics.content,
          },
        }
      : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
