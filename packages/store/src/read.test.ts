import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteStoreHandle } from './sqlite/open.js';
import { cachingStatements } from './sqlite/statement-cache.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeBooking, makeHost, makeLink, T0 } from './test-support/fixtures.js';

const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});
const fresh = async (dialect: (typeof DIALECTS)[number]) => {
  const db = await createTestDatabase(dialect);
  databases.push(db);
  return db;
};

describe.each(DIALECTS)('BookingStore.read (%s)', (dialect) => {
  it('sees what was committed, and what a transaction wrote once it commits', async () => {
    const db = await fresh(dialect);
    const { store } = await db.open();
    const read = store.read!;
    const host = makeHost();
    const link = makeLink(host);
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
    });
    expect((await read((tx) => tx.findLiveLinkBySlug(link.slug)))?.id).toBe(link.id);

    const booking = makeBooking(link, T0);
    await store.withHostLock(host.workspaceId, host.id, (tx) => tx.insertBooking(booking));
    const busy = await read((tx) =>
      tx.listHostBusy(host.workspaceId, host.id, T0 - 3_600_000, T0 + 3_600_000),
    );
    expect(busy.map((b) => b.id)).toEqual([booking.id]);
  });

  it("passes fn's error on, and the store keeps working", async () => {
    const db = await fresh(dialect);
    const { store } = await db.open();
    await expect(
      store.read!(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const host = makeHost();
    await store.transaction((tx) => tx.insertHost(host));
    expect((await store.read!((tx) => tx.findHost(host.workspaceId, host.id)))?.id).toBe(host.id);
  });
});

describe('BookingStore.read on SQLite', () => {
  it('takes no write lock: it reads while another connection holds one', async () => {
    const db = await fresh('sqlite');
    const handle = (await db.open()) as SqliteStoreHandle;
    const host = makeHost();
    const link = makeLink(host);
    await handle.store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
    });
    const writer = new Database(handle.filename, { timeout: 0 });
    try {
      writer.exec('BEGIN IMMEDIATE');
      writer.prepare('UPDATE booking_links SET title = ? WHERE id = ?').run('uncommitted', link.id);
      // A transaction would wait for the write lock (and here, with the other connection holding
      // it, fail after busy_timeout); a read sees the last committed state at once.
      const seen = await handle.store.read!((tx) => tx.findLiveLinkBySlug(link.slug));
      expect(seen?.title).toBe(link.title);
      writer.exec('ROLLBACK');
    } finally {
      writer.close();
    }
  });
});

describe('cachingStatements', () => {
  it('compiles a statement once and answers rows in the shape each use asks for', () => {
    const conn = new Database(':memory:');
    try {
      conn.exec('CREATE TABLE t (a INTEGER, b TEXT)');
      const cached = cachingStatements(conn);
      cached.prepare('INSERT INTO t VALUES (?, ?)').run(1, 'x');
      const first = cached.prepare('SELECT a, b FROM t');
      const second = cached.prepare('SELECT a, b FROM t');
      expect(first.raw().all()).toEqual([[1, 'x']]);
      // The same compiled statement, now asked for objects, is not left in array mode.
      expect(second.all()).toEqual([{ a: 1, b: 'x' }]);
      expect(first.raw().get()).toEqual([1, 'x']);
      expect(second.get()).toEqual({ a: 1, b: 'x' });
      // Everything else is the connection's own.
      expect(cached.inTransaction).toBe(false);
      cached.exec('BEGIN');
      expect(conn.inTransaction).toBe(true);
      cached.exec('ROLLBACK');
    } finally {
      conn.close();
    }
  });
});
