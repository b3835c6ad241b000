import type { BookingLink, JobKind, StoreTx, TokenPurpose } from '@workestra/booking-core';
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { busyParts, hasCoHosts, hostBookingsQuery } from '../conditions.js';
import { newJobRows } from '../jobs-common.js';
import {
  bookingRow,
  bookingUpdateRow,
  eventRow,
  externalRefJson,
  hostRow,
  linkMemberRows,
  linkRow,
  timeOffRow,
  toUpload,
  uploadRow,
  toBooking,
  toEvent,
  toHost,
  toTimeOff,
  toToken,
  tokenRow,
} from '../mappers.js';
import type { Dialect } from './dialect.js';
import { withMembers } from './link-members.js';
import { preparedOn } from './prepared.js';

/** The inputs of the statements built once (see `preparedOn`), as drizzle placeholders. */
const P = {
  workspaceId: sql.placeholder('workspaceId') as unknown as string,
  hostId: sql.placeholder('hostId') as unknown as string,
  linkId: sql.placeholder('linkId') as unknown as string,
  slug: sql.placeholder('slug') as unknown as string,
  from: sql.placeholder('from') as unknown as number,
  to: sql.placeholder('to') as unknown as number,
  bookingId: sql.placeholder('bookingId') as unknown as string,
  tokenHash: sql.placeholder('tokenHash') as unknown as string,
  purpose: sql.placeholder('purpose') as unknown as TokenPurpose,
};

