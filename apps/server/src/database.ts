import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDatabaseUrl } from '@workestra/store';
import { openPostgresStore, type PostgresStoreHandle } from '@workestra/store/postgres';
import { openSqliteStore, type SqliteStoreHandle } from '@workestra/store/sqlite';

/** The server's open store: SQLite or PostgreSQL, with the same ports. */
export type ServerStoreHandle = SqliteStoreHandle | PostgresStoreHandle;

/**
 * Opens the server's database (migrations applied). A SQLite file is opened exclusively: a second
 * server process on the same file is refused at start (`StoreError('DATABASE_IN_USE')`), because
 * while one process holds SQLite's write lock the other would wait inside `busy_timeout` with its
 * event loop blocked. Several instances need PostgreSQL. The SQLite file's folder is created.
 *
 * @example
 * ```ts
 * const handle = await openDatabase(config.databaseUrl);
 * ```
 */
export function openDatabase(
  databaseUrl: string,
  options: {
    /** SQLite: how long a write waits for another connection's write lock (store default 5 s). */
    sqliteBusyTimeoutMs?: number;
  } = {},
): Promise<ServerStoreHandle> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect === 'postgres')
    return openPostgresStore({ connectionString: target.connectionString });
  if (target.filename !== ':memory:') mkdirSync(dirname(target.filename), { recursive: true });
  return openSqliteStore({
    filename: target.filename,
    exclusive: true,
    ...(options.sqliteBusyTimeoutMs === undefined
      ? {}
      : { busyTimeoutMs: options.sqliteBusyTimeoutMs }),
  });
}
