import type { Booking, BookingLink } from './domain.js';
import type { Deps } from './deps.js';
import { translateConflicts } from './errors.js';
import { assertBookable } from './access.js';
import { busyRange, calendarBusy } from './busy.js';
import { jobsForRescheduled, reminderKeys } from './follow-up-jobs.js';
import { blockedRange, guardSlot } from './guard.js';
import type { StoreTx } from './ports.js';
import { rescheduleInputSchema } from './schemas.js';
import { bookingForToken } from './tokens.js';
import { parseInput } from './validation.js';

/** The booking behind a reschedule token and its link, which must still be live and active. */
async function openForReschedule(
  tx: StoreTx,
  token: string,
  now: number,
): Promise<{ booking: Booking; link: BookingLink }> {
  const booking = await bookingForToken(tx, 'reschedule', token, now);
  const link = assertBookable(await tx.findLink(booking.workspaceId, booking.linkId));
  return { booking, link };
}

/**
 * Moves a booking to a new start (attendee, by reschedule token). The same race guard as `book`
 * runs under the host lock, with the booking itself left out of busy. Same iCalendar UID,
 * SEQUENCE + 1; the old reminder is cancelled and calendar/email/reminder jobs are queued.
 */
export async function reschedule(deps: Deps, raw: unknown): Promise<Booking> {
  const input = parseInput(rescheduleInputSchema, raw);
  const before = await deps.store.transaction((tx) =>
    openForReschedule(tx, input.token, deps.clock.now()),
  );
  const range = busyRange(before.link, input.start, input.start + 1);
  const external = await calendarBusy(
    deps,
    before.link,
    range.from,
    range.to,
    before.booking.icalUid,
  );

  const updated = await translateConflicts(() =>
    deps.store.withHostLock(before.booking.workspaceId, before.booking.hostId, async (tx) => {
      const now = deps.clock.now();
      const { booking, link } = await openForReschedule(tx, input.token, now);
      const lockedRange = busyRange(link, input.start, input.start + 1);
      const hostBookings = await tx.listHostBusy(
        booking.workspaceId,
        booking.hostId,
        lockedRange.from,
        lockedRange.to,
      );
      const slot = guardSlot({
        link,
        start: input.start,
        now,
        hostBookings,
        calendarBusy: external,
        excludeBookingId: booking.id,
      });
      const next: Booking = {
        ...booking,
        start: slot.start,
        end: slot.end,
        ...blockedRange(link, slot.start, slot.end),
        icalSequence: booking.icalSequence + 1,
        updatedAt: now,
      };
      await tx.updateBooking(next);
      await tx.appendEvent({
        id: deps.ids.id(),
        workspaceId: next.workspaceId,
        bookingId: next.id,
        type: 'rescheduled',
        actor: 'attendee',
        at: now,
        data: {
          previousStart: booking.start,
          previousEnd: booking.end,
          start: next.start,
          end: next.end,
        },
      });
      await tx.cancelJobs(reminderKeys(booking), now);
      await tx.enqueueJobs(jobsForRescheduled(next, link, now), now);
      return next;
    }),
  );
  deps.logger.info(
    { bookingId: updated.id, sequence: updated.icalSequence },
    'booking rescheduled',
  );
  return updated;
}
