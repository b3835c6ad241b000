import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FaultPlan } from './faults.js';
import { ApiError, serveApi, type ApiDialect, type LoggedRequest } from './api.js';
import {
  ID,
  RFC3339,
  WRITABLE,
  answerEvent,
  bad,
  checkEvent,
  checkSendUpdates,
  conference,
  instant,
  queryInt,
  type GoogleEmulatorEvent,
} from './google-shapes.js';
import { emulatorBase, type Emulator } from './base.js';
import { PageTokens, type EmulatorCalendarSpec } from './calendar-lists.js';
import { calendarList } from './google-calendars.js';
import { listen, readJsonObject } from './http.js';
import { OAuthState, type EmulatorClient } from './oauth.js';

export type { GoogleEmulatorEvent } from './google-shapes.js';

/**
 * Options of {@link startGoogleEmulator}.
 *
 * @example
 * ```ts
 * const options: GoogleEmulatorOptions = { client: { clientId: 'demo', clientSecret: 'demo-secret' }, pageSize: 2 };
 * ```
 */
export interface GoogleEmulatorOptions {
  /** The one registered OAuth client (default `emulator-client` / `emulator-secret`). */
  readonly client?: EmulatorClient;
  /** Items per `events.list` and `calendarList.list` page at most (default 250), to exercise paging. */
  readonly pageSize?: number;
  /** Loopback port (default: any free one). */
  readonly port?: number;
}

/**
 * A running Google emulator: OAuth (authorization page, token, revoke) and the Calendar API
 * parts in use (`events.list`, `insert`, `get`, `patch`, `delete`, Meet conferencing), with
 * in-memory calendars per account. It checks request shapes and answers 400 / 401 / 404 / 409 /
 * 410 with Google's error body; `faults` injects 429, 500, lost answers and hangs.
 *
 * @example
 * ```ts
 * import { startGoogleEmulator } from '@workestra/calendar-providers/testing';
 * await using google = await startGoogleEmulator();
 * const token: string = google.issueToken('ana@example.com');
 * google.seed('ana@example.com', { start: { dateTime: '2026-11-02T09:00:00Z' }, end: { dateTime: '2026-11-02T10:00:00Z' } });
 * ```
 */
export interface GoogleEmulator extends Emulator {
  /** What `createGoogleCalendar({ rootUrl })` takes. */
  readonly rootUrl: string;
  /** The OAuth endpoints, for `createGoogleOAuth({ endpoints })`. */
  readonly endpoints: {
    readonly authorizationUrl: string;
    readonly tokenUrl: string;
    readonly revokeUrl: string;
  };
  /** Adds an event to a calendar of `account` (`primary` by default); returns its id. */
  seed(account: string, event: GoogleEmulatorEvent, calendarId?: string): string;
  /** The calendar's zone, where all-day events start (default `UTC`). */
  setTimeZone(account: string, timeZone: string, calendarId?: string): void;
  /** Every event of a calendar, deleted ones included (as `cancelled`), in insertion order. */
  events(account: string, calendarId?: string): GoogleEmulatorEvent[];
  /**
   * Adds a calendar to `account`'s calendar list (`calendarList.list` answers it; a calendar the
   * account cannot write into answers 403 to writes). The primary, whose id is the account's
   * address, always exists.
   */
  addCalendar(account: string, calendar: EmulatorCalendarSpec): void;
}

interface Calendar {
  timeZone: string;
  events: Map<string, GoogleEmulatorEvent>;
  name: string;
  canWrite: boolean;
}

/**
 * Starts a Google emulator on a loopback port.
 *
 * @example
 * ```ts
 * import { createGoogleCalendar } from '@workestra/calendar-providers';
 * import { startGoogleEmulator } from '@workestra/calendar-providers/testing';
 * const emulator = await startGoogleEmulator();
 * const google = createGoogleCalendar({ rootUrl: emulator.rootUrl, accessToken: async () => emulator.issueToken('ana@example.com') });
 * await emulator.close();
 * ```
 */
