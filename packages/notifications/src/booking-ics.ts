import type { Booking } from '@workestra/booking-core';
import { joinNames } from './format.js';
import { buildIcs } from './ics.js';

/**
 * What a booking's calendar object is built from: plain data loaded from the store.
 *
 * @example
 * ```ts
 * const input: BookingIcsInput = {
 *   booking, now: Date.now(),
 *   link: { title: 'Intro call', description: null },
 *   host: { name: 'Ana', email: 'ana@example.com' },
 * };
 * ```
 */
export interface BookingIcsInput {
  readonly booking: Pick<
    Booking,
    'start' | 'end' | 'attendeeName' | 'attendeeEmail' | 'icalUid' | 'icalSequence' | 'meetingUrl'
  >;
  readonly link: { readonly title: string; readonly description: string | null };
  /** The booking's host (on a team link, the member the meeting went to): the ORGANIZER. */
  readonly host: { readonly name: string; readonly email: string };
  /** A collective meeting's other hosts: ATTENDEEs after the attendee. None by default. */
  readonly coHosts?: readonly { readonly name: string; readonly email: string }[];
  /** "Now" (epoch ms): the DTSTAMP. */
  readonly now: number;
}

/**
 * The one iCalendar object of a booking, whoever receives it: the invites attached to every
 * email and the attendee's "Add to calendar" download. The booking's UID and current SEQUENCE,
 * the host as ORGANIZER and the attendee (and a collective meeting's co-hosts) as ATTENDEE, so a calendar that has seen one of them
 * treats the others as the same event (updated by a higher SEQUENCE, removed by `CANCEL`).
 *
 * @example
 * ```ts
 * import { buildBookingIcs } from '@workestra/notifications';
 *
 * const ics = buildBookingIcs({ booking, link, host, now: Date.now() }, 'REQUEST');
 * ics.includes(`UID:${booking.icalUid}`); // true
 * ```
 */
export function buildBookingIcs(input: BookingIcsInput, method: 'REQUEST' | 'CANCEL'): string {
  const { booking, link, host } = input;
  const coHosts = input.coHosts ?? [];
  return buildIcs({
    method,
    uid: booking.icalUid,
    sequence: booking.icalSequence,
    dtstamp: input.now,
    start: booking.start,
    end: booking.end,
    summary: `${link.title}: ${joinNames([host, ...coHosts].map((h) => h.name).concat(booking.attendeeName))}`,
    description: link.description,
    meetingUrl: booking.meetingUrl,
    organizer: { name: host.name, email: host.email },
    attendee: { name: booking.attendeeName, email: booking.attendeeEmail },
    otherAttendees: coHosts.map((c) => ({ name: c.name, email: c.email })),
  });
}
