#!/usr/bin/env node
// The HTTP benchmark: the built reference server (dist/main.js) as a child process, loaded with
// autocannon on SQLite and, when a PostgreSQL URL is given, on PostgreSQL. Each figure is the
// median of several runs, and each is also printed as a ratio to `GET /healthz` measured in the
// same run, because the load generator shares the machine's cores with the server.
//
//   npm run bench:http -w @workestra/server
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:http -w @workestra/server
//
// Settings (environment): BENCH_SECONDS (15), BENCH_RUNS (3), BENCH_CONNECTIONS (50),
// BENCH_DATABASE_URL (or TEST_DATABASE_URL): a PostgreSQL server where a throwaway database is
// created and dropped. Rate limits are raised and the job runner is off (the emails a booking
// queues wait in the database): this measures the HTTP path, not the mail server.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
const SLOT_DAYS = 31;

const serverMain = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts the server on `databaseUrl` ('' = embedded SQLite) and resolves once /healthz is 200. */
async function startServer(databaseUrl) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'workestra-bench-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      JOB_POLL_MS: '0',
      RATE_LIMIT_PER_MINUTE: '100000000',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 1200) throw new Error(`the server did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    async close() {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs a host up and returns a function for its API calls (cookie and CSRF token kept). */
async function signUp(base) {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
      password: 'correct-horse-battery',
      name: 'Bench Host',
      timeZone: 'UTC',
    }),
  });
  if (!res.ok) throw new Error(`signup: ${res.status} ${await res.text()}`);
  const { csrfToken } = await res.json();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const ALL_DAYS = [...WEEKDAYS, 'saturday', 'sunday'];

/** autocannon once; its requests/s (mean over the run), p99 latency and non-2xx count. */
async function load(options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** The resident set size of `pid` in MB, from /proc (Linux); null elsewhere. */
function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Every row for one database: healthz, a 31-day slots read and bookings of distinct slots. */
async function benchDatabase(label, databaseUrl) {
  const server = await startServer(databaseUrl);
  try {
    const api = await signUp(server.url);
    const { link: slotsLink } = await api('POST', '/api/host/links', {
      title: 'Bench slots',
      timeZone: 'UTC',
      durationMinutes: 30,
      maxDaysAhead: 60,
      weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
    });
    const from = new Date(Date.now() + 86_400_000);
    from.setUTCHours(0, 0, 0, 0);
    const to = new Date(from.getTime() + SLOT_DAYS * 86_400_000);
    const slotsPath =
      `/api/public/links/${slotsLink.slug}/slots?from=${from.toISOString()}` +
      `&to=${to.toISOString()}&timeZone=America/New_York`;
    const first = await (await fetch(`${server.url}${slotsPath}`)).json();
    const slotCount = first.days.reduce((n, d) => n + d.slots.length, 0);

    // The bookings go to a host of their own, so the slots row reads the same calendar in every
    // run, and each run goes on where the previous one stopped, so every request of every run
    // books a time no other request asks for (none is refused as taken).
    const bookingApi = await signUp(server.url);
    let next = from.getTime();
    const rows = { healthz: [], slots: [], bookings: [] };
    let peakRss = 0;
    for (let run = 0; run < RUNS; run++) {
      const health = await load({ url: `${server.url}/healthz` });
      const slots = await load({ url: `${server.url}${slotsPath}` });

      // A fresh link per run, open around the clock on a 5-minute grid: every request books a
      // time no other request asks for.
      const { link } = await bookingApi('POST', '/api/host/links', {
        title: `Bench bookings ${run}`,
        timeZone: 'UTC',
        durationMinutes: 5,
        maxDaysAhead: 3650,
        weeklyHours: Object.fromEntries(
          ALL_DAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
        ),
      });
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, rssMb(server.pid) ?? 0);
      }, 200);
      const bookings = await load({
        url: server.url,
        requests: [
          {
            method: 'POST',
            path: `/api/public/links/${link.slug}/bookings`,
            headers: { 'Content-Type': 'application/json' },
            setupRequest(req) {
              const start = new Date(next).toISOString();
              next += 5 * 60_000;
              return {
                ...req,
                body: JSON.stringify({
                  start,
                  name: 'Load Tester',
                  email: 'load@example.test',
                  timeZone: 'UTC',
                }),
              };
            },
          },
        ],
      });
      clearInterval(sampler);
      rows.healthz.push(health);
      rows.slots.push(slots);
      rows.bookings.push(bookings);
      const failed = health.failed + slots.failed + bookings.failed;
      if (failed > 0) console.warn(`  ${label} run ${run + 1}: ${failed} requests failed`);
    }
    return { label, slotCount, peakRss, rows };
  } finally {
    await server.close();
  }
}

/** Creates a throwaway database on the PostgreSQL server of `url`; returns its URL and a dropper. */
async function throwawayDatabase(url) {
  const name = `workestra_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function summarize(result) {
  const health = median(result.rows.healthz.map((r) => r.rps));
  const line = (name, runs) => {
    const rps = median(runs.map((r) => r.rps));
    const p99 = median(runs.map((r) => r.p99));
    return `| ${name.padEnd(34)} | ${rps.toFixed(0).padStart(6)} req/s | ${(rps / health)
      .toFixed(2)
      .padStart(5)} | ${String(p99).padStart(5)} ms |`;
  };
  console.log(
    `\n${result.label}: median of ${RUNS} runs, ${CONNECTIONS} connections, ${SECONDS} s each`,
  );
  console.log(`| endpoint                           |   throughput | /healthz ratio | p99 |`);
  console.log(`|---|---:|---:|---:|`);
  console.log(line('GET /healthz', result.rows.healthz));
  console.log(line(`slots, ${SLOT_DAYS} days (${result.slotCount} slots)`, result.rows.slots));
  console.log(line('bookings, distinct slots', result.rows.bookings));
  console.log(`peak RSS during the runs: ${result.peakRss.toFixed(0)} MB`);
}

console.log(
  `HTTP benchmark: Node ${process.version}, ${(await import('node:os')).cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
);
summarize(await benchDatabase('SQLite (embedded)', ''));
if (PG_URL) {
  const db = await throwawayDatabase(PG_URL);
  try {
    summarize(await benchDatabase('PostgreSQL', db.url));
  } finally {
    await db.drop();
  }
} else {
  console.log(
    '\nPostgreSQL: skipped (set BENCH_DATABASE_URL to a server where a database may be created)',
  );
}
