import type { CalendarConnection } from '@workestra/booking-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft.js';
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
import { createMicrosoftCalendar } from './calendar.js';
import { KEY_PROPERTY_ID } from './mapping.js';

const keyOf = (e: { singleValueExtendedProperties?: { id: string; value: string }[] }) =>
  e.singleValueExtendedProperties?.find((p) => p.id === KEY_PROPERTY_ID)?.value ?? '';

/** A Graph time of an instant, written in UTC. */
const utc = (ms: number) => ({
  dateTime: new Date(ms).toISOString().slice(0, 19),
  timeZone: 'UTC',
});

describeProviderSuites('microsoft, @microsoft/microsoft-graph-client', {
  provider: 'microsoft',
  start: (options) => startMicrosoftEmulator(options),
  adapter: (emulator, { resilience, accessToken, calendars }) =>
    createMicrosoftCalendar({
      baseUrl: emulator.baseUrl,
      resilience,
      accessToken,
      ...(calendars ? { calendars: async () => calendars } : {}),
    }),
  seedBusy: (emulator, account, start, end, calendarId) => {
    emulator.seed(account, { start: utc(start), end: utc(end) }, calendarId);
  },
  seedOutOfOffice: (emulator, account, start, end) => {
    emulator.seed(account, { subject: 'Away', showAs: 'oof', start: utc(start), end: utc(end) });
  },
  storedTitles: (emulator, account, calendarId) =>
    emulator.events(account, calendarId).map((e) => e.subject ?? ''),
  storedKeys: (emulator, account) => emulator.events(account).map(keyOf),
  storedMeetings: (emulator, account) =>
    emulator.events(account).map((e) => typeof e.onlineMeeting?.joinUrl === 'string'),
});

/** An adapter on the emulator; each (workspace, host) is its own Microsoft account. */
const adapterOn = (
  emulator: MicrosoftEmulator,
  resilience: ResilienceOptions,
  calendars?: CalendarSelection,
) =>
  createMicrosoftCalendar({
    baseUrl: emulator.baseUrl,
    resilience,
    accessToken: tokensOf(emulator),
    ...(calendars ? { calendars: async () => calendars } : {}),
  });

const WS = 'ws_1';
const ANA: CalendarConnection = { hostId: 'ana', provider: 'microsoft' };
const ANA_ACCOUNT = accountOf(WS, ANA);
const at = (h: number) => utc(DAY + h * HOUR);

