import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors.js';
import { openSqliteStore, type SqliteStoreHandle } from './sqlite/open.js';
import { makeHost } from './test-support/fixtures.js';

let dir: string;
let filename: string;
const handles: SqliteStoreHandle[] = [];
const open = async (options: { exclusive?: boolean; busyTimeoutMs?: number } = {}) => {
  const handle = await openSqliteStore({ filename, ...options });
  handles.push(handle);
  return handle;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'workestra-store-locking-'));
  filename = join(dir, 'app.db');
});
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `fn`, expecting a `StoreError` with `code`; returns it. */
async function storeError(code: string, fn: () => Promise<unknown>): Promise<StoreError> {
  const error = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

describe('openSqliteStore({ exclusive: true })', () => {
  it('refuses a second exclusive handle on the same file until the first closes', async () => {
    const first = await open({ exclusive: true });
    expect(existsSync(`${filename}-lock`)).toBe(true);
    const refused = await storeError('DATABASE_IN_USE', () => open({ exclusive: true }));
    expect(refused.message).toContain(filename);
    expect(refused.message).toMatch(/PostgreSQL/);
    // The refused attempt left the first handle working.
    await first.store.transaction((tx) => tx.insertHost(makeHost()));

    await first.close();
    const again = await open({ exclusive: true });
    await again.store.transaction((tx) => tx.insertHost(makeHost()));
  });

  it('does not hold or check the lock without the option', async () => {
    await open();
    await open();
    const exclusive = await open({ exclusive: true });
    await exclusive.store.transaction((tx) => tx.insertHost(makeHost()));
  });
});

describe('a write lock held past busyTimeoutMs', () => {
  it('is StoreError("DATABASE_BUSY") with the driver error as cause, and nothing is written', async () => {
    const holder = await open();
    const impatient = await open({ busyTimeoutMs: 0 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const holding = holder.store.transaction(async () => {
      entered();
      await held;
    });
    await inside;

    const host = makeHost();
    try {
      const busy = await storeError('DATABASE_BUSY', () =>
        impatient.store.transaction((tx) => tx.insertHost(host)),
      );
      expect((busy.cause as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
      // Writes outside `transaction` (auth, jobs, ledger) are mapped too.
      await storeError('DATABASE_BUSY', () => impatient.auth.deleteExpiredSessions(0));
    } finally {
      release();
      await holding;
    }
    expect(await impatient.store.transaction((tx) => tx.findHost(host.workspaceId, host.id))).toBe(
      null,
    );
    await impatient.store.transaction((tx) => tx.insertHost(host));
  });
});
