import type { BookingErrorCode } from './errors.js';

/**
 * The HTTP status that fits each {@link BookingErrorCode}, for servers built on booking-core. The
 * use-cases know no HTTP; this table is the one place the mapping is written, and `satisfies`
 * makes a new code fail to compile until it has a status here. 503 is for conditions expected to
 * pass (the calendar could not be read), never for bugs.
 *
 * @example
 * ```ts
 * import { BOOKING_ERROR_HTTP_STATUS, BookingError } from '@workestra/booking-core';
 * const status = (error: BookingError) => BOOKING_ERROR_HTTP_STATUS[error.code]; // e.g. 409
 * ```
 */
export const BOOKING_ERROR_HTTP_STATUS = Object.freeze({
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  LINK_NOT_FOUND: 404,
  TOKEN_INVALID: 404,
  SLUG_TAKEN: 409,
  SLOT_TAKEN: 409,
  SLOT_UNAVAILABLE: 409,
  CONFLICT: 409,
  SAME_TIME: 409,
  LINK_INACTIVE: 410,
  TOKEN_EXPIRED: 410,
  BOOKING_CANCELLED: 410,
  BOOKING_MOVED: 410,
  CALENDAR_UNAVAILABLE: 503,
} as const satisfies Record<BookingErrorCode, number>);
