import type { IcsPerson } from './ics.js';

/**
 * One email ready to go: the transport only delivers it. `messageId` is set by the sender (stable
 * per idempotency key) so a receiver can drop a duplicate.
 *
 * @example
 * ```ts
 * const message: EmailMessage = {
 *   from: 'Workestra <no-reply@workestra.app>', to: { name: 'Ada', email: 'ada@example.com' }, replyTo: null,
 *   subject: 'Hello', text: 'Hello', html: '<p>Hello</p>', messageId: '<k1@workestra.app>', ics: null,
 * };
 * ```
 */
export interface EmailMessage {
  readonly from: string;
  readonly to: IcsPerson;
  readonly replyTo: IcsPerson | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<id@domain>`. */
  readonly messageId: string;
  /** Sent as a `text/calendar; method=…` alternative and as an `invite.ics` attachment. */
  readonly ics: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string } | null;
}

/**
 * Delivers email. Resolve once the message is accepted (an SMTP server said 250, or it is stored).
 * Reject with a `NotificationError`: `TRANSPORT_REJECTED` when nothing was delivered for sure (safe
 * to retry), `OUTCOME_UNKNOWN` (or any other error) when it may have been.
 *
 * @example
 * ```ts
 * const transport: EmailTransport = createSmtpTransport({ host: 'smtp.example.com', port: 587 });
 * await transport.send(message);
 * ```
 */
export interface EmailTransport {
  /** What the transport is, for logs: `'smtp'`, `'outbox'`. */
  readonly name: string;
  send(message: EmailMessage): Promise<{ readonly messageId: string }>;
  /** Releases connections, if any. */
  close?(): Promise<void>;
}
