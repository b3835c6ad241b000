/**
 * Stable codes of {@link NotificationError}:
 * - `TRANSPORT_REJECTED`: the mail server (or the network before it) refused the message for
 *   sure, so nothing was delivered; a retry may send it.
 * - `OUTCOME_UNKNOWN`: the transport failed after the message may have been accepted (e.g. a
 *   timeout after the data went out); it is never re-sent (`sendOnce` records it as `unknown`).
 */
export type NotificationErrorCode = 'TRANSPORT_REJECTED' | 'OUTCOME_UNKNOWN';

/**
 * The error class of `@workestra/notifications`: a stable `code` and the underlying `cause`.
 * Transports throw it so the sender knows whether a retry is safe.
 *
 * @example
 * ```ts
 * try {
 *   await transport.send(await renderEmail(message));
 * } catch (error) {
 *   if (error instanceof NotificationError && error.code === 'TRANSPORT_REJECTED') console.log('not sent; safe to retry');
 *   else throw error;
 * }
 * ```
 */
export class NotificationError extends Error {
  override readonly name: string = 'NotificationError';
  readonly code: NotificationErrorCode;

  constructor(code: NotificationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
