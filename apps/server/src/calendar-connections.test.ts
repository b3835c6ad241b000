import { randomBytes } from 'node:crypto';
import { createAesGcmSealer } from '@workestra/booking-core';
import { type GoogleEmulator, startMicrosoftEmulator } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consentAt,
  consentCookie,
  callback,
  connectCalendar,
  startWithGoogle,
} from './test-support/calendar-consent.js';
import { Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const sealer = createAesGcmSealer(Buffer.from(SECRET_KEY, 'base64'));

/** The status of a refresh-token grant at the emulator's token endpoint. */
async function refreshAt(google: GoogleEmulator, refreshToken: string): Promise<number> {
  const res = await fetch(`${google.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: google.client.clientId,
      client_secret: google.client.clientSecret,
    }),
  });
  return res.status;
}

describe('calendar connections (Google emulator)', () => {
  let google: GoogleEmulator;
  let server: TestServer;
  beforeAll(async () => {
    ({ google, server } = await startWithGoogle('sqlite', SECRET_KEY));
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  it('connects through the consent screen, stores sealed tokens, lists, chooses calendars, disconnects', async () => {
    const { host } = await signUpHost(server, { email: 'ana@example.com' });
    const empty = await host.get('/api/host/calendar-connections');
    expectStatus(empty, 200);
    expect(empty.body).toEqual({ connections: [], providers: ['google'] });

    const started = await host.post('/api/host/calendar-connections/google/start');
    expectStatus(started, 200);
    const consentUrl = new URL(started.body.url);
    expect(consentUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(
      'http://workestra.test/api/host/calendar-connections/google/callback',
    );
    const back = await consentAt(started.body.url, 'ana@example.com');
    const done = await callback(server, host, back, consentCookie(started));
    expect(done.status, await done.clone().text()).toBe(303);
    expect(done.headers.get('location')).toBe('/settings/calendars?connected=google');

    const listed = await host.get('/api/host/calendar-connections');
    expect(listed.body.connections).toEqual([
      {
        provider: 'google',
        accountEmail: 'ana@example.com', // read from the calendar list at the callback
        calendarsToCheck: ['primary'],
        writeCalendar: 'primary',
        state: 'working',
        stateSince: expect.any(String),
        lastError: null,
        createdAt: expect.any(String),
      },
    ]);
    expect(listed.text).not.toMatch(/token/i);
    const me = (await host.get('/api/auth/session')).body.host;
    const row = await server.handle.calendarConnections.findConnection({
      workspaceId: me.workspaceId,
      hostId: me.id,
      provider: 'google',
    });
    // Sealed with the server's key (AES-GCM), never stored as the provider issued them.
    expect(row?.accessTokenSealed).toMatch(/^v1\./);
    expect(row?.refreshTokenSealed).toMatch(/^v1\./);

    google.addCalendar('ana@example.com', { id: 'team@example.com', name: 'Team' });
    const chosen = await host.request('PUT', '/api/host/calendar-connections/google/calendars', {
      body: {
        calendarsToCheck: ['primary', 'team@example.com', 'primary'],
        writeCalendar: 'team@example.com',
      },
    });
    expectStatus(chosen, 200);
    expect(chosen.body).toMatchObject({
      calendarsToCheck: ['primary', 'team@example.com'],
      writeCalendar: 'team@example.com',
    });

    // The sealed refresh token is the one the emulator issued; disconnecting revokes it.
    const refreshToken = sealer.open(row?.refreshTokenSealed ?? '');
    expect(await refreshAt(google, refreshToken)).toBe(200);
    expectStatus(await host.delete('/api/host/calendar-connections/google'), 204);
    expect(await refreshAt(google, refreshToken)).toBe(400);
    expect((await host.get('/api/host/calendar-connections')).body.connections).toEqual([]);
    expectError(
      await host.delete('/api/host/calendar-connections/google'),
      404,
      'CALENDAR_NOT_CONNECTED',
    );
  });

  it('refuses a callback from another session, a forged state, a declined consent and a replayed code', async () => {
    const { host } = await signUpHost(server, {
      email: 'ben@example.com',
      link: { title: 'B', slug: 'ben' },
    });
    const started = await host.post('/api/host/calendar-connections/google/start');
    const consent = consentCookie(started);
    const back = await consentAt(started.body.url, 'ben@example.com');

    // Another host's session with this consent cookie: the state is bound to the session it began in.
    const { host: other } = await signUpHost(server, {
      email: 'eve@example.com',
      link: { title: 'E', slug: 'eve' },
    });
    const stolen = await callback(server, other, back, consent);
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { error: { code: string } }).error.code).toBe(
      'OAUTH_STATE_MISMATCH',
    );

    const forged = new URL(back);
    forged.searchParams.set('state', 'forged');
    expect((await callback(server, host, forged, consent)).status).toBe(400);
    // Without the consent cookie (another browser, or it expired) nothing is stored either.
    expect((await callback(server, host, back, '')).status).toBe(400);

    const declined = new URL(back);
    declined.searchParams.delete('code');
    declined.searchParams.set('error', 'access_denied');
    const no = await callback(server, host, declined, consent);
    expect(((await no.json()) as { error: { code: string } }).error.code).toBe('OAUTH_DENIED');
    // A browser (the provider's redirect is a navigation) lands on the Calendars page instead.
    const page = await callback(server, host, declined, consent, 'text/html,*/*;q=0.8');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(
      '/settings/calendars?provider=google&error=OAUTH_DENIED',
    );

    expect((await callback(server, host, back, consent)).status).toBe(303);
    const replay = await callback(server, host, back, consent);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('OAUTH_FAILED');
    expect(replay.status).toBe(400);
    expect((await other.get('/api/host/calendar-connections')).body.connections).toEqual([]);
  });

  it('answers 404 for a provider without a configured client, and needs a session and the CSRF token', async () => {
    const { host } = await signUpHost(server, {
      email: 'cy@example.com',
      link: { title: 'C', slug: 'cy' },
    });
    expectError(
      await host.post('/api/host/calendar-connections/microsoft/start'),
      404,
      'CALENDAR_PROVIDER_NOT_CONFIGURED',
    );
    expectError(await host.post('/api/host/calendar-connections/yahoo/start'), 404, 'NOT_FOUND');
    expectError(
      await host.post('/api/host/calendar-connections/google/start', { csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await new Client(server.url).get('/api/host/calendar-connections'),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await host.request('PUT', '/api/host/calendar-connections/google/calendars', {
        body: { calendarsToCheck: [], writeCalendar: 'primary' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('calendar connections (Microsoft emulator)', () => {
  it('connects a Microsoft 365 calendar through the identity platform’s consent screen', async () => {
    const graph = await startMicrosoftEmulator();
    try {
      await using server = await startTestServer('sqlite', {
        MICROSOFT_CLIENT_ID: graph.client.clientId,
        MICROSOFT_CLIENT_SECRET: graph.client.clientSecret,
        MICROSOFT_BASE_URL: graph.url,
        SECRET_KEY,
      });
      const { host } = await signUpHost(server, { email: 'dee@example.com' });
      expect((await host.get('/api/host/calendar-connections')).body.providers).toEqual([
        'microsoft',
      ]);
      await connectCalendar(server, host, 'microsoft', 'dee@example.com');
      const me = (await host.get('/api/auth/session')).body.host;
      const row = await server.handle.calendarConnections.findConnection({
        workspaceId: me.workspaceId,
        hostId: me.id,
        provider: 'microsoft',
      });
      expect(row).toMatchObject({
        state: 'working',
        calendarsToCheck: ['primary'],
        accountEmail: 'dee@example.com', // the default calendar's owner
      });
      // The sealed access token is one the emulated Graph accepts for the consenting account.
      const token = sealer.open(row?.accessTokenSealed ?? '');
      const me2 = await fetch(
        `${graph.url}/v1.0/me/calendar/calendarView?startDateTime=2026-11-02T00:00:00Z&endDateTime=2026-11-03T00:00:00Z`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(me2.status).toBe(200);

      // Two reads at once with an expired token share one refresh: the emulator, like Microsoft,
      // rotates refresh tokens, so a second refresh with the old one would be refused.
      expectStatus(
        await host.post('/api/host/links', {
          body: { title: 'Dee', slug: 'dee', calendarProvider: 'microsoft' },
        }),
        201,
      );
      const key = { workspaceId: me.workspaceId, hostId: me.id, provider: 'microsoft' } as const;
      await server.handle.calendarConnections.updateTokens(
        key,
        { accessTokenSealed: row?.accessTokenSealed ?? '', tokenExpiresAt: server.clock.now() - 1 },
        server.clock.now(),
      );
      const reads = await Promise.all(
        ['2026-11-04', '2026-11-05'].map((day) =>
          new Client(server.url).get(
            `/api/public/links/dee/slots?from=${day}T00:00:00Z&to=${day}T23:00:00Z&timeZone=UTC`,
          ),
        ),
      );
      for (const read of reads) expectStatus(read, 200);
      const after = await server.handle.calendarConnections.findConnection(key);
      expect(after?.state).toBe('working');
      expect(after?.refreshTokenSealed).not.toBe(row?.refreshTokenSealed); // rotated, and kept

      expectStatus(await host.delete('/api/host/calendar-connections/microsoft'), 204);
    } finally {
      await graph.close();
    }
  });
});
