import { randomUUID } from 'node:crypto';
import type { ConnectedCalendarProvider, TokenSealer } from '@workestra/booking-core';
import type { CalendarList, ConnectionRef } from '@workestra/calendar-providers';
import type {
  CalendarConnectionKey,
  CalendarConnectionStore,
  StoredCalendarConnection,
} from '@workestra/store';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  type calendarConnectionSchema,
  calendarCallbackQuerySchema,
  calendarSelectionBodySchema,
  connectedProviderSchema,
} from '../api-schemas.js';
import {
  CONSENT_COOKIE,
  CONSENT_TTL_MS,
  openConsent,
  sealConsent,
} from '../calendars/pending-consent.js';
import type { CalendarAccess } from '../calendars/calendar-access.js';
import type { CalendarProviderKit } from '../calendars/providers.js';
import { readCookie } from '../http/cookies.js';
import { HttpError, STATUS_BY_CODE } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { jsonBody, param, parse } from '../http/validate.js';

/** What {@link calendarConnectionRoutes} needs. */
export interface CalendarConnectionRouteOptions {
  readonly connections: CalendarConnectionStore;
  /** The server's sealer: tokens and pending consents are sealed with it. */
  readonly sealer: TokenSealer;
  /** The configured providers; the others answer `404 CALENDAR_PROVIDER_NOT_CONFIGURED`. */
  readonly kits: Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>>;
  /**
   * The connections' calendars through the stored tokens (refreshed and state-marked as every
   * provider call); absent when no provider is configured.
   */
  readonly access?: Pick<CalendarAccess, 'listCalendars'>;
  readonly cookieSecure: boolean;
  /** Where the callback sends the browser once connected (the web app's calendar settings). */
  readonly doneUrl: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** Where the consent cookie is sent: the connect routes only. */
const COOKIE_PATH = '/api/host/calendar-connections';

function connectionJson(c: StoredCalendarConnection): z.infer<typeof calendarConnectionSchema> {
  return {
    provider: c.provider,
    accountEmail: c.accountEmail,
    calendarsToCheck: [...c.calendarsToCheck],
    writeCalendar: c.writeCalendar,
    state: c.state,
    stateSince: new Date(c.stateSince).toISOString(),
    lastError: c.lastError,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

const refOf = (key: CalendarConnectionKey): ConnectionRef => ({
  workspaceId: key.workspaceId,
  connection: { hostId: key.hostId, provider: key.provider },
});

/** A failure answered with a stable code (a provider outage, a refused token), not a bug. */
const hasStableCode = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STATUS_BY_CODE[code] !== undefined;
};

/**
 * `/api/host/calendar-connections`: the signed-in host connects a calendar (OAuth 2.0 with PKCE
 * and a `state` bound to the session), lists its connections and the calendars of a connected
 * account, picks the calendars to check and to write into (among the account's, the one to write
 * into writable), and disconnects (revoking the grant where the provider can). Tokens are
 * sealed with the server's key before they are stored.
 *
 * @example
 * ```ts
 * api.use('/host/calendar-connections', calendarConnectionRoutes({ connections, sealer, kits, cookieSecure: false, doneUrl: '/settings/calendars', logger }));
 * ```
 */
export function calendarConnectionRoutes(options: CalendarConnectionRouteOptions): Router {
  const { connections, sealer, kits, access, logger } = options;
  const now = options.now ?? Date.now;
  const cookieOptions = {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
    sameSite: 'lax',
    secure: options.cookieSecure,
    path: COOKIE_PATH,
  } as const;
  const router = Router();

  const providerOf = (req: Request): ConnectedCalendarProvider => {
    const parsed = connectedProviderSchema.safeParse(param(req, 'provider'));
    if (!parsed.success)
      throw new HttpError(404, 'NOT_FOUND', `No calendar provider "${param(req, 'provider')}"`);
    return parsed.data;
  };
  const kitOf = (provider: ConnectedCalendarProvider): CalendarProviderKit => {
    const kit = kits[provider];
    if (!kit)
      throw new HttpError(
        404,
        'CALENDAR_PROVIDER_NOT_CONFIGURED',
        `This server has no ${provider} client configured`,
      );
    return kit;
  };
  const keyOf = (res: Response, provider: ConnectedCalendarProvider): CalendarConnectionKey => {
    const { host } = signedIn(res);
    return { workspaceId: host.workspaceId, hostId: host.hostId, provider };
  };
  const connectionOf = async (key: CalendarConnectionKey) => {
    const connection = await connections.findConnection(key);
    if (connection === null)
      throw new HttpError(
        404,
        'CALENDAR_NOT_CONNECTED',
        `No ${key.provider} calendar is connected`,
      );
    return connection;
  };
  /** The connection's calendars through the stored tokens; provider failures keep their code. */
  const listOf = (key: CalendarConnectionKey): Promise<CalendarList> => {
    if (!access)
      throw new HttpError(
        503,
        'CALENDAR_UNAVAILABLE',
        `This server has no ${key.provider} client configured`,
      );
    return access.listCalendars(refOf(key));
  };

  /**
   * The account's email from its calendar list, read with the freshly issued token before the
   * connection is stored; null (logged) when the list cannot be read: connecting still succeeds.
   */
  const accountEmailOf = async (
    kit: CalendarProviderKit,
    key: CalendarConnectionKey,
    accessToken: string,
  ): Promise<string | null> => {
    try {
      const adapter = kit.adapter({ accessToken: async () => accessToken });
      return (await adapter.listCalendars(refOf(key))).accountEmail;
    } catch (error) {
      logger.warn(
        { err: error, provider: key.provider },
        'could not read the account email of a new calendar connection; it stays unknown',
      );
      return null;
    }
  };

  router.get('/', async (_req, res) => {
    const { host } = signedIn(res);
    const list = await connections.listConnections(host.workspaceId, host.hostId);
    res.json({
      connections: list.map(connectionJson),
      providers: connectedProviderSchema.options.filter((p) => kits[p] !== undefined),
    });
  });

  router.post('/:provider/start', async (req, res) => {
    const provider = providerOf(req);
    const kit = kitOf(provider);
    const started = await kit.oauth.start();
    const sealed = sealConsent(sealer, {
      provider,
      state: started.state,
      codeVerifier: started.codeVerifier,
      sid: signedIn(res).sid,
      now: now(),
    });
    res.cookie(CONSENT_COOKIE, sealed, { ...cookieOptions, maxAge: CONSENT_TTL_MS });
    res.json({ url: started.url });
  });

  router.get('/:provider/callback', async (req, res) => {
    const provider = providerOf(req);
    try {
      await finishConsent(req, res, provider);
    } catch (error) {
      // The provider sends the browser here: a page, not a JSON body, tells the host what failed.
      const code = (error as { code?: unknown } | null)?.code;
      const status = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
      if (status === undefined || status >= 500 || req.accepts(['json', 'html']) !== 'html')
        throw error;
      res.redirect(
        303,
        `${options.doneUrl}?provider=${provider}&error=${encodeURIComponent(code as string)}`,
      );
    }
  });

  /** The callback's work: check the consent, exchange the code, store the sealed tokens. */
  const finishConsent = async (
    req: Request,
    res: Response,
    provider: ConnectedCalendarProvider,
  ) => {
    const kit = kitOf(provider);
    const query = parse(calendarCallbackQuerySchema, req.query);
    const pending = openConsent(sealer, readCookie(req.headers.cookie, CONSENT_COOKIE), {
      provider,
      state: query.state ?? '',
      sid: signedIn(res).sid,
      now: now(),
    });
    res.clearCookie(CONSENT_COOKIE, cookieOptions);
    if (pending === null)
      throw new HttpError(
        400,
        'OAUTH_STATE_MISMATCH',
        'This consent was not started in this session, or it expired; connect the calendar again',
      );
    if (query.error !== undefined || query.code === undefined)
      throw new HttpError(
        400,
        'OAUTH_DENIED',
        `The ${provider} consent was not given${query.error ? ` (${query.error})` : ''}`,
      );
    const tokens = await kit.oauth.exchange({
      code: query.code,
      codeVerifier: pending.codeVerifier,
    });
    const key = keyOf(res, provider);
    const accountEmail = await accountEmailOf(kit, key, tokens.accessToken);
    const at = now();
    await connections.saveConnection({
      id: randomUUID(),
      ...key,
      accountEmail,
      accessTokenSealed: sealer.seal(tokens.accessToken),
      refreshTokenSealed: tokens.refreshToken === null ? null : sealer.seal(tokens.refreshToken),
      // Not told: treat the token as short-lived, so it is refreshed before long.
      tokenExpiresAt: tokens.expiresAt ?? at + 300_000,
      calendarsToCheck: ['primary'],
      writeCalendar: 'primary',
      state: 'working',
      stateSince: at,
      lastError: null,
      createdAt: at,
      updatedAt: at,
    });
    res.redirect(303, `${options.doneUrl}?connected=${provider}`);
  };

  router.get('/:provider/calendars', async (req, res) => {
    const key = keyOf(res, providerOf(req));
    await connectionOf(key);
    const listed = await listOf(key);
    res.json({ accountEmail: listed.accountEmail, calendars: [...listed.calendars] });
  });

  router.put('/:provider/calendars', async (req, res) => {
    const provider = providerOf(req);
    const body = parse(calendarSelectionBodySchema, jsonBody(req));
    const key = keyOf(res, provider);
    await connectionOf(key);
    const selection = {
      calendarsToCheck: [...new Set(body.calendarsToCheck)],
      writeCalendar: body.writeCalendar,
    };
    let listed: CalendarList | null = null;
    try {
      listed = await listOf(key);
    } catch (error) {
      if (!hasStableCode(error)) throw error;
      // The provider cannot tell now: the choice is kept unchecked rather than refused.
      logger.warn({ err: error, provider }, 'could not check the chosen calendars');
    }
    if (listed !== null) checkSelection(listed, selection);
    const found = await connections.setCalendars(key, selection, now());
    const connection = found ? await connections.findConnection(key) : null;
    if (connection === null)
      throw new HttpError(404, 'CALENDAR_NOT_CONNECTED', `No ${provider} calendar is connected`);
    res.json(connectionJson(connection));
  });

  router.delete('/:provider', async (req, res) => {
    const provider = providerOf(req);
    const removed = await connections.deleteConnection(keyOf(res, provider));
    if (removed === null)
      throw new HttpError(404, 'CALENDAR_NOT_CONNECTED', `No ${provider} calendar is connected`);
    const kit = kits[provider];
    // Revoking the refresh token ends the whole grant (Google); Microsoft has no per-grant revoke.
    const token = removed.refreshTokenSealed ?? removed.accessTokenSealed;
    if (kit)
      await kit.oauth.revoke(sealer.open(token)).catch((error: unknown) => {
        // The tokens are forgotten either way; the host can remove the grant in their account.
        logger.warn({ err: error, provider }, 'could not revoke a disconnected calendar grant');
      });
    res.status(204).end();
  });

  return router;
}

/**
 * Refuses a selection naming a calendar the account does not have (`UNKNOWN_CALENDAR`) or a
 * calendar to write into that the account cannot write (`CALENDAR_NOT_WRITABLE`).
 */
function checkSelection(
  listed: CalendarList,
  selection: { calendarsToCheck: readonly string[]; writeCalendar: string },
): void {
  const byId = new Map(listed.calendars.map((c) => [c.id, c]));
  const unknown = [...new Set([...selection.calendarsToCheck, selection.writeCalendar])].filter(
    (id) => !byId.has(id),
  );
  if (unknown.length > 0)
    throw new HttpError(
      400,
      'UNKNOWN_CALENDAR',
      `The account has no calendar ${unknown.map((id) => `"${id}"`).join(', ')}`,
      { calendarIds: unknown },
    );
  if (byId.get(selection.writeCalendar)?.canWrite !== true)
    throw new HttpError(
      400,
      'CALENDAR_NOT_WRITABLE',
      `The account cannot write into the calendar "${selection.writeCalendar}"`,
      { calendarIds: [selection.writeCalendar] },
    );
}
