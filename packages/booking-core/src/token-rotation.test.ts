import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isBookingError } from './errors.js';
import { createAesGcmSealer } from './sealer.js';
import { codeOf, world } from './test-utils.js';

/** Monday 2026-11-09 09:00 UTC, a week after the world's "now". */
const MON2_9 = '2026-11-09T09:00:00Z';

/** A booking on a world with a sealer, so a reschedule rotates the tokens. */
async function rotating() {
  const w = await world({ sealer: createAesGcmSealer(randomBytes(32)) });
  const link = await w.link();
  const first = await w.core.book(w.attendee(MON2_9));
  const moved = await w.core.reschedule({
    token: first.tokens.reschedule,
    start: '2026-11-09T11:00:00Z',
  });
  if (moved.tokens === null) throw new Error('a sealer must rotate the tokens');
  return { ...w, link, old: first.tokens, fresh: moved.tokens };
}

/** The error a promise rejects with (fails the test when it resolves). */
async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('superseded tokens', () => {
  it('answers BOOKING_MOVED with the booking page for every use of an old token', async () => {
    const { core, old } = await rotating();
    for (const attempt of [
      core.viewToken({ token: old.reschedule, purpose: 'reschedule' }),
      core.viewToken({ token: old.cancel, purpose: 'cancel' }),
      core.tokenBooking({ token: old.reschedule, purpose: 'reschedule' }),
      core.publicBooking({ token: old.cancel, purpose: 'cancel' }),
      core.reschedule({ token: old.reschedule, start: '2026-11-09T13:00:00Z' }),
      core.cancel({ token: old.cancel }),
    ]) {
      const error = await errorOf(attempt);
      expect(isBookingError(error, 'BOOKING_MOVED')).toBe(true);
      expect((error as { details?: unknown }).details).toEqual({ slug: 'intro-call' });
      expect((error as Error).message).toBe(
        'This meeting was moved. Use the link in your latest email.',
      );
    }
  });

  it('keeps the new tokens working, and a second move supersedes those in turn', async () => {
    const { core, old, fresh } = await rotating();
    const view = await core.viewToken({ token: fresh.reschedule, purpose: 'reschedule' });
    expect(view.booking.start).toBe(Date.parse('2026-11-09T11:00:00Z'));
    const again = await core.reschedule({ token: fresh.reschedule, start: '2026-11-09T10:00:00Z' });
    expect(await codeOf(core.cancel({ token: fresh.cancel }))).toBe('BOOKING_MOVED');
    expect(await codeOf(core.cancel({ token: old.cancel }))).toBe('BOOKING_MOVED');
    expect((await core.cancel({ token: again.tokens!.cancel })).status).toBe('cancelled');
  });

  it('offers no booking page once the link is disabled, and says cancelled after a cancel', async () => {
    const { core, host, link, old, fresh } = await rotating();
    await core.disableLink(host, link.id);
    const error = await errorOf(core.viewToken({ token: old.cancel, purpose: 'cancel' }));
    expect((error as { details?: unknown }).details).toEqual({ slug: null });
    await core.cancel({ token: fresh.cancel });
    expect(await codeOf(core.viewToken({ token: old.cancel, purpose: 'cancel' }))).toBe(
      'BOOKING_CANCELLED',
    );
  });

  it('still answers TOKEN_INVALID for a token that never existed', async () => {
    const { core } = await rotating();
    expect(await codeOf(core.viewToken({ token: 'x'.repeat(43), purpose: 'cancel' }))).toBe(
      'TOKEN_INVALID',
    );
  });
});

describe('reschedule to the current time', () => {
  it('is refused with SAME_TIME and changes nothing', async () => {
    const w = await world();
    await w.link();
    const { booking, tokens } = await w.core.book(w.attendee(MON2_9));
    const error = await errorOf(w.core.reschedule({ token: tokens.reschedule, start: MON2_9 }));
    expect(isBookingError(error, 'SAME_TIME')).toBe(true);
    expect((error as Error).message).toBe("That is already the meeting's time. Pick another time.");
    const { booking: after, events } = await w.core.getBooking(w.host, booking.id);
    expect(after.icalSequence).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['created']);
  });
});
