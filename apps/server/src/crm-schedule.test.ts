// "Schedule a call" from a deal: the host mints a sealed token bound to the workspace, the deal
// and one link; a booking made with it attaches to that deal (no second deal, the deal's meeting
// becomes the new booking, a "Booked" note). Any bad token is 400 INVALID_DEAL_TOKEN and books
// nothing. Also the workspace's CRM settings: the stage a cancelled first meeting moves its deal to.
import { randomBytes } from 'node:crypto';
import { createAesGcmSealer } from '@workestra/booking-core';
import { describe, expect, it } from 'vitest';
import { hostBookingResponseSchema } from './api-schemas.js';
import {
  crmDealResponseSchema,
  crmScheduleResponseSchema,
  crmSettingsResponseSchema,
} from './crm-schemas.js';
import { createDealTokens, DEAL_TOKEN_TTL_MS } from './deal-tokens.js';
import { Client, bookOne, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const DEAL_LINK = {
  title: 'Discovery',
  slug: 'discovery',
  autoCreateDeal: true,
  defaultDealStage: 'New leads',
};

async function drain(server: TestServer): Promise<void> {
  for (let round = 0; round < 20; round++)
    if ((await server.runtime.runner.runOnce()).claimed === 0) return;
  throw new Error('jobs kept coming');
}

/** A host with the deal link and a second link, one booking on the deal link, its jobs run. */
async function dealWorld(server: TestServer, email = 'host@example.com', prefix = '') {
  const { host, link } = await signUpHost(server, {
    email,
    link: { ...DEAL_LINK, slug: `${prefix}discovery` },
  });
  const coffee = await host.post('/api/host/links', {
    body: {
      title: 'Coffee',
      slug: `${prefix}coffee`,
      timeZone: 'UTC',
      durationMinutes: 30,
      weeklyHours: { wednesday: [{ start: '09:00', end: '17:00' }] },
    },
  });
  expectStatus(coffee, 201);
  const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;
  const first = await bookOne(server, `${prefix}discovery`, '2026-11-04T10:00:00Z', {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  });
  await drain(server);
  const { items } = await server.handle.crm.listDeals({ workspaceId, limit: 10 });
  expect(items).toHaveLength(1);
  return {
    host,
    workspaceId,
    link: link as { id: string; slug: string },
    coffee: coffee.body.link as { id: string; slug: string },
    first,
    deal: items[0]!,
  };
}

/** The `dealToken` of a schedule answer's URL (and the URL's other query values). */
function fromUrl(url: string) {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    name: parsed.searchParams.get('name'),
    email: parsed.searchParams.get('email'),
    token: parsed.searchParams.get('dealToken') ?? '',
  };
}

const book = (server: TestServer, slug: string, body: Record<string, unknown>) =>
  new Client(server.url).post(`/api/public/links/${slug}/bookings`, {
    body: { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'UTC', ...body },
  });

