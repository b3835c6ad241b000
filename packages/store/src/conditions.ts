import type { BookingListFilter, EpochMs } from '@workestra/booking-core';
import { and, asc, desc, eq, gt, gte, lt, lte, or, type SQL } from 'drizzle-orm';
import type * as sqlite from './schema/sqlite.js';
import type * as pg from './schema/pg.js';

/*
 * WHERE/ORDER BY pieces shared by both dialects: drizzle's operators take either dialect's columns.
 */

type BookingsTable = typeof sqlite.bookings | typeof pg.bookings;
type JobsTable = typeof sqlite.jobs | typeof pg.jobs;

/** Confirmed bookings of a host whose blocked range overlaps `[from, to)`. */
export function busyWhere(
  t: BookingsTable,
  workspaceId: string,
  hostId: string,
  from: EpochMs,
  to: EpochMs,
): SQL {
  return and(
    eq(t.workspaceId, workspaceId),
    eq(t.hostId, hostId),
    eq(t.status, 'confirmed'),
    lt(t.blockedStart, to),
    gt(t.blockedEnd, from),
  ) as SQL;
}

/**
 * The dashboard tabs: upcoming = confirmed and not yet ended (soonest first); past = confirmed,
 * ended, not a no-show; no_show = confirmed no-shows; cancelled. Past tabs list the latest first.
 */
export function hostBookingsQuery(
  t: BookingsTable,
  workspaceId: string,
  hostId: string,
  filter: BookingListFilter,
  now: EpochMs,
): { where: SQL; orderBy: SQL[] } {
  const scope = [eq(t.workspaceId, workspaceId), eq(t.hostId, hostId)];
  const latestFirst = [desc(t.start), asc(t.id)];
  switch (filter) {
    case 'upcoming':
      return {
        where: and(...scope, eq(t.status, 'confirmed'), gt(t.end, now)) as SQL,
        orderBy: [asc(t.start), asc(t.id)],
      };
    case 'past':
      return {
        where: and(
          ...scope,
          eq(t.status, 'confirmed'),
          lte(t.end, now),
          eq(t.noShow, false),
        ) as SQL,
        orderBy: latestFirst,
      };
    case 'no_show':
      return {
        where: and(...scope, eq(t.status, 'confirmed'), eq(t.noShow, true)) as SQL,
        orderBy: latestFirst,
      };
    case 'cancelled':
      return { where: and(...scope, eq(t.status, 'cancelled')) as SQL, orderBy: latestFirst };
  }
}

/**
 * Jobs a worker may claim: due pending ones, and running ones whose lease expired (the worker
 * died) that have attempts left.
 */
export function claimableWhere(t: JobsTable, now: EpochMs): SQL {
  return or(
    and(eq(t.status, 'pending'), lte(t.runAt, now)),
    and(eq(t.status, 'running'), lte(t.lockedUntil, now), lt(t.attempts, t.maxAttempts)),
  ) as SQL;
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
