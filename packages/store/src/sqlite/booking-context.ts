import type { BookingContext } from '@workestra/booking-core';
import { and, eq, sql } from 'drizzle-orm';
import { toBooking, toHost, toLink } from '../mappers.js';
import { bookingLinks, bookings, hosts } from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';

/**
 * `BookingStore.findBookingContext` on SQLite: one prepared join of the booking with its link and
 * host. One statement reads one snapshot, and, unlike a store transaction (`BEGIN IMMEDIATE`), it
 * takes no write lock: every follow-up job runs it. Built once, so drizzle does not rebuild the
 * query per job. `serial` keeps it off the connection while a transaction is open on it.
 */
export function sqliteBookingContext(
  db: SqliteDb,
  serial: <T>(fn: () => Promise<T>) => Promise<T>,
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
    .prepare();
  return (workspaceId, bookingId) =>
    serial(async () => {
      const row = query.get({ workspaceId, bookingId });
      return row
        ? { booking: toBooking(row.booking), link: toLink(row.link), host: toHost(row.host) }
        : null;
    });
}
