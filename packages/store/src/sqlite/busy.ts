import { isStoreError, StoreError } from '../errors.js';

/** The errors in a cause chain (drizzle may wrap the driver's error). */
function* causeChain(error: unknown): Generator<{ code?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    yield current as { code?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * Whether a better-sqlite3 error is `SQLITE_BUSY` or one of its extended codes
 * (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_BUSY_RECOVERY`, ...): another connection holds the lock.
 */
export function isSqliteBusy(error: unknown): boolean {
  for (const e of causeChain(error))
    if (typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return true;
  return false;
}

/**
 * `SQLITE_BUSY` ("database is locked": another process held the write lock for longer than the busy
 * timeout) as `StoreError('DATABASE_BUSY')`, which a caller may retry; anything else unchanged.
 */
export function mapBusyError(error: unknown): unknown {
  if (isStoreError(error) || !isSqliteBusy(error)) return error;
  return new StoreError(
    'DATABASE_BUSY',
    'The SQLite database is locked by another connection; try again shortly.',
    { cause: error },
  );
}
