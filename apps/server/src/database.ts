import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
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
    /**
     * SQLite: a second connection of the process that already opened the file exclusively (the
     * job runner thread's): it neither takes nor checks the one-process lock, and it waits for
     * the main thread's write lock without blocking its own event loop (`lockWait: 'yield'`).
     */
    sqliteSecondConnection?: boolean;
  } = {},
): Promise<ServerStoreHandle> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect === 'postgres')
    return openPostgresStore({ connectionString: target.connectionString });
  if (target.filename !== ':memory:') {
    mkdirSync(dirname(target.filename), { recursive: true });
    assertWritable(target.filename);
  }
  return openSqliteStore({
    filename: target.filename,
    lockWait: 'yield',
    exclusive: options.sqliteSecondConnection !== true,
    ...(options.sqliteBusyTimeoutMs === undefined
      ? {}
      : { busyTimeoutMs: options.sqliteBusyTimeoutMs }),
  });
}

/**
 * The server could not start on its SQLite database: `DATABASE_NOT_WRITABLE` when its folder or
 * file cannot be written (a read-only file system, no permission). `main.ts` prints the message
 * and exits 1.
 *
 * @example
 * ```ts
 * if (error instanceof DatabaseOpenError) console.error(error.message);
 * ```
 */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  readonly code = 'DATABASE_NOT_WRITABLE';
}

/** SQLite writes the file and, beside it, its journal and lock files: both must be writable. */
function assertWritable(filename: string): void {
  for (const path of existsSync(filename) ? [dirname(filename), filename] : [dirname(filename)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EROFS' ? 'it is on a read-only file system' : `access denied (${code})`;
      throw new DatabaseOpenError(
        `The SQLite database cannot be written at ${path}: ${why}. The server writes its ` +
          'database, journal and lock files there; make it writable, or point DATA_DIR or ' +
          'DATABASE_URL at a writable place.',
        { cause: error },
      );
    }
  }
}
