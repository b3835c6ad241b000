import type { Booking, BookingLink, Host } from './domain.js';
import type { Deps } from './deps.js';
import { readBookingHosts } from './booking-hosts.js';
import { BookingError } from './errors.js';
import { tokenBookingInputSchema } from './schemas.js';
import { bookingForToken } from './tokens.js';
import { parseInput } from './validation.js';

/**
 * The booking a self-service token opens, with its link and host: what the attendee's own copy of
 * the calendar invitation is built from (same UID, current SEQUENCE as the emailed invites).
 *
 * @example
 * ```ts
 * const { booking, link, host, coHosts } = await core.tokenBooking({ token, purpose: 'reschedule' });
 * coHosts.map((h) => h.name); // a collective meeting's other members
 * booking.icalSequence; // 0, then 1 after a reschedule
 * ```
 */
export interface TokenBooking {
  readonly booking: Booking;
  readonly link: BookingLink;
  /** The booking's host: on a team link, the member the meeting went to (the invite's organizer). */
  readonly host: Host;
  /** A collective meeting's other members (the invite's further attendees); empty otherwise. */
  readonly coHosts: readonly Host[];
}

/**
 * Reads what a token opens; the same checks as using it (`TOKEN_INVALID`, `TOKEN_EXPIRED`,
 * `BOOKING_CANCELLED`). A booking whose link or host row is gone cannot be described: `TOKEN_INVALID`.
 */
export async function tokenBooking(deps: Deps, raw: unknown): Promise<TokenBooking> {
  const input = parseInput(tokenBookingInputSchema, raw);
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const booking = await bookingForToken(tx, input.purpose, input.token, now);
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    const { host, coHosts } = await readBookingHosts(tx, booking);
    if (link === null || host === null) throw new BookingError('TOKEN_INVALID');
    return { booking, link, host, coHosts };
  });
}
