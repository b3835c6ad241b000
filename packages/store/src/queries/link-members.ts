import type { BookingLink } from '@workestra/booking-core';
import { asc, inArray, sql } from 'drizzle-orm';
import { toLink } from '../mappers.js';
import type { bookingLinks } from '../schema/pg.js';
import type { Dialect } from './dialect.js';
import { preparedOn } from './prepared.js';

type LinkRow = typeof bookingLinks.$inferSelect;

/**
 * Link rows as links, with their members: one query for the members of all of them (link ids are
 * unique across workspaces, so the ids alone pick the rows), none when there are no rows.
 */
export async function withMembers(
  { db, tables: { bookingLinkMembers } }: Pick<Dialect, 'db' | 'tables'>,
  rows: readonly LinkRow[],
): Promise<BookingLink[]> {
  if (rows.length === 0) return [];
  const query = (linkIds: readonly string[]) =>
    db
      .select()
      .from(bookingLinkMembers)
      .where(inArray(bookingLinkMembers.linkId, [...new Set(linkIds)]))
      .orderBy(asc(bookingLinkMembers.linkId), asc(bookingLinkMembers.position));
  const [only] = rows;
  const memberRows =
    rows.length === 1 && only !== undefined
      ? await preparedOn(db, 'workestra_link_members', () =>
          query([sql.placeholder('linkId') as unknown as string]).prepare('workestra_link_members'),
        ).execute({ linkId: only.id })
      : await query(rows.map((r) => r.id));
  const byLink = new Map<string, (typeof memberRows)[number][]>();
  for (const m of memberRows) {
    const list = byLink.get(m.linkId);
    if (list) list.push(m);
    else byLink.set(m.linkId, [m]);
  }
  return rows.map((r) => toLink(r, byLink.get(r.id) ?? []));
}
