import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** The counters' table (rate-limiter-flexible's layout: key, points, expire). */
export const RATE_LIMIT_TABLE = 'workestra_rate_limits';

/** How often rows of clients gone for an hour are deleted. */
const SWEEP_MS = 10 * 60_000;

/** A lock id for creating the table once however many instances start at the same moment. */
const CREATE_LOCK = 0x72_61_74_65;

/**
 * Shared fixed-window counters for the server's rate limits, in the PostgreSQL database every
 * instance uses (rate-limiter-flexible's PostgreSQL store over a small pool of its own), so a
 * client cannot multiply its budget by the number of processes. Each limiter falls back to
 * per-process counters while the database does not answer (its insurance), so a database outage
 * never turns into rate-limit errors; the requests then answer 503 on their own.
 *
 * @example
 * ```ts
 * const shared = await openSharedRateLimits('postgres://…');
 * const publicLimiter = shared.limiter('public', 120);
 * await shared.close();
 * ```
 */
export interface SharedRateLimits {
  /** A limiter of `perMinute` requests per key and minute, its counters named by `name`. */
  limiter(name: string, perMinute: number): RateLimiterAbstract;
  close(): Promise<void>;
}

/** Opens the shared counters on `connectionString`: creates their table once (under a lock). */
export async function openSharedRateLimits(connectionString: string): Promise<SharedRateLimits> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // A pool's idle client that loses its server must not crash the process: the next query fails
  // and the insurance limiter answers.
  pool.on('error', () => {});
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`,
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  // Each client's row is reused window after window; rows of clients gone for an hour are dropped.
  const sweep = setInterval(() => {
    pool
      .query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire < $1`, [Date.now() - 3_600_000])
      .catch(() => {});
  }, SWEEP_MS);
  sweep.unref();
  return {
    limiter(name, perMinute) {
      return new RateLimiterPostgres({
        storeClient: pool,
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points: perMinute,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
      });
    },
    async close() {
      clearInterval(sweep);
      await pool.end();
    },
  };
}
