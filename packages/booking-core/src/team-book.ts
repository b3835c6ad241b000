import type { BookingLink, EpochMs } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError, isBookingError, translateConflicts } from './errors.js';
import { assertBookable } from './access.js';
import type { BookOptions, BookResult } from './book.js';
import { busyRange } from './busy.js';
import { guardSlot } from './guard.js';
import { insertNewBooking, type BookInput } from './new-booking.js';
import type { StoreTx } from './ports.js';
import { isTeamLink, memberLink, memberLinks } from './team-links.js';
import { pickTeamMember } from './team-rotation.js';
import {
  readHostsStoreBusy,
  readMemberCalendars,
  teamMode,
  type ReadMember,
} from './team-slots.js';

/**
 * Whether two reads of a link have the same team: kind, members and their calendars (what the
 * lock and the calendar reads before it were taken for).
 */
function sameTeam(a: BookingLink, b: BookingLink): boolean {
  return (
    a.kind === b.kind &&
    a.members.length === b.members.length &&
    a.members.every((m, i) => {
      const other = b.members[i];
      return other?.hostId === m.hostId && other.calendarProvider === m.calendarProvider;
    })
  );
}

/**
 * The race guard for each member view at exactly `start`, as read inside the lock: the members
 * free for it, with the slot, and the refusals of the others.
 */
export async function guardMembers(
  tx: StoreTx,
  input: {
    readonly link: BookingLink;
    readonly members: readonly ReadMember[];
    readonly start: EpochMs;
    readonly now: EpochMs;
    readonly excludeBookingId?: string;
  },
): Promise<{
  free: Map<string, { start: EpochMs; end: EpochMs }>;
  refusals: BookingError[];
}> {
  const { link, members, start, now } = input;
  const range = busyRange(link, start, start + 1);
  const stored = await readHostsStoreBusy(
    tx,
    link.workspaceId,
    members.map((m) => m.view.hostId),
    range.from,
    range.to,
  );
  const free = new Map<string, { start: EpochMs; end: EpochMs }>();
  const refusals: BookingError[] = [];
  for (const { view, calendar } of members) {
    const mine = stored.get(view.hostId);
    try {
      free.set(
        view.hostId,
        guardSlot({
          link: view,
          start,
          now,
          hostBookings: mine?.bookings ?? [],
          calendarBusy: calendar,
          timeOff: mine?.timeOff ?? [],
          ...(input.excludeBookingId === undefined
            ? {}
            : { excludeBookingId: input.excludeBookingId }),
        }),
      );
    } catch (error) {
      if (!isBookingError(error, 'SLOT_TAKEN') && !isBookingError(error, 'SLOT_UNAVAILABLE'))
        throw error;
      refusals.push(error);
    }
  }
  return { free, refusals };
}

/**
 * The refusal of a team: `SLOT_TAKEN` when some member was busy or at its daily cap (someone
 * else holds the time), else `SLOT_UNAVAILABLE` (the time is not offered), as for a solo host.
 */
export function teamRefusal(refusals: readonly BookingError[]): BookingError {
  return (
    refusals.find((e) => e.code === 'SLOT_TAKEN') ??
    refusals[0] ??
    new BookingError('SLOT_UNAVAILABLE')
  );
}

/**
 * `book` on a team link, or `null` when the link's kind or members changed before the lock was
 * taken (the caller starts over). Every member's calendar is read before the lock (concurrently,
 * bounded); under the lock of every member the link, the members' bookings and time off are read
 * again and each member view is guarded at exactly the start. `round_robin`: the booking goes to
 * the eligible member `pickTeamMember` picks from the link's assignments (a member whose calendar
 * could not be read is not eligible); `collective`: every member must be free, the first is the
 * booking's `hostId` and the others its `coHostIds`.
 */
export async function bookTeam(
  deps: Deps,
  link: BookingLink,
  input: BookInput,
  options: BookOptions,
): Promise<BookResult | null> {
  const mode = teamMode(link);
  const range = busyRange(link, input.start, input.start + 1);
  const calendars = await readMemberCalendars(deps, memberLinks(link), mode, range.from, range.to);
  const memberIds = link.members.map((m) => m.hostId);

  const result = await translateConflicts(() =>
    deps.store.withHostsLock(link.workspaceId, memberIds, async (tx) => {
      const now = deps.clock.now();
      const current = assertBookable(await tx.findLink(link.workspaceId, link.id));
      if (!isTeamLink(current) || !sameTeam(current, link)) return null;
      // The views as read now (hours may have changed), with the calendars read before the lock.
      const members = calendars.map(({ view, calendar }) => ({
        view: memberLink(current, view.hostId),
        calendar,
      }));
      const { free, refusals } = await guardMembers(tx, {
        link: current,
        members,
        start: input.start,
        now,
      });
      let hostId: string;
      let coHostIds: string[];
      if (mode === 'collective') {
        if (refusals.length > 0) throw teamRefusal(refusals);
        [hostId, ...coHostIds] = memberIds as [string, ...string[]];
      } else {
        const assignments = new Map(
          (await tx.listLinkAssignments(current.workspaceId, current.id)).map((a) => [a.hostId, a]),
        );
        const picked = pickTeamMember({
          members: current.members.map((m) => ({
            hostId: m.hostId,
            weight: m.weight,
            bookedCount: assignments.get(m.hostId)?.bookedCount ?? 0,
            lastBookedAt: assignments.get(m.hostId)?.lastBookedAt ?? null,
          })),
          eligible: new Set(free.keys()),
        });
        if (picked === null) throw teamRefusal(refusals);
        hostId = picked;
        coHostIds = [];
      }
      const slot = free.get(hostId) as { start: EpochMs; end: EpochMs };
      return insertNewBooking(deps, tx, {
        link: current,
        hostLink: memberLink(current, hostId),
        hostId,
        coHostIds,
        slot,
        input,
        options,
        now,
        eventData: { hostId },
      });
    }),
  );
  if (result === null) return null;
  deps.logger.info(
    {
      bookingId: result.booking.id,
      linkId: link.id,
      kind: link.kind,
      hostId: result.booking.hostId,
      coHostIds: result.booking.coHostIds,
    },
    'booking created',
  );
  return result;
}
