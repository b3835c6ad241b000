// The calendar OAuth flow cannot be replayed or hijacked, for each provider (emulators): a
// completed callback clears its consent cookie, and its state with that cookie again is refused,
// even with a fresh code from another consent (whose PKCE challenge is another verifier's); a
// state from another session (another host's, or the same host's after signing in again), a
// tampered or expired consent cookie are refused (OAUTH_STATE_MISMATCH); at the provider's token
// endpoint a code is refused without its PKCE verifier or with a wrong one, and works once only.
// Every refusal is a 4xx and leaves no connection stored.
import { randomBytes } from 'node:crypto';
import { createAesGcmSealer } from '@workestra/booking-core';
import type { GoogleEmulator, MicrosoftEmulator } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_TTL_MS } from './calendars/pending-consent.js';
import {
  callback,
  consentAt,
  consentCookie,
  startWithBoth,
} from './test-support/calendar-consent.js';
import { type Client, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const sealer = createAesGcmSealer(Buffer.from(SECRET_KEY, 'base64'));
const PROVIDERS = ['google', 'microsoft'] as const;
type Provider = (typeof PROVIDERS)[number];

/** The error code of a callback answer (JSON, as an API client asks). */
async function codeOf(res: Response): Promise<string> {
  expect(res.status, `callback answered ${res.status}`).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe.each(DIALECTS)('calendar OAuth state and PKCE (%s)', (dialect) => {
  let google: GoogleEmulator;
  let graph: MicrosoftEmulator;
  let server: TestServer;
  let n = 0;
  beforeAll(async () => {
    ({ google, graph, server } = await startWithBoth(dialect, SECRET_KEY));
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
    await graph?.close();
  });

  /** A new host and a started consent: its cookie, and the provider's redirect back (with a code). */
  async function started(provider: Provider, host?: Client) {
    const email = `host${++n}@example.com`;
    const me =
      host ?? (await signUpHost(server, { email, link: { title: 'L', slug: `l${n}` } })).host;
    const start = await me.post(`/api/host/calendar-connections/${provider}/start`);
    expectStatus(start, 200);
    const consent = consentCookie(start);
    const back = await consentAt(start.body.url, email);
    return { host: me, email, consent, back, url: new URL(start.body.url as string) };
  }

  const connections = async (host: Client) =>
    (await host.get('/api/host/calendar-connections')).body.connections as unknown[];

  it.each(PROVIDERS)('%s: a completed callback cannot be replayed', async (provider) => {
    const first = await started(provider);
    const done = await callback(server, first.host, first.back, first.consent);
    expect(done.status, await done.clone().text()).toBe(303);
    // The consent cookie is cleared by the callback.
    expect(
      done.headers.getSetCookie().some((l) => /^wk_calendar_consent=;/.test(l)),
      done.headers.getSetCookie().join('\n'),
    ).toBe(true);
    const stored = await connections(first.host);
    expect(stored).toHaveLength(1);

    // The same redirect again (a captured one): the code is spent at the provider.
    expect(await codeOf(await callback(server, first.host, first.back, first.consent))).toBe(
      'OAUTH_FAILED',
    );
    // The old state and cookie with a fresh code of another consent of the same host: that code's
    // PKCE challenge belongs to the other consent's verifier, so the provider refuses it.
    const second = await started(provider, first.host);
    const spliced = new URL(first.back);
    spliced.searchParams.set('code', second.back.searchParams.get('code') ?? '');
    expect(await codeOf(await callback(server, first.host, spliced, first.consent))).toBe(
      'OAUTH_FAILED',
    );
    expect(await connections(first.host)).toEqual(stored);
  });

  it.each(PROVIDERS)('%s: a state from another session is refused', async (provider) => {
    const ana = await started(provider);
    const ben = await started(provider);
    // Ben's redirect with Ana's cookie, Ana's with Ben's, Ana's redirect and cookie in Ben's session.
    for (const [host, back, consent] of [
      [ana.host, ben.back, ana.consent],
      [ana.host, ana.back, ben.consent],
      [ben.host, ana.back, ana.consent],
    ] as const)
      expect(await codeOf(await callback(server, host, back, consent))).toBe(
        'OAUTH_STATE_MISMATCH',
      );

    // The same host signed in again is another session: the consent began in the old one.
    const password = 'correct horse battery';
    expectStatus(await ana.host.post('/api/auth/logout'), 204);
    expectStatus(
      await ana.host.post('/api/auth/login', { body: { email: ana.email, password } }),
      200,
    );
    expect(await codeOf(await callback(server, ana.host, ana.back, ana.consent))).toBe(
      'OAUTH_STATE_MISMATCH',
    );
    expect(await connections(ana.host)).toEqual([]);
    expect(await connections(ben.host)).toEqual([]);
  });

  it.each(PROVIDERS)('%s: a tampered or expired consent cookie is refused', async (provider) => {
    const ana = await started(provider);
    const [name, value] = ana.consent.split('=') as [string, string];
    const flipped = `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await codeOf(await callback(server, ana.host, ana.back, flipped))).toBe(
      'OAUTH_STATE_MISMATCH',
    );
    // A cookie sealed with another key (another server's) is refused too.
    const foreign = createAesGcmSealer(randomBytes(32)).seal(
      sealer.open(decodeURIComponent(value)),
    );
    expect(
      await codeOf(
        await callback(server, ana.host, ana.back, `${name}=${encodeURIComponent(foreign)}`),
      ),
    ).toBe('OAUTH_STATE_MISMATCH');
    const now = server.clock.now();
    server.clock.set(now + CONSENT_TTL_MS + 1);
    try {
      expect(await codeOf(await callback(server, ana.host, ana.back, ana.consent))).toBe(
        'OAUTH_STATE_MISMATCH',
      );
    } finally {
      server.clock.set(now);
    }
    expect(await connections(ana.host)).toEqual([]);
  });

  it.each(PROVIDERS)(
    '%s: the provider refuses a code without its PKCE verifier, with a wrong one, and twice',
    async (provider) => {
      const emulator = provider === 'google' ? google : graph;
      const redeem = (code: string, verifier: string | null) =>
        fetch(emulator.endpoints.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: `http://workestra.test/api/host/calendar-connections/${provider}/callback`,
            client_id: emulator.client.clientId,
            client_secret: emulator.client.clientSecret,
            ...(verifier === null ? {} : { code_verifier: verifier }),
          }),
        });
      /** A fresh code and the verifier the server sealed into the consent cookie. */
      const fresh = async () => {
        const { consent, back, url } = await started(provider);
        expect(url.searchParams.get('code_challenge_method')).toBe('S256');
        const sealed = decodeURIComponent(consent.slice(consent.indexOf('=') + 1));
        const { codeVerifier } = JSON.parse(sealer.open(sealed)) as { codeVerifier: string };
        return { code: back.searchParams.get('code') ?? '', codeVerifier };
      };
      const missing = await fresh();
      expect((await redeem(missing.code, null)).status).toBe(400);
      const wrong = await fresh();
      expect((await redeem(wrong.code, randomBytes(32).toString('base64url'))).status).toBe(400);
      // A code refused once is spent: not even its verifier redeems it afterwards.
      expect((await redeem(wrong.code, wrong.codeVerifier)).status).toBe(400);
      const right = await fresh();
      expect((await redeem(right.code, right.codeVerifier)).status).toBe(200);
      expect((await redeem(right.code, right.codeVerifier)).status).toBe(400);
    },
  );
});
