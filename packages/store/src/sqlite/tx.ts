import type { JobKind, StoreTx } from '@workestra/booking-core';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { busyWhere, hostBookingsQuery } from '../conditions.js';
import { newJobRows } from '../jobs-common.js';
import {
  bookingRow,
  bookingUpdateRow,
  eventRow,
  externalRefJson,
  hostRow,
  linkRow,
  toBooking,
  toEvent,
  toHost,
  toLink,
  toToken,
  tokenRow,
} from '../mappers.js';
import {
  bookingEvents,
  bookingLinks,
  bookings,
  bookingTokens,
  hosts,
  jobs,
  workspaces,
} from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';

/**
 * `StoreTx` over a SQLite connection that is already inside a transaction. `enqueued` hears the
 * kinds of the jobs actually added (not the ignored duplicates), for the wake-up sent after commit.
 */
export function sqliteTx(db: SqliteDb, enqueued: (kinds: JobKind[]) => void): StoreTx {
  return {
    async insertHost(host) {
      db.insert(workspaces)
        .values({ id: host.workspaceId, name: null, createdAt: host.createdAt })
        .onConflictDoNothing()
        .run();
      db.insert(hosts).values(hostRow(host)).run();
    },
    async findHost(workspaceId, hostId) {
      const row = db
        .select()
        .from(hosts)
        .where(and(eq(hosts.workspaceId, workspaceId), eq(hosts.id, hostId)))
        .get();
      return row ? toHost(row) : null;
    },

    async insertLink(link) {
      db.insert(bookingLinks).values(linkRow(link)).run();
    },
    async updateLink(link) {
      const { id: _id, workspaceId: _ws, ...changes } = linkRow(link);
      db.update(bookingLinks)
        .set(changes)
        .where(and(eq(bookingLinks.workspaceId, link.workspaceId), eq(bookingLinks.id, link.id)))
        .run();
    },
    async findLink(workspaceId, linkId) {
      const row = db
        .select()
        .from(bookingLinks)
        .where(and(eq(bookingLinks.workspaceId, workspaceId), eq(bookingLinks.id, linkId)))
        .get();
      return row ? toLink(row) : null;
    },
    async findLiveLinkBySlug(slug) {
      const row = db
        .select()
        .from(bookingLinks)
        .where(and(eq(bookingLinks.slug, slug), isNull(bookingLinks.deletedAt)))
        .get();
      return row ? toLink(row) : null;
    },
    async listLinks(workspaceId, hostId) {
      return db
        .select()
        .from(bookingLinks)
        .where(
          and(
            eq(bookingLinks.workspaceId, workspaceId),
            eq(bookingLinks.hostId, hostId),
            isNull(bookingLinks.deletedAt),
          ),
        )
        .orderBy(asc(bookingLinks.createdAt), asc(bookingLinks.id))
        .all()
        .map(toLink);
    },

    async insertBooking(booking) {
      db.insert(bookings).values(bookingRow(booking)).run();
    },
    async updateBooking(booking) {
      db.update(bookings)
        .set(bookingUpdateRow(booking))
        .where(and(eq(bookings.workspaceId, booking.workspaceId), eq(bookings.id, booking.id)))
        .run();
    },
    async setExternalRef(workspaceId, bookingId, system, ref, expectedSequence) {
      const value = externalRefJson(system, ref);
      // One statement: json_set changes this system's key only, and the SEQUENCE guard is atomic.
      const result = db
        .update(bookings)
        .set({
          externalRefs: sql`json_set(${bookings.externalRefs}, ${`$."${system}"`}, json(${value}))`,
          ...(system === 'calendar' && ref.meetingUrl !== undefined
            ? { meetingUrl: ref.meetingUrl }
            : {}),
        })
        .where(
          and(
            eq(bookings.workspaceId, workspaceId),
            eq(bookings.id, bookingId),
            eq(bookings.icalSequence, expectedSequence),
          ),
        )
        .run();
      return result.changes > 0;
    },
    async findBooking(workspaceId, bookingId) {
      const row = db
        .select()
        .from(bookings)
        .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, bookingId)))
        .get();
      return row ? toBooking(row) : null;
    },
    async listHostBusy(workspaceId, hostId, from, to) {
      return db
        .select()
        .from(bookings)
        .where(busyWhere(bookings, workspaceId, hostId, from, to))
        .orderBy(asc(bookings.start), asc(bookings.id))
        .all()
        .map(toBooking);
    },
    async listHostBookings(workspaceId, hostId, query) {
      // SQLite compares text in code-unit order already (BINARY collation).
      const q = hostBookingsQuery(bookings, sql`${bookings.id}`, workspaceId, hostId, query);
      return db
        .select()
        .from(bookings)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(query.limit)
        .all()
        .map(toBooking);
    },

    async insertToken(token) {
      db.insert(bookingTokens).values(tokenRow(token)).run();
    },
    async findToken(purpose, tokenHash) {
      const row = db
        .select()
        .from(bookingTokens)
        .where(and(eq(bookingTokens.tokenHash, tokenHash), eq(bookingTokens.purpose, purpose)))
        .get();
      return row ? toToken(row) : null;
    },

    async deleteTokens(workspaceId, bookingId) {
      db.delete(bookingTokens)
        .where(
          and(eq(bookingTokens.workspaceId, workspaceId), eq(bookingTokens.bookingId, bookingId)),
        )
        .run();
    },

    async appendEvent(event) {
      db.insert(bookingEvents).values(eventRow(event)).run();
    },
    async listEvents(workspaceId, bookingId) {
      return db
        .select()
        .from(bookingEvents)
        .where(
          and(eq(bookingEvents.workspaceId, workspaceId), eq(bookingEvents.bookingId, bookingId)),
        )
        .orderBy(asc(bookingEvents.at), asc(bookingEvents.seq))
        .all()
        .map(toEvent);
    },

    async enqueueJobs(newJobs, now) {
      if (newJobs.length === 0) return;
      const added = db
        .insert(jobs)
        .values(newJobRows(newJobs, now))
        .onConflictDoNothing({ target: jobs.idempotencyKey })
        .returning({ kind: jobs.kind })
        .all();
      if (added.length > 0) enqueued(added.map((row) => row.kind));
    },
    async cancelJobs(idempotencyKeys, now) {
      if (idempotencyKeys.length === 0) return;
      db.update(jobs)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(inArray(jobs.idempotencyKey, [...idempotencyKeys]), eq(jobs.status, 'pending')))
        .run();
    },
  };
}
