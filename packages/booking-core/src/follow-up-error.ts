import { hasBrand, setBrand } from './brand.js';

/**
 * Every reason a follow-up step or an adapter behind it can fail with a known meaning, declared
 * once ({@link FollowUpErrorCode} is derived from it):
 *
 * - `BAD_PAYLOAD`: a job's payload does not fit its kind (a wiring bug or a hand-made job).
 * - `EVENT_NOT_FOUND`: the calendar event to update is gone at the provider (deleted by hand).
 * - `DEAL_NOT_FOUND`: the CRM deal to update is gone.
 * - `PROVIDER_UNAVAILABLE`: the calendar or CRM could not be reached or refused for now; the job
 *   is retried with backoff.
 *
 * @example
 * ```ts
 * import { FOLLOW_UP_ERROR_CODES } from '@workestra/booking-core';
 * FOLLOW_UP_ERROR_CODES.includes('EVENT_NOT_FOUND'); // true
 * ```
 */
export const FOLLOW_UP_ERROR_CODES = Object.freeze([
  'BAD_PAYLOAD',
  'EVENT_NOT_FOUND',
  'DEAL_NOT_FOUND',
  'PROVIDER_UNAVAILABLE',
] as const);

/**
 * One of {@link FOLLOW_UP_ERROR_CODES}.
 */
export type FollowUpErrorCode = (typeof FOLLOW_UP_ERROR_CODES)[number];

const FOLLOW_UP_ERROR = Symbol.for('@workestra/booking-core.FollowUpError');

/**
 * What the follow-up seam and calendar/CRM adapters throw when the reason is known. A throw from
 * a handler makes `JobRunner` retry the job with backoff; the booking is never touched.
 *
 * @example
 * ```ts
 * import { FollowUpError } from '@workestra/booking-core';
 * throw new FollowUpError('EVENT_NOT_FOUND', 'event evt_1 was deleted at the provider');
 * ```
 */
export class FollowUpError extends Error {
  /** Stable machine-readable reason. */
  readonly code: FollowUpErrorCode;

  constructor(code: FollowUpErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FollowUpError';
    this.code = code;
    setBrand(this, FOLLOW_UP_ERROR);
  }
}

/**
 * Whether `error` is a {@link FollowUpError} (with `code`, if given), whichever build of
 * `@workestra/booking-core` (ESM or CJS) threw it.
 *
 * @example
 * ```ts
 * import { isFollowUpError } from '@workestra/booking-core';
 * const retryLater = (error: unknown) => isFollowUpError(error, 'PROVIDER_UNAVAILABLE');
 * ```
 */
export function isFollowUpError(error: unknown, code?: FollowUpErrorCode): error is FollowUpError {
  return hasBrand(error, FOLLOW_UP_ERROR, code);
}
