import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectError, expectStatus } from './test-support/client.js';
import { LEGACY_HASH } from './test-support/passwords.js';
import { startTestServer, type TestServer } from './test-support/server.js';

const PASSWORD = 'correct horse battery';

describe('sign-in throttling per account', () => {
  let server: TestServer;
  beforeAll(async () => {
    // TRUST_PROXY=1: each request names its client address in X-Forwarded-For.
    server = await startTestServer('sqlite', { LOGIN_FAILURES_PER_ACCOUNT: '3', TRUST_PROXY: '1' });
    await new Client(server.url).signup({ email: 'ana@example.com', password: PASSWORD });
  });
  afterAll(() => server?.close());

  const login = (email: string, password: string, ip: string) =>
    new Client(server.url).post('/api/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': ip },
    });

  it('refuses an account with 429 and Retry-After after failures from many addresses', async () => {
    // Ana signs in from home first: that address stays exempt.
    expectStatus(await login('ana@example.com', PASSWORD, '198.51.100.7'), 200);
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
      expectError(await login('ana@example.com', 'guess', ip), 401, 'INVALID_CREDENTIALS');

    const blocked = await login(' ANA@example.com ', 'guess', '203.0.113.4');
    expectError(blocked, 429, 'RATE_LIMITED');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The right password is refused the same way: a blocked account answers no guesses.
    expectError(await login('ana@example.com', PASSWORD, '203.0.113.5'), 429, 'RATE_LIMITED');
    // Ana, from an address she signed in from, is not locked out by a stranger's failures.
    expectStatus(await login('ana@example.com', PASSWORD, '198.51.100.7'), 200);
    // Another account is unaffected.
    expectError(await login('bo@example.com', 'guess', '203.0.113.4'), 401, 'INVALID_CREDENTIALS');
  });

  it('treats an email without an account exactly like one with an account', async () => {
    const answers = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      answers.push(await login('nobody@example.com', 'guess', ip));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
    const blocked = answers[3]!;
    expectError(blocked, 429, 'RATE_LIMITED');
    expect(blocked.body.error.message).toBe(
      (await login('ana@example.com', 'guess', '203.0.113.9')).body.error.message,
    );
  });
});

describe('password hash upgrade at sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  const storedHash = async (email: string) =>
    (await server.handle.auth.findCredentialsByEmail(email))?.passwordHash;

  it('re-hashes a legacy hash with the current parameters after a successful sign-in', async () => {
    const ana = new Client(server.url);
    const { body } = await ana.signup({ email: 'legacy@example.com', password: 'something else' });
    // The account as an older release stored it.
    expect(await server.handle.auth.updatePasswordHash(body.host.id, LEGACY_HASH, Date.now())).toBe(
      true,
    );

    // A wrong password changes nothing.
    const wrong = await new Client(server.url).post('/api/auth/login', {
      body: { email: 'legacy@example.com', password: 'not it' },
    });
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    expect(await storedHash('legacy@example.com')).toBe(LEGACY_HASH);

    const first = await new Client(server.url).post('/api/auth/login', {
      body: { email: 'legacy@example.com', password: PASSWORD },
    });
    expectStatus(first, 200);
    const upgraded = await storedHash('legacy@example.com');
    // The test server's hasher (cheap parameters); in production OWASP's, see password.test.ts.
    expect(upgraded).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);

    const again = await new Client(server.url).post('/api/auth/login', {
      body: { email: 'legacy@example.com', password: PASSWORD },
    });
    expectStatus(again, 200);
    // Current hashes are left alone.
    expect(await storedHash('legacy@example.com')).toBe(upgraded);
  });
});