describe('Microsoft adapter', () => {
  let emulator: MicrosoftEmulator;
  let time: ReturnType<typeof manualTime>;
  beforeEach(async () => {
    emulator = await startMicrosoftEmulator({ pageSize: 2 });
    time = manualTime();
  });
  afterEach(async () => {
    await emulator.close();
  });
  const busyOf = (adapter: ReturnType<typeof adapterOn>, from = DAY, to = DAY + 24 * HOUR) =>
    adapter.busyDetails({ workspaceId: WS, connection: ANA, from, to });

  it('lists every page of calendars: the default as `primary` with its owner as the account email', async () => {
    emulator.addCalendar(ANA_ACCOUNT, { id: 'AAMkAGteam=', name: 'Team' });
    emulator.addCalendar(ANA_ACCOUNT, {
      id: 'AAMkAGbirthdays=',
      name: 'Birthdays',
      canWrite: false,
    });
    const outlook = adapterOn(emulator, time.options);
    expect(await outlook.listCalendars({ workspaceId: WS, connection: ANA })).toEqual({
      accountEmail: ANA_ACCOUNT,
      calendars: [
        { id: 'primary', name: 'Calendar', primary: true, canWrite: true, timeZone: null },
        { id: 'AAMkAGteam=', name: 'Team', primary: false, canWrite: true, timeZone: null },
        {
          id: 'AAMkAGbirthdays=',
          name: 'Birthdays',
          primary: false,
          canWrite: false,
          timeZone: null,
        },
      ],
    });
    // Three calendars at two a page: the second page through @odata.nextLink.
    expect(emulator.requests.filter((r) => r.path === '/v1.0/me/calendars')).toHaveLength(2);

    // The emulator checks the request as Graph does: a token, $top, $skiptoken and $select.
    const listUrl = `${emulator.baseUrl}v1.0/me/calendars`;
    expect((await fetch(listUrl)).status).toBe(401);
    const auth = { headers: { authorization: `Bearer ${emulator.issueToken(ANA_ACCOUNT)}` } };
    expect((await fetch(`${listUrl}?$top=0`, auth)).status).toBe(400);
    expect((await fetch(`${listUrl}?$skiptoken=forged`, auth)).status).toBe(400);
    expect((await fetch(`${listUrl}?$select=id,colour`, auth)).status).toBe(400);
    // The default calendar's own id addresses it, as in Graph.
    const [first] = ((await (await fetch(listUrl, auth)).json()) as { value: { id: string }[] })
      .value;
    const view = await fetch(
      `${emulator.baseUrl}v1.0/me/calendars/${first?.id ?? ''}/calendarView?startDateTime=2026-11-02T00:00:00Z&endDateTime=2026-11-03T00:00:00Z`,
      auth,
    );
    expect(view.status).toBe(200);

    // A calendar the account cannot edit refuses writes: the adapter fails, never retries.
    const readOnly = adapterOn(emulator, time.options, {
      check: ['primary'],
      write: 'AAMkAGbirthdays=',
    });
    await expect(
      readOnly.createEvent({
        workspaceId: WS,
        connection: ANA,
        key: 'ro@test',
        event: details('ro@test', DAY + 9 * HOUR, false),
      }),
    ).rejects.toMatchObject({ code: 'CALENDAR_REJECTED', status: 403 });
    expect(emulator.events(ANA_ACCOUNT, 'AAMkAGbirthdays=')).toEqual([]);
  });

  it('applies the busy rules per event state', async () => {
    const seed = (e: Parameters<MicrosoftEmulator['seed']>[1]) => emulator.seed(ANA_ACCOUNT, e);
    seed({
      subject: 'declined',
      start: at(1),
      end: at(2),
      responseStatus: { response: 'declined' },
    });
    seed({ subject: 'cancelled', start: at(2), end: at(3), isCancelled: true });
    seed({ subject: 'free', start: at(3), end: at(4), showAs: 'free' });
    seed({ subject: 'elsewhere', start: at(4), end: at(5), showAs: 'workingElsewhere' });
    seed({ subject: 'tentative', start: at(5), end: at(6), showAs: 'tentative' });
    seed({
      subject: 'unanswered',
      start: at(6),
      end: at(7),
      responseStatus: { response: 'notResponded' },
    });
    seed({ subject: 'unknown', start: at(7), end: at(8), showAs: 'unknown' });
    seed({ subject: 'away', start: at(8), end: at(10), showAs: 'oof' });
    const day = (d: string) => ({ dateTime: `${d}T00:00:00.0000000`, timeZone: 'Europe/Berlin' });
    seed({
      subject: 'all-day free',
      isAllDay: true,
      showAs: 'free',
      start: day('2026-11-03'),
      end: day('2026-11-04'),
    });
    seed({ subject: 'all-day', isAllDay: true, start: day('2026-11-04'), end: day('2026-11-05') });
    emulator.setTimeZone(ANA_ACCOUNT, 'Europe/Berlin');
    const outlook = createMicrosoftCalendar({
      baseUrl: emulator.baseUrl,
      resilience: time.options,
      accessToken: tokensOf(emulator),
      hostTimeZone: async () => 'Europe/Berlin',
    });
    const intervals = await busyOf(outlook, DAY, DAY + 4 * 24 * HOUR);
    expect(intervals).toEqual([
      { start: DAY + 5 * HOUR, end: DAY + 6 * HOUR, kind: 'busy' },
      { start: DAY + 6 * HOUR, end: DAY + 7 * HOUR, kind: 'busy' },
      { start: DAY + 7 * HOUR, end: DAY + 8 * HOUR, kind: 'busy' },
      { start: DAY + 8 * HOUR, end: DAY + 10 * HOUR, kind: 'out_of_office' },
      // An all-day event covers its day in the host's zone (Berlin is UTC+1 in November).
      {
        start: Date.parse('2026-11-03T23:00:00Z'),
        end: Date.parse('2026-11-04T23:00:00Z'),
        kind: 'busy',
      },
    ]);
  });

  it('creates the event with the attendee, the title, the description and a Teams meeting', async () => {
    const outlook = adapterOn(emulator, time.options);
    const created = await outlook.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      event: details('m@test', DAY + 9 * HOUR, true),
    });
    const [stored] = emulator.events(ANA_ACCOUNT);
    expect(stored).toMatchObject({
      id: created.eventId,
      subject: 'Intro call',
      body: { contentType: 'text', content: 'Booked through Workestra' },
      attendees: [
        { emailAddress: { address: 'ada@example.com', name: 'Ada Lovelace' }, type: 'required' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeeting: { joinUrl: created.meetingUrl },
    });
    expect(created.meetingUrl).toMatch(/\/teams\/l\/meetup-join\//);
    const again = await outlook.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      event: details('m@test', DAY + 9 * HOUR, true),
    });
    expect(again).toEqual(created);
  });

  it('makes no second event when a POST answer is lost: the retry carries the same transactionId', async () => {
    emulator.faults.push({ status: 503, afterApply: true, method: 'POST' });
    const outlook = adapterOn(emulator, time.options);
    const created = await outlook.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'l@test',
      event: details('l@test', DAY + HOUR),
    });
    expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 503',
      'POST 201',
    ]);
    expect(emulator.events(ANA_ACCOUNT).map((e) => e.id)).toEqual([created.eventId]);
  });

  it('deletes by key when the event id was never written back', async () => {
    const outlook = adapterOn(emulator, time.options);
    await outlook.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: "o'brien@test",
      event: details("o'brien@test", DAY + HOUR),
    });
    await outlook.deleteEvent({
      workspaceId: WS,
      connection: ANA,
      key: "o'brien@test",
      eventId: null,
    });
    expect(emulator.events(ANA_ACCOUNT)).toEqual([]);
  });
});
