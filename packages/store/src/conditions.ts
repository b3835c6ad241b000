import type { BookingListFilter, EpochMs, HostBookingsQuery } from '@workestra/booking-core';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type * as sqlite from './schema/sqlite.js';
import type * as pg from './schema/pg.js';

/*
 * WHERE/ORDER BY pieces shared by both dialects: drizzle's operators take either dialect's columns.
 */

type BookingsTable = typeof sqlite.bookings | typeof pg.bookings;
type JobsTable = typeof sqlite.jobs | typeof pg.jobs;

/** Bookings with co-hosts: the predicate of the partial index `bookings_co_host_blocked_end_idx`, verbatim. */
export function hasCoHosts(t: BookingsTable): SQL {
  return sql`${t.coHostIds} <> '[]'`;
}

/**
 * Confirmed bookings whose blocked range overlaps `[from, to)` and that keep one of `hostIds` busy:
 * as their host, or as a co-host (`coHostIn`: the dialect's "one of `co_host_ids` is in the list").
 * The two parts as separate conditions, each with the columns of its own index (the hosts' bookings
 * by host and blocked end; the partial index of bookings with co-hosts by workspace and blocked
 * end): the caller unions them.
 */
export function busyParts(
  t: BookingsTable,
  workspaceId: string,
  hostIds: readonly string[],
  coHostIn: SQL,
  from: EpochMs,
  to: EpochMs,
): { asHost: SQL; asCoHost: SQL } {
  const overlaps = [eq(t.status, 'confirmed'), lt(t.blockedStart, to), gt(t.blockedEnd, from)];
  return {
    asHost: and(
      eq(t.workspaceId, workspaceId),
      inArray(t.hostId, [...new Set(hostIds)]),
      ...overlaps,
    ) as SQL,
    asCoHost: and(eq(t.workspaceId, workspaceId), hasCoHosts(t), ...overlaps, coHostIn) as SQL,
  };
}

/**
 * One page of a dashboard tab (booking-core's `HostBookingsQuery`). Tabs: upcoming = confirmed
 * and not yet ended; past = confirmed, ended, not a no-show; no_show = confirmed no-shows;
 * cancelled. Upcoming lists soonest first (`start`, `id` ascending), the others latest first
 * (both descending), so a page continues strictly after the previous page's last key. `mine`
 * picks the host's bookings (see `listHostBookings`). `byteId` is
 * the id compared in code-unit order (PostgreSQL: `COLLATE "C"`, whatever the database's locale).
 */
export function hostBookingsQuery(
  t: BookingsTable,
  byteId: SQL,
  workspaceId: string,
  mine: SQL,
  q: HostBookingsQuery,
): { where: SQL; orderBy: SQL[] } {
  const soonestFirst = q.filter === 'upcoming';
  const conditions: (SQL | undefined)[] = [
    eq(t.workspaceId, workspaceId),
    mine,
    tabWhere(t, q.filter, q.now),
    q.startFrom === null ? undefined : gte(t.start, q.startFrom),
    q.startBefore === null ? undefined : lt(t.start, q.startBefore),
  ];
  if (q.after !== null) {
    const { start, id } = q.after;
    conditions.push(
      soonestFirst
        ? or(gt(t.start, start), and(eq(t.start, start), sql`${byteId} > ${id}`))
        : or(lt(t.start, start), and(eq(t.start, start), sql`${byteId} < ${id}`)),
    );
  }
  return {
    where: and(...conditions) as SQL,
    orderBy: soonestFirst
      ? [asc(t.start), sql`${byteId} asc`]
      : [desc(t.start), sql`${byteId} desc`],
  };
}

function tabWhere(t: BookingsTable, filter: BookingListFilter, now: EpochMs): SQL {
  switch (filter) {
    case 'upcoming':
      return and(eq(t.status, 'confirmed'), gt(t.end, now)) as SQL;
    case 'past':
      return and(eq(t.status, 'confirmed'), lte(t.end, now), eq(t.noShow, false)) as SQL;
    case 'no_show':
      return and(eq(t.status, 'confirmed'), eq(t.noShow, true)) as SQL;
    case 'cancelled':
      return eq(t.status, 'cancelled');
  }
}

/** Running jobs whose lease expired on their last attempt: nobody will run them again. */
export function abandonedWhere(t: JobsTable, now: EpochMs): SQL {
  return and(
    eq(t.status, 'running'),
    lte(t.lockedUntil, now),
    gte(t.attempts, t.maxAttempts),
  ) as SQL;
}

/** Claim order: earliest `runAt`, then creation order. */
export function claimOrder(t: JobsTable): SQL[] {
  return [asc(t.runAt), asc(t.createdAt), asc(t.id)];
}