export async function startGoogleEmulator(
  options: GoogleEmulatorOptions = {},
): Promise<GoogleEmulator> {
  const client = options.client ?? { clientId: 'emulator-client', clientSecret: 'emulator-secret' };
  const pageSize = options.pageSize ?? 250;
  const oauth = new OAuthState(client, { rotateRefreshTokens: false, tokenPrefix: 'ya29.emu_' });
  const faults = new FaultPlan();
  const accounts = new Map<string, Map<string, Calendar>>();
  const requests: LoggedRequest[] = [];
  const pageTokens = new Map<string, number>();
  const listTokens = new PageTokens();
  let nextId = 0;

  /** The calendars of `account` by id, its primary (whose id is the account) included. */
  const calendarsOf = (account: string): Map<string, Calendar> => {
    let calendars = accounts.get(account);
    if (calendars === undefined) {
      calendars = new Map();
      accounts.set(account, calendars);
    }
    calendarOf(account, 'primary', false, calendars);
    return calendars;
  };
  const calendarOf = (
    account: string,
    calendarId: string,
    create: boolean,
    calendars = calendarsOf(account),
  ): Calendar | null => {
    const id = calendarId === 'primary' ? account : calendarId;
    let cal = calendars.get(id);
    // Every account has its primary calendar; other calendars exist once seeded.
    if (cal === undefined && (create || id === account)) {
      cal = { timeZone: 'UTC', events: new Map(), name: id, canWrite: true };
      calendars.set(id, cal);
    }
    return cal ?? null;
  };

  const jsonBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const body = await readJsonObject(req);
    if (typeof body === 'string') throw bad('Parse Error', 'parseError');
    return body;
  };

  /** The Calendar API proper: `/calendar/v3/calendars/{calendarId}/events[/{eventId}]`. */
  const calendarApi = async (req: IncomingMessage, url: URL, account: string, baseUrl: string) => {
    if (url.pathname === '/calendar/v3/users/me/calendarList' && req.method === 'GET')
      return {
        status: 200,
        body: calendarList(url, account, calendarsOf(account), listTokens, pageSize),
      };
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
    if (match === null) throw new ApiError(404, 'notFound', 'Not Found');
    const calendarId = decodeURIComponent(match[1] ?? '');
    const eventId = match[2] === undefined ? null : decodeURIComponent(match[2]);
    const cal = calendarOf(account, calendarId, false);
    if (cal === null) throw new ApiError(404, 'notFound', 'Not Found');
    const method = req.method ?? 'GET';
    if (method !== 'GET' && !cal.canWrite)
      throw new ApiError(
        403,
        'requiredAccessLevel',
        'You need to have writer access to this calendar.',
      );

    if (eventId === null && method === 'GET') return { status: 200, body: list(cal, url) };
    if (eventId === null && method === 'POST') {
      const version = queryInt(url, 'conferenceDataVersion', [0, 1]);
      checkSendUpdates(url);
      const body = (await jsonBody(req)) as unknown as GoogleEmulatorEvent;
      checkEvent(body, cal.timeZone);
      const id = body.id ?? newId();
      if (typeof id !== 'string' || !ID.test(id)) throw bad('Invalid resource id value.');
      if (cal.events.has(id))
        throw new ApiError(409, 'duplicate', 'The requested identifier already exists.');
      const stored = pick(body);
      Object.assign(stored, {
        id,
        status: body.status ?? 'confirmed',
        sequence: 0,
        iCalUID: body.iCalUID ?? `${id}@google.com`,
      });
      conference(stored, body.conferenceData, version, baseUrl);
      cal.events.set(id, stored);
      return { status: 200, body: answerEvent(stored) };
    }
    const stored = eventId === null ? undefined : cal.events.get(eventId);
    if (stored === undefined) throw new ApiError(404, 'notFound', 'Not Found');
    if (method === 'GET') return { status: 200, body: answerEvent(stored) };
    if (method === 'PATCH') {
      const version = queryInt(url, 'conferenceDataVersion', [0, 1]);
      checkSendUpdates(url);
      const body = (await jsonBody(req)) as Partial<GoogleEmulatorEvent>;
      const next = { ...structuredClone(stored), ...pick(body) } as GoogleEmulatorEvent;
      if (body.extendedProperties !== undefined)
        next.extendedProperties = {
          private: { ...stored.extendedProperties?.private, ...body.extendedProperties.private },
          shared: { ...stored.extendedProperties?.shared, ...body.extendedProperties.shared },
        };
      checkEvent(next, cal.timeZone);
      conference(next, body.conferenceData, version, baseUrl);
      next.sequence = (stored.sequence ?? 0) + 1;
      cal.events.set(stored.id ?? '', next);
      return { status: 200, body: answerEvent(next) };
    }
    if (method === 'DELETE') {
      checkSendUpdates(url);
      if (stored.status === 'cancelled')
        throw new ApiError(410, 'deleted', 'Resource has been deleted');
      stored.status = 'cancelled';
      return { status: 204, body: undefined };
    }
    throw new ApiError(405, 'methodNotAllowed', 'Method Not Allowed');
  };

  const list = (cal: Calendar, url: URL) => {
    const q = url.searchParams;
    const bound = (name: string): number | null => {
      const raw = q.get(name);
      if (raw === null) return null;
      if (!RFC3339.test(raw))
        throw bad(`Bad Request: ${name} must be an RFC3339 timestamp with offset`, 'badRequest');
      return Date.parse(raw);
    };
    const min = bound('timeMin');
    const max = bound('timeMax');
    if (min !== null && max !== null && min >= max)
      throw bad('The specified time range is empty.', 'timeRangeEmpty');
    const maxResults = q.get('maxResults') === null ? 250 : Number(q.get('maxResults'));
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 2500)
      throw bad('Invalid value for maxResults', 'invalidParameter');
    const showDeleted = q.get('showDeleted') === 'true';
    const matching = [...cal.events.values()]
      .filter((e) => showDeleted || e.status !== 'cancelled')
      .filter((e) => {
        const start = instant(e.start, cal.timeZone);
        const end = instant(e.end, cal.timeZone);
        return (max === null || start < max) && (min === null || end > min);
      })
      .sort((a, b) => instant(a.start, cal.timeZone) - instant(b.start, cal.timeZone));
    let offset = 0;
    const pageToken = q.get('pageToken');
    if (pageToken !== null) {
      const at = pageTokens.get(pageToken);
      if (at === undefined) throw bad('Invalid page token', 'invalid');
      offset = at;
    }
    const size = Math.min(pageSize, maxResults);
    const items = matching.slice(offset, offset + size).map(answerEvent);
    const body: Record<string, unknown> = {
      kind: 'calendar#events',
      timeZone: cal.timeZone,
      items,
    };
    if (offset + size < matching.length) {
      const token = randomBytes(9).toString('base64url');
      pageTokens.set(token, offset + size);
      body.nextPageToken = token;
    }
    return body;
  };

  const newId = (): string => `emu${(++nextId).toString(32)}${randomBytes(6).toString('hex')}`;

  const { server, url } = await listen(async (req, res) => {
    const reqUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = reqUrl.pathname;
    if (path === '/o/oauth2/v2/auth' && req.method === 'GET')
      return oauth.authorizePage(reqUrl, res);
    if (path === '/o/oauth2/v2/auth' && req.method === 'POST')
      return oauth.authorizeConsent(req, res);
    if (path === '/token' && req.method === 'POST') return oauth.token(req, res);
    if (path === '/revoke' && req.method === 'POST') return oauth.revoke(req, reqUrl, res);
    if (path.startsWith('/meet/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(
        '<!doctype html><title>Emulated meeting</title><p>An emulated Google Meet room.</p>',
      );
    }
    await serveApi(req, res, { oauth, faults, requests, dialect: GOOGLE_ERRORS }, (account) =>
      calendarApi(req, reqUrl, account, url),
    );
  }, options.port);

  const emulator: GoogleEmulator = {
    ...emulatorBase({ url, client, oauth, faults, requests, server }),
    rootUrl: `${url}/`,
    endpoints: {
      authorizationUrl: `${url}/o/oauth2/v2/auth`,
      tokenUrl: `${url}/token`,
      revokeUrl: `${url}/revoke`,
    },
    seed(account, event, calendarId = 'primary') {
      const cal = calendarOf(account, calendarId, true) as Calendar;
      checkEvent(event, cal.timeZone);
      const id = event.id ?? newId();
      cal.events.set(id, {
        status: 'confirmed',
        iCalUID: `${id}@google.com`,
        sequence: 0,
        ...structuredClone(event),
        id,
      });
      return id;
    },
    setTimeZone(account, timeZone, calendarId = 'primary') {
      (calendarOf(account, calendarId, true) as Calendar).timeZone = timeZone;
    },
    events: (account, calendarId = 'primary') =>
      [...(calendarOf(account, calendarId, false)?.events.values() ?? [])].map((e) =>
        structuredClone(e),
      ),
    addCalendar(account, spec) {
      if (spec.id === 'primary' || spec.id === account)
        throw new Error('The primary calendar always exists; add another id');
      const cal = calendarOf(account, spec.id, true) as Calendar;
      cal.name = spec.name ?? spec.id;
      cal.canWrite = spec.canWrite ?? true;
    },
  };
  return emulator;
}

/** The writable fields of a request body (a client cannot set `hangoutLink`, `sequence`, ...). */
function pick(body: Partial<GoogleEmulatorEvent>): GoogleEmulatorEvent {
  const out: Record<string, unknown> = {};
  for (const field of WRITABLE)
    if (body[field] !== undefined) out[field] = structuredClone(body[field]);
  if (body.extendedProperties !== undefined)
    out.extendedProperties = structuredClone(body.extendedProperties);
  return out as unknown as GoogleEmulatorEvent;
}

const GOOGLE_ERRORS: ApiDialect = {
  errorBody: (code, reason, message) =>
    errorBody(code, reason, message, code === 401 ? 'UNAUTHENTICATED' : undefined),
  unauthorized: { reason: 'authError', message: 'Request had invalid authentication credentials.' },
  throttled: 'rateLimitExceeded',
  failed: 'backendError',
};

function errorBody(code: number, reason: string, message: string, status?: string) {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason }],
      ...(status ? { status } : {}),
    },
  };
}
