import { NotificationError } from '../errors.js';
import type { EmailMessage, EmailTransport } from '../transport.js';

/** A transport that records what it was given; optional delay and scripted failures. */
export interface RecordingTransport extends EmailTransport {
  readonly sent: EmailMessage[];
}

export function recordingTransport(
  options: { delayMs?: number; fail?: (message: EmailMessage) => Error | null } = {},
): RecordingTransport {
  const sent: EmailMessage[] = [];
  return {
    name: 'recording',
    sent,
    async send({ message }) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const error = options.fail?.(message) ?? null;
      if (error) throw error;
      sent.push(message);
      return { messageId: message.messageId };
    },
  };
}

export const refused = (): Error =>
  new NotificationError('TRANSPORT_REJECTED', 'connect ECONNREFUSED 127.0.0.1:1');
