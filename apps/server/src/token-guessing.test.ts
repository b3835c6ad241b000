// Self-service and invite tokens cannot be guessed: each is 32 random bytes (256 bits) in base64url,
// all distinct, the database keeps no plain copy, and guessing is rate limited per IP: after
// RATE_LIMIT_PER_MINUTE wrong tokens on the public token routes (or AUTH_RATE_LIMIT_PER_MINUTE on
// the invite routes) the next answer is 429 RATE_LIMITED, even for a right token, while another
// IP still gets through.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cryptoIds } from '@workestra/booking-core';
import { describe, expect, it } from 'vitest';
import { bookOne, Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { startTestServer } from './test-support/server.js';

/** A token as the generator makes them: 32 bytes in unpadded base64url. */
function expectStrongToken(token: string): void {
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(Buffer.from(token, 'base64url')).toHaveLength(32);
}

describe('self-service tokens', () => {
  it('are 256-bit, distinct, and kept only hashed', async () => {
    for (let i = 0; i < 100; i++) expectStrongToken(cryptoIds.token());
    expect(new Set(Array.from({ length: 1000 }, () => cryptoIds.token())).size).toBe(1000);

    await using server = await startTestServer('sqlite');
    const { host } = await signUpHost(server, { email: 'ana@example.com' });
    const tokens: string[] = [];
    for (const hour of [10, 11, 13, 14, 15]) {
      const booked = await bookOne(server, 'demo', `2026-11-03T${hour}:00:00Z`, {
        email: `guest${hour}@example.com`,
      });
      tokens.push(booked.cancelToken, booked.rescheduleToken);
    }
    const invite = await host.post('/api/host/invites', { body: { email: 'bea@example.com' } });
    expectStatus(invite, 201);
    tokens.push(new URL(invite.body.url).pathname.replace('/invite/', ''));
    for (const token of tokens) expectStrongToken(token);
    expect(new Set(tokens).size).toBe(tokens.length);

    // No booking token is in the database file (nor its write-ahead log) as issued: bookings keep
    // hashes, the pending emails sealed payloads. (The invite's email went to the dev outbox at
    // once, and the outbox, like any mailbox, holds the mail with its link.)
    const dir = dirname(server.handle.dialect === 'sqlite' ? server.handle.filename : '');
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
    expect(files.join('').length).toBeGreaterThan(0);
    const inFiles = (token: string) => files.some((bytes) => bytes.includes(token));
    expect(tokens.slice(0, -1).filter(inFiles)).toEqual([]);
    expect(inFiles(tokens.at(-1) ?? ''), 'the invite mail is in the outbox').toBe(true);
  });
});

describe('guessing tokens', () => {
  it('ends in 429 RATE_LIMITED after RATE_LIMIT_PER_MINUTE wrong tokens from one IP', async () => {
    const LIMIT = 6;
    await using server = await startTestServer('sqlite', {
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      TRUST_PROXY: 'loopback',
    });
    await signUpHost(server, { email: 'ana@example.com' });
    // Booking counts in the same bucket: book from another address.
    const booked = (
      await new Client(server.url).post('/api/public/links/demo/bookings', {
        body: {
          start: '2026-11-03T10:00:00Z',
          name: 'Ada',
          email: 'a@example.com',
          timeZone: 'UTC',
        },
        headers: { 'x-forwarded-for': '198.51.100.1' },
      })
    ).body;
    expectStrongToken(booked.cancelToken);

    const guesser = new Client(server.url);
    const from = { 'x-forwarded-for': '203.0.113.9' };
    const guesses = [
      () =>
        guesser.get(`/api/public/tokens/${cryptoIds.token()}?purpose=cancel`, { headers: from }),
      () =>
        guesser.post(`/api/public/tokens/${cryptoIds.token()}/cancel`, { body: {}, headers: from }),
      () =>
        guesser.get(`/api/public/tokens/${cryptoIds.token()}/calendar.ics?purpose=cancel`, {
          headers: from,
        }),
    ];
    for (let i = 0; i < LIMIT; i++)
      expectError(await guesses[i % guesses.length]!(), 404, 'TOKEN_INVALID');
    for (const guess of guesses) {
      const limited = await guess();
      expectError(limited, 429, 'RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Even the right token is not answered to this IP now; the booking stays as it was.
    expectError(
      await guesser.get(`/api/public/tokens/${booked.cancelToken}?purpose=cancel`, {
        headers: from,
      }),
      429,
      'RATE_LIMITED',
    );
    const owner = await new Client(server.url).get(
      `/api/public/tokens/${booked.cancelToken}?purpose=cancel`,
      {
        headers: { 'x-forwarded-for': '198.51.100.2' },
      },
    );
    expectStatus(owner, 200);
    expect(owner.body.booking.start).toBe('2026-11-03T10:00:00.000Z'); // still booked
  });

  it('limits invite token guesses by AUTH_RATE_LIMIT_PER_MINUTE', async () => {
    const LIMIT = 4;
    await using server = await startTestServer('sqlite', {
      AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT),
    });
    const guesser = new Client(server.url);
    for (let i = 0; i < LIMIT; i++) {
      const res =
        i % 2 === 0
          ? await guesser.get(`/api/auth/invites/${cryptoIds.token()}`)
          : await guesser.post(`/api/auth/invites/${cryptoIds.token()}/accept`, {
              body: { name: 'Eve', password: 'correct horse battery', timeZone: 'UTC' },
            });
      expect(res.status, res.text).toBe(404);
    }
    expectError(await guesser.get(`/api/auth/invites/${cryptoIds.token()}`), 429, 'RATE_LIMITED');
  });
});
