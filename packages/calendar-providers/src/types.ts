import type { ResilienceOptions } from './resilience.js';
import {
  BUSY_KINDS as CORE_BUSY_KINDS,
  type BusyKind as CoreBusyKind,
  type CalendarBusyInterval,
  type CalendarBusySource,
  type CalendarConnection,
  type CalendarEvents,
} from '@workestra/booking-core';

/**
 * Whose calendar a call is for: the workspace and the host's connection.
 *
 * @example
 * ```ts
 * const owner: ConnectionRef = { workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' } };
 * ```
 */
export interface ConnectionRef {
  readonly workspaceId: string;
  readonly connection: CalendarConnection;
}

/**
 * Where the adapters get an OAuth access token. The app stores and refreshes tokens; the
 * adapter asks once per call, and once more with `refresh: true` after the provider answered
 * 401 (the token may have expired early), before it gives up with `CALENDAR_AUTH_EXPIRED`.
 *
 * @example
 * ```ts
 * const accessToken: AccessTokenSource = async ({ connection, refresh }) =>
 *   refresh ? `fresh-token-of-${connection.hostId}` : `token-of-${connection.hostId}`;
 * ```
 */
export type AccessTokenSource = (
  input: ConnectionRef & { readonly refresh: boolean },
) => Promise<string>;

/**
 * The calendars of a connection: those whose events count as busy (`check`, the primary by
 * default, several allowed) and the one new events go into (`write`).
 *
 * @example
 * ```ts
 * const selection: CalendarSelection = { check: ['primary', 'team@example.com'], write: 'primary' };
 * ```
 */
export interface CalendarSelection {
  readonly check: readonly string[];
  readonly write: string;
}

/**
 * Picks the {@link CalendarSelection} of a connection (connection-level configuration the app
 * keeps); without it every connection uses its primary calendar for both.
 *
 * @example
 * ```ts
 * const calendars: CalendarSelectionSource = async () => ({ check: ['primary', 'holidays'], write: 'primary' });
 * ```
 */
export type CalendarSelectionSource = (ref: ConnectionRef) => Promise<CalendarSelection>;

/**
 * booking-core's list of busy kinds (`busy`, `out_of_office`), re-exported: the one source.
 *
 * @example
 * ```ts
 * import { BUSY_KINDS } from '@workestra/calendar-providers';
 * BUSY_KINDS.includes('out_of_office'); // true
 * ```
 */
export const BUSY_KINDS = CORE_BUSY_KINDS;

/**
 * One of {@link BUSY_KINDS} (booking-core's `BusyKind`).
 *
 * @example
 * ```ts
 * import type { BusyKind } from '@workestra/calendar-providers';
 * const away: BusyKind = 'out_of_office';
 * ```
 */
export type BusyKind = CoreBusyKind;

/**
 * A busy interval with its kind always set, as `busyDetails` and `busy` answer: booking-core's
 * `CalendarBusyInterval` with the kind required.
 *
 * @example
 * ```ts
 * const away: BusyInterval = { start: Date.parse('2026-11-02T00:00:00Z'), end: Date.parse('2026-11-03T00:00:00Z'), kind: 'out_of_office' };
 * ```
 */
export interface BusyInterval extends CalendarBusyInterval {
  readonly kind: BusyKind;
}

/**
 * The input of `busy` and `busyDetails`: booking-core's `CalendarBusySource.busy` input.
 *
 * @example
 * ```ts
 * const query: BusyQuery = { workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' }, from: now, to: now + 86_400_000 };
 * ```
 */
export interface BusyQuery extends ConnectionRef {
  readonly from: number;
  readonly to: number;
  readonly excludeIcalUid?: string;
}

/**
 * The options every provider adapter takes.
 *
 * @example
 * ```ts
 * const common: AdapterOptions = {
 *   accessToken: async ({ connection }) => `token-of-${connection.hostId}`,
 *   calendars: async () => ({ check: ['primary'], write: 'primary' }),
 *   resilience: { timeoutMs: 5_000 },
 * };
 * ```
 */
export interface AdapterOptions {
  /** The OAuth access token of a connection (see each provider's scopes). */
  readonly accessToken: AccessTokenSource;
  /** The calendars to check and to write into, per connection (default: the primary for both). */
  readonly calendars?: CalendarSelectionSource;
  /** Timeouts, retries, the busy cache and injected time. */
  readonly resilience?: ResilienceOptions;
}

/**
 * One calendar of a connected account, as {@link CalendarAdapter.listCalendars} answers it. The
 * account's primary calendar (Google's primary, Microsoft's default calendar) has the id
 * `primary`, the id every other call of the adapters addresses it by; other calendars keep the
 * provider's id.
 *
 * @example
 * ```ts
 * const team: ProviderCalendar = { id: 'team@group.calendar.google.com', name: 'Team', primary: false, canWrite: true, timeZone: 'Europe/Berlin' };
 * ```
 */
export interface ProviderCalendar {
  readonly id: string;
  readonly name: string;
  readonly primary: boolean;
  /** Whether events can be written into it (Google: `owner`/`writer` access; Microsoft: `canEdit`). */
  readonly canWrite: boolean;
  /** The calendar's IANA zone when the provider tells it (Google does; Graph does not). */
  readonly timeZone: string | null;
}

/**
 * The calendars of a connected account and the account's email address (null when the provider
 * did not tell it).
 *
 * @example
 * ```ts
 * const list: CalendarList = {
 *   accountEmail: 'ana@example.com',
 *   calendars: [{ id: 'primary', name: 'ana@example.com', primary: true, canWrite: true, timeZone: 'UTC' }],
 * };
 * ```
 */
export interface CalendarList {
  readonly accountEmail: string | null;
  readonly calendars: readonly ProviderCalendar[];
}

/**
 * What `createGoogleCalendar` and `createMicrosoftCalendar` answer: booking-core's
 * `CalendarEvents` and `CalendarBusySource` (whose `busy` tells out-of-office time apart by its
 * `kind`), plus `busyDetails` (the same intervals, typed with the kind always set).
 *
 * @example
 * ```ts
 * import { createGoogleCalendar } from '@workestra/calendar-providers';
 * const calendar: CalendarAdapter = createGoogleCalendar({ accessToken: async () => 'ya29.token' });
 * const intervals = await calendar.busyDetails({ workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' }, from: now, to: now + 86_400_000 });
 * const { accountEmail, calendars } = await calendar.listCalendars({ workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' } });
 * ```
 */
export interface CalendarAdapter extends CalendarEvents, CalendarBusySource {
  /** The busy intervals with their kind (`busy` or `out_of_office`), by the same rules as `busy`. */
  busyDetails(query: BusyQuery): Promise<BusyInterval[]>;
  /** booking-core's port, answering the same intervals as `busyDetails`, kinds included. */
  busy(query: BusyQuery): Promise<BusyInterval[]>;
  /**
   * The connection's calendars (all pages), the primary first with the id `primary`, and the
   * account's email address. Failures throw `CalendarProviderError` like the other calls.
   */
  listCalendars(ref: ConnectionRef): Promise<CalendarList>;
}
