import type { BookingLink, BookingStatus, EpochMs } from './domain.js';
import type { Deps } from './deps.js';
import { tokenBookingInputSchema } from './schemas.js';
import { findBookingByToken } from './tokens.js';
import { bookingHostName } from './host-names.js';
import { parseInput } from './validation.js';

/**
 * A booking as its attendee sees it: the meeting, the link's title and slug and the host's name,
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
  /** The booking's host; a collective team meeting's hosts, joined with ", ". */
  readonly hostName: string;
  /** The link's zone (the host's when the link row is gone). */
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

/** Whether bookings on `link` get an online meeting from the calendar follow-up. */
export function requestsMeetingLink(link: BookingLink | null): boolean {
  return link !== null && link.autoMeetingLink && link.calendarProvider !== 'none';
}

/**
 * The public view of the booking a token opens. Unlike using the token, reading works in every
 * state (cancelled, started, past), so the page that just cancelled a meeting can show it; it
 * shows only what the attendee already knows. An unknown token is `TOKEN_INVALID`.
 */
export async function publicBooking(deps: Deps, raw: unknown): Promise<PublicBooking> {
  const input = parseInput(tokenBookingInputSchema, raw);
  return deps.store.transaction(async (tx) => {
    const booking = await findBookingByToken(tx, input.purpose, input.token);
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    const host = await tx.findHost(booking.workspaceId, booking.hostId);
    return {
      id: booking.id,
      status: booking.status,
      start: booking.start,
      end: booking.end,
      attendeeName: booking.attendeeName,
      attendeeEmail: booking.attendeeEmail,
      attendeeTimeZone: booking.attendeeTimeZone,
      hostName: await bookingHostName(tx, booking),
      hostTimeZone: link?.timeZone ?? host?.timeZone ?? 'UTC',
      linkTitle: link?.title ?? '',
      linkSlug: link?.slug ?? '',
      meetingUrl: booking.meetingUrl,
      meetingLinkRequested: requestsMeetingLink(link),
    };
  });
}
