import { randomBytes } from 'node:crypto';
import { crmMeetingOf, FollowUpError, type CrmChangeContext } from '@workestra/booking-core';
import { and, eq, isNull } from 'drizzle-orm';
import type { SqlCrm } from '../crm-store.js';
import { StoreError } from '../errors.js';
import { crmReads } from './crm-reads.js';
import { searchKey } from './search-key.js';
import { crmSettingsQueries } from './crm-settings.js';
import type { Dialect } from './dialect.js';

/**
 * What the SQL CRM takes from outside: the clock and the ids (defaults: `Date.now`, time-ordered
 * random ids). Tests pass their own.
 */
export interface SqlCrmDeps {
  readonly now?: () => number;
  readonly newId?: (prefix: 'crmc' | 'crmd' | 'crmn') => string;
}

let counter = 0;

/**
 * Ids sort in creation order (wall-clock ms, then a per-process counter), which is the lists'
 * newest-first order; the random tail keeps processes apart. Also the webhook subscriptions' ids.
 */
export function timeOrderedId(prefix: string): string {
  counter = (counter + 1) % 0x1000000;
  return `${prefix}_${Date.now().toString(16).padStart(12, '0')}${counter.toString(16).padStart(6, '0')}${randomBytes(5).toString('hex')}`;
}

/** The key contacts are matched on: the email trimmed and lowercased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Rows a {@link backfillSearchKeys} round reads and writes at most. */
const BACKFILL_BATCH = 500;

/**
 * Fills the search keys of CRM rows written before the keys existed (`name_key`, `title_key` are
 * null only for those): run by the stores when they open, after the migrations. Idempotent, so
 * several PostgreSQL instances may run it together; each round fills every row it read, so it ends.
 */
export async function backfillSearchKeys({ db, tables }: Dialect): Promise<void> {
  const { crmContacts: contacts, crmDeals: deals } = tables;
  for (const [table, text, key, field] of [
    [contacts, contacts.name, contacts.nameKey, 'nameKey'],
    [deals, deals.title, deals.titleKey, 'titleKey'],
  ] as const) {
    for (;;) {
      // A look into the `..._key_missing_idx` partial index: empty (and cheap) once filled.
      const rows = await db
        .select({ id: table.id, text })
        .from(table)
        .where(isNull(key))
        .limit(BACKFILL_BATCH);
      for (const row of rows)
        await db
          .update(table)
          .set({ [field]: searchKey(row.text) })
          .where(eq(table.id, row.id));
      if (rows.length < BACKFILL_BATCH) break;
    }
  }
}

/**
 * `SqlCrm` over either dialect. Each write is one `INSERT ... ON CONFLICT DO NOTHING` on the row's
 * natural key, then a read of that key: a retried job or a concurrent caller finds the row the
 * first one wrote, never a second one.
 */
