import { describe, expect, it } from 'vitest';
import { codeOf, MON_9, world } from './test-utils.js';

describe('tokenBooking', () => {
  it('opens the booking with its link and host for either token, current SEQUENCE included', async () => {
    const w = await world();
    await w.link({ description: 'Thirty minutes' });
    const { booking, tokens } = await w.core.book(w.attendee(MON_9));
    for (const [token, purpose] of [
      [tokens.reschedule, 'reschedule'],
      [tokens.cancel, 'cancel'],
    ] as const) {
      const opened = await w.core.tokenBooking({ token, purpose });
      expect(opened.booking).toEqual(booking);
      expect(opened.link).toMatchObject({ title: 'Intro call', description: 'Thirty minutes' });
      expect(opened.host).toMatchObject({ name: 'Ana', email: 'ana@example.com' });
    }
    await w.core.reschedule({ token: tokens.reschedule, start: MON_9 + 3_600_000 });
    const moved = await w.core.tokenBooking({ token: tokens.reschedule, purpose: 'reschedule' });
    expect(moved.booking).toMatchObject({ icalUid: booking.icalUid, icalSequence: 1 });
  });

  it('refuses what the token pages refuse: wrong purpose, started, cancelled', async () => {
    const w = await world();
    await w.link();
    const { tokens } = await w.core.book(w.attendee(MON_9));
    expect(await codeOf(w.core.tokenBooking({ token: tokens.cancel, purpose: 'reschedule' }))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(w.core.tokenBooking({ token: 'short', purpose: 'cancel' }))).toBe(
      'TOKEN_INVALID',
    );
    w.clock.set(MON_9);
    expect(await codeOf(w.core.tokenBooking({ token: tokens.cancel, purpose: 'cancel' }))).toBe(
      'TOKEN_EXPIRED',
    );
    w.clock.set(MON_9 - 1);
    await w.core.cancel({ token: tokens.cancel });
    expect(await codeOf(w.core.tokenBooking({ token: tokens.cancel, purpose: 'cancel' }))).toBe(
      'BOOKING_CANCELLED',
    );
  });
});
