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

/**
 * The error class of `@workestra/calendar-providers`: a stable `code`, the provider's HTTP
 * `status` when there was one, and the underlying `cause`.
 *
 * @example
 * ```ts
 * import { CalendarProviderError, createGoogleCalendar } from '@workestra/calendar-providers';
 * const calendar = createGoogleCalendar({ accessToken: async () => 'ya29.token' });
 * try {
 *   await calendar.busy({ workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' }, from: now, to: now + 3_600_000 });
 * } catch (error) {
 *   if (error instanceof CalendarProviderError && error.code === 'CALENDAR_AUTH_EXPIRED') console.log('ask the host to reconnect');
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
  }
}
