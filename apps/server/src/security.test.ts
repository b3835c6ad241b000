import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { bookOne, Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

describe.each(DIALECTS)('host auth, CSRF and tenant isolation (%s)', (dialect) => {
  let server: TestServer;
  let ana: Client;
  let ben: Client;
  let anaLink: { id: string; slug: string };
  let anaBookingId: string;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    ({ host: ana, link: anaLink } = await signUpHost(server, {
      email: 'ana@example.com',
      link: { title: 'Ana call' },
    }));
    ben = new Client(server.url);
    await ben.signup({ email: 'ben@example.com', name: 'Ben' });
    anaBookingId = (await bookOne(server, anaLink.slug, '2026-11-03T10:00:00Z')).booking.id;
  });
  afterAll(() => server?.close());

  it('needs a session on host routes (401 UNAUTHENTICATED)', async () => {
    const anon = new Client(server.url);
    expectError(await anon.get('/api/host/links'), 401, 'UNAUTHENTICATED');
    expectError(await anon.get('/api/auth/session'), 401, 'UNAUTHENTICATED');
    const forged = new Client(server.url);
    forged.cookie = `wk_session=${'A'.repeat(43)}`;
    expectError(await forged.get('/api/host/links'), 401, 'UNAUTHENTICATED');
    forged.cookie = 'wk_session=../../etc/passwd';
    expectError(await forged.get('/api/host/links'), 401, 'UNAUTHENTICATED');
  });

  it('refuses state changes without the CSRF token (403 CSRF_FAILED), reads need none', async () => {
    expectError(
      await ana.post('/api/host/links', { body: { title: 'x' }, csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.post('/api/host/links', { body: { title: 'x' }, csrf: 'wrong' }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.post('/api/host/links', { body: { title: 'x' }, csrf: ben.csrfToken! }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.patch(`/api/host/links/${anaLink.id}`, { body: { title: 'x' }, csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.delete(`/api/host/links/${anaLink.id}`, { csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.post(`/api/host/links/${anaLink.id}/disable`, { csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.post(`/api/host/bookings/${anaBookingId}/cancel`, { csrf: false }),
      403,
      'CSRF_FAILED',
    );
    expectError(await ana.post('/api/auth/logout', { csrf: false }), 403, 'CSRF_FAILED');
    expectStatus(await ana.get('/api/host/links', { csrf: false }), 200);
    expectStatus(await ana.get('/api/auth/session', { csrf: false }), 200); // still signed in
  });

  it('refuses state changes from a foreign Origin, accepts PUBLIC_URL and its own host', async () => {
    expectError(
      await ana.post('/api/host/links', {
        body: { title: 'x' },
        headers: { origin: 'https://evil.example' },
      }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await ana.post('/api/host/links', { body: { title: 'x' }, headers: { origin: 'null' } }),
      403,
      'CSRF_FAILED',
    );
    expectError(
      await new Client(server.url).post('/api/auth/login', {
        body: { email: 'ana@example.com', password: 'correct horse battery' },
        headers: { origin: 'https://evil.example' },
      }),
      403,
      'CSRF_FAILED',
    );
    expectStatus(
      await ana.post('/api/host/links', {
        body: { title: 'From public url' },
        headers: { origin: 'http://workestra.test' },
      }),
      201,
    );
    expectStatus(
      await ana.post('/api/host/links', {
        body: { title: 'From own host' },
        headers: { origin: server.url },
      }),
      201,
    );
  });

  it("never shows or touches another host's links or bookings (404 NOT_FOUND)", async () => {
    const id = anaLink.id;
    expectError(await ben.get(`/api/host/links/${id}`), 404, 'NOT_FOUND');
    expectError(
      await ben.patch(`/api/host/links/${id}`, { body: { title: 'Mine now' } }),
      404,
      'NOT_FOUND',
    );
    expectError(await ben.post(`/api/host/links/${id}/disable`), 404, 'NOT_FOUND');
    expectError(await ben.post(`/api/host/links/${id}/enable`), 404, 'NOT_FOUND');
    expectError(await ben.delete(`/api/host/links/${id}`), 404, 'NOT_FOUND');
    expectError(await ben.get(`/api/host/bookings/${anaBookingId}`), 404, 'NOT_FOUND');
    expectError(
      await ben.post(`/api/host/bookings/${anaBookingId}/cancel`, { body: {} }),
      404,
      'NOT_FOUND',
    );
    expectError(await ben.post(`/api/host/bookings/${anaBookingId}/no-show`), 404, 'NOT_FOUND');
    expect((await ben.get('/api/host/links')).body.links).toEqual([]);
    for (const filter of ['upcoming', 'past', 'no_show', 'cancelled'])
      expect((await ben.get(`/api/host/bookings?filter=${filter}`)).body.bookings).toEqual([]);

    // Nothing changed for Ana.
    const mine = await ana.get(`/api/host/links/${id}`);
    expect(mine.body.link).toMatchObject({ title: 'Ana call', active: true });
    expect((await ana.get(`/api/host/bookings/${anaBookingId}`)).body.booking.status).toBe(
      'confirmed',
    );
  });

  it('answers security headers on the API and on pages', async () => {
    for (const path of ['/api/host/links', '/book/whatever', '/']) {
      const res = await fetch(server.url + path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-request-id')).toMatch(/.+/);
    }
  });
});

describe('rate limits', () => {
  it('limits public routes per IP (429 RATE_LIMITED with Retry-After) and login more strictly', async () => {
    await using server = await startTestServer('sqlite', {
      RATE_LIMIT_PER_MINUTE: '3',
      AUTH_RATE_LIMIT_PER_MINUTE: '2',
    });
    const visitor = new Client(server.url);
    for (let i = 0; i < 3; i++)
      expectError(await visitor.get('/api/public/links/nope'), 404, 'LINK_NOT_FOUND');
    const limited = await visitor.get('/api/public/links/nope');
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const guesser = new Client(server.url);
    for (let i = 0; i < 2; i++)
      expectError(
        await guesser.post('/api/auth/login', {
          body: { email: 'x@example.com', password: 'guess' },
        }),
        401,
        'INVALID_CREDENTIALS',
      );
    expectError(
      await guesser.post('/api/auth/login', {
        body: { email: 'x@example.com', password: 'guess' },
      }),
      429,
      'RATE_LIMITED',
    );
    expectError(
      await guesser.post('/api/auth/signup', {
        body: { email: 'x@example.com', password: 'guess-guess', name: 'X', timeZone: 'UTC' },
      }),
      429,
      'RATE_LIMITED',
    );
  });

  it.each(['1', 'true', 'loopback'])(
    'TRUST_PROXY=%s: a forged leftmost X-Forwarded-For gives no new bucket',
    async (trustProxy) => {
      await using server = await startTestServer('sqlite', {
        TRUST_PROXY: trustProxy,
        RATE_LIMIT_PER_MINUTE: '3',
        AUTH_RATE_LIMIT_PER_MINUTE: '2',
      });
      const client = new Client(server.url);
      // The proxy (this test, on loopback) appends the address it saw; the client forges the rest.
      const via = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` });
      for (let i = 0; i < 3; i++)
        expectError(
          await client.get('/api/public/links/nope', { headers: via(i) }),
          404,
          'LINK_NOT_FOUND',
        );
      expectError(
        await client.get('/api/public/links/nope', { headers: via(3) }),
        429,
        'RATE_LIMITED',
      );
      const login = (i: number) =>
        client.post('/api/auth/login', {
          body: { email: 'x@example.com', password: 'guess' },
          headers: via(10 + i),
        });
      for (let i = 0; i < 2; i++) expectError(await login(i), 401, 'INVALID_CREDENTIALS');
      expectError(await login(2), 429, 'RATE_LIMITED');
      // Another client behind the same proxy has its own bucket.
      expectError(
        await client.get('/api/public/links/nope', {
          headers: { 'x-forwarded-for': '203.0.113.8' },
        }),
        404,
        'LINK_NOT_FOUND',
      );
    },
  );

  it('parses TRUST_PROXY as false, a hop count or a list (legacy true = 1 hop)', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, uniquelocal' }).TRUST_PROXY).toEqual([
      'loopback',
      'uniquelocal',
    ]);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8,fd00::/8,192.168.1.1,10.0.0.0/255.0.0.0' }).TRUST_PROXY,
    ).toEqual(['10.0.0.0/8', 'fd00::/8', '192.168.1.1', '10.0.0.0/255.0.0.0']);
    for (const bad of ['everyone', '10.0.0.0/33', 'loopback,', '-1', '1.5'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });
});

describe('request log', () => {
  it('redacts self-service tokens however the URL is cased or percent-encoded', async () => {
    const lines: string[] = [];
    await using server = await startTestServer('sqlite', {}, { log: (line) => lines.push(line) });
    const client = new Client(server.url);
    const paths = [
      '/API/PUBLIC/TOKENS/secret-aaaa',
      '/api/public/%74okens/secret-bbbb?purpose=cancel',
      '/Api/Public/Tokens/secret-cccc/Reschedule',
      '/BOOK/CANCEL/secret-dddd',
      '/book/ReSchedule/secret-eeee',
      '/book/%63ancel/secret-ffff',
    ];
    for (const path of paths) await client.get(path);
    // The request line is written when the answer finishes, which may be after `fetch` resolves.
    await vi.waitFor(
      () => expect(lines.filter((l) => l.includes('"request"')).length).toBe(paths.length),
      { timeout: 10_000 },
    );
    const logged = lines
      .map((l) => JSON.parse(l) as { msg: string; url?: string })
      .filter((l) => l.msg === 'request');
    expect(logged.map((l) => l.url)).toEqual([
      '/API/PUBLIC/TOKENS/[redacted]',
      '/api/public/%74okens/[redacted]?purpose=cancel',
      '/Api/Public/Tokens/[redacted]/Reschedule',
      '/BOOK/CANCEL/[redacted]',
      '/book/ReSchedule/[redacted]',
      '/book/%63ancel/[redacted]',
    ]);
    expect(lines.join('\n')).not.toContain('secret-');
  });
});
