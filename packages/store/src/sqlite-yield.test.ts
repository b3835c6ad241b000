import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from './errors.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStoreHandle } from './sqlite.js';
import { makeHost, makeLink } from './test-support/fixtures.js';

/**
 * `lockWait: 'yield'`: a connection waiting for another connection's write lock keeps its event
 * loop going (a server thread that waits must not freeze), takes the lock once it is free, and
 * gives up with `DATABASE_BUSY` after `busyTimeoutMs`.
 */
describe("SQLite lockWait: 'yield'", () => {
  const opened: SqliteStoreHandle[] = [];
  let dir = '';
  afterEach(async () => {
    for (const h of opened.splice(0)) await h.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function twoConnections(busyTimeoutMs = 5000) {
    dir = mkdtempSync(join(tmpdir(), 'workestra-yield-'));
    const filename = join(dir, 'shared.db');
    const holder = await openSqliteStore({ filename });
    const waiter = await openSqliteStore({ filename, lockWait: 'yield', busyTimeoutMs });
    opened.push(holder, waiter);
    return { holder, waiter };
  }

  /** Opens a write transaction on `holder` and keeps it open until `release` is called. */
  async function holdWriteLock(holder: SqliteStoreHandle) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const held = holder.store.transaction(async (tx) => {
      const host = makeHost();
      await tx.insertHost(host);
      locked();
      await gate;
    });
    await isLocked;
    return { release, held };
  }

  it('waits for the lock without blocking the event loop, then writes', async () => {
    const { holder, waiter } = await twoConnections();
    const { release, held } = await holdWriteLock(holder);
    const host = makeHost();
    let written = false;
    const write = waiter.store
      .transaction(async (tx) => {
        await tx.insertHost(host);
        await tx.insertLink(makeLink(host));
      })
      .then(() => (written = true));
    // The event loop turns while the waiter waits: a blocked thread would not get here.
    for (let turn = 0; turn < 50; turn++) await new Promise((r) => setImmediate(r));
    expect(written).toBe(false);
    release();
    await held;
    await write;
    expect(written).toBe(true);
    const seen = await holder.store.transaction((tx) => tx.findHost(host.workspaceId, host.id));
    expect(seen?.id).toBe(host.id);
  });

  it('runs the other calls in a write transaction too: a claim waits for the lock', async () => {
    const { holder, waiter } = await twoConnections();
    const { release, held } = await holdWriteLock(holder);
    let claimed: unknown[] | undefined;
    const claim = waiter.jobs
      .claimJobs('worker-1', Date.now(), 10, Date.now() + 60_000)
      .then((jobs) => (claimed = jobs));
    for (let turn = 0; turn < 50; turn++) await new Promise((r) => setImmediate(r));
    expect(claimed).toBeUndefined();
    release();
    await held;
    await claim;
    expect(claimed).toEqual([]);
  });

  it('calls waiting together share a transaction, and one that fails undoes only itself', async () => {
    const { waiter } = await twoConnections();
    const host = makeHost();
    await waiter.store.transaction((tx) => tx.insertHost(host));
    const session = (idHash: string) => ({ idHash, hostId: host.id, createdAt: 1, expiresAt: 2 });
    // Called in one turn: they wait for the connection together.
    const outcomes = await Promise.allSettled([
      waiter.auth.createSession(session('a')),
      waiter.auth.createSession(session('a')),
      waiter.auth.createSession(session('b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await waiter.auth.findSession('a', 1))?.hostId).toBe(host.id);
    expect((await waiter.auth.findSession('b', 1))?.hostId).toBe(host.id);
  });

  it('gives up with DATABASE_BUSY once busyTimeoutMs has passed, and the holder is unharmed', async () => {
    const { holder, waiter } = await twoConnections(30);
    const { release, held } = await holdWriteLock(holder);
    const error = await waiter.store
      .transaction((tx) => tx.insertHost(makeHost()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'DATABASE_BUSY' });
    release();
    await held;
    // The waiter's connection is usable afterwards.
    const host = makeHost();
    await waiter.store.transaction((tx) => tx.insertHost(host));
    expect(
      (await holder.store.transaction((tx) => tx.findHost(host.workspaceId, host.id)))?.id,
    ).toBe(host.id);
  });
});