/** A short, stable name for a list of columns (FNV-1a, hex): part of a statement's name. */
function columnsKey(columns: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of columns.join(',')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

/**
 * `StoreTx` over a database that is already inside a transaction (`dialect.db`). `enqueued` hears
 * the kinds of the jobs actually added (not the ignored duplicates), inside the transaction: the
 * dialect's wake-up, which must reach workers only once the transaction commits.
 */
export function storeTx(dialect: Dialect, enqueued: (kinds: JobKind[]) => Promise<void>): StoreTx {
  const { db, tables, codeUnitOrder, withExternalRef, coHostIn } = dialect;
  const {
    bookingEvents,
    bookingLinkMembers,
    bookingLinks,
    bookings,
    bookingTokens,
    hosts,
    jobs,
    timeOff,
    uploads,
    workspaces,
  } = tables;
  /**
   * Inserts `row` into `table` with a statement built once per set of columns (see `preparedOn`):
   * each value goes through its column's encoder as drizzle's own insert does; `undefined` ones
   * are left to the column default, as drizzle leaves them.
   */
  const insertRow = async <R extends Record<string, unknown>>(
    table: typeof bookings | typeof bookingTokens | typeof bookingEvents,
    tableName: string,
    row: R,
  ): Promise<void> => {
    const columns = Object.keys(row).filter((key) => row[key] !== undefined);
    const name = `workestra_insert_${tableName}_${columnsKey(columns)}`;
    await preparedOn(db, name, () =>
      db
        .insert(table)
        .values(Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as never)
        .prepare(name),
    ).execute(row);
  };
  const insertMembers = async (link: BookingLink) => {
    const rows = linkMemberRows(link);
    if (rows.length > 0) await db.insert(bookingLinkMembers).values(rows);
  };
  /**
   * Confirmed bookings keeping any of `hostIds` busy in `[from, to)`, each once: one statement,
   * the union of the host part and the co-host part (see `busyParts`), each on its own index.
   */
  const busyQuery = (workspaceId: string, hostIds: readonly string[], from: number, to: number) => {
    const { asHost, asCoHost } = busyParts(
      bookings,
      workspaceId,
      hostIds,
      coHostIn(bookings.coHostIds, hostIds),
      from,
      to,
    );
    // UNION ALL: `IN` drops the duplicates anyway, and a UNION's merge by id would make SQLite
    // read the co-host part through the (workspace, id) index, every booking of the workspace,
    // instead of the partial co-host index.
    const ids = db
      .select({ id: bookings.id })
      .from(bookings)
      .where(asHost)
      .unionAll(db.select({ id: bookings.id }).from(bookings).where(asCoHost));
    return db
      .select()
      .from(bookings)
      .where(inArray(bookings.id, ids))
      .orderBy(asc(bookings.start), asc(bookings.id));
  };
  const busy = async (
    workspaceId: string,
    hostIds: readonly string[],
    from: number,
    to: number,
  ) => {
    const [only, ...others] = new Set(hostIds);
    const rows =
      only !== undefined && others.length === 0
        ? await preparedOn(db, 'workestra_host_busy', () =>
            busyQuery(P.workspaceId, [P.hostId], P.from, P.to).prepare('workestra_host_busy'),
          ).execute({ workspaceId, hostId: only, from, to })
        : await busyQuery(workspaceId, hostIds, from, to);
    return rows.map(toBooking);
  };
  /** Time off of the hosts overlapping `[from, to)`, by host id, start and id (code-unit order). */
  const hostsTimeOff = async (
    workspaceId: string,
    hostIds: readonly string[],
    from: number,
    to: number,
  ) => {
    if (hostIds.length === 0) return [];
    const query = (ws: string, ids: readonly string[], lo: number, hi: number) =>
      db
        .select()
        .from(timeOff)
        .where(
          and(
            eq(timeOff.workspaceId, ws),
            inArray(timeOff.hostId, [...new Set(ids)]),
            lt(timeOff.start, hi),
            gt(timeOff.end, lo),
          ),
        )
        .orderBy(
          asc(codeUnitOrder(timeOff.hostId)),
          asc(timeOff.start),
          asc(codeUnitOrder(timeOff.id)),
        );
    const [only, ...others] = new Set(hostIds);
    const rows =
      only !== undefined && others.length === 0
        ? await preparedOn(db, 'workestra_host_time_off', () =>
            query(P.workspaceId, [P.hostId], P.from, P.to).prepare('workestra_host_time_off'),
          ).execute({ workspaceId, hostId: only, from, to })
        : await query(workspaceId, hostIds, from, to);
    return rows.map(toTimeOff);
  };

  return {
    async insertHost(host) {
      await db
        .insert(workspaces)
        .values({ id: host.workspaceId, name: null, createdAt: host.createdAt })
        .onConflictDoNothing();
      await db.insert(hosts).values(hostRow(host));
    },
    async findHost(workspaceId, hostId) {
      const [row] = await preparedOn(db, 'workestra_find_host', () =>
        db
          .select()
          .from(hosts)
          .where(and(eq(hosts.workspaceId, P.workspaceId), eq(hosts.id, P.hostId)))
          .prepare('workestra_find_host'),
      ).execute({ workspaceId, hostId });
      return row ? toHost(row) : null;
    },
    async listHosts(workspaceId) {
      const rows = await db
        .select()
        .from(hosts)
        .where(eq(hosts.workspaceId, workspaceId))
        .orderBy(asc(hosts.createdAt), asc(codeUnitOrder(hosts.id)));
      return rows.map(toHost);
    },

    async insertLink(link) {
      await db.insert(bookingLinks).values(linkRow(link));
      await insertMembers(link);
    },
    async updateLink(link) {
      const { id: _id, workspaceId: _ws, ...changes } = linkRow(link);
      const updated = await db
        .update(bookingLinks)
        .set(changes)
        .where(and(eq(bookingLinks.workspaceId, link.workspaceId), eq(bookingLinks.id, link.id)))
        .returning({ id: bookingLinks.id });
      if (updated.length === 0) return;
      // The stored members become `link.members`: replaced as a set, in the same transaction.
      await db
        .delete(bookingLinkMembers)
        .where(
          and(
            eq(bookingLinkMembers.workspaceId, link.workspaceId),
            eq(bookingLinkMembers.linkId, link.id),
          ),
        );
      await insertMembers(link);
    },
    async findLink(workspaceId, linkId) {
      const rows = await preparedOn(db, 'workestra_find_link', () =>
        db
          .select()
          .from(bookingLinks)
          .where(and(eq(bookingLinks.workspaceId, P.workspaceId), eq(bookingLinks.id, P.linkId)))
          .prepare('workestra_find_link'),
      ).execute({ workspaceId, linkId });
      return (await withMembers(dialect, rows))[0] ?? null;
    },
    async findLiveLinkBySlug(slug) {
      const rows = await preparedOn(db, 'workestra_live_link_by_slug', () =>
        db
          .select()
          .from(bookingLinks)
          .where(and(eq(bookingLinks.slug, P.slug), isNull(bookingLinks.deletedAt)))
          .prepare('workestra_live_link_by_slug'),
      ).execute({ slug });
      return (await withMembers(dialect, rows))[0] ?? null;
    },
    async listLinks(workspaceId, hostId) {
      // Owned links (booking_links_host_idx) and team links it is a member of
      // (booking_link_members_host_idx).
      const memberOf = db
        .select({ id: bookingLinkMembers.linkId })
        .from(bookingLinkMembers)
        .where(
          and(
            eq(bookingLinkMembers.workspaceId, workspaceId),
            eq(bookingLinkMembers.hostId, hostId),
          ),
        );
      const rows = await db
        .select()
        .from(bookingLinks)
        .where(
          and(
            eq(bookingLinks.workspaceId, workspaceId),
            or(eq(bookingLinks.hostId, hostId), inArray(bookingLinks.id, memberOf)),
            isNull(bookingLinks.deletedAt),
          ),
        )
        .orderBy(asc(bookingLinks.createdAt), asc(bookingLinks.id));
      return withMembers(dialect, rows);
    },

    async insertBooking(booking) {
      await insertRow(bookings, 'bookings', bookingRow(booking));
    },
    async updateBooking(booking) {
      await db
        .update(bookings)
        .set(bookingUpdateRow(booking))
        .where(and(eq(bookings.workspaceId, booking.workspaceId), eq(bookings.id, booking.id)));
    },
    async setExternalRef(workspaceId, bookingId, system, ref, expectedSequence) {
      // One statement: only this system's key changes, and the SEQUENCE guard is atomic (on
      // PostgreSQL, under READ COMMITTED, a concurrent reschedule's row lock makes this wait and
      // re-check the SEQUENCE on the new row).
      const rows = await db
        .update(bookings)
        .set({
          externalRefs: withExternalRef(
            bookings.externalRefs,
            system,
            externalRefJson(system, ref),
          ),
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
        .returning({ id: bookings.id });
      return rows.length > 0;
    },
    async findBooking(workspaceId, bookingId) {
      const [row] = await preparedOn(db, 'workestra_find_booking', () =>
        db
          .select()
          .from(bookings)
          .where(and(eq(bookings.workspaceId, P.workspaceId), eq(bookings.id, P.bookingId)))
          .prepare('workestra_find_booking'),
      ).execute({ workspaceId, bookingId });
      return row ? toBooking(row) : null;
    },
    async listHostBusy(workspaceId, hostId, from, to) {
      return busy(workspaceId, [hostId], from, to);
    },
    async listHostsBusy(workspaceId, hostIds, from, to) {
      return hostIds.length === 0 ? [] : busy(workspaceId, hostIds, from, to);
    },
    async listLinkAssignments(workspaceId, linkId) {
      return db
        .select({
          hostId: bookings.hostId,
          bookedCount: sql<number>`count(*)`.mapWith(Number),
          lastBookedAt: sql<number>`max(${bookings.createdAt})`.mapWith(Number),
        })
        .from(bookings)
        .where(
          and(
            eq(bookings.workspaceId, workspaceId),
            eq(bookings.linkId, linkId),
            eq(bookings.status, 'confirmed'),
          ),
        )
        .groupBy(bookings.hostId)
        .orderBy(asc(codeUnitOrder(bookings.hostId)));
    },
    async listHostBookings(workspaceId, hostId, query) {
      const byId = codeUnitOrder(bookings.id);
      // A host's bookings come from three sources, each served by its own index: its own
      // (bookings_workspace_host_start_idx), those it co-hosts (bookings_co_host_blocked_end_idx) and
      // those of the links it owns (booking_links_host_idx, then bookings_link_idx). The tab's
      // filters, order and page apply to their union.
      const own = db
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.hostId, hostId)));
      const coHosted = db
        .select({ id: bookings.id })
        .from(bookings)
        .where(
          and(
            eq(bookings.workspaceId, workspaceId),
            hasCoHosts(bookings),
            coHostIn(bookings.coHostIds, [hostId]),
          ),
        );
      const ofOwnedLinks = db
        .select({ id: bookings.id })
        .from(bookings)
        .innerJoin(
          bookingLinks,
          and(
            eq(bookingLinks.workspaceId, bookings.workspaceId),
            eq(bookingLinks.id, bookings.linkId),
          ),
        )
        .where(and(eq(bookingLinks.workspaceId, workspaceId), eq(bookingLinks.hostId, hostId)));
      const mine = inArray(bookings.id, own.union(coHosted).union(ofOwnedLinks));
      const q = hostBookingsQuery(bookings, byId, workspaceId, mine, query);
      const rows = await db
        .select()
        .from(bookings)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(query.limit);
      return rows.map(toBooking);
    },

    async insertToken(token) {
      await insertRow(bookingTokens, 'booking_tokens', tokenRow(token));
    },
    async findToken(purpose, tokenHash) {
      const [row] = await preparedOn(db, 'workestra_find_token', () =>
        db
          .select()
          .from(bookingTokens)
          .where(
            and(eq(bookingTokens.tokenHash, P.tokenHash), eq(bookingTokens.purpose, P.purpose)),
          )
          .prepare('workestra_find_token'),
      ).execute({ purpose, tokenHash });
      return row ? toToken(row) : null;
    },

    async supersedeTokens(workspaceId, bookingId, at) {
      await db
        .update(bookingTokens)
        .set({ supersededAt: at })
        .where(
          and(
            eq(bookingTokens.workspaceId, workspaceId),
            eq(bookingTokens.bookingId, bookingId),
            isNull(bookingTokens.supersededAt),
          ),
        );
    },

    async insertUpload(upload) {
      await db.insert(uploads).values(uploadRow(upload));
    },
    async findUpload(workspaceId, uploadId) {
      const [row] = await db
        .select()
        .from(uploads)
        .where(and(eq(uploads.workspaceId, workspaceId), eq(uploads.id, uploadId)));
      return row === undefined ? null : toUpload(row);
    },
    async attachUpload(workspaceId, uploadId, bookingId) {
      // One statement: only an unattached upload is attached (on PostgreSQL a concurrent attach's
      // row lock makes this wait and re-check `booking_id IS NULL` on the new row).
      const rows = await db
        .update(uploads)
        .set({ bookingId })
        .where(
          and(
            eq(uploads.workspaceId, workspaceId),
            eq(uploads.id, uploadId),
            isNull(uploads.bookingId),
          ),
        )
        .returning({ id: uploads.id });
      return rows.length > 0;
    },
    async listUnattachedUploads(createdBefore, limit) {
      if (limit <= 0) return [];
      const rows = await db
        .select()
        .from(uploads)
        .where(and(isNull(uploads.bookingId), lt(uploads.createdAt, createdBefore)))
        .orderBy(asc(uploads.createdAt), asc(codeUnitOrder(uploads.id)))
        .limit(limit);
      return rows.map(toUpload);
    },
    async deleteUpload(workspaceId, uploadId) {
      const rows = await db
        .delete(uploads)
        .where(and(eq(uploads.workspaceId, workspaceId), eq(uploads.id, uploadId)))
        .returning({ id: uploads.id });
      return rows.length > 0;
    },

    async insertTimeOff(range) {
      await db.insert(timeOff).values(timeOffRow(range));
    },
    async deleteTimeOff(workspaceId, hostId, id) {
      const rows = await db
        .delete(timeOff)
        .where(
          and(eq(timeOff.workspaceId, workspaceId), eq(timeOff.hostId, hostId), eq(timeOff.id, id)),
        )
        .returning({ id: timeOff.id });
      return rows.length > 0;
    },
    listTimeOff: (workspaceId, hostId, from, to) => hostsTimeOff(workspaceId, [hostId], from, to),
    listHostsTimeOff: hostsTimeOff,

    async appendEvent(event) {
      await insertRow(bookingEvents, 'booking_events', eventRow(event));
    },
    async listEvents(workspaceId, bookingId) {
      const rows = await db
        .select()
        .from(bookingEvents)
        .where(
          and(eq(bookingEvents.workspaceId, workspaceId), eq(bookingEvents.bookingId, bookingId)),
        )
        .orderBy(asc(bookingEvents.at), asc(bookingEvents.seq));
      return rows.map(toEvent);
    },
    async listFollowUpFailures(workspaceId, bookingIds) {
      if (bookingIds.length === 0) return [];
      const rows = await db
        .select()
        .from(bookingEvents)
        .where(
          and(
            eq(bookingEvents.workspaceId, workspaceId),
            inArray(bookingEvents.bookingId, [...new Set(bookingIds)]),
            eq(bookingEvents.type, 'followup_failed'),
          ),
        )
        .orderBy(asc(bookingEvents.at), asc(bookingEvents.seq));
      return rows.map(toEvent);
    },

    async enqueueJobs(newJobs, now) {
      if (newJobs.length === 0) return;
      // Built once per number of jobs (a booking queues the same few every time): row i's
      // values are the placeholders `<column>_<i>`.
      const rows = newJobRows(newJobs, now);
      const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
      const name = `workestra_enqueue_jobs_${rows.length}`;
      const params: Record<string, unknown> = {};
      rows.forEach((row, i) => columns.forEach((c) => (params[`${c}_${i}`] = row[c])));
      const added = await preparedOn(db, name, () =>
        db
          .insert(jobs)
          .values(
            rows.map(
              (_, i) =>
                Object.fromEntries(columns.map((c) => [c, sql.placeholder(`${c}_${i}`)])) as never,
            ),
          )
          .onConflictDoNothing({ target: jobs.idempotencyKey })
          .returning({ kind: jobs.kind })
          .prepare(name),
      ).execute(params);
      if (added.length > 0) await enqueued(added.map((row) => row.kind));
    },
    async cancelJobs(idempotencyKeys, now) {
      if (idempotencyKeys.length === 0) return;
      await db
        .update(jobs)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(inArray(jobs.idempotencyKey, [...idempotencyKeys]), eq(jobs.status, 'pending')));
    },
  };
}
