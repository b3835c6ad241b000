import { describe, expect, it } from 'vitest';
import type { Booking, BookingLink, HostRef } from './domain.js';
import type { BookingError } from './errors.js';
import { makeBooking } from './fixtures.js';
import type { MemoryStore } from './memory-store.js';
import type { BookingListQuery } from './schemas.js';
import type { BookingCore } from './core.js';
import { codeOf, DAY, HOUR, MIN, MON_9, world } from './test-utils.js';

/** `count` cancelled meetings of `link`, one a day from MON_9 (cancelled ones skip the slot rules). */
async function cancelledMeetings(store: MemoryStore, link: BookingLink, count: number) {
  const rows = Array.from({ length: count }, (_, i) =>
    makeBooking(link, {
      status: 'cancelled',
      start: MON_9 + i * DAY,
      end: MON_9 + i * DAY + 30 * MIN,
    }),
  );
  await store.transaction(async (tx) => {
    for (const b of rows) await tx.insertBooking(b);
  });
  return rows;
}

/** Every page of a tab, following `nextCursor`; bounded so a cursor that never ends fails the test. */
async function allPages(core: BookingCore, host: HostRef, query: BookingListQuery) {
  const pages: Booking[][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await core.listBookings(host, { ...query, cursor });
    pages.push(page.bookings);
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('more than 50 pages');
}

describe('host bookings', () => {
  it('lists the dashboard tabs', async () => {
    const { core, host, link, attendee, clock } = await world();
    await link();
    const a = (await core.book(attendee(MON_9))).booking;
    const b = (await core.book(attendee(MON_9 + HOUR))).booking;
    const c = (await core.book(attendee(MON_9 + 2 * HOUR))).booking;
    await core.cancelBookingAsHost(host, { bookingId: c.id, reason: 'Out sick' });
    expect(
      (await core.listBookings(host, { filter: 'upcoming' })).bookings.map((x) => x.id),
    ).toEqual([a.id, b.id]);
    clock.set(MON_9 + 90 * MIN);
    await core.markNoShow(host, b.id);
    expect((await core.listBookings(host, { filter: 'past' })).bookings.map((x) => x.id)).toEqual([
      a.id,
    ]);
    expect(
      (await core.listBookings(host, { filter: 'no_show' })).bookings.map((x) => x.id),
    ).toEqual([b.id]);
    expect(
      (await core.listBookings(host, { filter: 'cancelled' })).bookings.map((x) => x.id),
    ).toEqual([c.id]);
    expect(await codeOf(core.listBookings(host, { filter: 'everything' as never }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('pages a tab with an opaque cursor: stable order, no row twice, null at the end', async () => {
    const { core, host, link, store } = await world();
    const rows = await cancelledMeetings(store, await link(), 7);
    const latestFirst = rows.map((b) => b.id).reverse();
    const pages = await allPages(core, host, { filter: 'cancelled', limit: 3 });
    expect(pages.map((p) => p.map((b) => b.id))).toEqual([
      latestFirst.slice(0, 3),
      latestFirst.slice(3, 6),
      latestFirst.slice(6),
    ]);
    // A meeting added after the first page, before it in the order, shifts nothing after it.
    const first = await core.listBookings(host, { filter: 'cancelled', limit: 3 });
    const latest = rows[6] as Booking;
    await store.transaction((tx) =>
      tx.insertBooking(
        makeBooking(
          { ...latest, id: latest.linkId },
          {
            id: 'newest',
            status: 'cancelled',
            start: latest.start + DAY,
            end: latest.start + DAY + MIN,
          },
        ),
      ),
    );
    const second = await core.listBookings(host, {
      filter: 'cancelled',
      limit: 3,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.bookings.map((b) => b.id)).toEqual(latestFirst.slice(3, 6));
    // An exact fit ends with null, not with an empty extra page.
    expect(
      (await core.listBookings(host, { filter: 'cancelled', limit: 8 })).nextCursor,
    ).toBeNull();
  });

  it('pages 50 rows by default, at most 100, and refuses other sizes', async () => {
    const { core, host, link, store } = await world();
    await cancelledMeetings(store, await link(), 120);
    const byDefault = await core.listBookings(host, { filter: 'cancelled' });
    expect(byDefault.bookings).toHaveLength(50);
    expect(byDefault.nextCursor).not.toBeNull();
    expect(
      (await core.listBookings(host, { filter: 'cancelled', limit: 100 })).bookings,
    ).toHaveLength(100);
    for (const limit of [0, 101, 2.5])
      expect(await codeOf(core.listBookings(host, { filter: 'cancelled', limit }))).toBe(
        'VALIDATION_FAILED',
      );
    expect((await allPages(core, host, { filter: 'cancelled', limit: 100 })).flat()).toHaveLength(
      120,
    );
  });

  it('refuses a malformed cursor, or one from another tab, as VALIDATION_FAILED on cursor', async () => {
    const { core, host, link, store } = await world();
    await cancelledMeetings(store, await link(), 3);
    const { nextCursor } = await core.listBookings(host, { filter: 'cancelled', limit: 1 });
    for (const [filter, cursor] of [
      ['past', nextCursor],
      ['cancelled', 'not-a-cursor'],
      ['cancelled', Buffer.from('cancelled:abc:x').toString('base64url')],
    ] as const) {
      const error = (await core
        .listBookings(host, { filter, cursor: cursor ?? '' })
        .catch((e: unknown) => e)) as BookingError;
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(error.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });

  it('lists only meetings starting in [from, to) when asked (the week view)', async () => {
    const { core, host, link, store } = await world();
    const rows = await cancelledMeetings(store, await link(), 10);
    const week = await core.listBookings(host, {
      filter: 'cancelled',
      from: new Date(MON_9 + 2 * DAY).toISOString(),
      to: MON_9 + 9 * DAY,
    });
    expect(week.bookings.map((b) => b.id)).toEqual(
      rows
        .slice(2, 9)
        .map((b) => b.id)
        .reverse(),
    );
    expect(await codeOf(core.listBookings(host, { from: MON_9, to: MON_9 }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('cancels as host with a host event, but not twice and not after the meeting ended', async () => {
    const { core, host, link, attendee, clock, store } = await world();
    await link();
    const { booking } = await core.book(attendee(MON_9));
    const done = (await core.book(attendee(MON_9 + HOUR))).booking;
    const cancelled = await core.cancelBookingAsHost(host, {
      bookingId: booking.id,
      reason: 'Out sick',
    });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Out sick',
      icalSequence: 1,
    });
    expect((await core.getBooking(host, booking.id)).events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'attendee'],
      ['cancelled', 'host'],
    ]);
    expect(await store.findJobByKey(`${booking.id}:email.cancellation:1`)).not.toBeNull();
    expect(await codeOf(core.cancelBookingAsHost(host, { bookingId: booking.id }))).toBe(
      'BOOKING_CANCELLED',
    );
    clock.set(done.end);
    expect(await codeOf(core.cancelBookingAsHost(host, { bookingId: done.id }))).toBe('CONFLICT');
  });

  it('marks no-shows only after the start, once, with a no_show event', async () => {
    const { core, host, link, attendee, clock } = await world();
    await link();
    const { booking } = await core.book(attendee(MON_9));
    expect(await codeOf(core.markNoShow(host, booking.id))).toBe('CONFLICT');
    clock.set(MON_9);
    expect((await core.markNoShow(host, booking.id)).noShow).toBe(true);
    await core.markNoShow(host, booking.id);
    expect((await core.getBooking(host, booking.id)).events.map((e) => e.type)).toEqual([
      'created',
      'no_show',
    ]);
  });

  it('undoes a no-show once, with a no_show_undone event, and refuses a cancelled meeting', async () => {
    const { core, host, link, attendee, clock } = await world();
    await link();
    const { booking } = await core.book(attendee(MON_9));
    clock.set(MON_9 + MIN);
    // Not marked: nothing to undo, nothing recorded.
    expect((await core.undoNoShow(host, booking.id)).noShow).toBe(false);
    await core.markNoShow(host, booking.id);
    const undone = await core.undoNoShow(host, booking.id);
    expect(undone.noShow).toBe(false);
    expect(undone.updatedAt).toBe(MON_9 + MIN);
    await core.undoNoShow(host, booking.id);
    expect((await core.listBookings(host, { filter: 'no_show' })).bookings).toEqual([]);
    expect((await core.getBooking(host, booking.id)).events.map((e) => e.type)).toEqual([
      'created',
      'no_show',
      'no_show_undone',
    ]);

    const { booking: later } = await core.book(attendee(MON_9 + 60 * MIN));
    await core.cancelBookingAsHost(host, { bookingId: later.id });
    expect(await codeOf(core.undoNoShow(host, later.id))).toBe('BOOKING_CANCELLED');
  });

  it('never lets another host or workspace read or touch a booking: NOT_FOUND', async () => {
    const { core, host, colleague, stranger, link, attendee, clock } = await world();
    await link();
    const { booking } = await core.book(attendee(MON_9));
    clock.set(MON_9 + MIN);
    for (const other of [colleague, stranger, { workspaceId: 'ws_b', hostId: host.hostId }]) {
      expect(await codeOf(core.getBooking(other, booking.id))).toBe('NOT_FOUND');
      expect(await codeOf(core.cancelBookingAsHost(other, { bookingId: booking.id }))).toBe(
        'NOT_FOUND',
      );
      expect(await codeOf(core.markNoShow(other, booking.id))).toBe('NOT_FOUND');
      expect(await codeOf(core.undoNoShow(other, booking.id))).toBe('NOT_FOUND');
      expect((await core.listBookings(other, { filter: 'upcoming' })).bookings).toEqual([]);
    }
    expect((await core.getBooking(host, booking.id)).booking.status).toBe('confirmed');
  });
});
