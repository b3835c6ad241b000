import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';
import { databaseBefore } from './test-support/migrations.js';

describe.each(DIALECTS)('the team-links migration on %s', (dialect) => {
  let db: TestDatabase;
  let folder: string;
  afterEach(async () => {
    await db.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('makes existing links solo links without members and existing bookings without co-hosts', async () => {
    ({ db, folder } = await databaseBefore(dialect, '_team_links'));

    const insert = async (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      const placeholders = columns.map((_, i) => (dialect === 'sqlite' ? '?' : `$${i + 1}`));
      await db.raw(
        `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders.join(', ')})`,
        Object.values(row).map((v) => (typeof v === 'boolean' && dialect === 'sqlite' ? +v : v)),
      );
    };
    await insert('workspaces', { id: 'ws_old', name: null, created_at: T0 });
    await insert('hosts', {
      id: 'host_old',
      workspace_id: 'ws_old',
      email: 'old@example.com',
      name: 'Old Host',
      time_zone: 'UTC',
      created_at: T0,
    });
    await insert('booking_links', {
      id: 'link_old',
      workspace_id: 'ws_old',
      host_id: 'host_old',
      title: 'Old link',
      description: null,
      slug: 'old-link',
      duration_minutes: 30,
      buffer_before_minutes: 0,
      buffer_after_minutes: 0,
      min_notice_hours: 0,
      max_days_ahead: 30,
      time_zone: 'UTC',
      weekly_hours: '{}',
      date_overrides: '[]',
      recurring_overrides: '[]',
      daily_cap: null,
      calendar_provider: 'none',
      auto_meeting_link: false,
      auto_create_deal: false,
      active: true,
      created_at: T0,
      updated_at: T0,
    });
    await insert('bookings', {
      id: 'booking_old',
      workspace_id: 'ws_old',
      link_id: 'link_old',
      host_id: 'host_old',
      status: 'confirmed',
      start: T0,
      end: T0 + 1_800_000,
      blocked_start: T0,
      blocked_end: T0 + 1_800_000,
      attendee_name: 'Ada',
      attendee_email: 'ada@example.com',
      attendee_time_zone: 'UTC',
      no_show: false,
      ical_uid: 'uid-old',
      ical_sequence: 0,
      created_at: T0,
      updated_at: T0,
    });

    const { store } = await db.open();
    await store.transaction(async (tx) => {
      expect(await tx.findLink('ws_old', 'link_old')).toMatchObject({ kind: 'solo', members: [] });
      expect(await tx.findBooking('ws_old', 'booking_old')).toMatchObject({ coHostIds: [] });
      expect(await tx.listHostBusy('ws_old', 'host_old', T0, T0 + 1)).toHaveLength(1);
    });
  });
});
