import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder } from './migrations-folder.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';

const TABLES = [
  'booking_events',
  'booking_link_members',
  'booking_links',
  'booking_tokens',
  'bookings',
  'calendar_connections',
  'crm_contacts',
  'crm_deals',
  'crm_meetings',
  'crm_notes',
  'crm_settings',
  'crm_stages',
  'host_credentials',
  'host_invites',
  'hosts',
  'jobs',
  'message_ledger',
  'outbox_messages',
  'sessions',
  'time_off',
  'uploads',
  'webhook_deliveries',
  'webhook_subscriptions',
  'workspaces',
];

/**
 * Migrations shipped per dialect, read from drizzle-kit's journals (PostgreSQL has
 * 0003_deal_value_bigint; SQLite INTEGER is already 64-bit).
 */
const journalLength = (dialect: 'sqlite' | 'pg'): number =>
  (
    JSON.parse(readFileSync(join(migrationsFolder(dialect), 'meta', '_journal.json'), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;
const MIGRATIONS = { sqlite: journalLength('sqlite'), postgres: journalLength('pg') } as const;

/**
 * The only PostgreSQL `integer` (int4) columns: small values bounded by booking-core's schemas
 * (minutes, hours, days, a daily cap, a team member's weight, an upload's size: at most
 * `FORM_LIMITS.maxFileBytes`) or by the system (a team member's position, attempts, iCalendar sequence, a CRM
 * pipeline stage's position, a webhook delivery's attempts and HTTP status, a subscription's failure streak). Instants and amounts a user sets (`default_deal_value_minor`, a CRM
 * deal's `value_minor`) are `bigint`.
 */
const PG_INT4_COLUMNS = [
  'booking_link_members.position',
  'booking_link_members.weight',
  'booking_links.buffer_after_minutes',
  'booking_links.buffer_before_minutes',
  'booking_links.daily_cap',
  'booking_links.duration_minutes',
  'booking_links.max_days_ahead',
  'booking_links.min_notice_hours',
  'bookings.ical_sequence',
  'crm_stages.position',
  'jobs.attempts',
  'jobs.max_attempts',
  'message_ledger.attempts',
  'uploads.size',
  'webhook_deliveries.attempts',
  'webhook_deliveries.last_status_code',
  'webhook_subscriptions.failure_streak',
];

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(async () => db.drop());

  it('creates every table on a fresh database and is a no-op when opened again', async () => {
    db = await createTestDatabase(dialect);
    await (await db.open()).close();
    await (await db.open()).close();

    const tables =
      dialect === 'sqlite'
        ? await db.raw(
            `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`,
          )
        : await db.raw(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
          );
    expect(tables.map((t) => t['name']).sort()).toEqual(TABLES);

    const applied =
      dialect === 'sqlite'
        ? await db.raw('SELECT hash FROM __drizzle_migrations')
        : await db.raw('SELECT hash FROM drizzle.__drizzle_migrations');
    expect(applied).toHaveLength(MIGRATIONS[dialect]);
  });

  it('installs the double-booking backstop', async () => {
    db = await createTestDatabase(dialect);
    await (await db.open()).close();
    if (dialect === 'sqlite') {
      const triggers = await db.raw(
        `SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`,
      );
      expect(triggers.map((t) => t['name'])).toEqual([
        'booking_events_append_only',
        'bookings_no_overlap_insert',
        'bookings_no_overlap_update',
      ]);
    } else {
      const constraints = await db.raw(`SELECT conname FROM pg_constraint WHERE contype = 'x'`);
      expect(constraints.map((c) => c['conname'])).toEqual(['bookings_no_overlap']);
    }
  });

  it('lets several instances migrate one fresh database at the same time', async () => {
    db = await createTestDatabase(dialect);
    const handles = await Promise.all([db.open(), db.open(), db.open()]);
    await Promise.all(handles.map((h) => h.close()));
    const applied =
      dialect === 'sqlite'
        ? await db.raw('SELECT hash FROM __drizzle_migrations')
        : await db.raw('SELECT hash FROM drizzle.__drizzle_migrations');
    expect(applied).toHaveLength(MIGRATIONS[dialect]);
  });
});

// PostgreSQL only: SQLite's INTEGER is always 64-bit, so only PostgreSQL can overflow a column.
describe('column types on postgres', () => {
  let db: TestDatabase;
  afterEach(async () => db.drop());

  it('keeps int4 for small bounded numbers only; amounts and instants are bigint', async () => {
    db = await createTestDatabase('postgres');
    await (await db.open()).close();
    const columns = await db.raw(
      `SELECT table_name || '.' || column_name AS name, data_type AS type
           FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('integer', 'smallint', 'numeric', 'real')
          ORDER BY 1`,
    );
    expect(columns).toEqual(PG_INT4_COLUMNS.map((name) => ({ name, type: 'integer' })));
    const [deal] = await db.raw(
      `SELECT data_type FROM information_schema.columns
          WHERE table_name = 'booking_links' AND column_name = 'default_deal_value_minor'`,
    );
    expect(deal).toEqual({ data_type: 'bigint' });
    const [crmDeal] = await db.raw(
      `SELECT data_type FROM information_schema.columns
          WHERE table_name = 'crm_deals' AND column_name = 'value_minor'`,
    );
    expect(crmDeal).toEqual({ data_type: 'bigint' });
  });
});
