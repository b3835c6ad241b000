import { describeCrmContract } from '@workestra/booking-core/testing';
import type { CrmDealInput, CrmMeeting } from '@workestra/booking-core';
import Database from 'better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgDialect } from './pg/dialect.js';
import { sqlCrm } from './queries/crm.js';
import * as pgSchema from './schema/pg.js';
import * as sqliteSchema from './schema/sqlite.js';
import { sqliteDialect } from './sqlite/dialect.js';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';

/** Raw SQL with `?` placeholders, rewritten to `$n` for PostgreSQL. */
function rawQuery(db: TestDatabase, text: string, params: unknown[] = []) {
  let n = 0;
  const sqlText = db.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return db.raw(sqlText, params);
}

// pg returns bigint columns as strings; SQLite as numbers.
const num = (v: unknown): number | null => (v === null ? null : Number(v));

for (const dialect of DIALECTS) {
  // Read-backs straight from the tables, so the contract checks what was stored, not the CRM's own reads.
  describeCrmContract(`sql on ${dialect}`, async () => {
    const db = await createTestDatabase(dialect);
    const handle = await db.open();
    return {
      crm: handle.crm,
      async deal(dealId) {
        const [r] = await rawQuery(db, 'SELECT * FROM crm_deals WHERE id = ?', [dealId]);
        if (r === undefined) return null;
        return {
          contactId: r['contact_id'] as string,
          title: r['title'] as string,
          stage: r['stage'] as string | null,
          valueMinor: num(r['value_minor']),
          currency: r['currency'] as string | null,
          meeting: {
            start: Number(r['meeting_start']),
            end: Number(r['meeting_end']),
            status: r['meeting_status'] as CrmMeeting['status'],
            meetingUrl: r['meeting_url'] as string | null,
          },
        };
      },
      async notes(contactId) {
        const rows = await rawQuery(
          db,
          'SELECT note FROM crm_notes WHERE contact_id = ? ORDER BY created_at, id',
          [contactId],
        );
        return rows.map((r) => r['note'] as string);
      },
      // A closed store refuses every call, as a database that went away would.
      fail: () => handle.close(),
      close: () => db.drop(),
    };
  });
}

const meeting: CrmMeeting = {
  start: T0,
  end: T0 + 1_800_000,
  status: 'scheduled',
  meetingUrl: 'https://meet.example.com/x',
};
const deal: CrmDealInput = {
  title: 'Intro',
  stage: 'New leads',
  valueMinor: 9_900,
  currency: 'EUR',
  meeting,
};
const ada = { email: 'ada@example.com', name: 'Ada Lovelace', timeZone: 'Europe/London' };

describe.each(DIALECTS)('SQL CRM under concurrency on %s', (dialect) => {
  let db: TestDatabase;
  let first: StoreHandle;
  let second: StoreHandle;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    first = await db.open({ maxConnections: 10 });
    second = await db.open({ maxConnections: 10 });
  });
  afterAll(async () => db.drop());
  const count = async (table: string, workspaceId: string) =>
    Number(
      (
        await rawQuery(db, `SELECT count(*) AS n FROM ${table} WHERE workspace_id = ?`, [
          workspaceId,
        ])
      )[0]?.['n'],
    );

  it('20 concurrent find-or-creates with variants of one email make one contact', async () => {
    const variants = [
      'ada@example.com',
      ' Ada@Example.com',
      'ADA@EXAMPLE.COM ',
      '\tada@example.COM',
    ];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? first : second).crm.findOrCreateContact({
          workspaceId: 'ws_race',
          contact: { ...ada, email: variants[i % variants.length] ?? ada.email },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.contactId)).size).toBe(1);
    expect(await count('crm_contacts', 'ws_race')).toBe(1);
  });

  it('concurrent createDeal and annotate with one key make one deal and one note', async () => {
    const workspaceId = 'ws_race_deal';
    const { contactId } = await first.crm.findOrCreateContact({ workspaceId, contact: ada });
    const deals = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? first : second).crm.createDeal({
          workspaceId,
          key: 'b_1:deal',
          contactId,
          deal,
        }),
      ),
    );
    expect(new Set(deals.map((d) => d.dealId)).size).toBe(1);
    const dealId = deals[0]?.dealId ?? null;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? first : second).crm.annotate({
          workspaceId,
          key: 'job_1',
          contactId,
          dealId,
          note: 'Booked',
        }),
      ),
    );
    expect(await count('crm_deals', workspaceId)).toBe(1);
    expect(await count('crm_notes', workspaceId)).toBe(1);
  });
});

