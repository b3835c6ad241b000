import type { BookingContext } from '@workestra/booking-core';
import { and, eq, sql } from 'drizzle-orm';
import { toBooking, toHost, toLink } from '../mappers.js';
import type { Dialect } from './dialect.js';

/**
 * `BookingStore.findBookingContext`: one join of the booking with its link and host, so one
 * statement and one snapshot where a transaction of three reads took five round trips on
 * PostgreSQL (BEGIN, three SELECTs, COMMIT), and, unlike a SQLite store transaction (`BEGIN
 * IMMEDIATE`), no write lock. Every follow-up job runs it, so it is built and prepared once per
 * store (on PostgreSQL under a name, so the server does not plan it again per job either; SQLite
 * ignores the name).
 */
export function bookingContext({
  db,
  tables,
}: Dialect): (workspaceId: string, bookingId: string) => Promise<BookingContext | null> {
  const { bookingLinks, bookings, hosts } = tables;
  const query = db
    .select({ booking: bookings, link: bookingLinks, host: hosts })
    .from(bookings)
    .innerJoin(
      bookingLinks,
      and(eq(bookingLinks.workspaceId, bookings.workspaceId), eq(bookingLinks.id, bookings.linkId)),
    )
    .innerJoin(
      hosts,
      and(eq(hosts.workspaceId, bookings.workspaceId), eq(hosts.id, bookings.hostId)),
    )
    .where(
      and(
        eq(bookings.workspaceId, sql.placeholder('workspaceId')),
        eq(bookings.id, sql.placeholder('bookingId')),
      ),
    )
    .prepare('workestra_booking_context');
  return async (workspaceId, bookingId) => {
    const [row] = await query.execute({ workspaceId, bookingId });
    return row
      ? { booking: toBooking(row.booking), link: toLink(row.link), host: toHost(row.host) }
      : null;
  };
}
