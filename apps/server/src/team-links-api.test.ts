import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linkResponseSchema,
  linksResponseSchema,
  publicLinkResponseSchema,
} from './api-schemas.js';
import { Client, expectStatus } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

/** Invites `email` into `host`'s workspace and accepts: the new member's id. */
async function addMember(server: TestServer, host: Client, email: string, name: string) {
  const invited = await host.post('/api/host/invites', { body: { email } });
  expectStatus(invited, 201);
  const token = new URL(invited.body.url as string).pathname.replace('/invite/', '');
  const accepted = await new Client(server.url).post(`/api/auth/invites/${token}/accept`, {
    body: { name, password: 'correct horse battery', timeZone: 'UTC' },
  });
  expectStatus(accepted, 201);
  return accepted.body.host.id as string;
}

describe('links API: kind and members', () => {
  let server: TestServer;
  let ana: Client;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    ana = new Client(server.url);
    await ana.signup({ email: 'ana@example.com', name: 'Ana' });
  });
  afterAll(() => server?.close());

  it('answers a solo link with kind solo and no members', async () => {
    const created = await ana.post('/api/host/links', { body: { title: 'Solo', slug: 'solo' } });
    expectStatus(created, 201);
    expect(linkResponseSchema.parse(created.body).link).toMatchObject({
      kind: 'solo',
      members: [],
    });
  });

  // Needs the SQL store's link members (store helper S) and booking-core's team links (B1).
  it('passes kind and members through create, update and the reads', async () => {
    const beaId = await addMember(server, ana, 'bea@example.com', 'Bea');
    const anaId = (await ana.get('/api/auth/session')).body.host.id as string;
    const created = await ana.post('/api/host/links', {
      body: {
        title: 'Team',
        slug: 'team',
        kind: 'round_robin',
        members: [{ hostId: anaId }, { hostId: beaId, weight: 3 }],
      },
    });
    expectStatus(created, 201);
    const link = linkResponseSchema.parse(created.body).link;
    expect(link.kind).toBe('round_robin');
    expect(link.members).toEqual([
      { hostId: anaId, weight: 1, calendarProvider: 'none', timeZone: null, weeklyHours: null },
      { hostId: beaId, weight: 3, calendarProvider: 'none', timeZone: null, weeklyHours: null },
    ]);

    const patched = await ana.patch(`/api/host/links/${link.id}`, {
      body: { kind: 'collective', members: [{ hostId: beaId }] },
    });
    expectStatus(patched, 200);
    expect(linkResponseSchema.parse(patched.body).link).toMatchObject({
      kind: 'collective',
      members: [{ hostId: beaId, weight: 1 }],
    });
    const listed = linksResponseSchema.parse((await ana.get('/api/host/links')).body);
    expect(listed.links.find((l) => l.id === link.id)?.kind).toBe('collective');

    const view = publicLinkResponseSchema.parse(
      (await new Client(server.url).get('/api/public/links/team')).body,
    );
    expect(view.link).toMatchObject({ kind: 'collective', members: [{ name: 'Bea' }] });
  });
});
