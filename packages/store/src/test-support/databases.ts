import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresStore, type PostgresStoreHandle } from '../pg/open.js';
import { openSqliteStore, type SqliteStoreHandle } from '../sqlite/open.js';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** A fresh, empty database of one dialect; `drop()` removes it. */
export interface TestDatabase {
  readonly dialect: Dialect;
  /** What `openStore` takes: the SQLite file path or the PostgreSQL connection string. */
  readonly url: string;
  /** Opens a store handle on it (migrating on first open). Each call is a new connection/pool. */
  open(options?: { maxConnections?: number }): Promise<SqliteStoreHandle | PostgresStoreHandle>;
  /** Runs SQL on a separate raw driver connection, bypassing the store. */
  raw(sqlText: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'workestra-store-sqlite-'));
  const filename = join(dir, 'test.db');
  const handles: { close(): Promise<void> }[] = [];
  let rawConn: Database.Database | undefined;
  return {
    dialect: 'sqlite',
    url: filename,
    async open() {
      const handle = await openSqliteStore({ filename });
      handles.push(handle);
      return handle;
    },
    async raw(sqlText, params = []) {
      rawConn ??= new Database(filename, { timeout: 5000 });
      const statement = rawConn.prepare(sqlText);
      return statement.reader
        ? (statement.all(...params) as Record<string, unknown>[])
        : (statement.run(...params), []);
    },
    async drop() {
      await Promise.all(handles.map((h) => h.close()));
      rawConn?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresDatabase(): Promise<TestDatabase> {
  const name = `store_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const handles: { close(): Promise<void> }[] = [];
  let rawClient: pg.Client | undefined;
  return {
    dialect: 'postgres',
    url: connectionString,
    async open(options) {
      const handle = await openPostgresStore({
        connectionString,
        maxConnections: options?.maxConnections ?? 10,
      });
      handles.push(handle);
      return handle;
    },
    async raw(sqlText, params = []) {
      if (!rawClient) {
        rawClient = new pg.Client({ connectionString });
        await rawClient.connect();
      }
      return (await rawClient.query(sqlText, params)).rows as Record<string, unknown>[];
    },
    async drop() {
      await Promise.all(handles.map((h) => h.close()));
      await rawClient?.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh empty database: a temp SQLite file, or a new PostgreSQL database on the test server. */
export function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  return dialect === 'sqlite' ? Promise.resolve(sqliteDatabase()) : postgresDatabase();
}
