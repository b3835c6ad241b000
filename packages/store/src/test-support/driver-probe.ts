// A separate process for driver-loading.test.ts: opens a store through the entry argv names,
// runs one query, closes it, and prints which driver packages this process loaded, as JSON.
// A fresh process is the only honest place to look: the test runner has loaded both drivers.
import { createRequire } from 'node:module';
import { sep } from 'node:path';

const [entry, url] = process.argv.slice(2) as [string, string];

async function open() {
  if (entry === 'root') return (await import('../index.js')).openStore(url);
  if (entry === 'postgres')
    return (await import('../postgres.js')).openPostgresStore({ connectionString: url });
  if (entry === 'sqlite') return (await import('../sqlite.js')).openSqliteStore({ filename: url });
  throw new Error(`driver-probe: unknown entry ${entry}`);
}

const handle = await open();
await handle.store.transaction((tx) => tx.findLiveLinkBySlug('driver-probe'));
await handle.close();
// Every CommonJS module this process ran (both drivers are CommonJS packages), by file path.
const files = Object.keys(createRequire(import.meta.url).cache);
const drivers = ['better-sqlite3', 'pg'].filter((name) =>
  files.some((file) => file.includes(`${sep}node_modules${sep}${name}${sep}`)),
);
process.stdout.write(`${JSON.stringify({ dialect: handle.dialect, drivers })}\n`);
