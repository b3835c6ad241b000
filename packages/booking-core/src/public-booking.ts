import type { BookingLink, BookingStatus, EpochMs } from './domain.js';
import type { Deps } from './deps.js';
import { readOnly } from './access.js';
import { readBookingHosts } from './booking-hosts.js';
import { tokenBookingInputSchema } from './schemas.js';
import { memberLink } from './team-links.js';
import { findBookingByToken } from './tokens.js';
import { parseInput } from './validation.js';

/**
 * A booking as its attendee sees it: the meeting, the link's title and slug and the host's name
 * (on a team link, the member the meeting went to, and a collective meeting's co-hosts),
 * nothing internal (no ids of other rows, no tokens, no iCalendar fields). `linkTitle`/`linkSlug`
 * stay those of the link the meeting was booked on, also once the link is deleted.
 *
 * @example
 * ```ts
 * const view: PublicBooking = await core.publicBooking({ token: tokens.cancel, purpose: 'cancel' });
 * view.status; // 'confirmed'
 * ```
 */
export interface PublicBooking {
  readonly id: string;
  readonly status: BookingStatus;
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly attendeeName: string;
  readonly attendeeEmail: string;
  readonly attendeeTimeZone: string;
  /** The booking's host: on a team link, the member the meeting went to. */
  readonly hostName: string;
  /** A collective meeting's other members (its co-hosts), in order; empty otherwise. */
  readonly coHostNames: readonly string[];
  /** The host's zone for the link (the link's, or the member's own); the host's when the link row is gone. */
  readonly hostTimeZone: string;
  readonly linkTitle: string;
  readonly linkSlug: string;
  /** The online meeting (Meet/Teams) once the calendar follow-up wrote the event back. */
  readonly meetingUrl: string | null;
  /**
   * Whether the link asks for an online meeting (a calendar provider and `autoMeetingLink`): while
   * `meetingUrl` is still null, the follow-up that creates it has not run yet.
   */
  readonly meetingLinkRequested: boolean;
}

/**
 * Whether `hostId`'s bookings on `link` get an online meeting from the calendar follow-up: the
 * link's `autoMeetingLink` and a calendar provider of the host (on a team link, the member's).
 */
export function requestsMeetingLink(link: BookingLink | null, hostId: string): boolean {
  if (link === null) return false;
  const own = memberLink(link, hostId);
  return own.autoMeetingLink && own.calendarProvider !== 'none';
}

/**
 * The zone the host reads a booking's time in: the link's (on a team link, the member's own), else
 * the host's, else UTC.
 */
export function hostTimeZoneOf(
  link: BookingLink | null,
  hostId: string,
  host: { readonly timeZone: string } | null | undefined,
): string {
  return (link === null ? null : memberLink(link, hostId).timeZone) ?? host?.timeZone ?? 'UTC';
}

/**
 * The public view of the booking a token opens. Unlike using the token, reading works in every
 * state (cancelled, started, past), so the page that just cancelled a meeting can show it; it
 * shows only what the attendee already knows. An unknown token is `TOKEN_INVALID`.
 */
export async function publicBooking(deps: Deps, raw: unknown): Promise<PublicBooking> {
  const input = parseInput(tokenBookingInputSchema, raw);
  return readOnly(deps.store, async (tx) => {
    const booking = await findBookingByToken(tx, input.purpose, input.token);
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    const { host, coHosts } = await readBookingHosts(tx, booking);
    return {
      id: booking.id,
      status: booking.status,
      start: booking.start,
      end: booking.end,
      attendeeName: booking.attendeeName,
      attendeeEmail: booking.attendeeEmail,
      attendeeTimeZone: booking.attendeeTimeZone,
      hostName: host?.name ?? '',
      coHostNames: coHosts.map((h) => h.name),
      hostTimeZone: hostTimeZoneOf(link, booking.hostId, host),
      linkTitle: link?.title ?? '',
      linkSlug: link?.slug ?? '',
      meetingUrl: booking.meetingUrl,
      meetingLinkRequested: requestsMeetingLink(link, booking.hostId),
    };
  });
}
