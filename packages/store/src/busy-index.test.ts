import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-support/databases.js';

/**
 * The overlap check of a new booking must not walk the host's whole history: SQLite's triggers
 * search the bookings by `(host_id, blocked_end)`, so only the bookings ending after the new one
 * starts are read (the calendar ahead). With the index by blocked start, every earlier booking
 * was read and booking got slower with each one stored. The plan is SQLite's own answer for the
 * trigger's condition as stored in the database.
 */
describe('the overlap check walks the calendar ahead, not the history (SQLite)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await (await db.open()).close();
  });
  afterAll(async () => db.drop());

  /** The plan of trigger `name`'s `EXISTS (...)` condition, with NEW's columns as literals. */
  async function triggerPlan(name: string): Promise<string[]> {
    const [row] = await db.raw(
      "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
      [name],
    );
    const text = String(row?.sql);
    const condition = /EXISTS \(([\s\S]*?)\)\s*BEGIN/.exec(text)?.[1];
    expect(condition, text).toBeDefined();
    const query = condition!
      .replaceAll('NEW.`id`', "'b1'")
      .replaceAll('NEW.`host_id`', "'h1'")
      .replaceAll('NEW.`blocked_start`', '1000')
      .replaceAll('NEW.`blocked_end`', '2000');
    expect(query).not.toContain('NEW.');
    return (await db.raw(`EXPLAIN QUERY PLAN ${query}`)).map((r) => String(r.detail));
  }

  it.each(['bookings_no_overlap_insert', 'bookings_no_overlap_update'])(
    '%s searches by host and blocked end',
    async (trigger) => {
      expect(await triggerPlan(trigger)).toEqual([
        expect.stringContaining(
          'USING INDEX bookings_host_blocked_end_idx (host_id=? AND blocked_end>?)',
        ),
      ]);
    },
  );

  it('a busy read of one host searches both of its parts by blocked end', async () => {
    const plan = (
      await db.raw(
        `EXPLAIN QUERY PLAN
         SELECT id FROM bookings WHERE workspace_id = 'w' AND host_id IN ('h1') AND status = 'confirmed'
           AND blocked_start < 2000 AND blocked_end > 1000
         UNION ALL
         SELECT id FROM bookings WHERE workspace_id = 'w' AND co_host_ids <> '[]' AND status = 'confirmed'
           AND blocked_start < 2000 AND blocked_end > 1000`,
      )
    ).map((r) => String(r.detail));
    expect(plan).toEqual(
      expect.arrayContaining([
        expect.stringContaining('bookings_host_blocked_end_idx (host_id=? AND blocked_end>?)'),
        expect.stringContaining(
          'bookings_co_host_blocked_end_idx (workspace_id=? AND blocked_end>?)',
        ),
      ]),
    );
  });
});
