import type { Booking, BookingLink } from './domain.js';
import type { Deps } from './deps.js';
import { translateConflicts } from './errors.js';
import { assertBookable } from './access.js';
import { busyRange, calendarBusy, timeOffBusy } from './busy.js';
import { jobsForRescheduled, reminderKeys, type SealedTokens } from './follow-up-jobs.js';
import { blockedRange, guardSlot } from './guard.js';
import type { StoreTx } from './ports.js';
import { rescheduleInputSchema } from './schemas.js';
import { bookingForToken, issueTokens, sealTokens, type PlainTokens } from './tokens.js';
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
 * SEQUENCE + 1; the old reminder is cancelled and calendar/email/reminder jobs are queued. With a
 * sealer both tokens rotate (see `BookingCoreOptions.sealer`).
 */
/**
 * What `reschedule` answers: the moved booking and, when the tokens rotated (a sealer is
 * configured), the new plain tokens. The caller proved it holds the old reschedule token, so it
 * may receive the new ones; this is the only time they exist in plain form outside the emails.
 *
 * @example
 * ```ts
 * const { booking, tokens } = await core.reschedule({ token, start: '2026-11-03T08:00:00Z' });
 * if (tokens) console.log(`/book/reschedule/${tokens.reschedule}`);
 * ```
 */
export interface RescheduleResult {
  readonly booking: Booking;
  readonly tokens: PlainTokens | null;
}

export async function reschedule(deps: Deps, raw: unknown): Promise<RescheduleResult> {
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
      const timeOff = await timeOffBusy(
        tx,
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
        timeOff,
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
      // With a sealer the emails can carry links, so the tokens rotate: the links in earlier
      // emails stop working and the reschedule notice carries the new ones. Without one, nothing
      // could deliver new tokens, so they stay.
      let sealed: SealedTokens | undefined;
      let plain: PlainTokens | null = null;
      if (deps.sealer) {
        const fresh = issueTokens(deps.ids, next, now);
        await tx.deleteTokens(next.workspaceId, next.id);
        for (const row of fresh.rows) await tx.insertToken(row);
        sealed = sealTokens(deps.sealer, fresh.plain);
        plain = fresh.plain;
      }
      await tx.enqueueJobs(jobsForRescheduled(next, booking, link, now, sealed), now);
      return { booking: next, tokens: plain };
    }),
  );
  deps.logger.info(
    { bookingId: updated.booking.id, sequence: updated.booking.icalSequence },
    'booking rescheduled',
  );
  return updated;
}
