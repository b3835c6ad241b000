import type { BookingStore, StoreTx } from '@workestra/booking-core';
import type pg from 'pg';
import { mapConstraintError } from '../constraint-errors.js';
import { loadDriver } from '../driver.js';
import { formatKinds } from '../enqueue-signal.js';
import { migrationsFolder } from '../migrations-folder.js';
import * as schema from '../schema/pg.js';
import { authStore } from '../queries/auth.js';
import { bookingContext } from '../queries/booking-context.js';
import { calendarConnectionStore } from '../queries/calendar-connections.js';
import { backfillSearchKeys, sqlCrm } from '../queries/crm.js';
import { webhookStore } from '../queries/webhooks.js';
import { jobStore } from '../queries/jobs.js';
import { messaging } from '../queries/messages.js';
import { storeTx } from '../queries/tx.js';
import { markLongLived } from '../queries/prepared.js';
import { ledgerAndOutbox, type StoreHandle, withMappedErrors } from '../store-handle.js';
import type { PgDb } from './db.js';
import { pgDialect } from './dialect.js';
import { JOBS_CHANNEL, pgJobNotifications } from './job-notifications.js';
import { outboxOnce } from './outbox-once.js';
import { preparedClaims } from './claim-jobs.js';

/** pg and drizzle's modules for it, imported when the first PostgreSQL store opens. */
const loadPostgres = () =>
  loadDriver(
    'postgres',
    () => import('pg'),
    () => import('drizzle-orm/node-postgres'),
    () => import('drizzle-orm/node-postgres/migrator'),
  );

type PgModules = Awaited<ReturnType<typeof loadPostgres>>;

/** Arbitrary constant: the advisory lock that keeps two instances from migrating at once. */
const MIGRATION_LOCK_KEY = 727_465_001;

/**
 * Options of {@link openPostgresStore}: a connection string (the store owns its pool) or your own pool.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * const own: PostgresStoreOptions = { connectionString: 'postgres://app@db/workestra', maxConnections: 20 };
 * const shared: PostgresStoreOptions = { pool: new pg.Pool({ connectionString: 'postgres://app@db/workestra' }) };
 * ```
 */
export type PostgresStoreOptions = (
  | {
      readonly connectionString: string;
      /** Pool size. Default 10. */
      readonly maxConnections?: number;
    }
  | {
      /** A pool you own: `close()` leaves it open. */
      readonly pool: pg.Pool;
    }
) & {
  /** Override where the drizzle migrations are read from (default: the package's `migrations/pg`). */
  readonly migrationsFolder?: string;
};

/**
 * An open PostgreSQL store; `pool` is there for your own queries (e.g. a health check).
 *
 * @example
 * ```ts
 * const handle: PostgresStoreHandle = await openPostgresStore({ connectionString: 'postgres://app@db/workestra' });
 * await handle.pool.query('SELECT 1');
 * ```
 */
export interface PostgresStoreHandle extends StoreHandle {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
}

