import { isSlotsError, SLOTS_ERROR_CODES, type SlotsErrorCode } from '@workestra/slots';
import { hasBrand, setBrand } from './brand.js';
import { isBookingError, type BookingErrorCode } from './errors.js';
import { BOOKING_ERROR_HTTP_STATUS } from './http-status.js';

/**
 * Every way reading a request body can fail, declared once ({@link BodyErrorCode} and
 * {@link BODY_ERROR_HTTP_STATUS} derive from it): `INVALID_JSON` (400), `PAYLOAD_TOO_LARGE` (413),
 * `UNSUPPORTED_MEDIA_TYPE` (415: not `application/json`, or compressed).
 *
 * @example
 * ```ts
 * import { BODY_ERROR_CODES } from '@workestra/booking-core/http';
 * BODY_ERROR_CODES.includes('PAYLOAD_TOO_LARGE'); // true
 * ```
 */
export const BODY_ERROR_CODES = Object.freeze([
  'INVALID_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
] as const);

/**
 * One of {@link BODY_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { BodyErrorCode } from '@workestra/booking-core/http';
 * const code: BodyErrorCode = 'INVALID_JSON';
 * ```
 */
export type BodyErrorCode = (typeof BODY_ERROR_CODES)[number];

/**
 * The HTTP status of each {@link BodyErrorCode}.
 *
 * @example
 * ```ts
 * import { BODY_ERROR_HTTP_STATUS } from '@workestra/booking-core/http';
 * BODY_ERROR_HTTP_STATUS.PAYLOAD_TOO_LARGE; // 413
 * ```
 */
export const BODY_ERROR_HTTP_STATUS = Object.freeze({
  INVALID_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
} as const satisfies Record<BodyErrorCode, number>);

/**
 * The HTTP status of every code the packages behind this entry can throw: booking-core's
 * ({@link BOOKING_ERROR_HTTP_STATUS}), the body reader's, and the slot engine's (each one means
 * bad input: 400). A server with codes of its own spreads this table into its own.
 *
 * @example
 * ```ts
 * import { ERROR_HTTP_STATUS } from '@workestra/booking-core/http';
 * const statusOf = (code: string): number => (ERROR_HTTP_STATUS as Record<string, number>)[code] ?? 500;
 * ```
 */
export const ERROR_HTTP_STATUS: Readonly<
  Record<BookingErrorCode | BodyErrorCode | SlotsErrorCode, number>
> = Object.freeze({
  ...BOOKING_ERROR_HTTP_STATUS,
  ...BODY_ERROR_HTTP_STATUS,
  ...(Object.fromEntries(SLOTS_ERROR_CODES.map((code) => [code, 400])) as Record<
    SlotsErrorCode,
    number
  >),
});

const BODY_ERROR = Symbol.for('@workestra/booking-core.BodyError');

/**
 * What {@link readJsonBody} throws: the client sent a body that cannot be read as JSON.
 *
 * @example
 * ```ts
 * import { BodyError } from '@workestra/booking-core/http';
 * throw new BodyError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
 * ```
 */
export class BodyError extends Error {
  /** Stable machine-readable reason. */
  readonly code: BodyErrorCode;

  constructor(code: BodyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BodyError';
    this.code = code;
    setBrand(this, BODY_ERROR);
  }
}

/**
 * Whether `error` is a {@link BodyError} (with `code`, if given), from either build.
 *
 * @example
 * ```ts
 * import { isBodyError } from '@workestra/booking-core/http';
 * const tooLarge = (error: unknown) => isBodyError(error, 'PAYLOAD_TOO_LARGE');
 * ```
 */
export function isBodyError(error: unknown, code?: BodyErrorCode): error is BodyError {
  return hasBrand(error, BODY_ERROR, code);
}

/**
 * The JSON answer to an error: `{ error: { code, message, field?, details? } }`.
 *
 * @example
 * ```ts
 * const body: ErrorBody = { error: { code: 'SLOT_TAKEN', message: 'This time was just booked by someone else' } };
 * ```
 */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    /** The input field at fault (slot-engine errors). */
    readonly field?: string;
    /** Validation issues (`[{ path, message }]`) or other structured context. */
    readonly details?: unknown;
  };
}

/**
 * An HTTP status with its JSON body, ready for any framework: `res.status(status).json(body)`.
 *
 * @example
 * ```ts
 * const answer: ErrorResponse = errorResponse(new Error('boom')); // { status: 500, body: ... }
 * ```
 */
export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
}

/** What a client sees for an error nobody expected: nothing of the error itself. */
const INTERNAL: ErrorResponse = Object.freeze({
  status: 500,
  body: Object.freeze({
    error: Object.freeze({ code: 'INTERNAL', message: 'Something went wrong on our side' }),
  }),
});

/**
 * Turns any thrown value into an HTTP answer, with the status from {@link ERROR_HTTP_STATUS}:
 * a `BookingError` keeps its code, message and `details`; a body reader's error and a slot-engine
 * error (with its `field`) are 4xx. Anything else is a bug: `500 INTERNAL` with a generic
 * message, so no internal detail (SQL, stack, paths) reaches the client. Log those yourself
 * (`status === 500`). Works for errors from the ESM and the CJS build alike.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { errorResponse, readJsonBody } from '@workestra/booking-core/http';
 *
 * createServer(async (req, res) => {
 *   try {
 *     const result = await core.book(await readJsonBody(req));
 *     res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(result));
 *   } catch (error) {
 *     const { status, body } = errorResponse(error);
 *     if (status === 500) console.error(error);
 *     res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
 *   }
 * });
 * ```
 */
export function errorResponse(error: unknown): ErrorResponse {
  if (isBookingError(error)) {
    const { code, message, details } = error;
    return {
      status: BOOKING_ERROR_HTTP_STATUS[code],
      body: { error: details === undefined ? { code, message } : { code, message, details } },
    };
  }
  if (isBodyError(error))
    return {
      status: BODY_ERROR_HTTP_STATUS[error.code],
      body: { error: { code: error.code, message: error.message } },
    };
  if (isSlotsError(error))
    return {
      status: ERROR_HTTP_STATUS[error.code],
      body: { error: { code: error.code, message: error.message, field: error.field } },
    };
  return INTERNAL;
}
