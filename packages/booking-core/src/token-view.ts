import type { DaySlots } from '@workestra/slots';
import type { EpochMs, TokenPurpose } from './domain.js';
import type { Deps } from './deps.js';
import { readOnly } from './access.js';
import { readBookingHosts } from './booking-hosts.js';
import { hostTimeZoneOf, requestsMeetingLink } from './public-booking.js';
import { slotsForLink } from './public-slots.js';
import { tokenViewInputSchema } from './schemas.js';
import { bookingForToken } from './tokens.js';
import { parseInput } from './validation.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * What the reschedule and cancel pages show. `slots` (reschedule only, else `null`) are the new
 * times the attendee may move to, with the booking itself not counted as busy; empty when the link
 * was disabled or deleted (the booking can still be cancelled).
 *
 * @example
 * ```ts
 * const view = await core.viewToken({ token, purpose: 'reschedule' });
 * view.booking.start; // 1793610000000
 * view.slots?.[0]?.date; // '2026-11-03'
 * ```
 */
export interface TokenView {
  readonly purpose: TokenPurpose;
  readonly booking: {
    readonly start: EpochMs;
    readonly end: EpochMs;
    readonly attendeeName: string;
    readonly attendeeEmail: string;
    readonly attendeeTimeZone: string;
    /** The online meeting once the calendar follow-up wrote it back, else null. */
    readonly meetingUrl: string | null;
    /** Whether the link asks for an online meeting (see `PublicBooking.meetingLinkRequested`). */
    readonly meetingLinkRequested: boolean;
  };
  readonly link: {
    readonly title: string;
    readonly slug: string;
    readonly durationMinutes: number;
  };
  /** The booking's host: on a team link, the member the meeting went to. */
  readonly hostName: string;
  /** A collective meeting's other members (its co-hosts), in order; empty otherwise. */
  readonly coHostNames: readonly string[];
  /** The zone the host reads the meeting's time in (the confirmation's "Host's time"). */
  readonly hostTimeZone: string;
  /** Whether the link still takes bookings (a reschedule is possible). */
  readonly linkActive: boolean;
  readonly timeZone: string;
  readonly slots: DaySlots[] | null;
}

/** Reads a token's page; the same checks as using it (`TOKEN_INVALID`, `TOKEN_EXPIRED`, `BOOKING_CANCELLED`). */
export async function viewToken(deps: Deps, raw: unknown): Promise<TokenView> {
  const input = parseInput(tokenViewInputSchema, raw);
  const now = deps.clock.now();
  const { booking, link, hosts } = await readOnly(deps.store, async (tx) => {
    const booking = await bookingForToken(tx, input.purpose, input.token, now);
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    return { booking, link, hosts: await readBookingHosts(tx, booking) };
  });
  const linkActive = link !== null && link.active && link.deletedAt === null;
  const timeZone = input.timeZone ?? booking.attendeeTimeZone;
  let slots: DaySlots[] | null = null;
  if (input.purpose === 'reschedule') {
    const from = input.from ?? now;
    const to = input.to ?? from + WEEK_MS;
    slots =
      linkActive && link !== null
        ? await slotsForLink(deps, link, from, to, timeZone, booking)
        : [];
  }
  return {
    purpose: input.purpose,
    booking: {
      start: booking.start,
      end: booking.end,
      attendeeName: booking.attendeeName,
      attendeeEmail: booking.attendeeEmail,
      attendeeTimeZone: booking.attendeeTimeZone,
      meetingUrl: booking.meetingUrl,
      meetingLinkRequested: requestsMeetingLink(link, booking.hostId),
    },
    link: {
      title: link?.title ?? '',
      slug: link?.slug ?? '',
      durationMinutes: link?.durationMinutes ?? (booking.end - booking.start) / 60_000,
    },
    hostName: hosts.host?.name ?? '',
    coHostNames: hosts.coHosts.map((h) => h.name),
    hostTimeZone: hostTimeZoneOf(link, booking.hostId, hosts.host),
    linkActive,
    timeZone,
    slots,
  };
}
