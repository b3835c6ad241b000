import { GraphError } from '@microsoft/microsoft-graph-client';
import { CalendarProviderError, isCalendarProviderError } from '../errors.js';
import { parseRetryAfter, type AttemptVerdict } from '../resilience.js';

/** The HTTP status of a Graph client error, or null when no answer came. */
export function graphStatusOf(error: unknown): number | null {
  if (!(error instanceof GraphError)) return null;
  return error.statusCode > 0 ? error.statusCode : null;
}

/**
 * How the Microsoft adapter reads a failed attempt: 401 is a refused token; 429, 5xx and no
 * answer at all (network: the client's status -1) are retried; our own errors and any other 4xx
 * end the call.
 */
export function classifyGraphError(now: () => number) {
  return (error: unknown): AttemptVerdict => {
    if (isCalendarProviderError(error)) return { kind: 'fail', error };
    if (!(error instanceof GraphError))
      return { kind: 'fail', error: error instanceof Error ? error : new Error(String(error)) };
    const status = graphStatusOf(error);
    if (status === null) return { kind: 'retry', status: null, retryAfterMs: null };
    if (status === 401) return { kind: 'auth' };
    if (status === 429 || status >= 500) {
      const retryAfter = error.headers?.get('retry-after') ?? null;
      return { kind: 'retry', status, retryAfterMs: parseRetryAfter(retryAfter, now()) };
    }
    return {
      kind: 'fail',
      error: new CalendarProviderError(
        'CALENDAR_REJECTED',
        `Microsoft Graph refused the request (${status} ${error.code ?? ''})`.trim(),
        { cause: error, status },
      ),
    };
  };
}
