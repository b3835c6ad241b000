import type { BookingContext } from '@workestra/booking-core';
import { and, eq, inArray } from 'drizzle-orm';
import { batchLoader } from '../batch-loader.js';
import { toBooking, toHost } from '../mappers.js';
import type { Dialect } from './dialect.js';
import { withMembers } from './link-members.js';

/** One key per (workspace, booking): NUL cannot occur in either id. */
const SEPARATOR = '\u0000';

/**
 * `BookingStore.findBookingContext`: one join of the booking with its link and host, so one
 * statement and one snapshot where a transaction of three reads took five round trips on
 * PostgreSQL (BEGIN, three SELECTs, COMMIT), and, unlike a SQLite store transaction (`BEGIN
 * IMMEDIATE`), no write lock. Every follow-up job runs it, and the jobs of one claim start in the
 * same turn of the event loop: their reads go together as one query (see `batchLoader`). A
 * booking is returned only to a caller naming its own workspace; the links' members come with a
 * second query for the whole batch. `around` wraps each load (on SQLite: its turn on the
 * connection, for both queries).
 */
export function bookingContext(
  dialect: Dialect,
  around: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): (workspaceId: string, bookingId: string) => Promise<BookingContext | null> {
  const { db, tables } = dialect;
  const { bookingLinks, bookings, hosts } = tables;
  const load = batchLoader<BookingContext>((keys) =>
    around(async () => {
      const ids = keys.map((key) => key.slice(key.indexOf(SEPARATOR) + 1));
      const rows = await db
        .select({ booking: bookings, link: bookingLinks, host: hosts })
        .from(bookings)
        .innerJoin(
          bookingLinks,
          and(
            eq(bookingLinks.workspaceId, bookings.workspaceId),
            eq(bookingLinks.id, bookings.linkId),
          ),
        )
        .innerJoin(
          hosts,
          and(eq(hosts.workspaceId, bookings.workspaceId), eq(hosts.id, bookings.hostId)),
        )
        .where(inArray(bookings.id, [...new Set(ids)]));
      const links = await withMembers(
        dialect,
        rows.map((row) => row.link),
      );
      return new Map(
        rows.map((row, i) => [
          row.booking.workspaceId + SEPARATOR + row.booking.id,
          { booking: toBooking(row.booking), link: links[i]!, host: toHost(row.host) },
        ]),
      );
    }),
  );
  return (workspaceId, bookingId) => load(workspaceId + SEPARATOR + bookingId);
}
