import type { BookingStore, JobKind, JobStore, StoreTx } from '@workestra/booking-core';
import type Database from 'better-sqlite3';
import { mapConstraintError } from '../constraint-errors.js';
import { loadDriver } from '../driver.js';
import { EnqueueListeners } from '../enqueue-signal.js';
import { migrationsFolder } from '../migrations-folder.js';
import { Mutex } from '../mutex.js';
import * as schema from '../schema/sqlite.js';
import { authStore } from '../queries/auth.js';
import { bookingContext } from '../queries/booking-context.js';
import { calendarConnectionStore } from '../queries/calendar-connections.js';
import { backfillSearchKeys, sqlCrm } from '../queries/crm.js';
import { webhookStore } from '../queries/webhooks.js';
import { jobStore } from '../queries/jobs.js';
import { messaging } from '../queries/messages.js';
import { storeTx } from '../queries/tx.js';
import { markLongLived } from '../queries/prepared.js';
import {
  aroundEach,
  ledgerAndOutbox,
  type StoreHandle,
  withMappedErrors,
} from '../store-handle.js';
import { isSqliteBusy, mapBusyError } from './busy.js';
import { sqliteDialect } from './dialect.js';
import { cachingStatements } from './statement-cache.js';
import { lockSqliteFile } from './file-lock.js';
import { sqliteClaimAndStore } from './outbox-once.js';

/** better-sqlite3 and drizzle's modules for it, imported when the first SQLite store opens. */
const loadSqlite = () =>
  loadDriver(
    'sqlite',
    () => import('better-sqlite3'),
    () => import('drizzle-orm/better-sqlite3'),
    () => import('drizzle-orm/better-sqlite3/migrator'),
  );

/** Most calls one write transaction takes together in `'yield'` mode. */
const GROUP_LIMIT = 64;
/** `'yield'` mode: how many tries for the write lock are one event-loop turn apart (then 1 ms). */
const YIELD_SPINS = 64;

/** How one call of a group ended. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Options of {@link openSqliteStore}.
 *
 * @example
 * ```ts
 * const options: SqliteStoreOptions = { filename: './data/workestra.db', busyTimeoutMs: 10_000 };
 * ```
 */
export interface SqliteStoreOptions {
  /** Path of the database file (created if missing), or `:memory:`. */
  readonly filename: string;
  /** How long a write waits for another process's write transaction. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Override where the drizzle migrations are read from (default: the package's `migrations/sqlite`). */
  readonly migrationsFolder?: string;
  /**
   * Refuse to share the file: hold an OS-level lock on `<filename>-lock` while the handle is open
   * (the operating system releases it when the process ends, even on `kill -9`), and throw
   * `StoreError('DATABASE_IN_USE')` when another exclusive handle, in any process, holds it. A
   * server wants this: a second process on one file would wait for the first one's write lock
   * inside `busy_timeout`, blocking its event loop. Ignored for `:memory:`. Default `false`.
   */
  readonly exclusive?: boolean;
  /**
   * How a write waits for another connection's write lock. `'sleep'` (default): inside SQLite's
   * `busy_timeout`, with this thread blocked meanwhile. `'yield'`: every call runs in a
   * `BEGIN IMMEDIATE` transaction taken without blocking (tried, and on `SQLITE_BUSY` tried again
   * after a timer, for up to `busyTimeoutMs`), so the thread's event loop goes on while another
   * connection of the same file (another thread's) writes. `store.read` takes no lock; the other
   * calls (jobs, ledger, CRM, ...) run in write transactions, those waiting together in one (each
   * in a savepoint: one failing undoes only itself), up to 64 at a time. Calls on one handle
   * still take turns: those after a waiting write wait for it.
   */
  readonly lockWait?: 'sleep' | 'yield';
}

/**
 * An open SQLite store.
 *
 * @example
 * ```ts
 * const handle: SqliteStoreHandle = await openSqliteStore({ filename: ':memory:' });
 * console.log(handle.filename); // ':memory:'
 * ```
 */
export interface SqliteStoreHandle extends StoreHandle {
  readonly dialect: 'sqlite';
  readonly filename: string;
}

