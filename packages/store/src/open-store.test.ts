import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_FILENAME, openStore, parseDatabaseUrl } from './open-store.js';
import { createTestDatabase } from './test-support/databases.js';

describe('parseDatabaseUrl', () => {
  it.each([
    [undefined, { dialect: 'sqlite', filename: DEFAULT_SQLITE_FILENAME }],
    ['', { dialect: 'sqlite', filename: DEFAULT_SQLITE_FILENAME }],
    ['./data/app.db', { dialect: 'sqlite', filename: './data/app.db' }],
    ['/var/lib/workestra.db', { dialect: 'sqlite', filename: '/var/lib/workestra.db' }],
    ['file:./data/app.db', { dialect: 'sqlite', filename: './data/app.db' }],
    ['file:///var/lib/workestra.db', { dialect: 'sqlite', filename: '/var/lib/workestra.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', filename: ':memory:' }],
    [':memory:', { dialect: 'sqlite', filename: ':memory:' }],
    [
      'postgres://app@db:5432/workestra',
      { dialect: 'postgres', connectionString: 'postgres://app@db:5432/workestra' },
    ],
    [
      'postgresql://app@db/workestra?sslmode=require',
      { dialect: 'postgres', connectionString: 'postgresql://app@db/workestra?sslmode=require' },
    ],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });
});

describe('openStore', () => {
  it('opens SQLite for a file: URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-open-'));
    try {
      const handle = await openStore(pathToFileURL(join(dir, 'x.db')).href);
      expect(handle.dialect).toBe('sqlite');
      expect(await handle.jobs.listJobs()).toEqual([]);
      await handle.close();
      await handle.close(); // idempotent
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens PostgreSQL for a postgres:// URL', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const handle = await openStore(db.url);
      expect(handle.dialect).toBe('postgres');
      expect(await handle.jobs.listJobs()).toEqual([]);
      await handle.close();
    } finally {
      await db.drop();
    }
  });
});
