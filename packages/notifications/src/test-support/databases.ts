import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@workestra/store';
import pg from 'pg';
import { inject } from 'vitest';
import type { Stores } from './world.js';

export type Dialect = 'sqlite' | 'postgres';

/** A fresh database (temp SQLite file, or `CREATE DATABASE notifications_test_<random>`); never the shared one. */
export interface TestDatabase extends AsyncDisposable {
  /** A new store handle on it (SQLite: open it once per test; PostgreSQL: each its own pool). */
  open(): Promise<Stores>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  let url: string;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-notifications-'));
    url = join(dir, 'test.db');
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `notifications_test_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const u = new URL(inject('pgAdminUrl'));
    u.pathname = `/${name}`;
    url = u.toString();
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const handles: { close(): Promise<void> }[] = [];
  return {
    async open() {
      const handle = await openStore(url);
      handles.push(handle);
      return { store: handle.store, jobs: handle.jobs, ledger: handle.ledger };
    },
    async [Symbol.asyncDispose]() {
      for (const h of handles) await h.close();
      await drop();
    },
  };
}
