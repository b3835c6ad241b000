import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking, BookingLink, PlainTokens, PublicSlots } from '@workestra/booking-core';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { openBookingService, type BookingService } from './booking.js';
import { DEMO_SLUG, seedDemoHost } from './seed.js';

// Monday 2026-11-02, 07:00 in Berlin: the seeded link (Mon-Fri 09:00-17:00 Berlin) opens at 08:00Z.
const NOW = Date.parse('2026-11-02T06:00:00Z');
const FIRST_SLOT = Date.parse('2026-11-02T08:00:00Z');

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

let dir: string;
let service: BookingService;
let app: Hono;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headless-node-'));
  service = await openBookingService({
    filename: join(dir, 'test.db'),
    clock: { now: () => NOW },
  });
  const host = await seedDemoHost(service.core, service.db.store);
  app = createApp(service.core, { host, logger: { error: () => {} } });
});

afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

const ada = { name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/London' };

function book(start: number | string, who: Partial<typeof ada> = {}): Promise<Response> {
  return post(`/links/${DEMO_SLUG}/bookings`, { ...ada, ...who, start });
}

describe('POST /links', () => {
  it('creates a link for the host, with defaults and a slug from the title', async () => {
    const res = await post('/links', { title: 'Demo call', durationMinutes: 45 });
    expect(res.status).toBe(201);
    const link = (await res.json()) as BookingLink;
    expect(link).toMatchObject({
      slug: 'demo-call',
      durationMinutes: 45,
      timeZone: 'Europe/Berlin',
    });

    const slots = await app.request(
      '/links/demo-call/slots?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&timeZone=UTC',
    );
    expect(slots.status).toBe(200);
  });

  it('answers 400 VALIDATION_FAILED with field paths', async () => {
    const res = await post('/links', {
      title: 'Bad',
      weeklyHours: { monday: [{ start: '9am', end: '12:00' }] },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([
      { path: 'weeklyHours.monday[0].start', message: 'must be HH:MM (24-hour)' },
    ]);
  });

  it('answers 409 SLUG_TAKEN for an explicit slug in use', async () => {
    const res = await post('/links', { title: 'Another intro', slug: DEMO_SLUG });
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe('SLUG_TAKEN');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await app.request('/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('INVALID_JSON');
  });
});

describe('GET /links/:slug/slots', () => {
  it('lists the open slots grouped by day in the attendee zone', async () => {
    const res = await app.request(
      `/links/${DEMO_SLUG}/slots?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&timeZone=Asia/Tokyo`,
    );
    expect(res.status).toBe(200);
    const { timeZone, days } = (await res.json()) as PublicSlots;
    expect(timeZone).toBe('Asia/Tokyo');
    // 09:00-17:00 Berlin (UTC+1) = 17:00 Tokyo to 01:00 Tokyo the next day.
    expect(days.map((d) => d.date)).toEqual(['2026-11-02', '2026-11-03']);
    expect(days[0]?.slots[0]).toEqual({ start: FIRST_SLOT, end: FIRST_SLOT + 30 * 60_000 });
    expect(days.flatMap((d) => d.slots)).toHaveLength(16);
  });

  it('accepts epoch milliseconds in the query', async () => {
    const res = await app.request(
      `/links/${DEMO_SLUG}/slots?from=${NOW}&to=${NOW + 86_400_000}&timeZone=UTC`,
    );
    expect(res.status).toBe(200);
  });

  it('answers 404 LINK_NOT_FOUND for an unknown slug', async () => {
    const res = await app.request(
      '/links/nobody/slots?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&timeZone=UTC',
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'LINK_NOT_FOUND', message: 'This link does not exist' },
    });
  });

  it('answers 400 when the range or zone is missing', async () => {
    const res = await app.request(`/links/${DEMO_SLUG}/slots?from=2026-11-02T00:00:00Z`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual([
      expect.objectContaining({ path: 'to' }),
      expect.objectContaining({ path: 'timeZone' }),
    ]);
  });
});

describe('POST /links/:slug/bookings', () => {
  it('books a slot (201), then refuses the same slot with 409 SLOT_TAKEN', async () => {
    const first = await book(new Date(FIRST_SLOT).toISOString());
    expect(first.status).toBe(201);
    const { booking, tokens } = (await first.json()) as { booking: Booking; tokens: PlainTokens };
    expect(booking).toMatchObject({
      status: 'confirmed',
      start: FIRST_SLOT,
      end: FIRST_SLOT + 30 * 60_000,
      attendeeEmail: 'ada@example.com',
    });
    expect(tokens.cancel).toMatch(/^[\w-]{43}$/);

    const second = await book(FIRST_SLOT, { email: 'bob@example.com' });
    expect(second.status).toBe(409);
    expect(((await second.json()) as ErrorBody).error.code).toBe('SLOT_TAKEN');
  });

  it('answers 409 SLOT_UNAVAILABLE for a time never offered', async () => {
    const res = await book('2026-11-02T07:00:00Z'); // 08:00 Berlin, before opening
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error.code).toBe('SLOT_UNAVAILABLE');
  });

  it('answers 400 for a bad email', async () => {
    const res = await book(FIRST_SLOT, { email: 'not-an-email' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  it('of 10 concurrent bookings of one slot, exactly one wins', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => book(FIRST_SLOT, { email: `p${i}@example.com` })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
    for (const res of responses.filter((r) => r.status === 409)) {
      expect(((await res.json()) as ErrorBody).error.code).toBe('SLOT_TAKEN');
    }
  });

  it('queues follow-ups that the example handlers run', async () => {
    const res = await book(FIRST_SLOT);
    const { booking } = (await res.json()) as { booking: Booking };
    const report = await service.runner.runOnce();
    // The reminder is due 24 h before the meeting, which is already past: none is queued.
    expect(report).toEqual({ claimed: 3, succeeded: 3, retried: 0, failed: 0 });
    expect(service.sent.map((s) => s.kind).sort()).toEqual([
      'crm.sync',
      'email.confirmation',
      'email.host-notice',
    ]);
    expect(service.sent.every((s) => s.bookingId === booking.id)).toBe(true);
    const to = Object.fromEntries(service.sent.map((s) => [s.kind, s.to]));
    expect(to).toEqual({
      'crm.sync': null,
      'email.confirmation': ada.email,
      'email.host-notice': 'ana@example.com',
    });
  });
  it('skips follow-ups a later change superseded: a booking cancelled before its emails went out', async () => {
    const { booking, tokens } = (await (await book(FIRST_SLOT)).json()) as {
      booking: Booking;
      tokens: PlainTokens;
    };
    expect((await post('/bookings/cancel', { token: tokens.cancel })).status).toBe(200);
    const report = await service.runner.runOnce();
    expect(report).toEqual({ claimed: 5, succeeded: 5, retried: 0, failed: 0 });
    expect(service.sent.map((s) => s.kind).sort()).toEqual([
      'crm.sync',
      'crm.sync',
      'email.cancellation',
    ]);
    expect(service.sent.every((s) => s.bookingId === booking.id)).toBe(true);
  });
});

describe('POST /bookings/cancel', () => {
  it('cancels by token, frees the slot, and refuses a second cancel', async () => {
    const { tokens } = (await (await book(FIRST_SLOT)).json()) as { tokens: PlainTokens };

    const res = await post('/bookings/cancel', { token: tokens.cancel, reason: 'Clash' });
    expect(res.status).toBe(200);
    const { booking } = (await res.json()) as { booking: Booking };
    expect(booking).toMatchObject({ status: 'cancelled', cancelReason: 'Clash' });

    expect((await book(FIRST_SLOT, { email: 'bob@example.com' })).status).toBe(201);

    const again = await post('/bookings/cancel', { token: tokens.cancel });
    expect(again.status).toBe(410);
    expect(((await again.json()) as ErrorBody).error.code).toBe('BOOKING_CANCELLED');
  });

  it('answers 404 TOKEN_INVALID for an unknown token', async () => {
    const res = await post('/bookings/cancel', { token: 'x'.repeat(43) });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('TOKEN_INVALID');
  });

  it('does not accept the reschedule token', async () => {
    const { tokens } = (await (await book(FIRST_SLOT)).json()) as { tokens: PlainTokens };
    const res = await post('/bookings/cancel', { token: tokens.reschedule });
    expect(res.status).toBe(404);
  });
});

describe('what pages show', () => {
  it('GET /bookings/:token shows the booking to its attendee, also once cancelled', async () => {
    const { booking, tokens } = (await (await book(FIRST_SLOT)).json()) as {
      booking: Booking;
      tokens: PlainTokens;
    };
    const view = await app.request(`/bookings/${tokens.cancel}`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      id: booking.id,
      status: 'confirmed',
      linkSlug: DEMO_SLUG,
      hostName: 'Ana Host',
      attendeeEmail: ada.email,
    });
    await post('/bookings/cancel', { token: tokens.cancel });
    expect(await (await app.request(`/bookings/${tokens.cancel}`)).json()).toMatchObject({
      status: 'cancelled',
    });
    expect((await app.request(`/bookings/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('GET /host/bookings pages through the host bookings with their link', async () => {
    for (const [i, start] of [FIRST_SLOT, FIRST_SLOT + 30 * 60_000].entries())
      expect((await book(start, { email: `p${i}@example.com` })).status).toBe(201);
    const first = await app.request('/host/bookings?filter=upcoming&limit=1');
    expect(first.status).toBe(200);
    const page = (await first.json()) as {
      bookings: (Booking & { link: { slug: string } })[];
      nextCursor: string;
    };
    expect(page.bookings.map((b) => [b.start, b.link.slug])).toEqual([[FIRST_SLOT, DEMO_SLUG]]);
    const next = await app.request(
      `/host/bookings?filter=upcoming&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`,
    );
    const rest = (await next.json()) as { bookings: Booking[]; nextCursor: string | null };
    expect(rest.bookings.map((b) => b.start)).toEqual([FIRST_SLOT + 30 * 60_000]);
    expect(rest.nextCursor).toBeNull();
    expect((await app.request('/host/bookings?limit=0')).status).toBe(400);
  });
});

describe('the rest of the app', () => {
  it('answers unknown routes with the same error shape', async () => {
    const res = await app.request('/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe('NOT_FOUND');
  });

  it('seeds the demo host once: a second start finds the link again', async () => {
    const again = await seedDemoHost(service.core, service.db.store);
    const links = await service.core.listLinks(again);
    expect(links.map((l) => l.slug)).toEqual([DEMO_SLUG]);
  });
});
