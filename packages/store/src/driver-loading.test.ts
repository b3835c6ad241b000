import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMissingPackage } from './driver.js';
import { createTestDatabase, type TestDatabase } from './test-support/databases.js';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./test-support/driver-probe.ts', import.meta.url));

/** Opens a store on `url` through `entry` in a new node process; what it reports it loaded. */
async function loadedBy(entry: 'root' | 'sqlite' | 'postgres', url: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', probe, entry, url]);
  return JSON.parse(stdout) as { dialect: string; drivers: string[] };
}

// Each case names the driver it expects loaded, which proves the probe sees a loaded driver.
describe('drivers load on demand, each only for its own dialect', () => {
  let postgres: TestDatabase;
  let sqlite: TestDatabase;
  beforeAll(async () => {
    [postgres, sqlite] = await Promise.all([
      createTestDatabase('postgres'),
      createTestDatabase('sqlite'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([postgres?.drop(), sqlite?.drop()]);
  });

  it('a PostgreSQL app never loads better-sqlite3: openStore(url) from the root', async () => {
    expect(await loadedBy('root', postgres.url)).toEqual({ dialect: 'postgres', drivers: ['pg'] });
  });

  it('a PostgreSQL app never loads better-sqlite3: @workestra/store/postgres', async () => {
    expect(await loadedBy('postgres', postgres.url)).toEqual({
      dialect: 'postgres',
      drivers: ['pg'],
    });
  });

  it('a SQLite app never loads pg: openStore(path) and @workestra/store/sqlite', async () => {
    const expected = { dialect: 'sqlite', drivers: ['better-sqlite3'] };
    expect(await loadedBy('root', sqlite.url)).toEqual(expected);
    expect(await loadedBy('sqlite', sqlite.url)).toEqual(expected);
  });
});

describe('isMissingPackage', () => {
  // A real "not installed" error from Node's resolver (the packed-install smoke test, where the
  // drivers are absent, checks StoreError('DRIVER_MISSING') end to end for ESM and CommonJS).
  const notInstalled = (() => {
    try {
      createRequire(import.meta.url)('workestra-absent-driver');
    } catch (error) {
      return error;
    }
    throw new Error('workestra-absent-driver is installed');
  })();

  it('recognises Node failing to find that very package', () => {
    expect(isMissingPackage(notInstalled, 'workestra-absent-driver')).toBe(true);
  });

  it('does not take another package, or another error, for it', () => {
    expect(isMissingPackage(notInstalled, 'pg')).toBe(false);
    expect(isMissingPackage(new Error("Cannot find package 'pg'"), 'pg')).toBe(false);
  });
});
