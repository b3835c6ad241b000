import { ERROR_HTTP_STATUS } from '@workestra/booking-core/http';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { redactUrl } from './redact.js';

/** An error meant for the HTTP client: status, stable code, message, optional details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * HTTP status per package error code. The packages' codes come from booking-core's exported table
 * (`ERROR_HTTP_STATUS` of `@workestra/booking-core/http`: booking-core's codes, complete by type,
 * the body reader's and the slot engine's); the rest are this server's and the store's. Only this
 * file and that table know HTTP statuses. A code missing here is a bug and answers 500.
 */
export const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  ...ERROR_HTTP_STATUS,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  BOOKING_NOT_FOUND: 404,
  // The CRM reads (routes/host-crm.ts): unknown, or another workspace's.
  CRM_CONTACT_NOT_FOUND: 404,
  CRM_DEAL_NOT_FOUND: 404,
  NOT_ALLOWED: 409,
  EMAIL_TAKEN: 409,
  // Workspace invites (routes/invites.ts): unknown, used, expired, or another workspace's.
  INVITE_NOT_FOUND: 404,
  INVALID_CONTENT_ENCODING: 400,
  // Refused by Node's HTTP parser before routing (http/client-error.ts).
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  RATE_LIMITED: 429,
  // Calendar connections (routes/calendar-connections.ts).
  CALENDAR_PROVIDER_NOT_CONFIGURED: 404,
  CALENDAR_NOT_CONNECTED: 404,
  OAUTH_STATE_MISMATCH: 400,
  OAUTH_DENIED: 400,
  UNKNOWN_CALENDAR: 400,
  CALENDAR_NOT_WRITABLE: 400,
  // CalendarProviderError from a direct provider call (the calendar list): the host must
  // reconnect, or the provider refused the request; a provider outage is CALENDAR_UNAVAILABLE.
  CALENDAR_AUTH_EXPIRED: 409,
  CALENDAR_REJECTED: 409,
  // CalendarProviderError: the provider refused the code exchange.
  OAUTH_FAILED: 400,
  // Webhook subscriptions (routes/host-webhooks.ts).
  WEBHOOK_SUBSCRIPTION_NOT_FOUND: 404,
  UNKNOWN_WEBHOOK_EVENT: 400,
  WEBHOOK_URL_NOT_ALLOWED: 400,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_DELIVERED: 409,
  // A CRM "Schedule a call" deal token that does not open, or has expired (deal-tokens.ts).
  INVALID_DEAL_TOKEN: 400,
  // File uploads (uploads/receive.ts, routes/uploads.ts): over the field's size limit, content
  // not of an accepted kind, a body that is not one well-formed multipart file.
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 415,
  INVALID_MULTIPART: 400,
  // The link's form has no file field of that id; the file is not (or no longer) there for this host.
  FILE_FIELD_NOT_FOUND: 404,
  UPLOAD_NOT_FOUND: 404,
  // StoreError: another process held the SQLite write lock past the busy timeout; nothing was written.
  DATABASE_BUSY: 503,
  // The database cannot be reached or is going away (databaseFault below); nothing is answered as done.
  DATABASE_UNAVAILABLE: 503,
  // SQLite: the disk (or the database's size limit) is full; the write was rolled back.
  DATABASE_FULL: 503,
};

/**
 * The codes any route that uses the database may answer (503): SQLite locked, the database
 * unreachable, SQLite's disk full. The OpenAPI document lists them on every such route.
 */
export const DATABASE_FAULT_CODES = [
  'DATABASE_BUSY',
  'DATABASE_UNAVAILABLE',
  'DATABASE_FULL',
] as const;

/** `Retry-After` (seconds) sent with these codes: the condition is expected to pass by then. */
export const RETRY_AFTER_SECONDS: Readonly<Record<string, number>> = {
  DATABASE_BUSY: 1,
  DATABASE_UNAVAILABLE: 5,
};

/** Network error codes of a database connection that could not be made or was cut. */
const CONNECTION_ERRORS: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/**
 * The PostgreSQL driver's own messages for a connection it lost (they carry no code): the
 * connection ended under a query, or a client that lost its connection was used again.
 */
const LOST_CONNECTION = /^Connection terminated|not queryable|^Client was closed/;

const unavailable = (): HttpError =>
  new HttpError(
    503,
    'DATABASE_UNAVAILABLE',
    'The database cannot be reached right now; try again shortly.',
  );

/**
 * A database fault that is no bug of the request's: PostgreSQL unreachable or shutting down
 * (SQLSTATE class 08, 57P01 to 57P03, a refused or cut connection), or SQLite's disk full. Looks through `cause` (the ORM wraps the driver's error).
 */
function databaseFault(error: unknown): HttpError | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (/^(08...|57P0[123])$/.test(code) || CONNECTION_ERRORS.has(code)) return unavailable();
      if (code === 'SQLITE_FULL')
        return new HttpError(503, 'DATABASE_FULL', 'The database is full; nothing was saved.');
    }
    if (typeof message === 'string' && LOST_CONNECTION.test(message) && !('code' in e))
      return unavailable();
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

interface CodedError {
  code: string;
  message: string;
  details?: unknown;
  field?: string;
}

function isCoded(error: unknown): error is CodedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as CodedError).code === 'string' &&
    typeof (error as CodedError).message === 'string'
  );
}

/** The router's percent-decoding of path parameters (`/api/host/links/%E0%A4`). */
function malformedUrl(error: unknown): HttpError | undefined {
  const e = error as { status?: number };
  if (
    error instanceof URIError ||
    (e?.status === 400 && error instanceof Error && !('code' in error))
  )
    return new HttpError(400, 'VALIDATION_FAILED', 'Malformed URL');
  return undefined;
}

/** `VALIDATION_FAILED` with `[{ path, message }]` details: name the first problem in the message. */
function withFirstIssue(http: HttpError): HttpError {
  if (
    http.code !== 'VALIDATION_FAILED' ||
    !Array.isArray(http.details) ||
    http.details.length === 0
  )
    return http;
  const first = http.details[0] as { path?: unknown; message?: unknown };
  if (typeof first.message !== 'string') return http;
  const where = typeof first.path === 'string' && first.path !== '' ? `${first.path}: ` : '';
  const more = http.details.length > 1 ? ` (and ${http.details.length - 1} more)` : '';
  return new HttpError(
    http.status,
    http.code,
    `${http.message.replace(/\.$/, '')}: ${where}${first.message}${more}`,
    http.details,
  );
}

/** Maps any error to `{ error: { code, message, details? } }`; logs 500s, which are bugs. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let http =
      error instanceof HttpError
        ? error
        : (malformedUrl(error) ??
          (isCoded(error) && STATUS_BY_CODE[error.code] !== undefined
            ? new HttpError(
                STATUS_BY_CODE[error.code] as number,
                error.code,
                error.message,
                error.details ?? (error.field ? { field: error.field } : undefined),
              )
            : databaseFault(error)));
    if (!http) {
      logger.error(
        { err: error, method: req.method, url: redactUrl(req.originalUrl) },
        'unhandled error',
      );
      res.status(500).json({
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong on our side; it has been logged.',
        },
      });
      return;
    }
    http = withFirstIssue(http);
    if (http.status === 503)
      logger.warn({ code: http.code, url: redactUrl(req.originalUrl) }, http.message);
    if (res.headersSent) return;
    const retryAfter = RETRY_AFTER_SECONDS[http.code];
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    const body: { code: string; message: string; details?: unknown } = {
      code: http.code,
      message: http.message,
    };
    if (http.details !== undefined) body.details = http.details;
    res.status(http.status).json({ error: body });
  };
}
