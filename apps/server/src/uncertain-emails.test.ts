import { createMemoryStore, type MessageClaim, type MessageLedger } from '@workestra/booking-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uncertainEmailsResponseSchema } from './api-schemas.js';
import { Client, expectError, expectStatus } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';
import { warnAboutUncertainEmails } from './uncertain-emails.js';

const claimOf = (
  key: string,
  owner: { workspaceId: string; hostId: string } | null,
): MessageClaim => ({
  key,
  kind: 'email.confirmation',
  recipient: 'ada@example.com',
  messageId: `<${key}@workestra.test>`,
  claimedBy: 'mailer-1',
  workspaceId: owner?.workspaceId ?? null,
  hostId: owner?.hostId ?? null,
  bookingId: owner ? `b_${key}` : null,
});

/** A message the sender recorded as undecided (the SMTP connection died after DATA). */
async function unknownMessage(
  ledger: MessageLedger,
  key: string,
  owner: { workspaceId: string; hostId: string } | null,
  at: number,
) {
  await ledger.claim(claimOf(key, owner), at);
  await ledger.markUnknown(key, 'SMTP outcome unknown: Connection closed', at);
}

describe.each(DIALECTS)('GET /api/host/uncertain-emails (%s)', (dialect) => {
  let server: TestServer;
  let host: Client;
  let me: { workspaceId: string; hostId: string };
  beforeAll(async () => {
    server = await startTestServer(dialect);
    host = new Client(server.url);
    const signup = await host.signup({ email: `uncertain-${dialect}@example.com` });
    me = { workspaceId: signup.body.host.workspaceId, hostId: signup.body.host.id };
  });
  afterAll(() => server?.close());

  it("lists the host's undecided emails, and sending ones only once their sender surely stopped", async () => {
    const { ledger } = server.handle;
    await unknownMessage(ledger, 'mine', me, Date.parse('2026-11-02T10:00:00Z'));
    await unknownMessage(ledger, 'theirs', { ...me, hostId: 'someone-else' }, 0);
    await ledger.claim(claimOf('stuck', me), 0); // claimed in 1970: its sender is long gone
    await ledger.claim(claimOf('in-flight', me), Date.now() + 3_600_000);
    await ledger.claim(claimOf('done', me), 0);
    await ledger.markSent('done', 1);

    const res = await host.get('/api/host/uncertain-emails');
    expectStatus(res, 200);
    const { emails } = uncertainEmailsResponseSchema.parse(res.body);
    expect(emails).toEqual([
      {
        bookingId: 'b_mine',
        kind: 'email.confirmation',
        recipient: 'ada@example.com',
        messageId: '<mine@workestra.test>',
        status: 'unknown',
        error: 'SMTP outcome unknown: Connection closed',
        since: '2026-11-02T10:00:00.000Z',
      },
      expect.objectContaining({ bookingId: 'b_stuck', status: 'sending', error: null }),
    ]);
  });

  it('needs a session', async () => {
    expectError(
      await new Client(server.url).get('/api/host/uncertain-emails'),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('the operator warning at start', () => {
  it('names the undecided emails by Message-ID, and says nothing when there are none', async () => {
    const store = createMemoryStore();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    expect(
      await warnAboutUncertainEmails(store, logger, { leaseMs: 1000, now: () => 10_000 }),
    ).toBe(0);
    expect(lines).toEqual([]);

    await unknownMessage(store, 'k1', null, 5_000);
    await store.claim(claimOf('stuck', null), 1_000);
    await store.claim(claimOf('recent', null), 9_500);
    expect(
      await warnAboutUncertainEmails(store, logger, { leaseMs: 1000, now: () => 10_000 }),
    ).toBe(2);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.level).toBe(40);
    expect(line.count).toBe(2);
    expect(line.emails.map((e: { messageId: string }) => e.messageId)).toEqual([
      '<k1@workestra.test>',
      '<stuck@workestra.test>',
    ]);
    expect(line.msg).toMatch(/unknown outcome/);
  });
});