export function sqlCrm(dialect: Dialect, deps: SqlCrmDeps = {}): SqlCrm {
  const { db, tables } = dialect;
  const { crmContacts: contacts, crmDeals: deals, crmNotes: notes, crmMeetings: meetings } = tables;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? timeOrderedId;

  const requireContact = async (workspaceId: string, contactId: string) => {
    const [row] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)));
    if (row === undefined)
      throw new StoreError(
        'CRM_CONTACT_NOT_FOUND',
        `no CRM contact ${contactId} in this workspace`,
      );
  };
  const requireDeal = async (workspaceId: string, dealId: string) => {
    const [row] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, dealId)));
    if (row === undefined) throw new FollowUpError('DEAL_NOT_FOUND', `no deal ${dealId}`);
  };

  /**
   * The booking's row in `crm_meetings`, written as the booking is now (the foreign keys refuse an
   * unknown contact or deal, as `requireContact`/`requireDeal` would).
   */
  const keepMeeting = async (
    workspaceId: string,
    contactId: string,
    dealId: string | null,
    { booking, link }: CrmChangeContext,
  ) => {
    await requireContact(workspaceId, contactId);
    if (dealId !== null) await requireDeal(workspaceId, dealId);
    const meeting = crmMeetingOf(booking);
    const row = {
      contactId,
      dealId,
      title: link.title,
      start: meeting.start,
      end: meeting.end,
      status: meeting.status,
      meetingUrl: meeting.meetingUrl,
      updatedAt: now(),
    };
    await db
      .insert(meetings)
      .values({ workspaceId, bookingId: booking.id, ...row })
      .onConflictDoUpdate({ target: [meetings.workspaceId, meetings.bookingId], set: row });
  };

  return {
    name: 'workestra',
    async findOrCreateContact({ workspaceId, contact }) {
      const key = emailKey(contact.email);
      const at = now();
      await db
        .insert(contacts)
        .values({
          id: newId('crmc'),
          workspaceId,
          email: contact.email,
          emailKey: key,
          name: contact.name,
          nameKey: searchKey(contact.name),
          timeZone: contact.timeZone,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing({ target: [contacts.workspaceId, contacts.emailKey] });
      const [row] = await db
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.emailKey, key)));
      if (row === undefined) throw new Error(`CRM contact ${key} vanished after its insert`);
      return { contactId: row.id };
    },

    async createDeal({ workspaceId, key, contactId, deal }) {
      const byKey = and(eq(deals.workspaceId, workspaceId), eq(deals.key, key));
      const [existing] = await db.select({ id: deals.id }).from(deals).where(byKey);
      if (existing !== undefined) return { dealId: existing.id };
      await requireContact(workspaceId, contactId);
      const at = now();
      await db
        .insert(deals)
        .values({
          id: newId('crmd'),
          workspaceId,
          key,
          contactId,
          title: deal.title,
          titleKey: searchKey(deal.title),
          stage: deal.stage,
          valueMinor: deal.valueMinor,
          currency: deal.currency,
          meetingStart: deal.meeting.start,
          meetingEnd: deal.meeting.end,
          meetingStatus: deal.meeting.status,
          meetingUrl: deal.meeting.meetingUrl,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing({ target: [deals.workspaceId, deals.key] });
      const [row] = await db.select({ id: deals.id }).from(deals).where(byKey);
      if (row === undefined) throw new Error(`CRM deal ${key} vanished after its insert`);
      return { dealId: row.id };
    },

    async updateDeal({ workspaceId, dealId, meeting, stage }) {
      const changed = await db
        .update(deals)
        .set({
          ...(stage === undefined ? {} : { stage }),
          meetingStart: meeting.start,
          meetingEnd: meeting.end,
          meetingStatus: meeting.status,
          meetingUrl: meeting.meetingUrl,
          updatedAt: now(),
        })
        .where(and(eq(deals.workspaceId, workspaceId), eq(deals.id, dealId)))
        .returning({ id: deals.id });
      if (changed.length === 0) throw new FollowUpError('DEAL_NOT_FOUND', `no deal ${dealId}`);
    },

    async annotate({ workspaceId, key, contactId, dealId, note, context }) {
      // The meeting is kept as the booking is now, whether or not this note is new.
      if (context !== undefined) await keepMeeting(workspaceId, contactId, dealId, context);
      const byKey = and(eq(notes.workspaceId, workspaceId), eq(notes.key, key));
      const [existing] = await db.select({ id: notes.id }).from(notes).where(byKey);
      if (existing !== undefined) return;
      if (context === undefined) {
        await requireContact(workspaceId, contactId);
        if (dealId !== null) await requireDeal(workspaceId, dealId);
      }
      await db
        .insert(notes)
        .values({ id: newId('crmn'), workspaceId, key, contactId, dealId, note, createdAt: now() })
        .onConflictDoNothing({ target: [notes.workspaceId, notes.key] });
    },

    ...crmReads(dialect),
    ...crmSettingsQueries(dialect, now),
  };
}
