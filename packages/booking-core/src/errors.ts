import { hasBrand, setBrand } from './brand.js';

/**
 * Every reason a booking-core use-case can refuse, declared once: {@link BookingErrorCode} is
 * derived from it, and so are the default messages and the HTTP status table
 * (`BOOKING_ERROR_HTTP_STATUS`), which must name every code. The strings are stable: servers map
 * them to HTTP statuses, clients match on them.
 *
 * - `VALIDATION_FAILED`: input is malformed; `details` lists each issue.
 * - `LINK_NOT_FOUND`: no live link has this slug (unknown or deleted).
 * - `LINK_INACTIVE`: the link exists but its host disabled it.
 * - `SLUG_TAKEN`: another live link already uses the requested slug; `details` is
 *   `{ slug, suggestion }`, a free slug to offer instead (null only if none was found).
 * - `SLOT_TAKEN`: someone else got the time first (busy, or the daily cap was reached).
 * - `SLOT_UNAVAILABLE`: the time is not offered at all (outside hours, too soon, too far ahead).
 * - `TOKEN_INVALID`: the reschedule/cancel token is unknown or malformed.
 * - `TOKEN_EXPIRED`: the meeting has started, so its tokens no longer work.
 * - `BOOKING_CANCELLED`: the booking was cancelled already.
 * - `BOOKING_MOVED`: the token was replaced when the meeting was rescheduled (a link from an
 *   earlier email); `details` is `{ slug }`, the booking page to offer (null when the link was
 *   deleted or disabled).
 * - `SAME_TIME`: a reschedule to the time the meeting already has.
 * - `NOT_FOUND`: the host has no such link/booking (also when it belongs to someone else).
 * - `CALENDAR_UNAVAILABLE`: the host's calendar could not be read, so free time is unknown.
 * - `CONFLICT`: the operation does not fit the current state (e.g. no-show before the start).
 *
 * @example
 * ```ts
 * import { BOOKING_ERROR_CODES } from '@workestra/booking-core';
 * BOOKING_ERROR_CODES.includes('SLOT_TAKEN'); // true
 * ```
 */
export const BOOKING_ERROR_CODES = Object.freeze([
  'VALIDATION_FAILED',
  'LINK_NOT_FOUND',
  'LINK_INACTIVE',
  'SLUG_TAKEN',
  'SLOT_TAKEN',
  'SLOT_UNAVAILABLE',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'BOOKING_CANCELLED',
  'BOOKING_MOVED',
  'SAME_TIME',
  'NOT_FOUND',
  'CALENDAR_UNAVAILABLE',
  'CONFLICT',
] as const);

/**
 * One of {@link BOOKING_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { BookingErrorCode } from '@workestra/booking-core';
 * const retryable: BookingErrorCode[] = ['CALENDAR_UNAVAILABLE'];
 * ```
 */
export type BookingErrorCode = (typeof BOOKING_ERROR_CODES)[number];

/**
 * One problem with an input field: `path` is dotted with array indexes in brackets, e.g.
 * `weeklyHours.monday[1].end`.
 *
 * @example
 * ```ts
 * const issue: ValidationIssue = { path: 'durationMinutes', message: 'must be at most 480' };
 * ```
 */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

const BOOKING_ERROR = Symbol.for('@workestra/booking-core.BookingError');
const STORE_CONFLICT_ERROR = Symbol.for('@workestra/booking-core.StoreConflictError');

/** The default message of each code (what an attendee may be shown). */
const MESSAGES: Readonly<Record<BookingErrorCode, string>> = {
  VALIDATION_FAILED: 'The request is not valid',
  LINK_NOT_FOUND: 'This link does not exist',
  LINK_INACTIVE: 'This link is no longer active',
  SLUG_TAKEN: 'This link address is already in use',
  SLOT_TAKEN: 'This time was just booked by someone else',
  SLOT_UNAVAILABLE: 'This time is not available',
  TOKEN_INVALID: 'This link is not valid',
  TOKEN_EXPIRED: 'This meeting has already started',
  BOOKING_CANCELLED: 'This meeting was cancelled',
  BOOKING_MOVED: 'This meeting was moved. Use the link in your latest email.',
  SAME_TIME: "That is already the meeting's time. Pick another time.",
  NOT_FOUND: 'Not found',
  CALENDAR_UNAVAILABLE: 'The calendar could not be checked; please try again shortly',
  CONFLICT: 'This change does not fit the current state',
};

