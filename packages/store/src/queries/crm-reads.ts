import { and, asc, type Column, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import {
  CRM_PAGE_LIMIT_MAX,
  type CrmDealRecord,
  type CrmListQuery,
  type CrmMeetingRecord,
  type CrmPage,
  type SqlCrm,
} from '../crm-store.js';
import { searchKey } from './search-key.js';
import type { Dialect } from './dialect.js';

type Reads = Pick<
  SqlCrm,
  'listContacts' | 'getContact' | 'listDeals' | 'getDeal' | 'listStages' | 'ensureStages'
>;

/** `limit` as a whole number from 1 to {@link CRM_PAGE_LIMIT_MAX}. */
function pageSize(limit: number): number {
  const whole = Number.isFinite(limit) ? Math.trunc(limit) : 1;
  return Math.min(CRM_PAGE_LIMIT_MAX, Math.max(1, whole));
}

/** `rows` fetched with one extra: the page and the cursor of the next one. */
function page<T extends { id: string }>(rows: T[], size: number): CrmPage<T> {
  const items = rows.slice(0, size);
  return { items, next: rows.length > size ? (items[items.length - 1]?.id ?? null) : null };
}

/**
 * A `LIKE` pattern matching `search`'s {@link searchKey} anywhere, its wildcards taken literally.
 * It is matched against the stored keys (`name_key`, `title_key`, `email_key`), never through SQL
 * `lower()`, so both dialects fold the same letters.
 */
function containing(search: string): string {
  return `%${searchKey(search.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The read side of the SQL CRM (lists, details, stages), every query scoped to one workspace. */
export function crmReads({ db, tables, codeUnitOrder }: Dialect): Reads {
  const {
    crmContacts: contacts,
    crmDeals: deals,
    crmNotes: notes,
    crmStages: stages,
    crmMeetings: meetings,
    bookings,
  } = tables;
  // The meeting link and calendar event come from the booking as it is now: the calendar job that
  // makes them may finish after the crm.sync that wrote the row.
  const meetingsWhere = async (where: SQL | undefined): Promise<CrmMeetingRecord[]> => {
    const rows = await db
      .select({ meeting: meetings, url: bookings.meetingUrl, refs: bookings.externalRefs })
      .from(meetings)
      .leftJoin(
        bookings,
        and(eq(bookings.workspaceId, meetings.workspaceId), eq(bookings.id, meetings.bookingId)),
      )
      .where(where)
      .orderBy(asc(meetings.start), asc(codeUnitOrder(meetings.bookingId)));
    return rows.map(({ meeting: { workspaceId: _ws, ...m }, url, refs }) => ({
      ...m,
      meetingUrl: url ?? m.meetingUrl,
      calendarEvent: refs?.calendar ?? null,
    }));
  };
  const like = (column: Column, pattern: string) => sql`${column} like ${pattern} escape '\\'`;
  // Newest first: ids are time-ordered; the cursor is the last id of the previous page.
  const before = (column: Column, after: string | undefined) =>
    after === undefined ? undefined : sql`${codeUnitOrder(column)} < ${after}`;

  type DealRow = typeof deals.$inferSelect;
  const toDeal = (r: DealRow): CrmDealRecord => ({
    id: r.id,
    workspaceId: r.workspaceId,
    key: r.key,
    contactId: r.contactId,
    title: r.title,
    stage: r.stage,
    valueMinor: r.valueMinor,
    currency: r.currency,
    meeting: {
      start: r.meetingStart,
      end: r.meetingEnd,
      status: r.meetingStatus,
      meetingUrl: r.meetingUrl,
    },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });
  const notesWhere = (where: SQL | undefined) =>
    db
      .select()
      .from(notes)
      .where(where)
      .orderBy(asc(notes.createdAt), asc(codeUnitOrder(notes.id)));
  const dealsWithContacts = (where: SQL | undefined, limit: number) =>
    db
      .select({ deal: deals, contact: contacts })
      .from(deals)
      .innerJoin(
        contacts,
        and(eq(contacts.workspaceId, deals.workspaceId), eq(contacts.id, deals.contactId)),
      )
      .where(where)
      .orderBy(desc(codeUnitOrder(deals.id)))
      .limit(limit);

  const listStages = (workspaceId: string) =>
    db
      .select({ name: stages.name, position: stages.position })
      .from(stages)
      .where(eq(stages.workspaceId, workspaceId))
      .orderBy(asc(stages.position), asc(codeUnitOrder(stages.name)));

  return {
    async listContacts({ workspaceId, search, limit, after }: CrmListQuery) {
      const size = pageSize(limit);
      const pattern = search?.trim() ? containing(search) : undefined;
      const rows = await db
        .select()
        .from(contacts)
        .where(
          and(
            eq(contacts.workspaceId, workspaceId),
            pattern === undefined
              ? undefined
              : or(like(contacts.nameKey, pattern), like(contacts.emailKey, pattern)),
            before(contacts.id, after),
          ),
        )
        .orderBy(desc(codeUnitOrder(contacts.id)))
        .limit(size + 1);
      return page(
        rows.map(({ emailKey: _key, nameKey: _name, ...contact }) => contact),
        size,
      );
    },

    async getContact({ workspaceId, contactId }) {
      const [row] = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
      if (row === undefined) return null;
      const { emailKey: _key, nameKey: _name, ...contact } = row;
      const dealRows = await db
        .select()
        .from(deals)
        .where(and(eq(deals.workspaceId, workspaceId), eq(deals.contactId, contactId)))
        .orderBy(desc(codeUnitOrder(deals.id)));
      const noteRows = await notesWhere(
        and(eq(notes.workspaceId, workspaceId), eq(notes.contactId, contactId)),
      );
      const meetingRows = await meetingsWhere(
        and(eq(meetings.workspaceId, workspaceId), eq(meetings.contactId, contactId)),
      );
      return { ...contact, deals: dealRows.map(toDeal), meetings: meetingRows, notes: noteRows };
    },

    async listDeals({ workspaceId, search, limit, after, contactId }) {
      const size = pageSize(limit);
      const pattern = search?.trim() ? containing(search) : undefined;
      const rows = await dealsWithContacts(
        and(
          eq(deals.workspaceId, workspaceId),
          contactId === undefined ? undefined : eq(deals.contactId, contactId),
          pattern === undefined
            ? undefined
            : or(
                like(deals.titleKey, pattern),
                like(contacts.nameKey, pattern),
                like(contacts.emailKey, pattern),
              ),
          before(deals.id, after),
        ),
        size + 1,
      );
      return page(
        rows.map(({ deal, contact: { emailKey: _key, nameKey: _name, ...contact } }) => ({
          ...toDeal(deal),
          contact,
        })),
        size,
      );
    },

    async getDeal({ workspaceId, dealId }) {
      const [row] = await dealsWithContacts(
        and(eq(deals.workspaceId, workspaceId), eq(deals.id, dealId)),
        1,
      );
      if (row === undefined) return null;
      const { emailKey: _key, nameKey: _name, ...contact } = row.contact;
      const noteRows = await notesWhere(
        and(eq(notes.workspaceId, workspaceId), eq(notes.dealId, dealId)),
      );
      const meetingRows = await meetingsWhere(
        and(eq(meetings.workspaceId, workspaceId), eq(meetings.dealId, dealId)),
      );
      return { ...toDeal(row.deal), contact, meetings: meetingRows, notes: noteRows };
    },

    listStages,

    async ensureStages({ workspaceId, names }) {
      const current = await listStages(workspaceId);
      const known = new Set(current.map((s) => s.name));
      const missing = [...new Set(names.map((n) => n.trim()))].filter(
        (n) => n !== '' && !known.has(n),
      );
      if (missing.length > 0) {
        const last = current.reduce((max, s) => Math.max(max, s.position), -1);
        await db
          .insert(stages)
          .values(missing.map((name, i) => ({ workspaceId, name, position: last + 1 + i })))
          .onConflictDoNothing({ target: [stages.workspaceId, stages.name] });
      }
      return listStages(workspaceId);
    },
  };
}
