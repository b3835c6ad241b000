import type { Booking, BookingLink } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError, translateConflicts } from './errors.js';
import { assertBookable } from './access.js';
import { busyRange, calendarBusy, timeOffBusy } from './busy.js';
import { jobsForRescheduled, reminderKeys, type SealedTokens } from './follow-up-jobs.js';
import { blockedRange, guardSlot } from './guard.js';
import type { StoreTx } from './ports.js';
import { rescheduleInputSchema } from './schemas.js';
import { bookingForToken, issueTokens, sealTokens, type PlainTokens } from './tokens.js';
import { parseInput } from './validation.js';
import { isTeamLink } from './team-links.js';
import { guardMembers, teamRefusal } from './team-book.js';
import { bookingViews, hostView, readMemberCalendars } from './team-slots.js';

/** A team booking whose host (or a co-host) is no longer on the link: it can only be cancelled. */
const notOnLink = () =>
  new BookingError('SLOT_UNAVAILABLE', { details: { reason: 'HOST_NOT_ON_LINK' } });

/**
 * The booking behind a reschedule token and its link, which must still be live and active. A move
 * to the time the meeting already has is refused (`SAME_TIME`): it would send "moved" emails whose
 * new and old times are the same.
 */
async function openForReschedule(
  tx: StoreTx,
  token: string,
  start: number,
  now: number,
): Promise<{ booking: Booking; link: BookingLink }> {
  const booking = await bookingForToken(tx, 'reschedule', token, now);
  if (booking.start === start) throw new BookingError('SAME_TIME');
  const link = assertBookable(await tx.findLink(booking.workspaceId, booking.linkId));
  return { booking, link };
}

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

/**
 * Moves a booking to a new start (attendee, by reschedule token). The booking keeps its host(s):
 * on a solo link the host's lock and the race guard as in `book`; on a team link the lock of the
 * booking's `hostId` and `coHostIds` and the guard of each one's view of the link (a round-robin
 * booking stays with the member it went to; a collective one needs every attendee free). A host
 * who is no longer on the link cannot be moved to a new time: `SLOT_UNAVAILABLE` (cancelling
 * still works). The booking itself is left out of busy; its own start is refused (`SAME_TIME`).
 */
export async function reschedule(deps: Deps, raw: unknown): Promise<RescheduleResult> {
  const input = parseInput(rescheduleInputSchema, raw);
  const before = await deps.store.transaction((tx) =>
    openForReschedule(tx, input.token, input.start, deps.clock.now()),
  );
  const hostIds = [before.booking.hostId, ...before.booking.coHostIds];
  // A solo link's own host: today's path. Anything else (a team link, or a booking whose host is
  // not the link's host any more) goes through the views of the booking's hosts.
  const solo =
    !isTeamLink(before.link) &&
    hostIds.length === 1 &&
    before.booking.hostId === before.link.hostId;
  const range = busyRange(before.link, input.start, input.start + 1);
  const external = solo
    ? await calendarBusy(deps, before.link, range.from, range.to, before.booking.icalUid)
    : [];
  const views = solo ? null : bookingViews(before.link, before.booking);
  if (!solo && views === null) throw notOnLink();
  const calendars = views
    ? await readMemberCalendars(
        deps,
        views,
        'collective',
        range.from,
        range.to,
        before.booking.icalUid,
      )
    : [];
  const lock = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> =>
    solo
      ? deps.store.withHostLock(before.booking.workspaceId, before.booking.hostId, fn)
      : deps.store.withHostsLock(before.booking.workspaceId, hostIds, fn);

  const updated = await translateConflicts(() =>
    lock(async (tx) => {
      const now = deps.clock.now();
      const { booking, link } = await openForReschedule(tx, input.token, input.start, now);
      let slot: { start: number; end: number };
      let hostLink = link;
      if (solo) {
        // Became a team link since the read above: its members' rules apply, not the host's.
        if (isTeamLink(link))
          throw new BookingError('SLOT_UNAVAILABLE', { details: { reason: 'LINK_CHANGED' } });
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
        slot = guardSlot({
          link,
          start: input.start,
          now,
          hostBookings,
          calendarBusy: external,
          timeOff,
          excludeBookingId: booking.id,
        });
      } else {
        // The views as they are now (hours may have changed), with the calendars read before.
        const members = [];
        for (const { view, calendar } of calendars) {
          const current = hostView(link, view.hostId);
          if (current === null) throw notOnLink();
          members.push({ view: current, calendar });
        }
        const { free, refusals } = await guardMembers(tx, {
          link,
          members,
          start: input.start,
          now,
          excludeBookingId: booking.id,
        });
        const mine = free.get(booking.hostId);
        if (refusals.length > 0 || mine === undefined) throw teamRefusal(refusals);
        slot = mine;
        hostLink = members[0]?.view ?? link;
      }
      const next: Booking = {
        ...booking,
        start: slot.start,
        end: slot.end,
        ...blockedRange(link, slot.start, slot.end),
        attendeeLocale: input.locale ?? booking.attendeeLocale,
        attendeeHourCycle: input.hourCycle ?? booking.attendeeHourCycle,
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
      // emails answer BOOKING_MOVED and the reschedule notice carries the new ones. Without one,
      // nothing could deliver new tokens, so they stay.
      let sealed: SealedTokens | undefined;
      let plain: PlainTokens | null = null;
      if (deps.sealer) {
        const fresh = issueTokens(deps.ids, next, now);
        await tx.supersedeTokens(next.workspaceId, next.id, now);
        for (const row of fresh.rows) await tx.insertToken(row);
        sealed = sealTokens(deps.sealer, fresh.plain);
        plain = fresh.plain;
      }
      await tx.enqueueJobs(jobsForRescheduled(next, booking, hostLink, now, sealed), now);
      return { booking: next, tokens: plain };
    }),
  );
  deps.logger.info(
    { bookingId: updated.booking.id, sequence: updated.booking.icalSequence },
    'booking rescheduled',
  );
  return updated;
}
