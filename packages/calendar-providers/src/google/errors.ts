import { CalendarProviderError, isCalendarProviderError } from '../errors.js';
import { parseRetryAfter, type AttemptVerdict } from '../resilience.js';

/** The HTTP status of a client-library error, or null when no answer came. */
export function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { status?: unknown; response?: { status?: unknown } };
  const status = e.status ?? e.response?.status;
  return typeof status === 'number' ? status : null;
}

/** A response header of a client-library error (gaxios answers fetch `Headers`). */
function headerOf(error: unknown, name: string): string | null {
  const headers = (error as { response?: { headers?: unknown } }).response?.headers;
  const get = (headers as { get?: unknown } | undefined)?.get;
  if (typeof get === 'function') return (get.call(headers, name) as string | null) ?? null;
  if (typeof headers === 'object' && headers !== null) {
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : null;
  }
  return null;
}

/** Google's first error reason (`rateLimitExceeded`, `authError`, ...). */
function reasonOf(error: unknown): string | null {
  const data = (error as { response?: { data?: unknown } }).response?.data as
    { error?: { errors?: { reason?: unknown }[] } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason : null;
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/**
 * How the Google adapter reads a failed attempt: 401 is a refused token; 429, 5xx, Google's
 * 403 rate limits and no answer at all (network) are retried; our own errors and any other 4xx
 * end the call.
 */
export function classifyGoogleError(now: () => number) {
  return (error: unknown): AttemptVerdict => {
    if (isCalendarProviderError(error)) return { kind: 'fail', error };
    const status = statusOf(error);
    const isClientError = (error as { name?: unknown }).name === 'GaxiosError';
    if (status === null) {
      if (isClientError) return { kind: 'retry', status: null, retryAfterMs: null };
      return { kind: 'fail', error: error instanceof Error ? error : new Error(String(error)) };
    }
    if (status === 401) return { kind: 'auth' };
    const reason = reasonOf(error);
    if (status === 429 || status >= 500 || (status === 403 && RATE_LIMIT_REASONS.has(reason ?? '')))
      return {
        kind: 'retry',
        status,
        retryAfterMs: parseRetryAfter(headerOf(error, 'retry-after'), now()),
      };
    return {
      kind: 'fail',
      error: new CalendarProviderError(
        'CALENDAR_REJECTED',
        `Google Calendar refused the request (${status}${reason ? ` ${reason}` : ''})`,
        { cause: error, status },
      ),
    };
  };
}
