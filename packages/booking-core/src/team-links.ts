import type { BookingLink, LinkMember } from './domain.js';

/**
 * Whether a link is a team link (`round_robin` or `collective`), whose bookings go to its members.
 *
 * @example
 * ```ts
 * import { isTeamLink } from '@workestra/booking-core';
 * isTeamLink({ kind: 'round_robin' }); // true
 * ```
 */
export function isTeamLink(link: Pick<BookingLink, 'kind'>): boolean {
  return link.kind !== 'solo';
}

/**
 * One member's view of a team link: the link as if it were that member's own solo link (the
 * member's host id, weekly hours, time zone and calendar; every other setting the link's). Slots,
 * the race guard, calendar reads and calendar events of a member all go through it, so a member is
 * treated exactly like the host of a solo link. A solo link, or a host that is not a member, gives
 * the link itself.
 *
 * @example
 * ```ts
 * import { memberLink } from '@workestra/booking-core';
 * const ana = memberLink(link, 'host_ana');
 * ana.hostId; // 'host_ana' when host_ana is a member of the team link
 * ```
 */
export function memberLink(link: BookingLink, hostId: string): BookingLink {
  const member = link.members.find((m) => m.hostId === hostId);
  if (member === undefined) return link;
  return asSolo(link, member);
}

/**
 * Every member's view of a team link ({@link memberLink}), in member order; a solo link gives
 * itself alone.
 *
 * @example
 * ```ts
 * import { memberLinks } from '@workestra/booking-core';
 * memberLinks(link).map((l) => l.hostId); // the members' host ids, in member order
 * ```
 */
export function memberLinks(link: BookingLink): BookingLink[] {
  if (!isTeamLink(link)) return [link];
  return link.members.map((member) => asSolo(link, member));
}

function asSolo(link: BookingLink, member: LinkMember): BookingLink {
  return {
    ...link,
    kind: 'solo',
    members: [],
    hostId: member.hostId,
    timeZone: member.timeZone ?? link.timeZone,
    weeklyHours: member.weeklyHours ?? link.weeklyHours,
    calendarProvider: member.calendarProvider,
  };
}
