import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError, serveApi, type LoggedRequest } from './api.js';
import {
  GRAPH_ERRORS,
  ISO,
  KEY_FILTER,
  answer,
  bad,
  checkEvent,
  instant,
  meeting,
  notFound,
  preferZone,
  type MicrosoftEmulatorEvent,
} from './graph-shapes.js';
import { FaultPlan } from './faults.js';
import { emulatorBase, type Emulator } from './base.js';
import type { EmulatorCalendarSpec } from './calendar-lists.js';
import { MailboxCalendars } from './graph-calendars.js';
import { listen, readJsonObject } from './http.js';
import { instantOfWallTime } from '../zone.js';
import { OAuthState, type EmulatorClient } from './oauth.js';

export type { MicrosoftEmulatorEvent } from './graph-shapes.js';

/**
 * Options of {@link startMicrosoftEmulator}.
 *
 * @example
 * ```ts
 * const options: MicrosoftEmulatorOptions = { pageSize: 2 };
 * ```
 */
export interface MicrosoftEmulatorOptions {
  /** The one registered OAuth client (default `emulator-client` / `emulator-secret`). */
  readonly client?: EmulatorClient;
  /** Items per `calendarView` and `/me/calendars` page at most (default 100), to exercise paging. */
  readonly pageSize?: number;
  /** Loopback port (default: any free one). */
  readonly port?: number;
}

/**
 * A running Microsoft emulator: the identity platform's OAuth (authorization page, token with
 * refresh-token rotation) and the Graph parts in use (`calendarView`, events lookup by extended
 * property, POST with `transactionId` and Teams meetings, PATCH, DELETE). It checks request shapes
 * and answers 400 / 401 / 404 with Graph's error body; `faults` injects 429, 5xx, lost answers
 * and hangs.
 *
 * @example
 * ```ts
 * import { startMicrosoftEmulator } from '@workestra/calendar-providers/testing';
 * const graph: MicrosoftEmulator = await startMicrosoftEmulator();
 * const token = graph.issueToken('ana@example.com');
 * await graph.close();
 * ```
 */
export interface MicrosoftEmulator extends Emulator {
  /** What `createMicrosoftCalendar({ baseUrl })` takes. */
  readonly baseUrl: string;
  /** The OAuth endpoints, for `createMicrosoftOAuth({ endpoints })`. */
  readonly endpoints: { readonly authorizationUrl: string; readonly tokenUrl: string };
  /** Adds an event to a calendar of `account` (`primary`, the default calendar, by default); returns its id. */
  seed(account: string, event: MicrosoftEmulatorEvent, calendarId?: string): string;
  /** The mailbox's zone, where all-day events (floating dates) fall (default `UTC`). */
  setTimeZone(account: string, timeZone: string): void;
  /** Every event of a calendar, in insertion order (deleted events are gone, as in Graph). */
  events(account: string, calendarId?: string): MicrosoftEmulatorEvent[];
  /**
   * Adds a calendar to `account` (`GET /me/calendars` lists it; a calendar the account cannot
   * edit answers 403 to writes). The default calendar always exists.
   */
  addCalendar(account: string, calendar: EmulatorCalendarSpec): void;
}

interface Stored {
  calendarId: string;
  event: MicrosoftEmulatorEvent;
}

/**
 * Starts a Microsoft Graph emulator on a loopback port.
 *
 * @example
 * ```ts
 * import { createMicrosoftCalendar } from '@workestra/calendar-providers';
 * import { startMicrosoftEmulator } from '@workestra/calendar-providers/testing';
 * const emulator = await startMicrosoftEmulator();
 * const outlook = createMicrosoftCalendar({ baseUrl: emulator.baseUrl, accessToken: async () => emulator.issueToken('ana@example.com') });
 * await emulator.close();
 * ```
 */
