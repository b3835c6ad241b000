import type { Booking, BookingEvent, EpochMs, HostRef } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError } from './errors.js';
import { ownBooking, readHostRef } from './access.js';
import { lockBookingHosts } from './booking-hosts.js';
import { jobsForCancelled, reminderKeys } from './follow-up-jobs.js';
import type { StoreTx } from './ports.js';
import { cancelInputSchema, hostCancelInputSchema } from './schemas.js';
import { bookingForToken } from './tokens.js';
import { parseInput } from './validation.js';

/** Writes a cancellation: status, SEQUENCE + 1, the event, reminder out, calendar/email jobs in. */
async function applyCancel(
  deps: Deps,
  tx: StoreTx,
  booking: Booking,
  actor: BookingEvent['actor'],
  reason: string | undefined,
  now: EpochMs,
): Promise<Booking> {
  const next: Booking = {
    ...booking,
    status: 'cancelled',
    cancelReason: reason ?? null,
    icalSequence: booking.icalSequence + 1,
    updatedAt: now,
  };
  const link = await tx.findLink(booking.workspaceId, booking.linkId);
  await tx.updateBooking(next);
  await tx.appendEvent({
    id: deps.ids.id(),
    workspaceId: next.workspaceId,
    bookingId: next.id,
    type: 'cancelled',
    actor,
    at: now,
    data: { reason: reason ?? null },
  });
  await tx.cancelJobs(reminderKeys(booking), now);
  await tx.enqueueJobs(jobsForCancelled(next, link, now), now);
  deps.logger.info({ bookingId: next.id, actor }, 'booking cancelled');
  return next;
}

/**
 * Cancels a booking (attendee, by cancel token). Works on disabled and deleted links too: the
 * meeting exists either way. Runs under the lock of the booking's hosts (co-hosts included) so it
 * cannot interleave with a reschedule.
 */
export async function cancel(deps: Deps, raw: unknown): Promise<Booking> {
  const input = parseInput(cancelInputSchema, raw);
  return lockBookingHosts(
    deps.store,
    (tx) => bookingForToken(tx, 'cancel', input.token, deps.clock.now()),
    (tx, booking) => applyCancel(deps, tx, booking, 'attendee', input.reason, deps.clock.now()),
  );
}

/**
 * Cancels a booking the host may act on (see `ownBooking`: its own, one it co-hosts, or one of a
 * link it owns), under the lock of the booking's hosts. A meeting that has ended cannot be
 * cancelled (`CONFLICT`).
 */
export async function hostCancelBooking(
  deps: Deps,
  hostRef: HostRef,
  raw: unknown,
): Promise<Booking> {
  const host = readHostRef(hostRef);
  const input = parseInput(hostCancelInputSchema, raw);
  return lockBookingHosts(
    deps.store,
    (tx) => ownBooking(tx, host, input.bookingId),
    async (tx, booking) => {
      const now = deps.clock.now();
      if (booking.status === 'cancelled') throw new BookingError('BOOKING_CANCELLED');
      if (now >= booking.end)
        throw new BookingError('CONFLICT', { message: 'This meeting has already taken place' });
      return applyCancel(deps, tx, booking, 'host', input.reason, now);
    },
  );
}
