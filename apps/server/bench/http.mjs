#!/usr/bin/env node
// The HTTP benchmark: the built reference server (dist/main.js) as child processes, loaded with
// autocannon on SQLite and, when a PostgreSQL URL is given, on PostgreSQL with one and with two
// processes. Each figure is the median of several runs, and each is also printed as a ratio to
// `GET /healthz` measured in the same run, because the load generator shares the machine's cores
// with the server.
//
//   npm run bench:http -w @workestra/server
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:http -w @workestra/server
//
// Settings (environment): BENCH_SECONDS (15), BENCH_RUNS (3), BENCH_CONNECTIONS (50),
// BENCH_BOOKING_HOSTS (10: the hosts the second bookings row spreads over), BENCH_FOLLOW_UP_RATE
// (500: bookings/s of the follow-up row), BENCH_ROWS (`load,follow-ups`: which rows run; e.g.
// `follow-ups` for the follow-up row alone),
// BENCH_DATABASE_URL (or TEST_DATABASE_URL): a PostgreSQL server where throwaway databases are
// created and dropped. Rate limits are raised. The load rows run without the job runner (the
// emails a booking queues wait in the database): they measure the HTTP path. The follow-up row
// runs a booking load with the runner on and reports how long each confirmation waited.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  addMembers,
  officeHours,
  openLink,
  signUp,
  SLOT_DAYS,
  slotsRead,
  startServer,
  tomorrow,
} from './support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
const TEAM_SIZE = 20;
/** The bookings row spreads its requests over this many hosts (one link each). */
const BOOKING_HOSTS = Number(process.env.BENCH_BOOKING_HOSTS ?? 10);
/** The booking rate of the follow-up row (the load: 500 bookings/s). */
const FOLLOW_UP_RATE = Number(process.env.BENCH_FOLLOW_UP_RATE ?? 500);
/** Which rows run: `load` (healthz, slots, bookings) and `follow-ups`. */
const ROWS = new Set((process.env.BENCH_ROWS ?? 'load,follow-ups').split(',').map((r) => r.trim()));
/** A confirmation must be sent within this long of its booking (the bar). */
const FOLLOW_UP_BAR_MS = 10_000;

