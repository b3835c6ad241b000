import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';

const TABLES = [
  'booking_events',
  'booking_links',
  'booking_tokens',
  'bookings',
  'host_credentials',
  'hosts',
  'jobs',
  'message_ledger',
  'outbox_messages',
  'sessions',
  'workspaces',
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
    expect(applied).toHaveLength(3);
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
    expect(applied).toHaveLength(3);
  });
});
