import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';
import { databaseBefore } from './test-support/migrations.js';

describe.each(DIALECTS)('the job-booking migration on %s', (dialect) => {
  let db: TestDatabase;
  let folder: string;
  afterEach(async () => {
    await db.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("lists a booking's jobs queued before it, by the booking id their payload names", async () => {
    ({ db, folder } = await databaseBefore(dialect, '_job_booking'));

    const job = async (id: string, payload: Record<string, unknown>, createdAt: number) => {
      const row = {
        id,
        kind: 'calendar.create',
        payload: JSON.stringify(payload),
        run_at: T0,
        attempts: 1,
        max_attempts: 8,
        status: 'pending',
        idempotency_key: `key-${id}`,
        last_error: 'HTTP 503',
        created_at: createdAt,
        updated_at: createdAt,
      };
      const columns = Object.keys(row);
      const placeholders = columns.map((_, i) => (dialect === 'sqlite' ? '?' : `$${i + 1}`));
      await db.raw(
        `INSERT INTO jobs (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders.join(', ')})`,
        Object.values(row),
      );
    };
    await job('job_b', { workspaceId: 'ws_1', bookingId: 'bk_1' }, T0 + 1);
    await job('job_a', { workspaceId: 'ws_1', bookingId: 'bk_1' }, T0);
    await job('job_other', { workspaceId: 'ws_2', bookingId: 'bk_1' }, T0);
    await job('job_none', { workspaceId: 'ws_1' }, T0);

    const { jobs } = await db.open();
    expect(await jobs.listBookingJobs('ws_1', 'bk_1')).toEqual([
      expect.objectContaining({ id: 'job_a', attempts: 1, lastError: 'HTTP 503' }),
      expect.objectContaining({ id: 'job_b' }),
    ]);
    expect((await jobs.listBookingJobs('ws_2', 'bk_1')).map((j) => j.id)).toEqual(['job_other']);
    const ids = await db.raw('SELECT id, booking_id FROM jobs ORDER BY id');
    expect(ids).toEqual([
      { id: 'job_a', booking_id: 'bk_1' },
      { id: 'job_b', booking_id: 'bk_1' },
      { id: 'job_none', booking_id: null },
      { id: 'job_other', booking_id: 'bk_1' },
    ]);
  });
});
