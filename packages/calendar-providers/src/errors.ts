/**
 * Every reason `@workestra/calendar-providers` fails with a known meaning, declared once
 * ({@link CalendarProviderErrorCode} is derived from it):
 *
 * - `CALENDAR_UNAVAILABLE`: the provider did not answer usefully (timeout, network, 429 or 5xx
 *   after the bounded retries); busy time is unknown, never "free".
 * - `CALENDAR_AUTH_EXPIRED`: the provider refused the access token, also a freshly asked one;
 *   the host must connect the calendar again.
 * - `CALENDAR_REJECTED`: the provider refused the request itself (another 4xx); retrying the
 *   same request will not help.
 * - `OAUTH_FAILED`: an OAuth step (code exchange, refresh, revoke) was refused.
 *
 * An update of an event that is gone throws booking-core's `FollowUpError('EVENT_NOT_FOUND')`,
 * as the `CalendarEvents` port asks.
 *
 * @example
 * ```ts
 * import { CALENDAR_PROVIDER_ERROR_CODES } from '@workestra/calendar-providers';
 * CALENDAR_PROVIDER_ERROR_CODES.includes('CALENDAR_AUTH_EXPIRED'); // true
 * ```
 */
export const CALENDAR_PROVIDER_ERROR_CODES = Object.freeze([
  'CALENDAR_UNAVAILABLE',
  'CALENDAR_AUTH_EXPIRED',
  'CALENDAR_REJECTED',
  'OAUTH_FAILED',
] as const);

/**
 * One of {@link CALENDAR_PROVIDER_ERROR_CODES}.
 */
export type CalendarProviderErrorCode = (typeof CALENDAR_PROVIDER_ERROR_CODES)[number];

/** Same key in the ESM and the CJS build (`Symbol.for`), so {@link isCalendarProviderError} works across them. */
const CALENDAR_PROVIDER_ERROR = Symbol.for('@workestra/calendar-providers.CalendarProviderError');

/**
 * The error class of `@workestra/calendar-providers`: a stable `code`, the provider's HTTP
 * `status` when there was one, and the underlying `cause`.
 *
 * @example
 * ```ts
 * import { createGoogleCalendar, isCalendarProviderError } from '@workestra/calendar-providers';
 * const calendar = createGoogleCalendar({ accessToken: async () => 'ya29.token' });
 * try {
 *   await calendar.busy({ workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' }, from: now, to: now + 3_600_000 });
 * } catch (error) {
 *   if (isCalendarProviderError(error, 'CALENDAR_AUTH_EXPIRED')) console.log('ask the host to reconnect');
 *   else throw error;
 * }
 * ```
 */
export class CalendarProviderError extends Error {
  override readonly name: string = 'CalendarProviderError';
  readonly code: CalendarProviderErrorCode;
  /** The provider's HTTP status of the last answer, or null when none came (timeout, network). */
  readonly status: number | null;

  constructor(
    code: CalendarProviderErrorCode,
    message: string,
    options: { cause?: unknown; status?: number | null } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? null;
    Object.defineProperty(this, CALENDAR_PROVIDER_ERROR, { value: true });
  }
}

/**
 * Whether `error` is a {@link CalendarProviderError} (with `code`, when given), whichever build of
 * `@workestra/calendar-providers` (ESM or CJS) threw it. Use it instead of `instanceof`, which fails
 * when an application loads both builds.
 *
 * @example
 * ```ts
 * import { isCalendarProviderError } from '@workestra/calendar-providers';
 * const reconnect = (error: unknown) => isCalendarProviderError(error, 'CALENDAR_AUTH_EXPIRED');
 * ```
 */
export function isCalendarProviderError(
  error: unknown,
  code?: CalendarProviderErrorCode,
): error is CalendarProviderError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [CALENDAR_PROVIDER_ERROR]?: unknown })[CALENDAR_PROVIDER_ERROR] === true &&
    (code === undefined || (error as CalendarProviderError).code === code)
  );
}