export async function startMicrosoftEmulator(
  options: MicrosoftEmulatorOptions = {},
): Promise<MicrosoftEmulator> {
  const client = options.client ?? { clientId: 'emulator-client', clientSecret: 'emulator-secret' };
  const pageSize = options.pageSize ?? 100;
  const oauth = new OAuthState(client, { rotateRefreshTokens: true, tokenPrefix: 'eyJ0.emu_' });
  const faults = new FaultPlan();
  const accounts = new Map<string, Map<string, Stored>>();
  const requests: LoggedRequest[] = [];
  const skipTokens = new Map<string, number>();
  const mailboxZones = new Map<string, string>();
  const calendars = new MailboxCalendars();

  /** Where an event starts or ends: all-day dates fall in the mailbox's zone. */
  const instantIn = (
    account: string,
    e: MicrosoftEmulatorEvent,
    t: MicrosoftEmulatorEvent['start'],
  ) =>
    e.isAllDay === true
      ? instantOfWallTime(t.dateTime.slice(0, 10), mailboxZones.get(account) ?? 'UTC')
      : instant(t);

  const eventsOf = (account: string): Map<string, Stored> => {
    let events = accounts.get(account);
    if (events === undefined) {
      events = new Map();
      accounts.set(account, events);
    }
    return events;
  };
  const newId = () => `AAMkAG${randomBytes(24).toString('base64url')}=`;
  const jsonBody = async (req: IncomingMessage): Promise<MicrosoftEmulatorEvent> => {
    const body = await readJsonObject(req);
    if (body === 'not json')
      throw new ApiError(415, 'UnsupportedMediaType', 'A JSON body is required.');
    if (body === 'unreadable') throw bad('Unable to read JSON request payload.', 'BadRequest');
    return body as MicrosoftEmulatorEvent;
  };

  const calendarView = (
    req: IncomingMessage,
    url: URL,
    account: string,
    calendarId: string,
    baseUrl: string,
  ) => {
    const q = url.searchParams;
    const zone = preferZone(req);
    const from = q.get('startDateTime');
    const to = q.get('endDateTime');
    if (from === null || to === null)
      throw bad(
        'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        'ErrorInvalidParameter',
      );
    if (!ISO.test(from) || !ISO.test(to))
      throw bad('The time window parameters must be ISO 8601 date-times.', 'ErrorInvalidParameter');
    const utc = (s: string) => Date.parse(/Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`);
    const min = utc(from);
    const max = utc(to);
    if (!(min < max)) throw bad('The time window is empty.', 'ErrorInvalidParameter');
    const top = Number(q.get('$top') ?? '10');
    if (!Number.isInteger(top) || top < 1 || top > 1000)
      throw bad('Invalid $top value.', 'BadRequest');
    let offset = 0;
    const skip = q.get('$skiptoken');
    if (skip !== null) {
      const at = skipTokens.get(skip);
      if (at === undefined) throw bad('Invalid $skiptoken.', 'BadRequest');
      offset = at;
    }
    const matching = [...eventsOf(account).values()]
      .filter((s) => s.calendarId === calendarId)
      .map((s) => s.event)
      .filter((e) => instantIn(account, e, e.start) < max && instantIn(account, e, e.end) > min)
      .sort((a, b) => instantIn(account, a, a.start) - instantIn(account, b, b.start));
    const size = Math.min(top, pageSize);
    const body: Record<string, unknown> = {
      value: matching.slice(offset, offset + size).map((e) => answer(e, zone, url)),
    };
    if (offset + size < matching.length) {
      const token = randomBytes(9).toString('base64url');
      skipTokens.set(token, offset + size);
      const next = new URL(url.toString().replace(/^http:\/\/127\.0\.0\.1/, baseUrl));
      next.searchParams.set('$skiptoken', token);
      body['@odata.nextLink'] = next.toString();
    }
    return body;
  };

  const graphApi = async (req: IncomingMessage, url: URL, account: string, baseUrl: string) => {
    const method = req.method ?? 'GET';
    if (url.pathname === '/v1.0/me/calendars' && method === 'GET')
      return { status: 200, body: calendars.list(url, account, baseUrl, pageSize) };
    const calendarMatch =
      /^\/v1\.0\/me\/(?:calendar|calendars\/([^/]+))\/(calendarView|events)$/.exec(url.pathname);
    if (calendarMatch !== null) {
      const asked =
        calendarMatch[1] === undefined ? 'primary' : decodeURIComponent(calendarMatch[1]);
      const calendarId = calendars.resolve(account, asked);
      if (calendarId === null) throw notFound();
      if (calendarMatch[2] === 'calendarView' && method === 'GET')
        return { status: 200, body: calendarView(req, url, account, calendarId, baseUrl) };
      if (calendarMatch[2] === 'events' && method === 'GET') {
        const filter = url.searchParams.get('$filter');
        const match = filter === null ? null : KEY_FILTER.exec(filter);
        if (filter !== null && match === null) throw bad('Invalid filter clause', 'BadRequest');
        const [id, value] = [match?.[1], match?.[2]].map((s) => s?.replace(/''/g, "'"));
        const value_ = [...eventsOf(account).values()]
          .filter((s) => s.calendarId === calendarId)
          .map((s) => s.event)
          .filter(
            (e) =>
              match === null ||
              (e.singleValueExtendedProperties ?? []).some(
                (p) => p.id.toLowerCase() === id?.toLowerCase() && p.value === value,
              ),
          )
          .map((e) => answer(e, preferZone(req), url));
        return { status: 200, body: { value: value_ } };
      }
      if (calendarMatch[2] === 'events' && method === 'POST') {
        calendars.assertWritable(account, calendarId);
        const body = await jsonBody(req);
        checkEvent(body);
        const existing = [...eventsOf(account).values()].find(
          (s) => body.transactionId !== undefined && s.event.transactionId === body.transactionId,
        );
        // The same transactionId again (a retried POST): the event made the first time.
        if (existing !== undefined)
          return {
            status: 201,
            body: answer(existing.event, body.start.timeZone, new URL('http://x/')),
          };
        const event: MicrosoftEmulatorEvent = {
          showAs: 'busy',
          isCancelled: false,
          isAllDay: false,
          responseStatus: { response: 'organizer' },
          ...structuredClone(body),
          id: newId(),
          iCalUId: `040000008200E00074C5B7101A82E008${randomBytes(24).toString('hex').toUpperCase()}`,
        };
        meeting(event, baseUrl);
        eventsOf(account).set(event.id as string, { calendarId, event });
        return { status: 201, body: answer(event, body.start.timeZone, new URL('http://x/')) };
      }
      throw new ApiError(405, 'ErrorInvalidRequest', 'Method not allowed.');
    }
    const eventMatch = /^\/v1\.0\/me\/events\/([^/]+)$/.exec(url.pathname);
    if (eventMatch === null)
      throw new ApiError(
        400,
        'BadRequest',
        `Resource not found for the segment '${url.pathname}'.`,
      );
    const id = decodeURIComponent(eventMatch[1] ?? '');
    const stored = eventsOf(account).get(id);
    if (stored === undefined) throw notFound();
    if (method === 'GET') return { status: 200, body: answer(stored.event, preferZone(req), url) };
    calendars.assertWritable(account, stored.calendarId);
    if (method === 'DELETE') {
      eventsOf(account).delete(id);
      return { status: 204, body: undefined };
    }
    if (method === 'PATCH') {
      const body = await jsonBody(req);
      if (body.transactionId !== undefined && body.transactionId !== stored.event.transactionId)
        throw bad('transactionId cannot be changed.', 'ErrorInvalidPropertyUpdateSentAsRequest');
      const next: MicrosoftEmulatorEvent = {
        ...structuredClone(stored.event),
        ...structuredClone(body),
        id,
      };
      const props = new Map(
        (stored.event.singleValueExtendedProperties ?? []).map((p) => [p.id.toLowerCase(), p]),
      );
      for (const p of body.singleValueExtendedProperties ?? []) props.set(p.id.toLowerCase(), p);
      next.singleValueExtendedProperties = [...props.values()];
      checkEvent(next);
      if (body.isOnlineMeeting !== undefined) meeting(next, baseUrl);
      stored.event = next;
      return { status: 200, body: answer(next, next.start.timeZone, new URL('http://x/')) };
    }
    throw new ApiError(405, 'ErrorInvalidRequest', 'Method not allowed.');
  };

  const { server, url } = await listen(async (req, res) => {
    const reqUrl = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = reqUrl.pathname;
    const tenant = /^\/[^/]+\/oauth2\/v2\.0\/(authorize|token)$/.exec(path)?.[1];
    if (tenant === 'authorize' && req.method === 'GET') return oauth.authorizePage(reqUrl, res);
    if (tenant === 'authorize' && req.method === 'POST') return oauth.authorizeConsent(req, res);
    if (tenant === 'token' && req.method === 'POST') return oauth.token(req, res);
    if (path.startsWith('/teams/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(
        '<!doctype html><title>Emulated meeting</title><p>An emulated Teams meeting.</p>',
      );
    }
    await serveApi(req, res, { oauth, faults, requests, dialect: GRAPH_ERRORS }, (account) =>
      graphApi(req, reqUrl, account, url),
    );
  }, options.port);

  const emulator: MicrosoftEmulator = {
    ...emulatorBase({ url, client, oauth, faults, requests, server }),
    baseUrl: `${url}/`,
    endpoints: {
      authorizationUrl: `${url}/common/oauth2/v2.0/authorize`,
      tokenUrl: `${url}/common/oauth2/v2.0/token`,
    },
    seed(account, event, calendarId = 'primary') {
      checkEvent(event);
      calendars.ensure(account, calendarId);
      const id = event.id ?? newId();
      eventsOf(account).set(id, {
        calendarId,
        event: {
          showAs: 'busy',
          isCancelled: false,
          isAllDay: false,
          ...structuredClone(event),
          id,
        },
      });
      return id;
    },
    setTimeZone(account, timeZone) {
      mailboxZones.set(account, timeZone);
    },
    events: (account, calendarId = 'primary') =>
      [...eventsOf(account).values()]
        .filter((s) => s.calendarId === calendarId)
        .map((s) => structuredClone(s.event)),
    addCalendar: (account, spec) => calendars.add(account, spec),
  };
  return emulator;
}
