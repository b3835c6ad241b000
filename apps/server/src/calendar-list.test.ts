// The calendars of a connected account through the server: the list (GET), the checked choice
// (PUT), the account email read at the callback, provider failures as stable codes, and one read
// of the connection row per provider call.
import { randomBytes } from 'node:crypto';
import { createAesGcmSealer } from '@workestra/booking-core';
import {
  type GoogleEmulator,
  type MicrosoftEmulator,
  startMicrosoftEmulator,
} from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calendarListResponseSchema } from './api-schemas.js';
import { connectCalendar, startWithGoogle } from './test-support/calendar-consent.js';
import { Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const sealer = createAesGcmSealer(Buffer.from(SECRET_KEY, 'base64'));
const LIST = '/api/host/calendar-connections/google/calendars';

describe('calendar lists (Google emulator)', () => {
  let google: GoogleEmulator;
  let server: TestServer;
  beforeAll(async () => {
    ({ google, server } = await startWithGoogle('sqlite', SECRET_KEY));
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  const connectionOf = async (host: Client) =>
    (await host.get('/api/host/calendar-connections')).body.connections[0];

  it('lists the account’s calendars and checks the choice against them', async () => {
    const { host } = await signUpHost(server, {
      email: 'ana@example.com',
      link: { title: 'ana', slug: 'ana' },
    });
    expectError(await host.get(LIST), 404, 'CALENDAR_NOT_CONNECTED');
    expectError(await new Client(server.url).get(LIST), 401, 'UNAUTHENTICATED');

    google.setTimeZone('ana@example.com', 'Europe/Berlin');
    google.addCalendar('ana@example.com', { id: 'team@group.calendar.google.com', name: 'Team' });
    google.addCalendar('ana@example.com', { id: 'holidays', name: 'Holidays', canWrite: false });
    await connectCalendar(server, host, 'google', 'ana@example.com');
    const listed = await host.get(LIST);
    expectStatus(listed, 200);
    expect(calendarListResponseSchema.parse(listed.body)).toEqual({
      accountEmail: 'ana@example.com',
      calendars: [
        {
          id: 'primary',
          name: 'ana@example.com',
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
        { id: 'holidays', name: 'Holidays', primary: false, canWrite: false, timeZone: 'UTC' },
      ],
    });

    const put = (calendarsToCheck: string[], writeCalendar: string) =>
      host.request('PUT', LIST, { body: { calendarsToCheck, writeCalendar } });
    const unknown = await put(['primary', 'nope@example.com'], 'primary');
    expectError(unknown, 400, 'UNKNOWN_CALENDAR');
    expect(unknown.body.error.details).toEqual({ calendarIds: ['nope@example.com'] });
    expectError(await put(['primary'], 'elsewhere'), 400, 'UNKNOWN_CALENDAR');
    const readOnly = await put(['primary', 'holidays'], 'holidays');
    expectError(readOnly, 400, 'CALENDAR_NOT_WRITABLE');
    expect(readOnly.body.error.details).toEqual({ calendarIds: ['holidays'] });
    // Nothing was stored by the refused choices.
    expect(await connectionOf(host)).toMatchObject({
      calendarsToCheck: ['primary'],
      writeCalendar: 'primary',
    });
    const chosen = await put(['primary', 'holidays'], 'team@group.calendar.google.com');
    expectStatus(chosen, 200);
    expect(chosen.body).toMatchObject({
      calendarsToCheck: ['primary', 'holidays'],
      writeCalendar: 'team@group.calendar.google.com',
    });
  });

  it('answers provider failures with stable codes, marks the connection, and stores an unchecked choice when the list cannot be read', async () => {
    const { host } = await signUpHost(server, {
      email: 'ben@example.com',
      link: { title: 'ben', slug: 'ben' },
    });
    await connectCalendar(server, host, 'google', 'ben@example.com');

    // Google fails every attempt: 503, the connection is failing; a choice is kept unchecked.
    google.faults.push(...Array.from({ length: 4 }, () => ({ status: 503 })));
    expectError(await host.get(LIST), 503, 'CALENDAR_UNAVAILABLE');
    expect(await connectionOf(host)).toMatchObject({ state: 'failing' });
    google.faults.push(...Array.from({ length: 4 }, () => ({ status: 503 })));
    const unchecked = await host.request('PUT', LIST, {
      body: { calendarsToCheck: ['primary', 'not-checked'], writeCalendar: 'primary' },
    });
    expectStatus(unchecked, 200);
    expect(unchecked.body.calendarsToCheck).toEqual(['primary', 'not-checked']);

    // The next read works again and marks it working.
    expectStatus(await host.get(LIST), 200);
    expect(await connectionOf(host)).toMatchObject({ state: 'working', lastError: null });

    // A refused request (400 from Google) is a 409, never a 500.
    google.faults.push({ status: 400 });
    expectError(await host.get(LIST), 409, 'CALENDAR_REJECTED');

    // The grant is gone: the stored token is refused and so is the refresh.
    const me = (await host.get('/api/auth/session')).body.host;
    const key = { workspaceId: me.workspaceId, hostId: me.id, provider: 'google' } as const;
    const row = await server.handle.calendarConnections.findConnection(key);
    const token = sealer.open(row?.accessTokenSealed ?? '');
    google.expireToken(token);
    await fetch(`${google.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: sealer.open(row?.refreshTokenSealed ?? ''),
      }),
    });
    expectError(await host.get(LIST), 409, 'CALENDAR_AUTH_EXPIRED');
    expect(await connectionOf(host)).toMatchObject({ state: 'needs_reconsent' });
  });

  it('stores the connection without an email when the list cannot be read at the callback', async () => {
    const { host } = await signUpHost(server, {
      email: 'cy@example.com',
      link: { title: 'cy', slug: 'cy' },
    });
    google.faults.push({ status: 400 });
    await connectCalendar(server, host, 'google', 'cy@example.com');
    expect(await connectionOf(host)).toMatchObject({
      provider: 'google',
      accountEmail: null,
      state: 'working',
    });
  });

  it('reads the connection row once per provider call (a busy read that misses the cache)', async () => {
    const { host } = await signUpHost(server, {
      email: 'dee@example.com',
      link: { title: 'Dee', slug: 'dee', calendarProvider: 'google' },
    });
    await connectCalendar(server, host, 'google', 'dee@example.com');
    const reads = vi.spyOn(server.handle.calendarConnections, 'findConnection');
    try {
      const slots = await new Client(server.url).get(
        '/api/public/links/dee/slots?from=2026-11-04T00:00:00Z&to=2026-11-05T00:00:00Z&timeZone=UTC',
      );
      expectStatus(slots, 200);
      expect(google.requests.at(-1)).toMatchObject({ method: 'GET', status: 200 });
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });
});

describe('calendar lists (Microsoft emulator)', () => {
  let graph: MicrosoftEmulator;
  let server: TestServer;
  beforeAll(async () => {
    graph = await startMicrosoftEmulator({ pageSize: 1 });
    server = await startTestServer('sqlite', {
      MICROSOFT_CLIENT_ID: graph.client.clientId,
      MICROSOFT_CLIENT_SECRET: graph.client.clientSecret,
      MICROSOFT_BASE_URL: graph.url,
      SECRET_KEY,
    });
  });
  afterAll(async () => {
    await server?.close();
    await graph?.close();
  });

  it('lists every page of the mailbox’s calendars, the default as `primary`', async () => {
    const { host } = await signUpHost(server, {
      email: 'eve@example.com',
      link: { title: 'eve', slug: 'eve' },
    });
    graph.addCalendar('eve@example.com', { id: 'AAMkAGteam=', name: 'Team' });
    graph.addCalendar('eve@example.com', {
      id: 'AAMkAGbirthdays=',
      name: 'Birthdays',
      canWrite: false,
    });
    await connectCalendar(server, host, 'microsoft', 'eve@example.com');
    const listed = await host.get('/api/host/calendar-connections/microsoft/calendars');
    expectStatus(listed, 200);
    expect(listed.body).toEqual({
      accountEmail: 'eve@example.com',
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
    expectError(
      await host.request('PUT', '/api/host/calendar-connections/microsoft/calendars', {
        body: { calendarsToCheck: ['primary'], writeCalendar: 'AAMkAGbirthdays=' },
      }),
      400,
      'CALENDAR_NOT_WRITABLE',
    );
  });
});
