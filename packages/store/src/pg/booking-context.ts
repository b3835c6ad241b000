import type { BookingContext } from '@workestra/booking-core';
import { and, eq, sql } from 'drizzle-orm';
import { toBooking, toHost, toLink } from '../mappers.js';
import { bookingLinks, bookings, hosts } from '../schema/pg.js';
import type { PgDb } from './db.js';

/**
 * `BookingStore.findBookingContext` on PostgreSQL: one join of the booking with its link and host,
 * so one round trip and one snapshot where a transaction of three reads took five round trips
 * (BEGIN, three SELECTs, COMMIT). Every follow-up job runs it. Built once and prepared under a
 * name, so neither drizzle nor the server plans it again per job.
 */
export function pgBookingContext(
  db: PgDb,
): (workspaceId: string, bookingId: string) => Promise<BookingContext | null> {
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