/** autocannon once; its requests/s (mean over the run), p99 latency and failed requests. */
async function load(options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Bookings on distinct 5-minute slots, spread over `urls`, request i to link `slugs[i % n]` (one
 * link per host), each link's times starting at `cursor[slug]` (tomorrow when unset) and left
 * where they stopped: runs that follow on the same links go on from there, so no request of any
 * run asks for a time already taken.
 */
function bookingLoad(urls, slugs, cursor = {}, options = {}) {
  let i = 0;
  return load({
    ...options,
    url: urls.length === 1 ? urls[0] : urls,
    requests: [
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        setupRequest(req) {
          const slug = slugs[i++ % slugs.length];
          cursor[slug] ??= tomorrow();
          const start = new Date(cursor[slug]).toISOString();
          cursor[slug] += 5 * 60_000;
          return {
            ...req,
            path: `/api/public/links/${slug}/bookings`,
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
}

/** The resident set size of `pid` in MB, from /proc (Linux); 0 elsewhere. */
function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the peak RSS of `pids` while `work` runs. */
async function withPeakRss(pids, work) {
  let peak = 0;
  const sampler = setInterval(() => {
    for (const pid of pids) peak = Math.max(peak, rssMb(pid));
  }, 200);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(sampler);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

/**
 * Every load row for one database and `processes` server processes: healthz, a 31-day slots read
 * of a solo link and of a 20-member round-robin link, and bookings of distinct slots.
 */
async function benchDatabase(label, databaseUrl, processes = 1) {
  const servers = [];
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServer(databaseUrl));
    const urls = servers.map((s) => s.url);
    const base = urls[0];
    const api = await signUp(base);
    const { link: solo } = await api('POST', '/api/host/links', {
      title: 'Bench slots',
      timeZone: 'UTC',
      durationMinutes: 30,
      maxDaysAhead: 60,
      weeklyHours: officeHours(),
    });
    const members = await addMembers(base, api, TEAM_SIZE - 1);
    const { link: team } = await api('POST', '/api/host/links', {
      title: 'Bench team',
      timeZone: 'UTC',
      durationMinutes: 30,
      maxDaysAhead: 60,
      weeklyHours: officeHours(),
      kind: 'round_robin',
      members: [api.hostId, ...members].map((hostId) => ({ hostId })),
    });
    const soloRead = await slotsRead(base, solo.slug);
    const teamRead = await slotsRead(base, team.slug);
    const target = (path) =>
      urls.length === 1 ? `${base}${path}` : urls.map((u) => `${u}${path}`);

    // The bookings go to hosts of their own (the slots rows read the same calendars in every
    // run), each on one link whose times every run takes up where the previous one stopped: one
    // host (every booking waits for the one before: the per-host serialisation that rules out
    // double booking) and BOOKING_HOSTS hosts (bookings of different hosts do not wait for
    // each other).
    const bookers = [];
    for (let h = 0; h < BOOKING_HOSTS; h++)
      bookers.push((await openLink(await signUp(base), `Bench bookings ${h + 1}`)).slug);
    const cursor = {};

    const rows = { healthz: [], solo: [], team: [], bookings: [], bookingsOneHost: [] };
    let peakRss = 0;
    for (let run = 0; run < RUNS; run++) {
      rows.healthz.push(await load({ url: target('/healthz') }));
      rows.solo.push(await load({ url: target(soloRead.path) }));
      rows.team.push(await load({ url: target(teamRead.path) }));
      for (const [key, slugs] of [
        ['bookingsOneHost', bookers.slice(0, 1)],
        ['bookings', bookers],
      ]) {
        const { result, peak } = await withPeakRss(
          servers.map((s) => s.pid),
          () => bookingLoad(urls, slugs, cursor),
        );
        rows[key].push(result);
        peakRss = Math.max(peakRss, peak);
      }
    }
    const failed = Object.values(rows)
      .flat()
      .reduce((n, r) => n + r.failed, 0);
    if (failed > 0) console.warn(`  ${label}: ${failed} requests failed`);
    return {
      label,
      processes,
      soloSlots: soloRead.count,
      teamSlots: teamRead.count,
      peakRss,
      rows,
    };
  } finally {
    for (const s of servers) await s.close();
  }
}

/**
 * A booking load with the job runner on, then the wait until every confirmation is sent: how long
 * each confirmation job took from its booking to done (p50, p99, max), read from the database.
 */
async function followUpLag(label, databaseUrl) {
  const server = await startServer(databaseUrl, { runner: true });
  try {
    const api = await signUp(server.url);
    const link = await openLink(api, 'Bench follow-ups');
    // The load: FOLLOW_UP_RATE bookings a second (autocannon's overall rate), runner on.
    const { result: booked, peak: rss } = await withPeakRss([server.pid], () =>
      bookingLoad([server.url], [link.slug], {}, { overallRate: FOLLOW_UP_RATE }),
    );
    const query = makeQuery(server.sqliteFile ?? databaseUrl);
    try {
      const pending = async () =>
        Number(
          (
            await query(
              "SELECT count(*) AS n FROM jobs WHERE kind = 'email.confirmation' AND status <> 'done'",
            )
          )[0].n,
        );
      // Bounded by rounds (a stuck queue ends the bench with what it has, and says so).
      let left = await pending();
      for (let round = 0; left > 0 && round < 600; round++) {
        await new Promise((r) => setTimeout(r, 500));
        left = await pending();
      }
      const lags = (
        await query(
          "SELECT updated_at - created_at AS lag FROM jobs WHERE kind = 'email.confirmation' AND status = 'done'",
        )
      ).map((r) => Number(r.lag));
      const [{ n: bookings }] = await query('SELECT count(*) AS n FROM bookings');
      return {
        label,
        rate: booked.rps,
        bookingP99: booked.p99,
        rss,
        bookings: Number(bookings),
        sent: lags.length,
        left,
        p50: quantile(lags, 0.5),
        p99: quantile(lags, 0.99),
        max: Math.max(0, ...lags),
        over: lags.filter((l) => l > FOLLOW_UP_BAR_MS).length,
      };
    } finally {
      await query.close();
    }
  } finally {
    await server.close();
  }
}

/** A read-only query function on a SQLite file or a PostgreSQL URL (instants are epoch ms in both). */
function makeQuery(target) {
  if (!target.startsWith('postgres')) {
    const db = new Database(target, { readonly: true });
    const fn = async (sql) => db.prepare(sql).all();
    fn.close = async () => db.close();
    return fn;
  }
  const pool = new pg.Pool({ connectionString: target, max: 1 });
  const fn = async (sql) => (await pool.query(sql)).rows;
  fn.close = () => pool.end();
  return fn;
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

/** Prints one database's rows; returns the medians for ratios between runs. */
function summarize(result) {
  const health = median(result.rows.healthz.map((r) => r.rps));
  const medians = {};
  const line = (name, key) => {
    const rps = median(result.rows[key].map((r) => r.rps));
    const p99 = median(result.rows[key].map((r) => r.p99));
    medians[key] = rps;
    return `| ${name} | ${rps.toFixed(0)} req/s | ${(rps / health).toFixed(2)} | ${p99} ms |`;
  };
  console.log(
    `\n${result.label}, ${result.processes} process${result.processes > 1 ? 'es' : ''}: median of ${RUNS} runs, ${CONNECTIONS} connections, ${SECONDS} s each`,
  );
  console.log('| endpoint | throughput | /healthz ratio | p99 |');
  console.log('|---|---:|---:|---:|');
  console.log(line('GET /healthz', 'healthz'));
  console.log(line(`slots, solo link, ${SLOT_DAYS} days (${result.soloSlots} slots)`, 'solo'));
  console.log(
    line(
      `slots, ${TEAM_SIZE}-member round robin, ${SLOT_DAYS} days (${result.teamSlots} slots)`,
      'team',
    ),
  );
  console.log(line('bookings, distinct slots, one host', 'bookingsOneHost'));
  console.log(line(`bookings, distinct slots, ${BOOKING_HOSTS} hosts`, 'bookings'));
  console.log(`peak RSS during the booking runs: ${result.peakRss.toFixed(0)} MB (per process)`);
  return medians;
}

function printLag(lag) {
  console.log(
    `\n${lag.label}: follow-up queue under ${FOLLOW_UP_RATE} bookings/s for ${SECONDS} s (job runner on, ` +
      `in its thread): ${lag.rate.toFixed(0)} bookings/s answered, p99 ${lag.bookingP99} ms, ` +
      `peak RSS ${lag.rss.toFixed(0)} MB; ${lag.bookings} bookings, ` +
      `${lag.sent} confirmations sent, ${lag.left} not yet; booking to sent p50 ${lag.p50} ms, ` +
      `p99 ${lag.p99} ms, max ${lag.max} ms; ${lag.over} over ${FOLLOW_UP_BAR_MS / 1000} s`,
  );
}

console.log(
  `HTTP benchmark: Node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
);
if (ROWS.has('load')) summarize(await benchDatabase('SQLite (embedded)', ''));
if (ROWS.has('follow-ups')) printLag(await followUpLag('SQLite', ''));
if (PG_URL) {
  if (ROWS.has('load')) {
    const byProcesses = [];
    for (const processes of [1, 2]) {
      const db = await throwawayDatabase(PG_URL);
      try {
        byProcesses.push(summarize(await benchDatabase('PostgreSQL', db.url, processes)));
      } finally {
        await db.drop();
      }
    }
    const [one, two] = byProcesses;
    console.log(
      `\nPostgreSQL, 2 processes / 1 process: slots (solo) ${(two.solo / one.solo).toFixed(2)}x, ` +
        `slots (team) ${(two.team / one.team).toFixed(2)}x, bookings (one host) ${(two.bookingsOneHost / one.bookingsOneHost).toFixed(2)}x, bookings (${BOOKING_HOSTS} hosts) ${(two.bookings / one.bookings).toFixed(2)}x`,
    );
  }
  if (ROWS.has('follow-ups')) {
    const db = await throwawayDatabase(PG_URL);
    try {
      printLag(await followUpLag('PostgreSQL', db.url));
    } finally {
      await db.drop();
    }
  }
} else {
  console.log(
    '\nPostgreSQL: skipped (set BENCH_DATABASE_URL to a server where a database may be created)',
  );
}
