import type { CalendarConnection } from '@workestra/booking-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google.js';
import {
  DAY,
  HOUR,
  accountOf,
  describeProviderSuites,
  details,
  tokensOf,
} from '../provider-suite.js';
import type { ResilienceOptions } from '../resilience.js';
import { manualTime } from '../test-utils.js';
import type { CalendarSelection } from '../types.js';
import { createGoogleCalendar } from './calendar.js';

/** An adapter on the emulator; each (workspace, host) is its own Google account. */
const adapterOn = (
  emulator: GoogleEmulator,
  resilience: ResilienceOptions,
  calendars?: CalendarSelection,
) =>
  createGoogleCalendar({
    rootUrl: emulator.rootUrl,
    resilience,
    accessToken: tokensOf(emulator),
    ...(calendars ? { calendars: async () => calendars } : {}),
  });

const iso = (ms: number) => new Date(ms).toISOString();
const at = (h: number) => ({ dateTime: iso(DAY + h * HOUR) });

describeProviderSuites('google, @googleapis/calendar', {
  provider: 'google',
  start: (options) => startGoogleEmulator(options),
  adapter: (emulator, { resilience, accessToken, calendars }) =>
    createGoogleCalendar({
      rootUrl: emulator.rootUrl,
      resilience,
      accessToken,
      ...(calendars ? { calendars: async () => calendars } : {}),
    }),
  seedBusy: (emulator, account, start, end, calendarId) => {
    emulator.seed(
      account,
      { start: { dateTime: iso(start) }, end: { dateTime: iso(end) } },
      calendarId,
    );
  },
  seedOutOfOffice: (emulator, account, start, end) => {
    emulator.seed(account, {
      summary: 'Away',
      eventType: 'outOfOffice',
      start: { dateTime: iso(start) },
      end: { dateTime: iso(end) },
    });
  },
  storedTitles: (emulator, account, calendarId) =>
    emulator.events(account, calendarId).map((e) => e.summary ?? ''),
  storedKeys: (emulator, account) =>
    emulator.events(account).map((e) => e.extendedProperties?.private?.workestraKey ?? ''),
  storedMeetings: (emulator, account) =>
    emulator.events(account).map((e) => typeof e.hangoutLink === 'string'),
});

