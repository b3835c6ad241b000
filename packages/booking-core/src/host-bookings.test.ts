import { describe, expect, it } from 'vitest';
import { codeOf, HOUR, MIN, MON_9, world } from './test-utils.js';

describe('host bookings', () => {
  it('lists the dashboard tabs', async () => {
    const { core, host, link, attendee, clock } = await world();
    await link();
    const a = (await core.book(attendee(MON_9))).booking;
    const b = (await core.book(attendee(MON_9 + HOUR))).booking;
    const c = (await core.book(attendee(MON_9 + 2 * HOUR))).booking;
    await core.cancelBookingAsHost(host, { bookingId: c.id, reason: 'Out sick' });
    expect((await core.listBookings(host, 'upcoming')).map((x) => x.id)).toEqual([a.id, b.id]);
    clock.set(MON_9 + 90 * MIN);
    await core.markNoShow(host, b.id);
    expect((await core.listBookings(host, 'past')).map((x) => x.id)).toEqual([a.id]);
    expect((await core.listBookings(host, 'no_show')).map((x) => x.id)).toEqual([b.id]);
    expect((await core.listBookings(host, 'cancelled')).map((x) => x.id)).toEqual([c.id]);
    expect(await codeOf(core.listBookings(host, 'everything' as never))).toBe('VALIDATION_FAILED');
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
      expect(await core.listBookings(other, 'upcoming')).toEqual([]);
    }
    expect((await core.getBooking(host, booking.id)).booking.status).toBe('confirmed');
  });
});
