import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookResponseSchema,
  bookingDetailsResponseSchema,
  hostBookingsResponseSchema,
  linkResponseSchema,
  linksResponseSchema,
  publicLinkResponseSchema,
  rescheduleResponseSchema,
  sessionResponseSchema,
  slotsResponseSchema,
  tokenViewSchema,
} from './api-schemas.js';
import { Client, expectError, expectStatus } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const FROM = '2026-11-02T12:00:00.000Z';
const TO = '2026-11-09T12:00:00.000Z';
const attendee = { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'Europe/London' };

describe.each(DIALECTS)('booking flow over HTTP (%s)', (dialect) => {
  let server: TestServer;
  let ana: Client;
  let visitor: Client;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    ana = new Client(server.url);
    visitor = new Client(server.url);
  });
  afterAll(() => server?.close());

  // State carried through the steps, in order.
  let linkId = '';
  let slots: string[] = [];
  let rescheduleToken = '';
  let cancelToken = '';
  let firstBookingId = '';

  it('signs a host up, reports the session, logs in again', async () => {
    const signup = await ana.signup({
      email: 'Ana@Example.com',
      name: 'Ana Host',
      timeZone: 'UTC',
    });
    const session = sessionResponseSchema.parse(signup.body);
    expect(session.host.email).toBe('ana@example.com');
    expect(session.host.workspaceId).toMatch(/^ws_/);
    const cookie = ana.lastSetCookie.join('\n');
    expect(cookie).toMatch(/wk_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);

    const me = await ana.get('/api/auth/session');
    expectStatus(me, 200);
    expect(me.body.host.id).toBe(session.host.id);
    expect(me.body.csrfToken).toBe(session.csrfToken);

    expectError(
      await new Client(server.url).post('/api/auth/signup', {
        body: { email: 'ANA@example.com ', password: 'whatever-long', name: 'X', timeZone: 'UTC' },
      }),
      409,
      'EMAIL_TAKEN',
    );
    expectError(
      await new Client(server.url).post('/api/auth/login', {
        body: { email: 'ana@example.com', password: 'wrong password' },
      }),
      401,
      'INVALID_CREDENTIALS',
    );
    expectError(
      await new Client(server.url).post('/api/auth/login', {
        body: { email: 'nobody@example.com', password: 'wrong password' },
      }),
      401,
      'INVALID_CREDENTIALS',
    );
    const again = new Client(server.url);
    const login = await again.post('/api/auth/login', {
      body: { email: 'ANA@example.com', password: 'correct horse battery' },
    });
    expectStatus(login, 200);
    expect(login.body.host.id).toBe(session.host.id);
    expect(again.csrfToken).not.toBe(ana.csrfToken); // a new session, a new token
  });

  it('creates a link with defaults and lists it', async () => {
    const created = await ana.post('/api/host/links', {
      body: {
        title: 'Intro call',
        weeklyHours: {
          monday: [{ start: '09:00', end: '17:00' }],
          tuesday: [{ start: '09:00', end: '17:00' }],
        },
      },
    });
    expectStatus(created, 201);
    const { link } = linkResponseSchema.parse(created.body);
    expect(link).toMatchObject({
      slug: 'intro-call',
      durationMinutes: 30,
      timeZone: 'UTC',
      active: true,
      maxDaysAhead: 30,
      calendarProvider: 'none',
      description: null,
      defaultDealCurrency: null,
      publicUrl: 'http://workestra.test/book/intro-call',
      createdAt: '2026-11-02T12:00:00.000Z',
    });
    linkId = link.id;

    const list = await ana.get('/api/host/links');
    expect(linksResponseSchema.parse(list.body).links.map((l) => l.id)).toEqual([linkId]);
    expectStatus(await ana.get(`/api/host/links/${linkId}`), 200);

    const patched = await ana.patch(`/api/host/links/${linkId}`, {
      body: { description: 'Let us talk', bufferAfterMinutes: 0 },
    });
    expectStatus(patched, 200);
    expect(patched.body.link.description).toBe('Let us talk');
    const priced = await ana.patch(`/api/host/links/${linkId}`, {
      body: { autoCreateDeal: true, defaultDealValueMinor: 5_000, defaultDealCurrency: 'JPY' },
    });
    expectStatus(priced, 200);
    expect(linkResponseSchema.parse(priced.body).link).toMatchObject({
      defaultDealValueMinor: 5_000,
      defaultDealCurrency: 'JPY',
    });
    const lowercase = await ana.patch(`/api/host/links/${linkId}`, {
      body: { defaultDealCurrency: 'jpy' },
    });
    expectError(lowercase, 400, 'VALIDATION_FAILED');
    expect(lowercase.body.error.details).toEqual([
      { path: 'defaultDealCurrency', message: expect.any(String) },
    ]);
    expect((await ana.get(`/api/host/links/${linkId}`)).body.link.defaultDealCurrency).toBe('JPY');
    const unpriced = await ana.patch(`/api/host/links/${linkId}`, {
      body: { autoCreateDeal: false, defaultDealValueMinor: null, defaultDealCurrency: null },
    });
    expect(linkResponseSchema.parse(unpriced.body).link.defaultDealCurrency).toBeNull();
    expectError(
      await ana.post('/api/host/links', { body: { title: 'Other', slug: 'intro-call' } }),
      409,
      'SLUG_TAKEN',
    );
  });

  it('shows the public page and slots in the attendee zone', async () => {
    const page = await visitor.get('/api/public/links/intro-call');
    expectStatus(page, 200);
    expect(publicLinkResponseSchema.parse(page.body).link).toEqual({
      slug: 'intro-call',
      title: 'Intro call',
      description: 'Let us talk',
      durationMinutes: 30,
      hostName: 'Ana Host',
      hostTimeZone: 'UTC',
      maxDaysAhead: 30,
      minNoticeHours: 0,
      kind: 'solo',
      members: [],
      formFields: [],
    });

    const res = await visitor.get(
      `/api/public/links/intro-call/slots?from=${FROM}&to=${TO}&timeZone=Asia/Tokyo`,
    );
    expectStatus(res, 200);
    const body = slotsResponseSchema.parse(res.body);
    expect(body.timeZone).toBe('Asia/Tokyo');
    // Monday 12:00-17:00 UTC is Monday 21:00 - Tuesday 02:00 in Tokyo; next Monday 09:00-12:00 UTC too.
    expect(body.days.map((d) => d.date)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-09',
    ]);
    slots = body.days.flatMap((d) => d.slots.map((s) => s.start));
    expect(slots[0]).toBe('2026-11-02T12:00:00.000Z');
    expect(slots).toHaveLength(10 + 16 + 6);
  });

  it('books a slot (201) and refuses the same slot again (409 SLOT_TAKEN)', async () => {
    const start = slots[2];
    const res = await visitor.post('/api/public/links/intro-call/bookings', {
      body: { start, ...attendee },
    });
    expectStatus(res, 201);
    const body = bookResponseSchema.parse(res.body);
    expect(body.booking).toMatchObject({
      status: 'confirmed',
      start,
      end: '2026-11-02T13:30:00.000Z',
      hostName: 'Ana Host',
      hostTimeZone: 'UTC',
      linkTitle: 'Intro call',
      linkSlug: 'intro-call',
      attendeeTimeZone: 'Europe/London',
    });
    expect(body.rescheduleUrl).toBe(
      `http://workestra.test/book/reschedule/${body.rescheduleToken}`,
    );
    expect(body.cancelUrl).toBe(`http://workestra.test/book/cancel/${body.cancelToken}`);
    rescheduleToken = body.rescheduleToken;
    cancelToken = body.cancelToken;
    firstBookingId = body.booking.id;

    expectError(
      await visitor.post('/api/public/links/intro-call/bookings', {
        body: { start, ...attendee, email: 'bob@example.com' },
      }),
      409,
      'SLOT_TAKEN',
    );
    expectError(
      await visitor.post('/api/public/links/intro-call/bookings', {
        body: { start: '2026-11-02T12:10:00Z', ...attendee },
      }),
      409,
      'SLOT_UNAVAILABLE',
    );
    expectError(
      await visitor.post('/api/public/links/intro-call/bookings', {
        body: { start: '2026-11-07T10:00:00Z', ...attendee },
      }),
      409,
      'SLOT_UNAVAILABLE',
    );

    const after = await visitor.get(
      `/api/public/links/intro-call/slots?from=${FROM}&to=${TO}&timeZone=UTC`,
    );
    const offered = after.body.days.flatMap((d: { slots: { start: string }[] }) =>
      d.slots.map((x) => x.start),
    );
    expect(offered).not.toContain(slots[2]);
    expect(offered).toHaveLength(slots.length - 1);
  });

  it('shows the token pages and reschedules by token', async () => {
    const view = await visitor.get(
      `/api/public/tokens/${rescheduleToken}?purpose=reschedule&timeZone=Europe/London`,
    );
    expectStatus(view, 200);
    const parsed = tokenViewSchema.parse(view.body);
    expect(parsed).toMatchObject({
      purpose: 'reschedule',
      hostName: 'Ana Host',
      linkActive: true,
      timeZone: 'Europe/London',
      link: { title: 'Intro call', slug: 'intro-call', durationMinutes: 30 },
    });
    expect(parsed.booking.start).toBe(slots[2]);
    // Its own time is not busy for itself.
    expect(parsed.slots?.flatMap((d) => d.slots.map((x) => x.start))).toContain(slots[2]);
    const cancelView = await visitor.get(`/api/public/tokens/${cancelToken}?purpose=cancel`);
    expectStatus(cancelView, 200);
    expect(cancelView.body.slots).toBeNull();
    expectError(
      await visitor.get(`/api/public/tokens/${cancelToken}?purpose=reschedule`),
      404,
      'TOKEN_INVALID',
    );

    const moved = await visitor.post(`/api/public/tokens/${rescheduleToken}/reschedule`, {
      body: { start: slots[4] },
    });
    expectStatus(moved, 200);
    const rotated = rescheduleResponseSchema.parse(moved.body);
    expect(rotated.booking).toMatchObject({
      id: firstBookingId,
      start: slots[4],
      status: 'confirmed',
    });
    // The server seals tokens into the emails, so a reschedule rotates both: the links in earlier
    // emails say the meeting moved and offer the booking page, the answer carries the new ones.
    if (!rotated.rescheduleToken || !rotated.cancelToken) throw new Error('tokens not rotated');
    expect(rotated.rescheduleUrl).toBe(
      `http://workestra.test/book/reschedule/${rotated.rescheduleToken}`,
    );
    const movedAnswer = {
      error: {
        code: 'BOOKING_MOVED',
        message: 'This meeting was moved. Use the link in your latest email.',
        details: { slug: 'intro-call' },
      },
    };
    for (const [old, purpose] of [
      [rescheduleToken, 'reschedule'],
      [cancelToken, 'cancel'],
    ] as const) {
      const stale = await visitor.get(`/api/public/tokens/${old}?purpose=${purpose}`);
      expectStatus(stale, 410);
      expect(stale.body).toEqual(movedAnswer);
    }
    const staleMove = await visitor.post(`/api/public/tokens/${rescheduleToken}/reschedule`, {
      body: { start: slots[5] },
    });
    expectStatus(staleMove, 410);
    expect(staleMove.body).toEqual(movedAnswer);
    const staleCancel = await visitor.post(`/api/public/tokens/${cancelToken}/cancel`, {
      body: {},
    });
    expectStatus(staleCancel, 410);
    expect(staleCancel.body).toEqual(movedAnswer);
    rescheduleToken = rotated.rescheduleToken;
    cancelToken = rotated.cancelToken;

    // Moving to the time it already has is refused, with a sentence a person can act on.
    const same = await visitor.post(`/api/public/tokens/${rescheduleToken}/reschedule`, {
      body: { start: slots[4] },
    });
    expectError(same, 409, 'SAME_TIME');
    expect(same.body.error.message).toBe("That is already the meeting's time. Pick another time.");

    // The old time is free again; someone else takes it, and then nobody can move onto it.
    const other = await visitor.post('/api/public/links/intro-call/bookings', {
      body: { start: slots[2], ...attendee, email: 'bob@example.com' },
    });
    expectStatus(other, 201);
    expectError(
      await visitor.post(`/api/public/tokens/${rescheduleToken}/reschedule`, {
        body: { start: slots[2] },
      }),
      409,
      'SLOT_TAKEN',
    );
  });

  it('cancels by token; the token then answers 410 BOOKING_CANCELLED', async () => {
    const res = await visitor.post(`/api/public/tokens/${cancelToken}/cancel`, {
      body: { reason: 'Something came up' },
    });
    expectStatus(res, 200);
    expect(res.body.booking).toMatchObject({ id: firstBookingId, status: 'cancelled' });
    expectError(
      await visitor.get(`/api/public/tokens/${cancelToken}?purpose=cancel`),
      410,
      'BOOKING_CANCELLED',
    );
    expectError(
      await visitor.post(`/api/public/tokens/${rescheduleToken}/reschedule`, {
        body: { start: slots[5] },
      }),
      410,
      'BOOKING_CANCELLED',
    );
  });

  it('lists host bookings per tab with their history', async () => {
    const upcoming = await ana.get('/api/host/bookings');
    expectStatus(upcoming, 200);
    const list = hostBookingsResponseSchema.parse(upcoming.body).bookings;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      attendeeEmail: 'bob@example.com',
      linkTitle: 'Intro call',
      linkSlug: 'intro-call',
      noShow: false,
      status: 'confirmed',
    });

    const cancelled = await ana.get('/api/host/bookings?filter=cancelled');
    expect(cancelled.body.bookings.map((b: { id: string }) => b.id)).toEqual([firstBookingId]);
    expect(cancelled.body.bookings[0].cancelReason).toBe('Something came up');

    const details = await ana.get(`/api/host/bookings/${firstBookingId}`);
    expectStatus(details, 200);
    const parsed = bookingDetailsResponseSchema.parse(details.body);
    expect(parsed.events.map((e) => e.type)).toEqual(['created', 'rescheduled', 'cancelled']);
    expect(parsed.events[1]?.data).toMatchObject({ previousStart: slots[2], start: slots[4] });
    expectError(await ana.get('/api/host/bookings?filter=someday'), 400, 'VALIDATION_FAILED');
  });

  it('cancels as host and marks no-shows only after the start', async () => {
    const bob = (await ana.get('/api/host/bookings')).body.bookings[0];
    const cancelled = await ana.post(`/api/host/bookings/${bob.id}/cancel`, {
      body: { reason: 'Out sick' },
    });
    expectStatus(cancelled, 200);
    expect(cancelled.body.booking).toMatchObject({ status: 'cancelled', cancelReason: 'Out sick' });
    expectError(
      await ana.post(`/api/host/bookings/${bob.id}/cancel`, { body: {} }),
      410,
      'BOOKING_CANCELLED',
    );

    const booked = await visitor.post('/api/public/links/intro-call/bookings', {
      body: { start: slots[6], ...attendee, email: 'carol@example.com' },
    });
    expectStatus(booked, 201);
    const id = booked.body.booking.id as string;
    expectError(await ana.post(`/api/host/bookings/${id}/no-show`), 409, 'CONFLICT');
    // Time passes (the injected clock): the meeting is over.
    server.clock.set(Date.parse(booked.body.booking.end));
    const marked = await ana.post(`/api/host/bookings/${id}/no-show`);
    expectStatus(marked, 200);
    expect(marked.body.booking.noShow).toBe(true);
    expect(
      (await ana.get('/api/host/bookings?filter=no_show')).body.bookings.map(
        (b: { id: string }) => b.id,
      ),
    ).toEqual([id]);
    expect((await ana.get('/api/host/bookings')).body.bookings).toEqual([]);
  });

  let keptBookingId = '';
  it('disables a link: 410 on the page and for bookings, meetings untouched; re-enables it as it was', async () => {
    const booked = await visitor.post('/api/public/links/intro-call/bookings', {
      body: { start: slots[8], ...attendee, email: 'dan@example.com' },
    });
    expectStatus(booked, 201);
    keptBookingId = booked.body.booking.id;
    const before = (await ana.get(`/api/host/links/${linkId}`)).body.link;

    const disabled = await ana.post(`/api/host/links/${linkId}/disable`);
    expectStatus(disabled, 200);
    expect(disabled.body.link.active).toBe(false);
    const page = await visitor.get('/api/public/links/intro-call');
    expectError(page, 410, 'LINK_INACTIVE');
    expect(page.body.error.message).toBe('This link is no longer active');
    expectError(
      await visitor.get(`/api/public/links/intro-call/slots?from=${FROM}&to=${TO}&timeZone=UTC`),
      410,
      'LINK_INACTIVE',
    );
    expectError(
      await visitor.post('/api/public/links/intro-call/bookings', {
        body: { start: slots[9], ...attendee },
      }),
      410,
      'LINK_INACTIVE',
    );
    expect(
      (await ana.get('/api/host/bookings')).body.bookings.map(
        (b: { id: string; status: string }) => [b.id, b.status],
      ),
    ).toEqual([[keptBookingId, 'confirmed']]);
    expectError(
      await visitor.post('/api/public/links/intro-call/bookings', {
        body: { start: slots[9], ...attendee },
      }),
      410,
      'LINK_INACTIVE',
    );

    const enabled = await ana.post(`/api/host/links/${linkId}/enable`);
    expectStatus(enabled, 200);
    const { updatedAt: _a, ...was } = before;
    const { updatedAt: _b, ...now } = enabled.body.link;
    expect(now).toEqual(was);
    expectStatus(await visitor.get('/api/public/links/intro-call'), 200);
  });

  it('deletes a link: 404 everywhere, meetings kept, slug reusable', async () => {
    expectStatus(await ana.delete(`/api/host/links/${linkId}`), 204);
    expectError(await visitor.get('/api/public/links/intro-call'), 404, 'LINK_NOT_FOUND');
    expectError(await ana.get(`/api/host/links/${linkId}`), 404, 'NOT_FOUND');
    expectError(await ana.delete(`/api/host/links/${linkId}`), 404, 'NOT_FOUND');
    expect((await ana.get('/api/host/links')).body.links).toEqual([]);

    const kept = (await ana.get('/api/host/bookings')).body.bookings;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      id: keptBookingId,
      linkId,
      linkTitle: 'Intro call',
      linkSlug: null,
      linkDeleted: true,
      status: 'confirmed',
    });

    const reused = await ana.post('/api/host/links', {
      body: { title: 'Intro call, again', slug: 'intro-call' },
    });
    expectStatus(reused, 201);
    expect(reused.body.link.slug).toBe('intro-call');
    expect(reused.body.link.id).not.toBe(linkId);
    expectStatus(await visitor.get('/api/public/links/intro-call'), 200);
  });

  it('logs out: 204, cookie cleared, session gone', async () => {
    const out = await ana.post('/api/auth/logout');
    expectStatus(out, 204);
    expect(ana.lastSetCookie.join('')).toMatch(/wk_session=;/);
    expect(ana.cookie).toBeUndefined();
    expectError(await ana.get('/api/auth/session'), 401, 'UNAUTHENTICATED');
    expectError(await ana.get('/api/host/links'), 401, 'UNAUTHENTICATED');
  });
});
