import type { ConnectedCalendarProvider, EpochMs } from '@workestra/booking-core';

/**
 * The states of a calendar connection, declared once: `working` (the last call succeeded or none
 * failed yet), `needs_reconsent` (the provider refused the tokens, also refreshed: the host must
 * connect again), `failing` (calls fail for another reason; `since` says from when).
 *
 * @example
 * ```ts
 * CALENDAR_CONNECTION_STATES.includes('needs_reconsent'); // true
 * ```
 */
export const CALENDAR_CONNECTION_STATES = Object.freeze([
  'working',
  'needs_reconsent',
  'failing',
] as const);

/**
 * One of {@link CALENDAR_CONNECTION_STATES}.
 *
 * @example
 * ```ts
 * const state: CalendarConnectionState = 'failing';
 * ```
 */
export type CalendarConnectionState = (typeof CALENDAR_CONNECTION_STATES)[number];

/**
 * A host's OAuth grant at a calendar provider, one per host and provider. Tokens are stored as the
 * caller hands them: seal them first (booking-core's `createAesGcmSealer`); the store never sees
 * them plain.
 *
 * @example
 * ```ts
 * const connection: StoredCalendarConnection = {
 *   id: 'cc_1', workspaceId: 'ws_1', hostId: 'host_1', provider: 'google', accountEmail: 'ada@example.com',
 *   accessTokenSealed: sealer.seal('ya29.access'), refreshTokenSealed: sealer.seal('1//refresh'), tokenExpiresAt: now + 3_600_000,
 *   calendarsToCheck: ['primary'], writeCalendar: 'primary',
 *   state: 'working', stateSince: now, lastError: null, createdAt: now, updatedAt: now,
 * };
 * ```
 */
export interface StoredCalendarConnection {
  readonly id: string;
  readonly workspaceId: string;
  readonly hostId: string;
  readonly provider: ConnectedCalendarProvider;
  /** The account the host consented with, as the provider names it; null when not told. */
  readonly accountEmail: string | null;
  readonly accessTokenSealed: string;
  /** Null when the provider gave none. */
  readonly refreshTokenSealed: string | null;
  /** When the access token stops working (epoch ms). */
  readonly tokenExpiresAt: EpochMs;
  /** Calendars whose events block time; at least one (the primary by default). */
  readonly calendarsToCheck: readonly string[];
  /** The calendar bookings are written into. */
  readonly writeCalendar: string;
  readonly state: CalendarConnectionState;
  /** When `state` last changed. */
  readonly stateSince: EpochMs;
  readonly lastError: string | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * Which connection a call is about: the workspace scopes every query.
 *
 * @example
 * ```ts
 * const key: CalendarConnectionKey = { workspaceId: 'ws_1', hostId: 'host_1', provider: 'google' };
 * ```
 */
export interface CalendarConnectionKey {
  readonly workspaceId: string;
  readonly hostId: string;
  readonly provider: ConnectedCalendarProvider;
}

/**
 * New tokens for a connection (a refresh): `refreshTokenSealed` undefined keeps the stored one
 * (Google keeps its refresh token; Microsoft rotates it).
 *
 * @example
 * ```ts
 * const tokens: CalendarTokenUpdate = { accessTokenSealed: sealer.seal('ya29.fresh'), tokenExpiresAt: now + 3_600_000 };
 * ```
 */
export interface CalendarTokenUpdate {
  readonly accessTokenSealed: string;
  readonly refreshTokenSealed?: string | null;
  readonly tokenExpiresAt: EpochMs;
}

/**
 * Persistence of hosts' calendar connections, every query scoped by workspace and host.
 *
 * @example
 * ```ts
 * const { calendarConnections } = await openSqliteStore({ filename: 'workestra.db' });
 * const at = Date.now();
 * const saved = await calendarConnections.saveConnection({ // insert, or replace the grant
 *   id: 'cc_1', workspaceId: 'ws_1', hostId: 'host_1', provider: 'google', accountEmail: null,
 *   accessTokenSealed: 'v1.sealed', refreshTokenSealed: null, tokenExpiresAt: at + 3_600_000,
 *   calendarsToCheck: ['primary'], writeCalendar: 'primary',
 *   state: 'working', stateSince: at, lastError: null, createdAt: at, updatedAt: at,
 * });
 * const mine = await calendarConnections.listConnections('ws_1', 'host_1');
 * await calendarConnections.markState(saved, 'needs_reconsent', 'token refused', Date.now());
 * ```
 */
export interface CalendarConnectionStore {
  /**
   * Inserts the connection or, when the host already has one with the provider, replaces its
   * account, tokens and state (a reconnect) and keeps its id, calendars and `createdAt`. Answers
   * the stored row.
   */
  saveConnection(connection: StoredCalendarConnection): Promise<StoredCalendarConnection>;
  findConnection(key: CalendarConnectionKey): Promise<StoredCalendarConnection | null>;
  /** The host's connections, by provider. */
  listConnections(workspaceId: string, hostId: string): Promise<StoredCalendarConnection[]>;
  /** Stores refreshed tokens; answers whether the connection exists. */
  updateTokens(
    key: CalendarConnectionKey,
    tokens: CalendarTokenUpdate,
    now: EpochMs,
  ): Promise<boolean>;
  /** Sets the calendars to check and to write into; answers whether the connection exists. */
  setCalendars(
    key: CalendarConnectionKey,
    calendars: { readonly calendarsToCheck: readonly string[]; readonly writeCalendar: string },
    now: EpochMs,
  ): Promise<boolean>;
  /**
   * Records the outcome of a provider call: `stateSince` moves only when the state changes, and
   * `lastError` is cleared by `working`. Answers whether the connection exists.
   */
  markState(
    key: CalendarConnectionKey,
    state: CalendarConnectionState,
    error: string | null,
    now: EpochMs,
  ): Promise<boolean>;
  /** Deletes the connection and answers it (so the caller can revoke its grant), or null. */
  deleteConnection(key: CalendarConnectionKey): Promise<StoredCalendarConnection | null>;
}
