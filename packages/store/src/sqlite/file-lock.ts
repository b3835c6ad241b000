import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { isSqliteBusy } from './busy.js';

/**
 * An exclusive hold on a SQLite database file, for as long as this process keeps it.
 */
export interface SqliteFileLock {
  /** The sidecar file whose lock is held: `<filename>-lock`. */
  readonly path: string;
  /** Gives the lock up (idempotent). */
  release(): void;
}

/**
 * Takes an OS-level exclusive lock on the sidecar database `<filename>-lock` (an empty SQLite file
 * kept in an open `BEGIN EXCLUSIVE`), or throws `StoreError('DATABASE_IN_USE')` at once when another
 * holder has it: another process or, just the same, another exclusive handle in this one. The lock is SQLite's own POSIX
 * file lock, so the operating system drops it when the process ends in any way, `kill -9`
 * included; a file left behind holds nothing, unlike a pid file. The sidecar, not the database
 * itself, carries it so that the database keeps WAL mode and its readers (backups, the sqlite3
 * shell) work as usual. `Driver` is better-sqlite3's `Database`, loaded by the caller.
 */
export function lockSqliteFile(filename: string, Driver: typeof Database): SqliteFileLock {
  const path = `${filename}-lock`;
  // timeout 0: a held lock is an answer now, not something to wait for.
  const conn = new Driver(path, { timeout: 0 });
  try {
    conn.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    conn.close();
    if (!isSqliteBusy(error)) throw error;
    throw new StoreError(
      'DATABASE_IN_USE',
      `The SQLite database ${filename} is already in use by another process (it holds ${path}). ` +
        'A SQLite database serves one process; to run several instances, use PostgreSQL ' +
        '(DATABASE_URL=postgres://...).',
      { cause: error },
    );
  }
  return {
    path,
    // Closing the connection ends its transaction, which releases the lock.
    release: () => {
      if (conn.open) conn.close();
    },
  };
}