describe.each(DIALECTS)('SQL CRM writes on %s', (dialect) => {
  let db: TestDatabase;
  let handle: StoreHandle;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    handle = await db.open();
  });
  afterAll(async () => db.drop());

  it('keeps the email as first given and the first name; matches on the trimmed, lowercased email', async () => {
    const workspaceId = 'ws_given';
    const { contactId } = await handle.crm.findOrCreateContact({
      workspaceId,
      contact: { ...ada, email: ' Ada@Example.com' },
    });
    const again = await handle.crm.findOrCreateContact({
      workspaceId,
      contact: { ...ada, name: 'Someone Else' },
    });
    expect(again.contactId).toBe(contactId);
    expect(await handle.crm.getContact({ workspaceId, contactId })).toMatchObject({
      email: ' Ada@Example.com',
      name: 'Ada Lovelace',
      timeZone: 'Europe/London',
    });
  });

  it('updateDeal sets the meeting only: stage and value stay as they were', async () => {
    const workspaceId = 'ws_update';
    const { contactId } = await handle.crm.findOrCreateContact({ workspaceId, contact: ada });
    const { dealId } = await handle.crm.createDeal({ workspaceId, key: 'k', contactId, deal });
    const moved: CrmMeeting = {
      start: T0 + 86_400_000,
      end: T0 + 88_200_000,
      status: 'no_show',
      meetingUrl: null,
    };
    await handle.crm.updateDeal({ workspaceId, key: 'u', dealId, meeting: moved });
    expect(await handle.crm.getDeal({ workspaceId, dealId })).toMatchObject({
      title: 'Intro',
      stage: 'New leads',
      valueMinor: 9_900,
      currency: 'EUR',
      meeting: moved,
    });
  });

  it('refuses a deal or note for a contact the workspace does not have, and a note on an unknown deal', async () => {
    const workspaceId = 'ws_refuse';
    const { contactId } = await handle.crm.findOrCreateContact({ workspaceId, contact: ada });
    await expect(
      handle.crm.createDeal({ workspaceId, key: 'k', contactId: 'crmc_nobody', deal }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'CRM_CONTACT_NOT_FOUND' });
    await expect(
      handle.crm.annotate({
        workspaceId,
        key: 'n',
        contactId: 'crmc_nobody',
        dealId: null,
        note: 'x',
      }),
    ).rejects.toMatchObject({ code: 'CRM_CONTACT_NOT_FOUND' });
    await expect(
      handle.crm.annotate({ workspaceId, key: 'n', contactId, dealId: 'crmd_nothing', note: 'x' }),
    ).rejects.toMatchObject({ name: 'FollowUpError', code: 'DEAL_NOT_FOUND' });
  });

  it('takes its clock and ids from its deps', async () => {
    const { dialect: shim, close } = await secondConnection(db);
    try {
      let n = 0;
      const crm = sqlCrm(shim, { now: () => T0, newId: (prefix) => `${prefix}_fixed_${++n}` });
      const { contactId } = await crm.findOrCreateContact({ workspaceId: 'ws_deps', contact: ada });
      expect(contactId).toBe('crmc_fixed_1');
      expect(await handle.crm.getContact({ workspaceId: 'ws_deps', contactId })).toMatchObject({
        createdAt: T0,
        updatedAt: T0,
      });
    } finally {
      await close();
    }
  });
});

/** A dialect over a second raw connection to the test database (the store's own is not exposed). */
async function secondConnection(db: TestDatabase) {
  if (db.dialect === 'sqlite') {
    const conn = new Database(db.url);
    const dialect = sqliteDialect(drizzleSqlite({ client: conn, schema: sqliteSchema }));
    return { dialect, close: async () => void conn.close() };
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const dialect = pgDialect(drizzlePg({ client: pool, schema: pgSchema }));
  return { dialect, close: () => pool.end() };
}
