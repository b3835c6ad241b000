import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inviteCreatedResponseSchema,
  invitesResponseSchema,
  inviteViewSchema,
  membersResponseSchema,
  sessionResponseSchema,
} from './api-schemas.js';
import { INVITE_TTL_MS } from './routes/invites.js';
import { Client, expectError, expectStatus } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const PASSWORD = 'correct horse battery';

describe.each(DIALECTS)('workspace invites and members on %s', (dialect) => {
  let server: TestServer;
  let ana: Client;
  let n = 0;
  /** A fresh email per test, so tests do not depend on each other. */
  const email = (name: string) => `${name}-${++n}@example.com`;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ana = new Client(server.url);
    await ana.signup({ email: 'ana@example.com', name: 'Ana' });
  });
  afterAll(() => server?.close());

  async function invite(host: Client, to: string): Promise<{ id: string; token: string }> {
    const res = await host.post('/api/host/invites', { body: { email: to } });
    expectStatus(res, 201);
    const body = inviteCreatedResponseSchema.parse(res.body);
    const token = new URL(body.url).pathname.replace('/invite/', '');
    return { id: body.invite.id, token };
  }

  const accept = (token: string, body: Record<string, unknown> = {}) => {
    const guest = new Client(server.url);
    return guest
      .post(`/api/auth/invites/${token}/accept`, {
        body: { name: 'Bea', password: PASSWORD, timeZone: 'Europe/Berlin', ...body },
      })
      .then((res) => ({ res, guest }));
  };

  it('creates an invite whose url is answered once and emailed through the dev outbox', async () => {
    const to = email('bea');
    const res = await ana.post('/api/host/invites', { body: { email: ` ${to.toUpperCase()} ` } });
    expectStatus(res, 201);
    const body = inviteCreatedResponseSchema.parse(res.body);
    expect(body.invite.email).toBe(to);
    expect(body.emailSent).toBe(true);
    expect(body.url).toMatch(/^http:\/\/workestra\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.invite.expiresAt) - Date.parse(body.invite.createdAt)).toBe(
      INVITE_TTL_MS,
    );

    const listed = invitesResponseSchema.parse((await ana.get('/api/host/invites')).body);
    expect(listed.invites.find((i) => i.id === body.invite.id)).toEqual(body.invite);
    expect(JSON.stringify(listed)).not.toContain(new URL(body.url).pathname.slice(8));

    const mails = await server.handle.outbox.listOutbox();
    const summary = mails.find((m) => m.to.some((t) => t.includes(to)));
    expect(summary?.subject).toContain('Ana invites you');
    const mail = await server.handle.outbox.getOutboxMessage(summary?.id ?? '');
    expect(mail?.text).toContain(body.url);

    // The public view of the invite.
    const token = new URL(body.url).pathname.replace('/invite/', '');
    const view = await new Client(server.url).get(`/api/auth/invites/${token}`);
    expectStatus(view, 200);
    expect(inviteViewSchema.parse(view.body)).toEqual({ invitedBy: 'Ana', email: to });
  });

  it('accepting creates a host in the same workspace, signed in, and lists it as a member', async () => {
    const to = email('bea');
    const { token } = await invite(ana, to);
    const { res, guest } = await accept(token);
    expectStatus(res, 201);
    const session = sessionResponseSchema.parse(res.body);
    const anaSession = sessionResponseSchema.parse((await ana.get('/api/auth/session')).body);
    expect(session.host).toMatchObject({
      email: to,
      name: 'Bea',
      timeZone: 'Europe/Berlin',
      workspaceId: anaSession.host.workspaceId,
    });
    // Signed in, and the password works for later sign-ins.
    expectStatus(await guest.get('/api/auth/session'), 200);
    expectStatus(
      await new Client(server.url).post('/api/auth/login', {
        body: { email: to, password: PASSWORD },
      }),
      200,
    );

    const members = membersResponseSchema.parse((await ana.get('/api/host/members')).body);
    expect(members.members).toContainEqual({
      id: session.host.id,
      name: 'Bea',
      email: to,
      timeZone: 'Europe/Berlin',
      calendars: [],
    });
    expect(members.members.map((m) => m.email)).toContain('ana@example.com');
    // The new member sees the same workspace.
    const theirs = membersResponseSchema.parse((await guest.get('/api/host/members')).body);
    expect(theirs.members.map((m) => m.id).sort()).toEqual(members.members.map((m) => m.id).sort());
    // Accepted: no longer pending.
    const listed = invitesResponseSchema.parse((await ana.get('/api/host/invites')).body);
    expect(listed.invites.map((i) => i.email)).not.toContain(to);
  });

  it('answers 404 INVITE_NOT_FOUND for a used, expired or unknown token, and lets one of two racing accepts win', async () => {
    const { token } = await invite(ana, email('cy'));
    const [first, second] = await Promise.all([accept(token), accept(token)]);
    expect([first.res.status, second.res.status].sort()).toEqual([201, 404]);
    expectError((await accept(token)).res, 404, 'INVITE_NOT_FOUND');
    expectError(
      await new Client(server.url).get(`/api/auth/invites/${token}`),
      404,
      'INVITE_NOT_FOUND',
    );

    const expired = await invite(ana, email('dee'));
    server.clock.set(server.clock.now() + INVITE_TTL_MS);
    try {
      expectError(
        await new Client(server.url).get(`/api/auth/invites/${expired.token}`),
        404,
        'INVITE_NOT_FOUND',
      );
      expectError((await accept(expired.token)).res, 404, 'INVITE_NOT_FOUND');
    } finally {
      server.clock.set(server.clock.now() - INVITE_TTL_MS);
    }

    for (const unknown of ['x'.repeat(43), 'not%20a%20token'])
      expectError(
        await new Client(server.url).get(`/api/auth/invites/${unknown}`),
        404,
        'INVITE_NOT_FOUND',
      );
  });

  it('answers 409 EMAIL_TAKEN when the email already has an account', async () => {
    const to = email('eve');
    const { token } = await invite(ana, to);
    await new Client(server.url).signup({ email: to });
    expectError((await accept(token)).res, 409, 'EMAIL_TAKEN');
    // Inviting an existing account is refused upfront.
    expectError(
      await ana.post('/api/host/invites', { body: { email: 'ana@example.com' } }),
      409,
      'EMAIL_TAKEN',
    );
  });

  it('validates the bodies', async () => {
    expectError(
      await ana.post('/api/host/invites', { body: { email: 'nope' } }),
      400,
      'VALIDATION_FAILED',
    );
    const { token } = await invite(ana, email('fay'));
    expectError((await accept(token, { password: 'short' })).res, 400, 'VALIDATION_FAILED');
    expectError((await accept(token, { timeZone: 'Mars/Base' })).res, 400, 'VALIDATION_FAILED');
    // A refused body does not use the invite up.
    expectStatus((await accept(token)).res, 201);
  });

  it('revokes an invite of its own workspace only; another workspace gets 404', async () => {
    const { id, token } = await invite(ana, email('gus'));
    const other = new Client(server.url);
    await other.signup({ email: email('other') });
    expectError(await other.delete(`/api/host/invites/${id}`), 404, 'INVITE_NOT_FOUND');
    expect(
      invitesResponseSchema.parse((await other.get('/api/host/invites')).body).invites,
    ).toEqual([]);
    expect(
      membersResponseSchema.parse((await other.get('/api/host/members')).body).members,
    ).toHaveLength(1);

    expectStatus(await ana.delete(`/api/host/invites/${id}`), 204);
    expectError(await ana.delete(`/api/host/invites/${id}`), 404, 'INVITE_NOT_FOUND');
    expectError((await accept(token)).res, 404, 'INVITE_NOT_FOUND');
  });

  it('needs a session (and the CSRF token for writes)', async () => {
    const anonymous = new Client(server.url);
    expectError(await anonymous.get('/api/host/invites'), 401, 'UNAUTHENTICATED');
    expectError(await anonymous.get('/api/host/members'), 401, 'UNAUTHENTICATED');
    expectError(
      await ana.post('/api/host/invites', { body: { email: email('hal') }, csrf: false }),
      403,
      'CSRF_FAILED',
    );
  });
});

describe('invite rate limits', () => {
  it('limits looking up and accepting invites like signup (429 RATE_LIMITED)', async () => {
    await using server = await startTestServer('sqlite', { AUTH_RATE_LIMIT_PER_MINUTE: '2' });
    const guesser = new Client(server.url);
    for (let i = 0; i < 2; i++)
      expectError(await guesser.get(`/api/auth/invites/guess${i}`), 404, 'INVITE_NOT_FOUND');
    expectError(await guesser.get('/api/auth/invites/guess2'), 429, 'RATE_LIMITED');
    expectError(
      await guesser.post('/api/auth/invites/guess3/accept', {
        body: { name: 'Mallory', password: PASSWORD, timeZone: 'UTC' },
      }),
      429,
      'RATE_LIMITED',
    );
  });
});
