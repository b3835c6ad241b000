import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BookingStore, createBookingCore, type HostRef } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeHost } from './test-support/fixtures.js';

const CREATORS = 20;
const TITLE = 'Product demo';
/** `product-demo`, `product-demo-2`, ... `product-demo-20`: what 20 racing creations must end with. */
const EXPECTED = [
  'product-demo',
  ...Array.from({ length: CREATORS - 1 }, (_, i) => `product-demo-${i + 2}`),
].sort();

async function seedHost(store: BookingStore): Promise<HostRef> {
  const host = makeHost();
  await store.transaction((tx) => tx.insertHost(host));
  return { workspaceId: host.workspaceId, hostId: host.id };
}

/** A slug-worker process on the SQLite file: resolves to it once it is ready, then to its results. */
function sqliteWorker(file: string, host: HostRef, count: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./test-support/slug-worker.ts', import.meta.url)),
      file,
      host.workspaceId,
      host.hostId,
      String(count),
      TITLE,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.on('close', () => reject(new Error(`worker ended before it was ready: ${err}`)));
  });
  const results = new Promise<string[]>((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${String(code)}: ${err}`));
      else resolve(JSON.parse(out.slice('ready\n'.length)) as string[]);
    });
  });
  return { ready, results, go: () => child.stdin.end('go\n') };
}

describe.each(DIALECTS)('derived slugs under concurrency on %s', (dialect) => {
  let db: TestDatabase;
  let store: BookingStore;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    // PostgreSQL: a pool of 10 connections, so the transactions really run concurrently.
    ({ store } = await db.open({ maxConnections: 10 }));
  });
  afterAll(async () => db.drop());

  if (dialect === 'postgres') {
    it(`gives each of ${CREATORS} concurrent same-title creations its own slug, none SLUG_TAKEN`, async () => {
      const host = await seedHost(store);
      const core = createBookingCore({ store });
      const outcomes = await Promise.all(
        Array.from({ length: CREATORS }, () =>
          core.createLink(host, { title: TITLE }).then(
            (link) => link.slug,
            (error: unknown) => `error:${(error as { code?: string }).code ?? String(error)}`,
          ),
        ),
      );
      expect(outcomes.sort()).toEqual(EXPECTED);
    });
  }

  if (dialect === 'sqlite') {
    // Generous timeout: it starts two Node processes with tsx, which takes seconds on a busy machine.
    it(
      `gives each of ${CREATORS} same-title creations from 2 processes its own slug, none SLUG_TAKEN`,
      { timeout: 180_000 },
      async () => {
        const host = await seedHost(store);
        const workers = Array.from({ length: 2 }, () => sqliteWorker(db.url, host, CREATORS / 2));
        await Promise.all(workers.map((w) => w.ready));
        for (const w of workers) w.go();
        const outcomes = (await Promise.all(workers.map((w) => w.results))).flat();
        expect(outcomes.sort()).toEqual(EXPECTED);
      },
    );
  }
});
