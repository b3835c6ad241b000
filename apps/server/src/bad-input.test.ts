import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  Client,
  expectError,
  expectStatus,
  signUpHost,
} from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

/** A 4xx with the error shape, a clear message and no stack trace. */
function expectClientError(res: Answer, label: string): void {
  expect(res.status, `${label} -> ${res.status} ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(
    400,
  );
  expect(res.status, `${label} -> ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
  expect(typeof res.body?.error?.code, label).toBe('string');
  expect(res.body.error.message.length, label).toBeGreaterThan(5);
  expect(res.text, label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe.each(DIALECTS)('bad input is a 4xx with a JSON error, never a 500 (%s)', (dialect) => {
  let server: TestServer;
  let host: Client;
  let linkId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    const signedUp = await signUpHost(server);
    host = signedUp.host;
    linkId = signedUp.link.id;
  });
  afterAll(() => server?.close());

  it('maps malformed bodies to 400/413/415', async () => {
    const visitor = new Client(server.url);
    const path = '/api/public/links/demo/bookings';
    expectError(await visitor.post(path, { raw: '{"start": ' }), 400, 'VALIDATION_FAILED');
    expectError(await visitor.post(path, { raw: '[1,2,3]' }), 400, 'VALIDATION_FAILED');
    expectError(await visitor.post(path, { raw: '"just a string"' }), 400, 'VALIDATION_FAILED');
    expectError(await visitor.post(path, { raw: 'null' }), 400, 'VALIDATION_FAILED');
    expectError(
      await visitor.post(path, {
        raw: 'start=now',
        contentType: 'application/x-www-form-urlencoded',
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(
      await visitor.post(path, { raw: '{}', contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(
      await visitor.post(path, { body: { name: 'x'.repeat(40 * 1024) } }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectError(
      await host.post('/api/host/links', {
        body: { title: 'x', description: 'y'.repeat(64 * 1024) },
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const nested = '['.repeat(5000) + ']'.repeat(5000);
    expectClientError(await visitor.post(path, { raw: nested }), 'deeply nested');
    const missing = await visitor.post(path, { body: {} });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'name',
      'start',
      'timeZone',
    ]);
  });

  it('answers every unknown /api route with 404 NOT_FOUND JSON', async () => {
    const anon = new Client(server.url);
    for (const [method, path] of [
      ['GET', '/api'],
      ['GET', '/api/'],
      ['GET', '/api/nope'],
      ['PUT', '/api/public/links/demo'],
      ['DELETE', '/api/public/links/demo'],
      ['GET', '/api/public/links'],
      ['POST', '/api/public/links/demo/slots'],
      ['GET', '/api/auth/login'],
    ] as const) {
      expectError(await anon.request(method, path), 404, 'NOT_FOUND');
    }
  });

  it('treats bad ids, slugs and tokens as not found', async () => {
    const anon = new Client(server.url);
    for (const id of [
      'nope',
      '%00',
      '..%2F..%2Fetc',
      'x'.repeat(300),
      '%F0%9F%98%80',
      "1'%20OR%20'1'='1",
      '%E0%A4%A',
    ]) {
      expectClientError(await host.get(`/api/host/links/${id}`), `link ${id}`);
      expectClientError(
        await host.patch(`/api/host/links/${id}`, { body: { title: 'x' } }),
        `patch link ${id}`,
      );
      expectClientError(await host.get(`/api/host/bookings/${id}`), `booking ${id}`);
      expectClientError(
        await host.post(`/api/host/bookings/${id}/cancel`, { body: {} }),
        `cancel booking ${id}`,
      );
      expectClientError(await anon.get(`/api/public/links/${id}`), `slug ${id}`);
      expectClientError(await anon.get(`/api/public/tokens/${id}?purpose=cancel`), `token ${id}`);
      expectClientError(
        await anon.post(`/api/public/tokens/${id}/cancel`, { body: {} }),
        `cancel token ${id}`,
      );
    }
    expectError(await host.get('/api/host/links/does-not-exist'), 404, 'NOT_FOUND');
    expectError(await anon.get('/api/public/links/UPPER'), 404, 'LINK_NOT_FOUND');
    expectError(
      await anon.get(`/api/public/tokens/${'a'.repeat(600)}?purpose=cancel`),
      404,
      'TOKEN_INVALID',
    );
    expectError(await anon.get('/api/public/tokens/abc?purpose=cancel'), 404, 'TOKEN_INVALID');
    expectError(await anon.get('/api/public/tokens/abc'), 400, 'VALIDATION_FAILED');
  });

  it('refuses bad time zones, instants and ranges with 400 VALIDATION_FAILED', async () => {
    const anon = new Client(server.url);
    const slots = (q: string) => anon.get(`/api/public/links/demo/slots?${q}`);
    const ok = 'from=2026-11-02T12:00:00Z&to=2026-11-09T12:00:00Z';
    expectStatus(await slots(`${ok}&timeZone=Europe/Berlin`), 200);
    for (const q of [
      `${ok}&timeZone=Mars/Olympus`,
      `${ok}&timeZone=`,
      ok,
      `from=yesterday&to=2026-11-09T12:00:00Z&timeZone=UTC`,
      `from=2026-11-02&to=2026-11-09&timeZone=UTC`,
      `from=2026-13-45T99:00:00Z&to=2026-11-09T12:00:00Z&timeZone=UTC`,
      `from=2026-11-09T12:00:00Z&to=2026-11-02T12:00:00Z&timeZone=UTC`,
      `from=2026-11-02T12:00:00Z&to=2027-11-02T12:00:00Z&timeZone=UTC`,
      `from=2026-11-02T12:00:00Z&from=2026-11-03T12:00:00Z&to=2026-11-09T12:00:00Z&timeZone=UTC`,
      `from[a]=1&to=2026-11-09T12:00:00Z&timeZone=UTC`,
      `${ok}&timeZone=UTC%00`,
    ]) {
      const res = await slots(q);
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    const named = await slots(`${ok}&timeZone=Mars/Olympus`);
    expect(named.body.error.message).toMatch(/timeZone/);
  });

  it('refuses bad booking bodies', async () => {
    const anon = new Client(server.url);
    const base = {
      start: '2026-11-03T10:00:00Z',
      name: 'Ada',
      email: 'ada@example.com',
      timeZone: 'UTC',
    };
    for (const patch of [
      { start: 'tomorrow' },
      { start: 17 },
      { start: -1 },
      { start: 1e20 },
      { start: 8.64e15 },
      { start: '+275760-09-13T00:00:00Z' },
      { start: null },
      { start: ['2026-11-03T10:00:00Z'] },
      { email: 'not-an-email' },
      { email: 42 },
      { name: '' },
      { name: 'x'.repeat(5000) },
      { name: 'Ada\u0000' },
      { timeZone: 'Europe/Atlantis' },
      { timeZone: { $ne: null } },
    ]) {
      expectClientError(
        await anon.post('/api/public/links/demo/bookings', { body: { ...base, ...patch } }),
        JSON.stringify(patch).slice(0, 80),
      );
    }
    // Far-future starts are refused as unavailable (what the slot engine's check costs is
    // bounded and counted in the slots package's work tests, not timed here).
    for (const start of ['9999-12-31T10:00:00Z', '2100-01-04T10:00:00Z', 8.64e15]) {
      const res = await anon.post('/api/public/links/demo/bookings', { body: { ...base, start } });
      expectError(res, 409, 'SLOT_UNAVAILABLE');
    }
    expectError(
      await anon.post('/api/public/links/demo/bookings', {
        body: { ...base, start: '1970-01-01T00:00:00Z' },
      }),
      409,
      'SLOT_UNAVAILABLE',
    );
    expectError(
      await anon.post('/api/public/links/demo/bookings', { body: { ...base, start: 0 } }),
      409,
      'SLOT_UNAVAILABLE',
    );
  });

  it('refuses bad link settings and auth bodies', async () => {
    for (const body of [
      {},
      { title: '' },
      { title: 'x', durationMinutes: '30' },
      { title: 'x', durationMinutes: 0 },
      { title: 'x', durationMinutes: 481 },
      { title: 'x', slug: 'Has Spaces' },
      { title: 'x', slug: 'reschedule' },
      { title: 'x', timeZone: 'Nowhere/Land' },
      { title: 'x', weeklyHours: { mon: [] } },
      {
        title: 'x',
        weeklyHours: {
          monday: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      },
      { title: 'x', weeklyHours: { monday: [{ start: '12:00', end: '09:00' }] } },
      { title: 'x', weeklyHours: { monday: [{ start: '9am', end: '5pm' }] } },
      {
        title: 'x',
        recurringOverrides: [{ rrule: 'FREQ=NEVER', start: '2026-01-01', windows: [] }],
      },
      { title: 'x', dateOverrides: [{ date: '2026-02-30', windows: [] }] },
      { title: 'x', calendarProvider: 'outlook' },
      { title: 'x', defaultDealValueMinor: 1.5 },
      { title: 'x', defaultDealCurrency: 'eur' },
      { title: 'x', defaultDealCurrency: 'ZZZ' },
      { title: 'x\u0000' },
    ]) {
      expectClientError(
        await host.post('/api/host/links', { body }),
        `create ${JSON.stringify(body).slice(0, 80)}`,
      );
    }
    expectClientError(
      await host.patch(`/api/host/links/${linkId}`, { body: { durationMinutes: -5 } }),
      'patch duration',
    );
    expectClientError(await host.patch(`/api/host/links/${linkId}`, { raw: '[]' }), 'patch array');

    const anon = new Client(server.url);
    for (const body of [
      {},
      { email: 'x@example.com', password: 'short', name: 'X', timeZone: 'UTC' },
      { email: 'bad', password: 'long-enough', name: 'X', timeZone: 'UTC' },
      { email: 'x@example.com', password: 'long-enough', name: 'X', timeZone: 'Bad/Zone' },
      { email: 'x@example.com', password: 12345678, name: 'X', timeZone: 'UTC' },
    ]) {
      expectError(await anon.post('/api/auth/signup', { body }), 400, 'VALIDATION_FAILED');
    }
    expectError(
      await anon.post('/api/auth/login', { body: { email: 'x@example.com' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await anon.post('/api/auth/login', {
        body: { email: 'x@example.com', password: 'p'.repeat(10_000) },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