async function applyMigrations(
  { orm: { drizzle }, migrator: { migrate } }: PgModules,
  pool: pg.Pool,
  folder: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: folder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * Connects to PostgreSQL, applies the migrations (under an advisory lock, so several instances may
 * start together), and returns the stores. `withHostLock` runs its transaction after
 * `SELECT ... FROM hosts ... FOR UPDATE`, which serialises bookings per host across every
 * instance (`withHostsLock` locks its hosts' rows in one such statement, in ascending id order); an exclusion constraint on confirmed bookings is the backstop. pg (an optional peer
 * dependency) is imported on the first call: `StoreError('DRIVER_MISSING')` when it is not
 * installed.
 *
 * @example
 * ```ts
 * import { openPostgresStore } from '@workestra/store/postgres';
 *
 * const { store, jobs, close } = await openPostgresStore({ connectionString: 'postgres://app@db/workestra' });
 * await store.withHostLock(workspaceId, hostId, async (tx) => {
 *   const busy = await tx.listHostBusy(workspaceId, hostId, booking.blockedStart, booking.blockedEnd);
 *   if (busy.length === 0) await tx.insertBooking(booking);
 * });
 * await close();
 * ```
 */
export async function openPostgresStore(
  options: PostgresStoreOptions,
): Promise<PostgresStoreHandle> {
  const modules = await loadPostgres();
  const ownsPool = !('pool' in options);
  const pool =
    'pool' in options
      ? options.pool
      : new modules.driver.Pool({
          connectionString: options.connectionString,
          max: options.maxConnections ?? 10,
        });
  // An idle client's connection error would otherwise crash the process; the next query reports it.
  if (ownsPool) pool.on('error', () => undefined);
  // A checked-out client has no listener of the pool's: a connection lost between two queries of a
  // transaction (the server shutting down) would be an unhandled 'error' event and end the process.
  // The query in flight or the next one on that client fails instead, and the pool drops it.
  if (ownsPool) pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await applyMigrations(modules, pool, options.migrationsFolder ?? migrationsFolder('pg'));
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }

  const db: PgDb = modules.orm.drizzle({ client: pool, schema });
  const dialect = pgDialect(db);
  markLongLived(dialect.db);
  try {
    // Rows from before the search keys get theirs; idempotent, so instances may run it together.
    await backfillSearchKeys(dialect);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }

  /**
   * One transaction on a connection of its own, in as few round trips as the guarantees allow:
   * `BEGIN` goes with the host lock's `SELECT ... FOR UPDATE` in one simple query, and the jobs'
   * wake-up `NOTIFY` with `COMMIT` (both under the lock, each a round trip saved while other
   * bookings of the host wait). The values in those two are escaped literals (`escapeLiteral`):
   * a simple query of several statements takes no parameters.
   */
  const inTransaction = async <T>(
    fn: (tx: StoreTx) => Promise<T>,
    hostLock?: { workspaceId: string; hostIds: readonly string[] },
  ): Promise<T> => {
    const client = await pool.connect();
    let discard: Error | undefined;
    try {
      const lit = (value: string) => client.escapeLiteral(value);
      // Ascending id (code-unit order, duplicates once), so two transactions locking
      // overlapping sets meet in the same order and never deadlock.
      const wanted = hostLock ? [...new Set(hostLock.hostIds)].sort() : [];
      if (hostLock && wanted.length > 0) {
        const results = (await client.query(
          `BEGIN; SELECT id FROM hosts WHERE workspace_id = ${lit(hostLock.workspaceId)} ` +
            `AND id IN (${wanted.map(lit).join(', ')}) ORDER BY id COLLATE "C" FOR UPDATE`,
        )) as unknown as pg.QueryResult<{ id: string }>[];
        const found = new Set(results[1]!.rows.map((row) => row.id));
        for (const hostId of wanted.filter((id) => !found.has(id))) {
          // No host row to lock (yet): serialise on the id instead, so the guarantee holds anyway.
          await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
            `${hostLock.workspaceId}/${hostId}`,
          ]);
        }
      } else {
        await client.query('BEGIN');
      }
      // NOTIFY inside the transaction is delivered at COMMIT, to every instance LISTENing, and
      // never for a rollback: the wake-up cannot run ahead of the rows it announces.
      const wakeUps: string[] = [];
      const t = modules.orm.drizzle({ client }) as unknown as PgDb;
      const tx = storeTx({ ...dialect, db: t }, async (kinds) => {
        wakeUps.push(`SELECT pg_notify(${lit(JOBS_CHANNEL)}, ${lit(formatKinds(kinds))}); `);
      });
      const result = await fn(withMappedErrors(tx));
      await client.query(`${wakeUps.join('')}COMMIT`);
      return result;
    } catch (error) {
      // Whatever failed (the lock, `fn`, COMMIT), nothing of it stays: outside a transaction
      // ROLLBACK is only a warning.
      try {
        await client.query('ROLLBACK');
      } catch (rollbackFailed) {
        // The connection is broken: the pool must not hand it out again.
        discard = rollbackFailed instanceof Error ? rollbackFailed : new Error('ROLLBACK failed');
      }
      throw mapConstraintError(error);
    } finally {
      client.release(discard);
    }
  };

  // Reads on the pool: each statement on whichever connection is free, no BEGIN/COMMIT round
  // trips, each statement seeing what was committed when it started (READ COMMITTED).
  const readTx = withMappedErrors(
    storeTx(dialect, async () => {
      throw new Error('@workestra/store: BookingStore.read is for reads only');
    }),
  );

  const store: BookingStore = {
    transaction: (fn) => inTransaction(fn),
    read: async (fn) => {
      try {
        return await fn(readTx);
      } catch (error) {
        throw mapConstraintError(error);
      }
    },
    withHostLock: (workspaceId, hostId, fn) =>
      inTransaction(fn, { workspaceId, hostIds: [hostId] }),
    withHostsLock: (workspaceId, hostIds, fn) => inTransaction(fn, { workspaceId, hostIds }),
    findBookingContext: bookingContext(dialect),
  };

  const notifications = pgJobNotifications(pool);
  let closed = false;
  return {
    dialect: 'postgres',
    pool,
    store,
    jobs: jobStore(
      dialect,
      (listener) => notifications.subscribe(listener),
      preparedClaims(dialect),
    ),
    auth: authStore(dialect),
    calendarConnections: calendarConnectionStore(dialect),
    crm: sqlCrm(dialect),
    webhooks: webhookStore(dialect),
    ...ledgerAndOutbox(messaging(dialect, outboxOnce(dialect, pool))),
    close: async () => {
      if (closed) return;
      closed = true;
      await notifications.close();
      if (ownsPool) await pool.end();
    },
  };
}
