import type { Booking, BookingLink, BookingStore } from '@workestra/booking-core';
import type { HostBookingJson, PublicBookingJson } from './api-schemas.js';
import { hostBookingJson, publicBookingJson } from './serialize.js';

/*
 * Responses about a booking name its link and host, which booking-core's use-cases do not return.
 * These read them (scoped by the booking's own workspace) in one short transaction.
 */

/** A booking as its attendee sees it (PublicBooking). */
export function publicBookingView(
  store: BookingStore,
  booking: Booking,
): Promise<PublicBookingJson> {
  return store.transaction(async (tx) => {
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    const host = await tx.findHost(booking.workspaceId, booking.hostId);
    return publicBookingJson(booking, link, host);
  });
}

/** The host's bookings with their link's title and slug (null for deleted links). */
export function hostBookingViews(
  store: BookingStore,
  workspaceId: string,
  bookings: readonly Booking[],
): Promise<HostBookingJson[]> {
  if (bookings.length === 0) return Promise.resolve([]);
  return store.transaction(async (tx) => {
    const links = new Map<string, BookingLink | null>();
    for (const linkId of new Set(bookings.map((b) => b.linkId)))
      links.set(linkId, await tx.findLink(workspaceId, linkId));
    return bookings.map((b) => hostBookingJson(b, links.get(b.linkId) ?? null));
  });
}