describe.each(DIALECTS)('Schedule a call from a deal (%s)', (dialect) => {
  it('books onto the deal: one deal, its meeting the new booking, a note, the refs set', async () => {
    await using server = await startTestServer(dialect);
    const { host, workspaceId, link, deal, first } = await dealWorld(server);

    const shown = crmDealResponseSchema.parse(
      (await host.get(`/api/host/crm/deals/${deal.id}`)).body,
    );
    expect(shown.sourceLinkId).toBe(link.id);

    const minted = await host.post(`/api/host/crm/deals/${deal.id}/schedule`, {
      body: { linkId: link.id },
    });
    expectStatus(minted, 201);
    const { url, expiresAt } = crmScheduleResponseSchema.parse(minted.body);
    expect(Date.parse(expiresAt)).toBe(server.clock.now() + DEAL_TOKEN_TTL_MS);
    const { path, name, email, token } = fromUrl(url);
    expect(url.startsWith('http://workestra.test/book/discovery?')).toBe(true);
    expect([path, name, email]).toEqual(['/book/discovery', 'Ada Lovelace', 'ada@example.com']);

    const booked = await book(server, 'discovery', {
      start: '2026-11-04T14:00:00Z',
      email: 'ADA@example.com',
      dealToken: token,
    });
    expectStatus(booked, 201);
    await drain(server);

    const deals = await server.handle.crm.listDeals({ workspaceId, limit: 10 });
    expect(deals.items.map((d) => d.id)).toEqual([deal.id]);
    const after = crmDealResponseSchema.parse(
      (await host.get(`/api/host/crm/deals/${deal.id}`)).body,
    );
    expect(after.deal.meeting).toMatchObject({
      start: '2026-11-04T14:00:00.000Z',
      status: 'scheduled',
    });
    expect(after.deal.stage).toBe('New leads');
    expect(after.notes.map((n) => n.note)).toEqual([
      'Booked "Discovery" (2026-11-04T10:00:00.000Z)',
      'Booked "Discovery" (2026-11-04T14:00:00.000Z)',
    ]);
    const seen = hostBookingResponseSchema.parse(
      (await host.get(`/api/host/bookings/${booked.body.booking.id}`)).body,
    );
    expect(seen.booking.externalRefs).toEqual({
      'crm-deal': { provider: 'workestra', id: deal.id, preset: true },
      'crm-contact': { provider: 'workestra', id: deal.contactId, preset: true },
    });

    // Cancelling the attached call never moves the stage, even with the setting on.
    expectStatus(
      await host.put('/api/host/crm/settings', { body: { cancelledFirstMeetingStage: 'Lost' } }),
      200,
    );
    expectStatus(
      await host.post(`/api/host/bookings/${booked.body.booking.id}/cancel`, { body: {} }),
      200,
    );
    await drain(server);
    const cancelled = await server.handle.crm.getDeal({ workspaceId, dealId: deal.id });
    expect(cancelled).toMatchObject({ stage: 'New leads', meeting: { status: 'cancelled' } });

    // A booking without a token makes its own deal, whatever references its body names.
    const plain = await book(server, 'discovery', {
      start: '2026-11-04T15:00:00Z',
      email: 'grace@example.com',
      externalRefs: { 'crm-deal': { provider: 'workestra', id: deal.id } },
    });
    expectStatus(plain, 201);
    await drain(server);
    expect((await server.handle.crm.listDeals({ workspaceId, limit: 10 })).items).toHaveLength(2);
    expect(first.booking.id).not.toBe(booked.body.booking.id);
  });

  it('another email on the page keeps the deal and makes that attendee a contact', async () => {
    await using server = await startTestServer(dialect);
    const { host, workspaceId, coffee, deal } = await dealWorld(server);
    const minted = await host.post(`/api/host/crm/deals/${deal.id}/schedule`, {
      body: { linkId: coffee.id },
    });
    const { token } = fromUrl(crmScheduleResponseSchema.parse(minted.body).url);
    const booked = await book(server, 'coffee', {
      start: '2026-11-04T14:00:00Z',
      email: 'grace@example.com',
      name: 'Grace Hopper',
      dealToken: token,
    });
    expectStatus(booked, 201);
    await drain(server);
    const deals = await server.handle.crm.listDeals({ workspaceId, limit: 10 });
    expect(deals.items).toHaveLength(1);
    expect(deals.items[0]?.meeting.start).toBe(Date.parse('2026-11-04T14:00:00Z'));
    const refs = hostBookingResponseSchema.parse(
      (await host.get(`/api/host/bookings/${booked.body.booking.id}`)).body,
    ).booking.externalRefs;
    expect(refs['crm-deal']?.id).toBe(deal.id);
    expect(refs['crm-contact']?.id).not.toBe(deal.contactId);
  });

  it('refuses tampered, expired, other-link, other-workspace and forged tokens with 400', async () => {
    const secret = randomBytes(32);
    await using server = await startTestServer(dialect, { SECRET_KEY: secret.toString('base64') });
    const a = await dealWorld(server, 'a@example.com', 'a-');
    const b = await dealWorld(server, 'b@example.com', 'b-');
    const mint = async (dealId: string, linkId: string, who = a.host) => {
      const minted = await who.post(`/api/host/crm/deals/${dealId}/schedule`, {
        body: { linkId },
      });
      expectStatus(minted, 201);
      return fromUrl(crmScheduleResponseSchema.parse(minted.body).url).token;
    };
    const token = await mint(a.deal.id, a.link.id);
    let hour = 9;
    const refused = async (slug: string, dealToken: string) => {
      hour += 1;
      const res = await book(server, slug, { start: `2026-11-04T${hour}:30:00Z`, dealToken });
      expectError(res, 400, 'INVALID_DEAL_TOKEN');
    };

    // Any changed character fails the seal.
    const tail = token.at(-2) === 'A' ? 'B' : 'A';
    await refused('a-discovery', `${token.slice(0, -2)}${tail}${token.at(-1)}`);
    await refused('a-discovery', 'v1.not-a-token');
    await refused('a-discovery', 'x'.repeat(1000));
    // Made for another link of the same host, or used on another workspace's link.
    await refused('a-coffee', token);
    await refused('b-discovery', token);
    // Sealed with the server's key but naming another workspace's deal (never minted so).
    const tokens = createDealTokens(createAesGcmSealer(secret));
    const forged = tokens.mint(
      { workspaceId: a.workspaceId, dealId: b.deal.id, linkId: a.link.id },
      server.clock.now(),
    );
    await refused('a-discovery', forged.token);
    const wrongWorkspace = tokens.mint(
      { workspaceId: b.workspaceId, dealId: b.deal.id, linkId: a.link.id },
      server.clock.now(),
    );
    await refused('a-discovery', wrongWorkspace.token);
    // A sealed value of another purpose.
    await refused('a-discovery', createAesGcmSealer(secret).seal('{"d":"x"}'));
    // Expired: 14 days on.
    const minted = server.clock.now();
    server.clock.set(minted + DEAL_TOKEN_TTL_MS);
    await refused('a-discovery', token);
    server.clock.set(minted); // (the host's session outlives neither)

    // Nothing was booked or attached by any of them.
    await drain(server);
    for (const w of [a, b]) {
      const deals = await server.handle.crm.listDeals({ workspaceId: w.workspaceId, limit: 10 });
      expect(deals.items).toHaveLength(1);
      expect(deals.items[0]?.meeting.start).toBe(Date.parse('2026-11-04T10:00:00Z'));
    }
    const bookings = await a.host.get('/api/host/bookings?filter=upcoming');
    expectStatus(bookings, 200);
    expect(bookings.body.bookings).toHaveLength(1);
  });

  it('mints only for a deal of the workspace and one of the host’s active links', async () => {
    await using server = await startTestServer(dialect);
    const a = await dealWorld(server, 'a@example.com', 'a-');
    const b = await dealWorld(server, 'b@example.com', 'b-');
    const schedule = (dealId: string, linkId: string) =>
      a.host.post(`/api/host/crm/deals/${dealId}/schedule`, { body: { linkId } });
    expectError(await schedule(b.deal.id, a.link.id), 404, 'CRM_DEAL_NOT_FOUND');
    expectError(await schedule('nope', a.link.id), 404, 'CRM_DEAL_NOT_FOUND');
    expectError(await schedule(a.deal.id, b.link.id), 404, 'NOT_FOUND');
    expectError(await schedule(a.deal.id, 'bad id!'), 400, 'VALIDATION_FAILED');
    expectStatus(await a.host.post(`/api/host/links/${a.coffee.id}/disable`), 200);
    expectError(await schedule(a.deal.id, a.coffee.id), 409, 'LINK_INACTIVE');
    const anonymous = new Client(server.url);
    expectError(
      await anonymous.post(`/api/host/crm/deals/${a.deal.id}/schedule`, {
        body: { linkId: a.link.id },
      }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe.each(DIALECTS)('the stage for a cancelled first meeting (%s)', (dialect) => {
  it('is a workspace setting; cancelling the booking that made a deal moves it there', async () => {
    await using server = await startTestServer(dialect);
    const { host, workspaceId, deal, first } = await dealWorld(server);
    const read = async () =>
      crmSettingsResponseSchema.parse((await host.get('/api/host/crm/settings')).body).settings;
    expect(await read()).toEqual({ cancelledFirstMeetingStage: null });
    expectError(
      await host.put('/api/host/crm/settings', { body: { cancelledFirstMeetingStage: '' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await host.put('/api/host/crm/settings', { body: {} }), 400, 'VALIDATION_FAILED');
    const saved = await host.put('/api/host/crm/settings', {
      body: { cancelledFirstMeetingStage: ' Lost ' },
    });
    expectStatus(saved, 200);
    expect(saved.body).toEqual({ settings: { cancelledFirstMeetingStage: 'Lost' } });
    expect(await read()).toEqual({ cancelledFirstMeetingStage: 'Lost' });
    const other = await signUpHost(server, {
      email: 'other@example.com',
      link: { title: 'X', slug: 'x' },
    });
    expect(
      crmSettingsResponseSchema.parse((await other.host.get('/api/host/crm/settings')).body),
    ).toEqual({ settings: { cancelledFirstMeetingStage: null } });

    expectStatus(
      await host.post(`/api/host/bookings/${first.booking.id}/cancel`, { body: {} }),
      200,
    );
    await drain(server);
    expect(await server.handle.crm.getDeal({ workspaceId, dealId: deal.id })).toMatchObject({
      stage: 'Lost',
      meeting: { status: 'cancelled' },
    });

    expectStatus(
      await host.put('/api/host/crm/settings', { body: { cancelledFirstMeetingStage: null } }),
      200,
    );
    expect(await read()).toEqual({ cancelledFirstMeetingStage: null });
    const second = await bookOne(server, 'discovery', '2026-11-04T12:00:00Z', {
      email: 'grace@example.com',
    });
    await drain(server);
    expectStatus(
      await host.post(`/api/host/bookings/${second.booking.id}/cancel`, { body: {} }),
      200,
    );
    await drain(server);
    const deals = await server.handle.crm.listDeals({ workspaceId, search: 'grace', limit: 10 });
    expect(deals.items[0]).toMatchObject({ stage: 'New leads', meeting: { status: 'cancelled' } });
  });
});