/**
 * The one error type thrown by `@workestra/booking-core`. `code` is stable; `details` carries
 * validation issues (or, for slot refusals, `{ reason }`); `cause` keeps the underlying error.
 * It knows nothing of HTTP: a server maps codes to statuses, e.g. with
 * `BOOKING_ERROR_HTTP_STATUS`.
 *
 * @example
 * ```ts
 * import { isBookingError } from '@workestra/booking-core';
 * try {
 *   await core.book({ slug: 'intro', start: '2026-11-02T09:00:00Z', name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/London' });
 * } catch (error) {
 *   if (isBookingError(error, 'SLOT_TAKEN')) {
 *     // offer the attendee fresh slots
 *   }
 * }
 * ```
 */
export class BookingError extends Error {
  /** Stable machine-readable reason. */
  readonly code: BookingErrorCode;
  /** Validation issues (`VALIDATION_FAILED`) or other structured context. */
  readonly details: readonly ValidationIssue[] | Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: BookingErrorCode,
    options: {
      message?: string;
      details?: readonly ValidationIssue[] | Readonly<Record<string, unknown>>;
      cause?: unknown;
    } = {},
  ) {
    super(
      options.message ?? MESSAGES[code],
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'BookingError';
    this.code = code;
    this.details = options.details;
    setBrand(this, BOOKING_ERROR);
  }
}

/**
 * Whether `error` is a {@link BookingError} (with `code`, if given), whichever build of
 * `@workestra/booking-core` (ESM or CJS) threw it. Use it instead of `instanceof`, which fails
 * when an application loads both builds.
 *
 * @example
 * ```ts
 * import { isBookingError } from '@workestra/booking-core';
 * try {
 *   await core.cancel({ token: 'no-such-token-000000000000' });
 * } catch (error) {
 *   if (isBookingError(error, 'TOKEN_INVALID')) console.log('ask for a fresh link');
 *   else if (isBookingError(error)) console.log(error.code, error.details);
 *   else throw error;
 * }
 * ```
 */
export function isBookingError(error: unknown, code?: BookingErrorCode): error is BookingError {
  return hasBrand(error, BOOKING_ERROR, code);
}

/**
 * What a store throws when a uniqueness backstop trips, so that booking-core can turn it into the
 * right `BookingError` instead of a 500:
 *
 * - `booking_overlap`: a confirmed booking's blocked range overlaps another confirmed booking of the
 *   same host (PostgreSQL exclusion constraint) -> `SLOT_TAKEN`;
 * - `slug`: a second live link with the same slug -> `SLUG_TAKEN` (or the next `-n` suffix when the
 *   slug was derived from the title);
 * - `duplicate`: any other unique key (an id inserted twice) -> `CONFLICT`.
 *
 * @example
 * ```ts
 * import { StoreConflictError } from '@workestra/booking-core';
 * // Inside a PostgreSQL adapter: an exclusion violation means two confirmed bookings overlap.
 * function toConflict(error: unknown): unknown {
 *   const code = (error as { code?: string }).code;
 *   return code === '23P01' ? new StoreConflictError('booking_overlap', { cause: error }) : error;
 * }
 * ```
 */
export class StoreConflictError extends Error {
  /** Which constraint tripped. */
  readonly constraint: StoreConstraint;

  constructor(constraint: StoreConstraint, options: { message?: string; cause?: unknown } = {}) {
    super(
      options.message ?? `unique constraint "${constraint}" violated`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'StoreConflictError';
    this.constraint = constraint;
    setBrand(this, STORE_CONFLICT_ERROR);
  }
}

/**
 * Whether `error` is a {@link StoreConflictError} (on `constraint`, if given), whichever build of
 * `@workestra/booking-core` made it: a store adapter may load the other build than the app.
 *
 * @example
 * ```ts
 * import { isStoreConflictError } from '@workestra/booking-core';
 * const lostSlugRace = (error: unknown) => isStoreConflictError(error, 'slug');
 * ```
 */
export function isStoreConflictError(
  error: unknown,
  constraint?: StoreConstraint,
): error is StoreConflictError {
  return (
    hasBrand(error, STORE_CONFLICT_ERROR) &&
    (constraint === undefined || (error as StoreConflictError).constraint === constraint)
  );
}

/**
 * The uniqueness rules a store enforces, named for {@link StoreConflictError}.
 */
export type StoreConstraint = 'booking_overlap' | 'slug' | 'duplicate';

/**
 * Runs `fn` and turns a store's {@link StoreConflictError} into the matching `BookingError`.
 * Callers with a more specific meaning (auto-derived slugs) catch the conflict themselves first.
 */
export async function translateConflicts<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isStoreConflictError(error)) {
      const code: BookingErrorCode =
        error.constraint === 'booking_overlap'
          ? 'SLOT_TAKEN'
          : error.constraint === 'slug'
            ? 'SLUG_TAKEN'
            : 'CONFLICT';
      throw new BookingError(code, { cause: error });
    }
    throw error;
  }
}