const WS = 'ws_1';
const ANA: CalendarConnection = { hostId: 'ana', provider: 'google' };
const ANA_ACCOUNT = accountOf(WS, ANA);
describe('Google adapter', () => {
  let emulator: GoogleEmulator;
  let time: ReturnType<typeof manualTime>;
  beforeEach(async () => {
    emulator = await startGoogleEmulator({ pageSize: 2 });
    time = manualTime();
  });
  afterEach(async () => {
    await emulator.close();
  });
  const busyOf = (google: ReturnType<typeof adapterOn>, from = DAY, to = DAY + 24 * HOUR) =>
    google.busyDetails({ workspaceId: WS, connection: ANA, from, to });

  it('lists every page of calendars: the primary as `primary` with the account email, write access by role', async () => {
    emulator.setTimeZone(ANA_ACCOUNT, 'Europe/Berlin');
    emulator.addCalendar(ANA_ACCOUNT, { id: 'team@group.calendar.google.com', name: 'Team' });
    emulator.addCalendar(ANA_ACCOUNT, {
      id: 'holidays@group.v.calendar.google.com',
      name: 'Holidays',
      canWrite: false,
    });
    emulator.addCalendar(ANA_ACCOUNT, { id: 'shared@example.com', name: 'Shared' });
    const google = adapterOn(emulator, time.options);
    expect(await google.listCalendars({ workspaceId: WS, connection: ANA })).toEqual({
      accountEmail: ANA_ACCOUNT,
      calendars: [
        {
          id: 'primary',
          name: ANA_ACCOUNT,
          primary: true,
          canWrite: true,
          timeZone: 'Europe/Berlin',
        },
        {
          id: 'team@group.calendar.google.com',
          name: 'Team',
          primary: false,
          canWrite: true,
          timeZone: 'UTC',
        },
        {
          id: 'holidays@group.v.calendar.google.com',
          name: 'Holidays',
          primary: false,
          canWrite: false,
          timeZone: 'UTC',
        },
        {
          id: 'shared@example.com',
          name: 'Shared',
          primary: false,
          canWrite: true,
          timeZone: 'UTC',
        },
      ],
    });
    // Four calendars at two a page: two requests, the second with the first's page token.
    expect(
      emulator.requests.filter((r) => r.path === '/calendar/v3/users/me/calendarList'),
    ).toEqual([
      { method: 'GET', path: '/calendar/v3/users/me/calendarList', status: 200 },
      { method: 'GET', path: '/calendar/v3/users/me/calendarList', status: 200 },
    ]);

    // The emulator checks the request as Google does: a token, a valid page size and page token.
    const listUrl = `${emulator.rootUrl}calendar/v3/users/me/calendarList`;
    expect((await fetch(listUrl)).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${emulator.issueToken(ANA_ACCOUNT)}` } };
    expect((await fetch(`${listUrl}?maxResults=251`, auth)).status).toBe(400);
    expect((await fetch(`${listUrl}?pageToken=forged`, auth)).status).toBe(400);

    // A calendar the account can only read refuses writes: the adapter fails, never retries.
    const readOnly = adapterOn(emulator, time.options, {
      check: ['primary'],
      write: 'holidays@group.v.calendar.google.com',
    });
    await expect(
      readOnly.createEvent({
        workspaceId: WS,
        connection: ANA,
        key: 'ro@test',
        event: details('ro@test', DAY + 9 * HOUR, false),
      }),
    ).rejects.toMatchObject({ code: 'CALENDAR_REJECTED', status: 403 });
    expect(emulator.events(ANA_ACCOUNT, 'holidays@group.v.calendar.google.com')).toEqual([]);
  });

  it('applies the busy rules per event state', async () => {
    const self = (responseStatus: string) => [{ email: ANA_ACCOUNT, self: true, responseStatus }];
    emulator.setTimeZone(ANA_ACCOUNT, 'Europe/Berlin');
    emulator.seed(ANA_ACCOUNT, {
      summary: 'declined',
      start: at(1),
      end: at(2),
      attendees: self('declined'),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'cancelled',
      status: 'cancelled',
      start: at(2),
      end: at(3),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'free',
      transparency: 'transparent',
      start: at(3),
      end: at(4),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'office',
      eventType: 'workingLocation',
      transparency: 'transparent',
      start: at(4),
      end: at(5),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'tentative',
      status: 'tentative',
      start: at(5),
      end: at(6),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'maybe',
      start: at(6),
      end: at(7),
      attendees: self('tentative'),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'unanswered',
      start: at(7),
      end: at(8),
      attendees: self('needsAction'),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'away',
      eventType: 'outOfOffice',
      start: at(8),
      end: at(10),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'all-day free',
      transparency: 'transparent',
      start: { date: '2026-11-03' },
      end: { date: '2026-11-04' },
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'all-day',
      start: { date: '2026-11-04' },
      end: { date: '2026-11-05' },
    });
    const google = adapterOn(emulator, time.options);
    const intervals = await busyOf(google, DAY, DAY + 4 * 24 * HOUR);
    expect(intervals).toEqual([
      { start: DAY + 5 * HOUR, end: DAY + 6 * HOUR, kind: 'busy' },
      { start: DAY + 6 * HOUR, end: DAY + 7 * HOUR, kind: 'busy' },
      { start: DAY + 7 * HOUR, end: DAY + 8 * HOUR, kind: 'busy' },
      { start: DAY + 8 * HOUR, end: DAY + 10 * HOUR, kind: 'out_of_office' },
      // An all-day event covers the day in the calendar's zone (Berlin is UTC+1 in November).
      {
        start: Date.parse('2026-11-03T23:00:00Z'),
        end: Date.parse('2026-11-04T23:00:00Z'),
        kind: 'busy',
      },
    ]);
    // `busy` (the booking-core port) answers the same intervals, kinds included.
    expect(
      await google.busy({
        workspaceId: WS,
        connection: ANA,
        from: DAY + 8 * HOUR,
        to: DAY + 9 * HOUR,
      }),
    ).toEqual([{ start: DAY + 8 * HOUR, end: DAY + 9 * HOUR, kind: 'out_of_office' }]);
  });

  it('creates the event with the attendee, the title, the description and a Meet link', async () => {
    const google = adapterOn(emulator, time.options);
    const created = await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      event: details('m@test', DAY + 9 * HOUR, true),
    });
    const [stored] = emulator.events(ANA_ACCOUNT);
    expect(stored).toMatchObject({
      id: created.eventId,
      summary: 'Intro call',
      description: 'Booked through Workestra',
      attendees: [{ email: 'ada@example.com', displayName: 'Ada Lovelace' }],
      hangoutLink: created.meetingUrl,
    });
    expect(created.meetingUrl).toMatch(/\/meet\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    // Asked again (a retry), the same meeting is kept.
    const again = await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      event: details('m@test', DAY + 9 * HOUR, true),
    });
    expect(again).toEqual(created);
    // Without conferencing the meeting goes away.
    const plain = await google.updateEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      eventId: created.eventId,
      event: details('m@test', DAY + 9 * HOUR),
    });
    expect(plain.meetingUrl).toBeNull();
  });

  it('makes no second event when an insert answer is lost: the retry meets 409 and updates', async () => {
    emulator.faults.push({ status: 503, afterApply: true });
    const google = adapterOn(emulator, time.options);
    const created = await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'l@test',
      event: details('l@test', DAY + HOUR),
    });
    expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 503',
      'POST 409',
      'PATCH 200',
    ]);
    expect(emulator.events(ANA_ACCOUNT).map((e) => e.id)).toEqual([created.eventId]);
  });
});
