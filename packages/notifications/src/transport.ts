import type { EpochMs, MessageClaim, MessageRecord } from '@workestra/booking-core';
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
  /**
   * `In-Reply-To` and `References`: the earlier message this one follows up, so mail clients
   * group a booking's messages into one conversation. Absent or null on a first message.
   */
  readonly thread?: { readonly inReplyTo: string; readonly references: readonly string[] } | null;
  /** Sent as a `text/calendar; method=…` alternative and as an `invite.ics` attachment. */
  readonly ics: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string } | null;
}

/**
 * An {@link EmailMessage} built into the exact bytes that go out (see `renderEmail`): built before
 * the message key is claimed, so that a claimed key is only ever waiting for the delivery itself.
 *
 * @example
 * ```ts
 * const email: RenderedEmail = await renderEmail(message);
 * email.raw.startsWith('Content-Type:'); // the RFC 5322 source
 * ```
 */
export interface RenderedEmail {
  readonly message: EmailMessage;
  /** The RFC 5322 source, CRLF line endings: what SMTP transmits after `DATA`. */
  readonly raw: string;
  /** The SMTP envelope (`MAIL FROM`, `RCPT TO`). */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
}

/**
 * Delivers email. `send` resolves once the message is accepted (an SMTP server said 250, or it is
 * stored) and rejects with a `NotificationError`: `TRANSPORT_REJECTED` when nothing was delivered
 * for sure (safe to retry), `OUTCOME_UNKNOWN` (or any other error) when it may have been.
 *
 * A transport that keeps mail in the same database as the `MessageLedger` (the dev outbox) also
 * has `claimAndSend`: claim, store and "sent" in one transaction, so no crash can leave a message
 * half-recorded. `sendOnce` prefers it when present.
 *
 * @example
 * ```ts
 * const transport: EmailTransport = createSmtpTransport({ host: 'smtp.example.com', port: 587 });
 * await transport.send(await renderEmail(message));
 * ```
 */
export interface EmailTransport {
  /** What the transport is, for logs: `'smtp'`, `'outbox'`. */
  readonly name: string;
  send(email: RenderedEmail): Promise<{ readonly messageId: string }>;
  /**
   * Claims `claim.key` in the ledger and delivers `email` atomically with it; `sent` is false when
   * the key could not be claimed (nothing was delivered; `record` is the existing row).
   */
  claimAndSend?(
    claim: MessageClaim,
    email: RenderedEmail,
    now: EpochMs,
  ): Promise<{ readonly sent: boolean; readonly record: MessageRecord }>;
  /** Releases connections, if any. */
  close?(): Promise<void>;
}
