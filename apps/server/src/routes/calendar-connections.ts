import { randomUUID } from 'node:crypto';
import type { ConnectedCalendarProvider, TokenSealer } from '@workestra/booking-core';
import type { CalendarConnectionStore, StoredCalendarConnection } from '@workestra/store';
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
import type { CalendarProviderKit } from '../calendars/providers.js';
import { readCookie } from '../http/cookies.js';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { jsonBody, param, parse } from '../http/validate.js';

/** What {@link calendarConnectionRoutes} needs. */
export interface CalendarConnectionRouteOptions {
  readonly connections: CalendarConnectionStore;
  /** The server's sealer: tokens and pending consents are sealed with it. */
  readonly sealer: TokenSealer;
  /** The configured providers; the others answer `404 CALENDAR_PROVIDER_NOT_CONFIGURED`. */
  readonly kits: Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>>;
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

/**
 * `/api/host/calendar-connections`: the signed-in host connects a calendar (OAuth 2.0 with PKCE
 * and a `state` bound to the session), lists its connections, picks the calendars to check and to
 * write into, and disconnects (revoking the grant where the provider can). Tokens are sealed with
 * the server's key before they are stored.
 *
 * @example
 * ```ts
 * api.use('/host/calendar-connections', calendarConnectionRoutes({ connections, sealer, kits, cookieSecure: false, doneUrl: '/settings/calendars', logger }));
 * ```
 */
export function calendarConnectionRoutes(options: CalendarConnectionRouteOptions): Router {
  const { connections, sealer, kits, logger } = options;
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
  const keyOf = (res: Response, provider: ConnectedCalendarProvider) => {
    const { host } = signedIn(res);
    return { workspaceId: host.workspaceId, hostId: host.hostId, provider };
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
    const at = now();
    await connections.saveConnection({
      id: randomUUID(),
      ...keyOf(res, provider),
      accountEmail: null,
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
  });

  router.put('/:provider/calendars', async (req, res) => {
    const provider = providerOf(req);
    const body = parse(calendarSelectionBodySchema, jsonBody(req));
    const key = keyOf(res, provider);
    const found = await connections.setCalendars(
      key,
      { calendarsToCheck: [...new Set(body.calendarsToCheck)], writeCalendar: body.writeCalendar },
      now(),
    );
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
