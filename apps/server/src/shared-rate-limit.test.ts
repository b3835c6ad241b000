// Rate limits shared across instances: two server processes on one PostgreSQL database enforce one
// budget per client (RATE_LIMIT_STORE=database, the default on PostgreSQL), so a client that
// spreads its requests over the processes gets no more than from one. With per-process counters
// (RATE_LIMIT_STORE=memory) each process would grant the whole budget again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { Client } from './test-support/client.js';
import { freshDatabase } from './test-support/server.js';
import { killServerProcesses, startServerProcess } from './test-support/server-process.js';

const LIMIT = 10;

afterEach(killServerProcesses);

/** Two processes on one fresh PostgreSQL database with the given rate-limit store. */
async function twoProcesses(store: 'memory' | 'database') {
  const db = await freshDatabase('postgres');
  const secret = randomBytes(32).toString('base64');
  const dirs: string[] = [];
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-rate-'));
    dirs.push(dir);
    const child = startServerProcess({
      DATABASE_URL: db.url,
      DATA_DIR: dir,
      WEB_DIST_DIR: join(dir, 'no-web'),
      SECRET_KEY: secret,
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_STORE: store,
    });
    urls.push(`http://127.0.0.1:${await child.listening}`);
  }
  return {
    urls,
    async close() {
      killServerProcesses();
      await db.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` public requests alternating between the processes, one after another: their statuses. */
async function alternate(urls: readonly string[], count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await new Client(urls[i % urls.length]!).get('/api/public/links/nobody-here');
    statuses.push(res.status);
  }
  return statuses;
}

describe('rate limits across server processes', () => {
  it('share one budget per client on PostgreSQL (the default there)', async () => {
    const servers = await twoProcesses('database');
    try {
      const statuses = await alternate(servers.urls, LIMIT + 4);
      // Each process saw at most 7 requests, under its limit of 10: only a shared count refuses.
      expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(404));
      expect(statuses.slice(LIMIT)).toEqual(Array(4).fill(429));
    } finally {
      await servers.close();
    }
  });

  it('grant each process its own budget with per-process counters', async () => {
    const servers = await twoProcesses('memory');
    try {
      const statuses = await alternate(servers.urls, LIMIT + 4);
      expect(statuses).toEqual(Array(LIMIT + 4).fill(404));
    } finally {
      await servers.close();
    }
  });

  it('defaults to shared counters on PostgreSQL and refuses them on SQLite', () => {
    const base = { DATA_DIR: tmpdir(), SECRET_KEY: randomBytes(32).toString('base64') };
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://db.example/app' }).rateLimitStore).toBe(
      'database',
    );
    expect(loadConfig(base).rateLimitStore).toBe('memory');
    expect(() => loadConfig({ ...base, RATE_LIMIT_STORE: 'database' })).toThrow(
      /RATE_LIMIT_STORE=database needs a PostgreSQL DATABASE_URL/,
    );
  });
});
