import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@workestra/store/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, expectError, signUpHost } from './test-support/client.js';
import { startTestServer } from './test-support/server.js';
import { killServerProcesses, startServerProcess } from './test-support/server-process.js';

afterEach(killServerProcesses);

describe('two server processes on one SQLite file', () => {
  it('refuses the second at start, and the lock dies with the first (kill -9)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-single-process-'));
    try {
      const env = {
        DATA_DIR: dir,
        DATABASE_URL: join(dir, 'shared.db'),
        WEB_DIST_DIR: join(dir, 'no-web'),
      };
      const first = startServerProcess(env);
      const port = await first.listening;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      const second = startServerProcess(env);
      const outcome = await Promise.race([
        second.listening.then(() => 'listening' as const),
        second.exited.then(() => 'exited' as const),
      ]);
      expect(outcome, second.output()).toBe('exited');
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(
        `The SQLite database ${env.DATABASE_URL} is already in use`,
      );
      expect(second.output()).toMatch(/to run several instances, use PostgreSQL/);
      expect(second.output()).not.toMatch(/\n\s+at /);
      // The first one did not notice.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      first.child.kill('SIGKILL');
      await first.exited;
      const third = startServerProcess(env);
      const thirdPort = await third.listening;
      expect((await fetch(`http://127.0.0.1:${thirdPort}/healthz`)).status).toBe(200);
      third.child.kill('SIGTERM');
      expect(await third.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a SQLite write lock held past the busy timeout', () => {
  it('answers 503 DATABASE_BUSY with Retry-After, not 500', async () => {
    const lines: string[] = [];
    await using server = await startTestServer(
      'sqlite',
      {},
      { sqliteBusyTimeoutMs: 0, log: (line) => lines.push(line) },
    );
    if (server.handle.dialect !== 'sqlite') throw new Error('expected SQLite');
    await signUpHost(server);

    // Someone else on the file (a maintenance script, the sqlite3 shell) holds the write lock.
    const other = await openSqliteStore({ filename: server.handle.filename });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const holding = other.store.transaction(async () => {
      entered();
      await held;
    });
    try {
      await inside;
      const booking = await new Client(server.url).post('/api/public/links/demo/bookings', {
        body: {
          start: '2026-11-03T09:00:00Z',
          name: 'Bo',
          email: 'bo@example.com',
          timeZone: 'UTC',
        },
      });
      expectError(booking, 503, 'DATABASE_BUSY');
      expect(booking.headers.get('retry-after')).toBe('1');
    } finally {
      release();
      await holding;
      await other.close();
    }
    expect(lines.filter((line) => line.includes('unhandled error'))).toEqual([]);
  });
});
