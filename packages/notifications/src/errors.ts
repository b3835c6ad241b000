/**
 * Stable codes of {@link NotificationError}:
 * - `TRANSPORT_REJECTED`: the mail server (or the network before it) refused the message for
 *   sure, so nothing was delivered; a retry may send it.
 * - `OUTCOME_UNKNOWN`: the transport failed after the message may have been accepted (e.g. a
 *   timeout after the data went out); it is never re-sent (`sendOnce` records it as `unknown`).
 */
export type NotificationErrorCode = 'TRANSPORT_REJECTED' | 'OUTCOME_UNKNOWN';

/** Same key in the ESM and the CJS build (`Symbol.for`), so {@link isNotificationError} works across them. */
const NOTIFICATION_ERROR = Symbol.for('@workestra/notifications.NotificationError');

/**
 * The error class of `@workestra/notifications`: a stable `code` and the underlying `cause`.
 * Transports throw it so the sender knows whether a retry is safe.
 *
 * @example
 * ```ts
 * try {
 *   await transport.send(await renderEmail(message));
 * } catch (error) {
 *   if (isNotificationError(error, 'TRANSPORT_REJECTED')) console.log('not sent; safe to retry');
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
    Object.defineProperty(this, NOTIFICATION_ERROR, { value: true });
  }
}

/**
 * Whether `error` is a {@link NotificationError} (with `code`, if given), whichever build of
 * `@workestra/notifications` (ESM or CJS) threw it. Use it instead of `instanceof`, which fails when an
 * application loads both builds.
 *
 * @example
 * ```ts
 * import { isNotificationError } from '@workestra/notifications';
 * const retryable = (error: unknown) => isNotificationError(error, 'TRANSPORT_REJECTED');
 * ```
 */
export function isNotificationError(
  error: unknown,
  code?: NotificationErrorCode,
): error is NotificationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [NOTIFICATION_ERROR]?: unknown })[NOTIFICATION_ERROR] === true &&
    (code === undefined || (error as NotificationError).code === code)
  );
}
