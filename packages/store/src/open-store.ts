import { fileURLToPath } from 'node:url';
import type { PostgresStoreHandle } from './pg/open.js';
import type { SqliteStoreHandle } from './sqlite/open.js';

/**
 * The SQLite file (relative to the working directory) used when no database URL is given.
 *
 * @example
 * ```ts
 * parseDatabaseUrl(undefined).dialect === 'sqlite'; // file DEFAULT_SQLITE_FILENAME
 * ```
 */
export const DEFAULT_SQLITE_FILENAME = 'workestra.db';

/**
 * Where {@link openStore} will connect: parsed from a `DATABASE_URL`-style string.
 *
 * @example
 * ```ts
 * const target: DatabaseTarget = { dialect: 'postgres', connectionString: 'postgres://app@db/workestra' };
 * ```
 */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/**
 * Reads a database URL: nothing → the default SQLite file; `postgres://`/`postgresql://` →
 * PostgreSQL; `file:` URLs, `sqlite:` prefixes, plain paths and `:memory:` → SQLite.
 *
 * @example
 * ```ts
 * parseDatabaseUrl(undefined); // { dialect: 'sqlite', filename: 'workestra.db' }
 * parseDatabaseUrl('file:./data/app.db'); // { dialect: 'sqlite', filename: './data/app.db' }
 * parseDatabaseUrl('postgres://app@db/workestra'); // { dialect: 'postgres', connectionString: 'postgres://app@db/workestra' }
 * ```
 */
export function parseDatabaseUrl(databaseUrl: string | undefined): DatabaseTarget {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') return { dialect: 'sqlite', filename: DEFAULT_SQLITE_FILENAME };
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', connectionString: url };
  if (/^file:\/\//i.test(url)) return { dialect: 'sqlite', filename: fileURLToPath(url) };
  const path = url.replace(/^(file|sqlite):/i, '');
  if (path === ':memory:') return { dialect: 'sqlite', filename: path };
  return { dialect: 'sqlite', filename: path };
}

/**
 * Opens the store a database URL names (see {@link parseDatabaseUrl}), with migrations applied.
 * Only that dialect's code and driver are loaded (with `import()`): a PostgreSQL app never loads
 * better-sqlite3, a SQLite one never loads pg. Rejects with `StoreError('DRIVER_MISSING')` when
 * the driver package (`better-sqlite3` or `pg`) is not installed.
 *
 * @example
 * ```ts
 * import { openStore } from '@workestra/store';
 *
 * const handle = await openStore(process.env.DATABASE_URL); // SQLite file `workestra.db` when unset
 * console.log(handle.dialect);
 * await handle.close();
 * ```
 */
export async function openStore(
  databaseUrl?: string,
): Promise<SqliteStoreHandle | PostgresStoreHandle> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect === 'postgres') {
    const { openPostgresStore } = await import('./pg/open.js');
    return openPostgresStore({ connectionString: target.connectionString });
  }
  const { openSqliteStore } = await import('./sqlite/open.js');
  return openSqliteStore({ filename: target.filename });
}
