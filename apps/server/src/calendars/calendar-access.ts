import type {
  CalendarBusySource,
  CalendarConnection,
  CalendarEvents,
  ConnectedCalendarProvider,
  TokenSealer,
} from '@workestra/booking-core';
import {
  type AccessTokenSource,
  type CalendarAdapter,
  type CalendarList,
  CalendarProviderError,
  type ConnectionRef,
  isCalendarProviderError,
  type ResilienceOptions,
} from '@workestra/calendar-providers';
import type {
  CalendarConnectionKey,
  CalendarConnectionState,
  CalendarConnectionStore,
  StoredCalendarConnection,
} from '@workestra/store';
import type { Logger } from 'pino';
import type { CalendarProviderKit } from './providers.js';

/** A token this close to its expiry is refreshed first, so it cannot lapse mid-call. */
const EXPIRY_MARGIN_MS = 60_000;
/** The lifetime assumed for an access token whose expiry the provider did not tell. */
const UNTOLD_LIFETIME_MS = 300_000;

/** What {@link createCalendarAccess} needs. */
export interface CalendarAccessOptions {
  readonly connections: CalendarConnectionStore;
  readonly sealer: TokenSealer;
  readonly kits: Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>>;
  readonly now: () => number;
  readonly logger: Logger;
  /** Timeouts, retries and the busy cache of the adapters (their defaults otherwise). */
  readonly resilience?: ResilienceOptions;
}

/**
 * booking-core's calendar ports over every configured provider, by each connection's provider,
 * and the list of a connection's calendars (with the account's email).
 */
export type CalendarAccess = CalendarBusySource &
  CalendarEvents & {
    listCalendars(ref: ConnectionRef): Promise<CalendarList>;
  };

/**
 * What one call through the access has read of its connection: the stored row, read at most once
 * (the token source and the calendar selection share it), and the token once known.
 */
interface CallScope {
  row: Promise<StoredCalendarConnection | null> | null;
  token: string | null;
}

const keyOf = (ref: ConnectionRef): CalendarConnectionKey => ({
  workspaceId: ref.workspaceId,
  hostId: ref.connection.hostId,
  provider: ref.connection.provider,
});
const keyText = (k: CalendarConnectionKey) => `${k.workspaceId}/${k.hostId}/${k.provider}`;

/**
 * booking-core's `CalendarBusySource` and `CalendarEvents` over the hosts' stored connections:
 * each call goes to the adapter of the connection's provider with the host's access token
 * (opened from its sealed form; refreshed and re-sealed when it is about to expire or the provider
 * refused it) and the host's chosen calendars. A refused refresh marks the connection
 * `needs_reconsent`; other provider failures mark it `failing`; the next success marks it
 * `working` again. Busy intervals carry their kind (`busy`, `out_of_office`). Each call reads the connection's row once (token and calendar selection alike;
 * again only after the provider refused the token). Failures are rethrown: booking-core never
 * takes an unreadable calendar as free. Undefined when no provider is configured (links on a
 * provider then answer `CALENDAR_UNAVAILABLE`).
 *
 * @example
 * ```ts
 * const calendar = createCalendarAccess({ connections: handle.calendarConnections, sealer, kits, now: Date.now, logger });
 * const core = createBookingCore({ store: handle.store, sealer, ...(calendar ? { calendar } : {}) });
 * ```
 */