/**
 * Opens (creating if needed) a SQLite database file, applies the migrations, and returns the
 * stores. One connection per handle: all work on it is queued through an in-process mutex, and
 * transactions are `BEGIN IMMEDIATE`, so they are serialised within this process and, through
 * SQLite's write lock and `busy_timeout`, with other processes (a wait longer than that is
 * `StoreError('DATABASE_BUSY')`). Open one handle per file per process: two handles on one file in
 * one process block each other's event loop while waiting; `exclusive: true` enforces one handle
 * per file across processes. better-sqlite3 (an optional peer dependency) is imported on the first
 * call: `StoreError('DRIVER_MISSING')` when it is not installed.
 *
 * @example
 * ```ts
 * import { openSqliteStore } from '@workestra/store/sqlite';
 *
 * const { store, jobs, close } = await openSqliteStore({ filename: 'workestra.db' });
 * const link = await store.transaction((tx) => tx.findLiveLinkBySlug('intro-call'));
 * const due = await jobs.claimJobs('worker-1', Date.now(), 10, Date.now() + 60_000);
 * await close();
 * ```
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStoreHandle> {
  const {
    driver: Driver,
    orm: { drizzle },
    migrator: { migrate },
  } = await loadSqlite();
  const lock =
    options.exclusive && options.filename !== ':memory:' && options.filename !== ''
      ? lockSqliteFile(options.filename, Driver)
      : undefined;
  let conn: Database.Database;
  try {
    conn = new Driver(options.filename);
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    if (options.filename !== ':memory:') conn.pragma('journal_mode = WAL');
    conn.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    conn.pragma('foreign_keys = ON');
    conn.pragma('synchronous = NORMAL');
    // drizzle prepares each statement it runs: it gets them from a cache of compiled statements.
    const db = drizzle({ client: cachingStatements(conn), schema });
    migrate(db, { migrationsFolder: options.migrationsFolder ?? migrationsFolder('sqlite') });

    const mutex = new Mutex();
    let closed = false;
    const busyTimeoutMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000));
    const yieldForLock = options.lockWait === 'yield';
    /** `BEGIN IMMEDIATE`; in `'yield'` mode without waiting inside SQLite (see `lockWait`). */
    const beginImmediate = async (): Promise<void> => {
      if (!yieldForLock) {
        conn.exec('BEGIN IMMEDIATE');
        return;
      }
      const deadline = Date.now() + busyTimeoutMs;
      for (let attempt = 0; ; attempt++) {
        conn.pragma('busy_timeout = 0');
        try {
          conn.exec('BEGIN IMMEDIATE');
          return;
        } catch (error) {
          if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
        } finally {
          conn.pragma(`busy_timeout = ${busyTimeoutMs}`);
        }
        // Tried again after each turn of the event loop (the other thread's write is usually a
        // fraction of a millisecond), then every millisecond.
        await new Promise((resolve) =>
          attempt < YIELD_SPINS ? setImmediate(resolve) : setTimeout(resolve, 1),
        );
      }
    };
    /**
     * `'yield'` mode: the calls waiting for the connection, run together in one write transaction
     * (each in a savepoint of its own) when their turn comes: one lock taken and one commit for
     * many small writes, instead of one each.
     */
    const waiting: { fn: () => Promise<unknown>; settle: (outcome: Outcome) => void }[] = [];
    /** Whether a group's turn is queued or running: calls arriving meanwhile wait for the next. */
    let groupQueued = false;
    const queueGroup = (afterATurn = false) => {
      if (groupQueued || waiting.length === 0) return;
      groupQueued = true;
      // runGroup settles every call itself and does not throw.
      const take = () => void mutex.run(runGroup);
      if (afterATurn) setImmediate(take);
      else take();
    };
    const runGroup = async (): Promise<void> => {
      const calls = waiting.splice(0, GROUP_LIMIT);
      const outcomes: Outcome[] = [];
      try {
        await beginImmediate();
        for (const call of calls) {
          conn.exec('SAVEPOINT workestra_call');
          try {
            outcomes.push({ ok: true, value: await call.fn() });
            conn.exec('RELEASE workestra_call');
          } catch (error) {
            // An error that ended the whole transaction (disk full, I/O) ends the group with it.
            if (!conn.inTransaction) throw error;
            conn.exec('ROLLBACK TO workestra_call');
            conn.exec('RELEASE workestra_call');
            outcomes.push({ ok: false, error });
          }
        }
        conn.exec('COMMIT');
      } catch (error) {
        try {
          if (conn.inTransaction) conn.exec('ROLLBACK');
        } catch {
          // The connection cannot roll back (closed, I/O): nothing of the group was committed.
        }
        // Nothing of the group was committed: every call fails with what ended it.
        outcomes.length = 0;
        for (let i = 0; i < calls.length; i++) outcomes.push({ ok: false, error });
      }
      calls.forEach((call, i) => call.settle(outcomes[i]!));
      // Calls that came meanwhile take the next turn, after whatever queued in between, and not
      // before a turn of the event loop: the other connection waiting for the lock gets it then.
      groupQueued = false;
      queueGroup(true);
    };
    /** `fn` alone on the connection; in `'yield'` mode in a group's write transaction. */
    const serial = <T>(fn: () => Promise<T>): Promise<T> => {
      if (closed) return Promise.reject(new Error('@workestra/store: the SQLite store is closed'));
      if (!yieldForLock)
        return mutex.run(fn).catch((error: unknown) => {
          throw mapBusyError(error);
        });
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          fn,
          settle: (outcome) =>
            outcome.ok ? resolve(outcome.value as T) : reject(mapBusyError(outcome.error)),
        });
        queueGroup();
      });
    };
    // Wake-ups are in-process only: another process on the same file finds its jobs by polling.
    const listeners = new EnqueueListeners();
    const enqueuedKinds = new Set<JobKind>();
    const dialect = sqliteDialect(db);
    markLongLived(dialect.db);
    // Before any other call can take the connection: rows from before the search keys get theirs.
    await backfillSearchKeys(dialect);
    // The connection is the transaction's: the same `StoreTx` serves every one of them.
    const tx = withMappedErrors(
      storeTx(dialect, async (kinds) => kinds.forEach((k) => enqueuedKinds.add(k))),
    );

    const inTransaction = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> =>
      mutex.run(async () => {
        if (closed) throw new Error('@workestra/store: the SQLite store is closed');
        // IMMEDIATE takes the database write lock up front, so a read-check-insert cannot interleave
        // with another process's writer (a DEFERRED transaction would fail to upgrade instead).
        await beginImmediate().catch((error: unknown) => {
          throw mapBusyError(error);
        });
        enqueuedKinds.clear();
        try {
          const result = await fn(tx);
          conn.exec('COMMIT');
          const kinds = [...enqueuedKinds];
          enqueuedKinds.clear();
          listeners.emit(kinds);
          return result;
        } catch (error) {
          enqueuedKinds.clear();
          if (conn.inTransaction) conn.exec('ROLLBACK');
          throw mapConstraintError(error);
        }
      });

    // A DEFERRED transaction takes no write lock: only a read mark, one snapshot of committed
    // data (WAL), while other processes keep writing. It takes its turn on the connection, so it
    // never sees another call's uncommitted writes.
    const inReadTransaction = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> =>
      mutex.run(async () => {
        if (closed) throw new Error('@workestra/store: the SQLite store is closed');
        conn.exec('BEGIN DEFERRED');
        try {
          const result = await fn(tx);
          conn.exec('COMMIT');
          return result;
        } catch (error) {
          if (conn.inTransaction) conn.exec('ROLLBACK');
          throw mapConstraintError(error);
        }
      });

    // Its two reads in one snapshot, without the write lock.
    const findBookingContext = bookingContext(dialect, (fn) => inReadTransaction(() => fn()));

    const store: BookingStore = {
      transaction: (fn) => inTransaction(fn),
      read: (fn) => inReadTransaction(fn),
      // Every transaction holds the database write lock, which is stricter than a per-host lock.
      withHostLock: (_workspaceId, _hostId, fn) => inTransaction(fn),
      withHostsLock: (_workspaceId, _hostIds, fn) => inTransaction(fn),
      findBookingContext,
    };
    // Every call takes its turn on the connection, outside any open transaction; subscribing does not.
    const onJobsEnqueued: JobStore['onJobsEnqueued'] = async (listener) => {
      const remove = listeners.add(listener);
      return async () => remove();
    };

    return {
      dialect: 'sqlite',
      filename: options.filename,
      store,
      jobs: { ...aroundEach(jobStore(dialect, onJobsEnqueued), serial), onJobsEnqueued },
      auth: aroundEach(authStore(dialect), serial),
      calendarConnections: aroundEach(calendarConnectionStore(dialect), serial),
      crm: aroundEach(sqlCrm(dialect), serial),
      webhooks: aroundEach(webhookStore(dialect), serial),
      ...ledgerAndOutbox(aroundEach(messaging(dialect, sqliteClaimAndStore(db)), serial)),
      close: async () => {
        if (closed) return;
        await mutex.run(async () => {
          closed = true;
          listeners.clear();
          conn.close();
          lock?.release();
        });
      },
    };
  } catch (error) {
    conn.close();
    lock?.release();
    throw error;
  }
}
