import { spawn } from 'node:child_process';
import {
  type BookingStore,
  type Host,
  StoreConflictError,
  type StoreTx,
} from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeBooking, makeHost, makeLink, MINUTE, T0 } from './test-support/fixtures.js';

const ATTEMPTS = 50;
/** Gives the event loop `turns` turns: other callers run between check and insert, with no clock. */
const yieldTurns = async (turns: number) => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
};
type Runner = (
  host: Host,
  fn: (tx: StoreTx) => Promise<'booked' | 'saw-busy'>,
) => Promise<'booked' | 'saw-busy'>;

/** The booking race guard (read busy time, check, insert) run by 50 callers at once for one slot. */
async function raceForOneSlot(store: BookingStore, db: TestDatabase, run: Runner) {
  const host = makeHost();
  const link = makeLink(host);
  await store.transaction(async (tx) => {
    await tx.insertHost(host);
    await tx.insertLink(link);
  });
  const outcomes = await Promise.all(
    Array.from({ length: ATTEMPTS }, (_, i) =>
      run(host, async (tx) => {
        const busy = await tx.listHostBusy(host.workspaceId, host.id, T0, T0 + 40 * MINUTE);
        await yieldTurns(1 + (i % 3)); // widen the window between check and insert
        if (busy.length > 0) return 'saw-busy';
        await tx.insertBooking(makeBooking(link, T0 + (i % 10) * MINUTE));
        return 'booked';
      }).catch((error: unknown) => {
        if (error instanceof StoreConflictError && error.constraint === 'booking_overlap')
          return 'backstop' as const;
        throw error;
      }),
    ),
  );
  const rows = await db.raw(`SELECT id FROM bookings WHERE host_id = '${host.id}'`);
  const count = (o: string) => outcomes.filter((x) => x === o).length;
  return {
    rows: rows.length,
    booked: count('booked'),
    sawBusy: count('saw-busy'),
    backstop: count('backstop'),
  };
}

describe.each(DIALECTS)('withHostLock on %s', (dialect) => {
  let db: TestDatabase;
  let store: BookingStore;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    // PostgreSQL: a pool of 10 connections, so the transactions really run concurrently.
    ({ store } = await db.open({ maxConnections: 10 }));
  });
  afterAll(async () => db.drop());

  it(`serialises ${ATTEMPTS} concurrent read-check-insert sequences: one booking, nobody reaches the backstop`, async () => {
    const result = await raceForOneSlot(store, db, (host, fn) =>
      store.withHostLock(host.workspaceId, host.id, fn),
    );
    expect(result).toEqual({ rows: 1, booked: 1, sawBusy: ATTEMPTS - 1, backstop: 0 });
  });

  if (dialect === 'postgres') {
    it('does not serialise different hosts against each other (PostgreSQL row locks)', async () => {
      const [a, b] = [makeHost(), makeHost()];
      await store.transaction(async (tx) => {
        await tx.insertHost(a);
        await tx.insertHost(b);
      });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = store.withHostLock(a.workspaceId, a.id, () => held);
      // b's lock is free while a's is held; a second lock on a would wait for `release`.
      await store.withHostLock(b.workspaceId, b.id, async () => undefined);
      release();
      await first;
    });

    it('(control) without the host lock the same race is real, and the exclusion constraint still keeps one booking', async () => {
      const result = await raceForOneSlot(store, db, (_host, fn) => store.transaction(fn));
      expect(result.rows).toBe(1);
      expect(result.booked).toBe(1);
      expect(result.backstop).toBeGreaterThan(0);
    });
  }

  if (dialect === 'sqlite') {
    it('waits for another process that holds the write lock, then sees its booking', async () => {
      const host = makeHost();
      const link = makeLink(host);
      await store.transaction(async (tx) => {
        await tx.insertHost(host);
        await tx.insertLink(link);
      });
      const theirs = makeBooking(link, T0);
      const filename = await db
        .raw('PRAGMA database_list')
        .then((rows) => String(rows[0]?.['file']));
      // Another process: BEGIN IMMEDIATE, insert, hold the lock 400 ms, commit.
      const script = `
        import Database from 'better-sqlite3';
        const [file, id, ws, link, host, start, end] = process.argv.slice(1);
        const db = new Database(file, { timeout: 5000 });
        db.exec('BEGIN IMMEDIATE');
        db.prepare(\`INSERT INTO bookings (id, workspace_id, link_id, host_id, status, start, "end", blocked_start, blocked_end,
          attendee_name, attendee_email, attendee_time_zone, no_show, ical_uid, ical_sequence, created_at, updated_at)
          VALUES (?, ?, ?, ?, 'confirmed', ?, ?, ?, ?, 'x', 'x@example.com', 'UTC', 0, 'uid', 0, 0, 0)\`)
          .run(id, ws, link, host, +start, +end, +start, +end);
        console.log('locked');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
        db.exec('COMMIT');
      `;
      const child = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          script,
          filename,
          theirs.id,
          theirs.workspaceId,
          theirs.linkId,
          theirs.hostId,
          String(theirs.start),
          String(theirs.end),
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));

      // Seeing their booking proves the wait: had the lock not been waited for, the read would
      // have run before their commit (or failed busy) instead.
      const outcome = await store.withHostLock(host.workspaceId, host.id, async (tx) => {
        const busy = await tx.listHostBusy(host.workspaceId, host.id, T0, T0 + 30 * MINUTE);
        if (busy.length > 0) return 'saw-busy';
        await tx.insertBooking(makeBooking(link, T0));
        return 'booked';
      });
      expect(outcome).toBe('saw-busy');
      expect(await exited).toBe(0);
    });
  }
});