export function createCalendarAccess(options: CalendarAccessOptions): CalendarAccess | undefined {
  const { connections, sealer, kits, now, logger } = options;
  // The state each connection had when its token was last read (a fresh read per provider call),
  // so a success writes `working` only when the connection was not working.
  const seenState = new Map<string, CalendarConnectionState>();
  // Each call gets its own copy of the connection object, the key of its scope.
  const scopes = new WeakMap<CalendarConnection, CallScope>();
  const rowOf = (ref: ConnectionRef): Promise<StoredCalendarConnection | null> => {
    const scope = scopes.get(ref.connection);
    if (scope === undefined) return connections.findConnection(keyOf(ref));
    scope.row ??= connections.findConnection(keyOf(ref));
    return scope.row;
  };

  const mark = async (
    key: CalendarConnectionKey,
    state: CalendarConnectionState,
    error: string | null,
  ) => {
    seenState.set(keyText(key), state);
    await connections.markState(key, state, error, now()).catch((e: unknown) => {
      logger.warn(
        { err: e, provider: key.provider },
        'could not record a calendar connection state',
      );
    });
  };

  /**
   * Refreshes a connection's token and stores it sealed. Concurrent calls for one connection in
   * this process share one refresh: a provider that rotates refresh tokens (Microsoft) would
   * refuse the second use of the old one.
   */
  const refreshing = new Map<string, Promise<string>>();
  const refreshOnce = (
    provider: ConnectedCalendarProvider,
    kit: CalendarProviderKit,
    key: CalendarConnectionKey,
    refreshTokenSealed: string | null,
  ): Promise<string> => {
    const id = keyText(key);
    const running = refreshing.get(id);
    if (running) return running;
    const next = refreshToken(provider, kit, key, refreshTokenSealed).finally(() =>
      refreshing.delete(id),
    );
    refreshing.set(id, next);
    return next;
  };

  const refreshToken = async (
    provider: ConnectedCalendarProvider,
    kit: CalendarProviderKit,
    key: CalendarConnectionKey,
    refreshTokenSealed: string | null,
  ): Promise<string> => {
    if (refreshTokenSealed === null) {
      await mark(key, 'needs_reconsent', 'the access token expired and there is no refresh token');
      throw new CalendarProviderError('CALENDAR_AUTH_EXPIRED', 'No refresh token: reconnect');
    }
    let tokens;
    try {
      tokens = await kit.oauth.refresh(sealer.open(refreshTokenSealed));
    } catch (error) {
      if (!isCalendarProviderError(error, 'OAUTH_FAILED')) throw error;
      await mark(key, 'needs_reconsent', error.message);
      throw new CalendarProviderError(
        'CALENDAR_AUTH_EXPIRED',
        `${provider} refused to refresh the token: the host must reconnect`,
        { cause: error },
      );
    }
    await connections.updateTokens(
      key,
      {
        accessTokenSealed: sealer.seal(tokens.accessToken),
        // A rotated refresh token replaces the old one (Microsoft); null keeps it (Google).
        ...(tokens.refreshToken === null
          ? {}
          : { refreshTokenSealed: sealer.seal(tokens.refreshToken) }),
        tokenExpiresAt: tokens.expiresAt ?? now() + UNTOLD_LIFETIME_MS,
      },
      now(),
    );
    return tokens.accessToken;
  };

  const tokenSource =
    (provider: ConnectedCalendarProvider, kit: CalendarProviderKit): AccessTokenSource =>
    async (input) => {
      const key = keyOf(input);
      const scope = scopes.get(input.connection);
      if (!input.refresh && scope?.token) return scope.token;
      // After a refusal the row is read again: a refresh elsewhere may have rotated its tokens.
      const row = input.refresh ? await connections.findConnection(key) : await rowOf(input);
      if (row === null)
        throw new CalendarProviderError(
          'CALENDAR_AUTH_EXPIRED',
          `The host has no ${provider} calendar connected`,
        );
      seenState.set(keyText(key), row.state);
      const token =
        !input.refresh && row.tokenExpiresAt - EXPIRY_MARGIN_MS > now()
          ? sealer.open(row.accessTokenSealed)
          : await refreshOnce(provider, kit, key, row.refreshTokenSealed);
      if (scope) scope.token = token;
      return token;
    };

  const adapters: Partial<Record<ConnectedCalendarProvider, CalendarAdapter>> = {};
  for (const [provider, kit] of Object.entries(kits) as [
    ConnectedCalendarProvider,
    CalendarProviderKit,
  ][])
    adapters[provider] = kit.adapter({
      accessToken: tokenSource(provider, kit),
      calendars: async (ref) => {
        const row = await rowOf(ref);
        return row
          ? { check: row.calendarsToCheck, write: row.writeCalendar }
          : { check: ['primary'], write: 'primary' };
      },
      ...(options.resilience ? { resilience: options.resilience } : {}),
    });
  if (Object.keys(adapters).length === 0) return undefined;

  const call = async <I extends ConnectionRef, T>(
    input: I,
    fn: (adapter: CalendarAdapter, input: I) => Promise<T>,
  ) => {
    const adapter = adapters[input.connection.provider];
    if (!adapter)
      throw new CalendarProviderError(
        'CALENDAR_UNAVAILABLE',
        `This server has no ${input.connection.provider} client configured`,
      );
    const key = keyOf(input);
    const connection = { ...input.connection };
    scopes.set(connection, { row: null, token: null });
    try {
      const result = await fn(adapter, { ...input, connection });
      const seen = seenState.get(keyText(key));
      if (seen !== undefined && seen !== 'working') await mark(key, 'working', null);
      return result;
    } catch (error) {
      if (isCalendarProviderError(error, 'CALENDAR_AUTH_EXPIRED'))
        await mark(key, 'needs_reconsent', error.message);
      else if (isCalendarProviderError(error)) await mark(key, 'failing', error.message);
      throw error;
    }
  };

  return {
    // `busyDetails`: every interval keeps its kind, so out-of-office time reaches booking-core.
    busy: (input) => call(input, (a, scoped) => a.busyDetails(scoped)),
    createEvent: (input) => call(input, (a, scoped) => a.createEvent(scoped)),
    updateEvent: (input) => call(input, (a, scoped) => a.updateEvent(scoped)),
    deleteEvent: (input) => call(input, (a, scoped) => a.deleteEvent(scoped)),
    listCalendars: (ref) => call(ref, (a, scoped) => a.listCalendars(scoped)),
  };
}
