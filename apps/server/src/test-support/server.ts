import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BookingCore } from '@workestra/booking-core';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createPasswordHasher } from '../auth/password.js';
import { loadConfig } from '../config.js';
import type { ServerStoreHandle } from '../database.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';
import { TEST_SCRYPT_PARAMS } from './passwords.js';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** Monday 2026-11-02 12:00 UTC: every test's "now", so slots are deterministic. */
export const NOW = Date.parse('2026-11-02T12:00:00Z');

/** A fresh empty database: a temp SQLite file, or `CREATE DATABASE server_test_<random>` (never the shared one). */
export async function freshDatabase(
  dialect: Dialect,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-server-sqlite-'));
    return {
      url: join(dir, 'test.db'),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const name = `server_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A real server on a random port over a fresh database; `await using` closes and drops it. */
export interface TestServer extends AsyncDisposable {
  readonly url: string;
  readonly dialect: Dialect;
  /** The server's composition, as `main.ts` runs it (the job runner not started). */
  readonly runtime: Runtime;
  readonly core: BookingCore;
  readonly handle: ServerStoreHandle;
  /** The injected clock: move it with `clock.set(...)`. */
  readonly clock: { now(): number; set(ms: number): void };
  close(): Promise<void>;
}

/**
 * {@link createRuntime} over a fresh database, listening on a random loopback port. `env` adds to
 * (or overrides) the test defaults: `PUBLIC_URL=http://workestra.test` (so no dev outbox is served),
 * limits out of the way, a random `SECRET_KEY`, and `JOB_POLL_MS=0`: jobs run when a test calls
 * `server.runtime.runner.runOnce()`. A started runner runs on the main thread
 * (`JOB_RUNNER_THREAD=false`): it shares the test's clock, and the thread's module exists only
 * built (the process tests run the built server, thread and all).
 */
export async function startTestServer(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: {
    webDist?: string;
    /** Receives every log line (JSON), at level `info`. */
    log?: (line: string) => void;
    /** SQLite: how long a write waits for another connection's write lock. */
    sqliteBusyTimeoutMs?: number;
    /** The webhook sender's `fetch` and DNS lookup. */
    webhooks?: RuntimeOptions['webhooks'];
  } = {},
): Promise<TestServer> {
  const db = await freshDatabase(dialect);
  let now = NOW;
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://workestra.test',
    SECRET_KEY: randomBytes(32).toString('base64'),
    JOB_POLL_MS: '0',
    JOB_RUNNER_THREAD: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_FAILURES_PER_ACCOUNT: '100000',
    ...env,
  });
  const sink = options.log;
  const logger = sink
    ? pino({ level: 'info' }, { write: (line: string) => sink(line) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let runtime: Runtime | undefined;
  let started: Awaited<ReturnType<Runtime['start']>>;
  try {
    runtime = await createRuntime(config, {
      logger,
      clock,
      passwords: createPasswordHasher(TEST_SCRYPT_PARAMS),
      webDist: options.webDist ?? join(tmpdir(), 'workestra-no-web-dist'),
      ...(options.sqliteBusyTimeoutMs === undefined
        ? {}
        : { sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs }),
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    });
    started = await runtime.start();
  } catch (error) {
    await runtime?.close();
    await db.drop();
    throw error;
  }
  const { server, port } = started;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    server.closeAllConnections();
    await runtime.close();
    await db.drop();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    dialect,
    runtime,
    core: runtime.core,
    handle: runtime.handle,
    clock,
    close,
    [Symbol.asyncDispose]: close,
  };
}
