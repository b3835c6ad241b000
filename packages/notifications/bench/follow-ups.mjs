// Follow-up throughput of one JobRunner instance (booking-core) running this package's email
// handlers with the outbox transport, on SQLite and on PostgreSQL (@workestra/store).
// Usage: npm run bench -w @workestra/notifications [-- --bookings 600 --seconds 10 --only sqlite
//        --concurrency 50 --batch 25]
//
// 1. Throughput: the follow-ups of `--bookings` bookings are queued with no runner running (3 due
//    jobs each: confirmation and host notice through the outbox, crm.sync as a no-op; the reminder
//    is a day out). A baseline first runs the old loop for 3 batches (claim 10, run them, sleep the
//    1 s poll), then the continuous runner drains the rest: jobs/s of each, and the ratio. Then
//    the runner's own ceiling: 4,000 jobs whose handlers do nothing.
// 2. Arrivals: 50 bookings/s arrive for `--seconds` (through the booking use-case, sharing the store
//    with the runner) while the continuous runner drains; the due queue's depth every 0.5 s, then
//    how long the rest takes. The same arrivals against the old loop show what it did instead.
// PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (a user that may CREATE DATABASE), else an
// embedded PostgreSQL. Each run uses fresh databases. Uses the built packages (`npm run build`).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createAesGcmSealer,
  createBookingCore,
  createFollowUpHandlers,
  JOB_RUNNER_DEFAULTS,
  JobRunner,
} from '@workestra/booking-core';
import { openPostgresStore } from '@workestra/store/postgres';
import { openSqliteStore } from '@workestra/store/sqlite';
import { createEmailJobHandlers, createOutboxTransport } from '../dist/index.js';
import { freshDatabase, postgresServer } from './postgres.mjs';

const DAY = 86_400_000;
const SLOT_MS = 15 * 60_000;
/** The server's JOB_POLL_MS default: what the old loop slept after every batch. */
const POLL_MS = 1000;
const BASELINE_BATCHES = 3;
const NOOP_JOBS = 4000;
const ARRIVALS_PER_SECOND = 50;
const SAMPLE_MS = 500;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
}
const BOOKINGS = Number(option('bookings', 600));
const SECONDS = Number(option('seconds', 10));
const ONLY = option('only', undefined);
/** The runner's options under test (its defaults when not given). */
const RUNNER = {
  ...(option('concurrency') ? { concurrency: Number(option('concurrency')) } : {}),
  ...(option('batch') ? { batchSize: Number(option('batch')) } : {}),
};

const allDay = [{ start: '00:00', end: '24:00' }];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A store with one host and an always-open 15-minute link, and the runner's handlers. */
async function openWorld(dialect, where) {
  const handle =
    dialect === 'sqlite'
      ? await openSqliteStore({ filename: where })
      : await openPostgresStore({ connectionString: where });
  const sealer = createAesGcmSealer(randomBytes(32));
  const core = createBookingCore({ store: handle.store, sealer });
  const ref = { workspaceId: 'bench', hostId: '' };
  const host = await core.createHost({
    workspaceId: ref.workspaceId,
    email: 'host@bench.test',
    name: 'Host',
    timeZone: 'UTC',
  });
  ref.hostId = host.id;
  const link = await core.createLink(ref, {
    title: 'Bench call',
    timeZone: 'UTC',
    durationMinutes: 15,
    maxDaysAhead: 365,
    weeklyHours: Object.fromEntries(DAYS.map((d) => [d, allDay])),
  });
  // Two days out, so every reminder (24 h before the start) is not yet due.
  const firstSlot = Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY;
  let next = 0;
  const book = () => {
    const i = next++;
    return core.book({
      slug: link.slug,
      start: new Date(firstSlot + i * SLOT_MS).toISOString(),
      name: `Guest ${i}`,
      email: `guest${i}@bench.test`,
      timeZone: 'UTC',
    });
  };
  const email = createEmailJobHandlers({
    ledger: handle.ledger,
    transport: createOutboxTransport(handle.outbox),
    sealer,
    publicUrl: 'https://bench.test',
    from: 'Bench <no-reply@bench.test>',
  });
  const noop = async () => {};
  // Every email goes through booking-core's follow-up seam, as in the server.
  const handlers = {
    ...createFollowUpHandlers({ store: handle.store, handlers: email }),
    'crm.sync': noop,
    'calendar.create': noop,
    'calendar.update': noop,
    'calendar.delete': noop,
  };
  // Counts completions, so the bench waits for work and not for time.
  let done = 0;
  let waiter;
  const jobs = {
    ...handle.jobs,
    async completeJobs(workerId, ids, now) {
      await handle.jobs.completeJobs(workerId, ids, now);
      done += ids.length;
      if (waiter && done >= waiter.target) waiter.resolve();
    },
  };
  const untilDone = (target) =>
    done >= target
      ? Promise.resolve()
      : new Promise((resolve) => {
          waiter = { target, resolve };
        });
  const runner = (options = {}) =>
    new JobRunner({ jobs, store: handle.store, handlers, ...options });
  /** Due jobs not done yet: pending ones whose time has come, and running ones. */
  const depth = async () => {
    const now = Date.now();
    const [pending, running] = await Promise.all([
      handle.jobs.listJobs({ status: 'pending' }),
      handle.jobs.listJobs({ status: 'running' }),
    ]);
    return pending.filter((j) => j.runAt <= now).length + running.length;
  };
  /** Queues `count` jobs of the no-op kinds (CRM and calendar: no adapter here), due now. */
  const enqueueNoops = async (count) => {
    const kinds = ['crm.sync', 'calendar.create', 'calendar.update', 'calendar.delete'];
    const now = Date.now();
    for (let i = 0; i < count; i += 500)
      await handle.store.transaction((tx) =>
        tx.enqueueJobs(
          Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
            kind: kinds[(i + k) % kinds.length],
            payload: {},
            runAt: now,
            idempotencyKey: `noop-${i + k}`,
          })),
          now,
        ),
      );
  };
  return {
    book,
    enqueueNoops,
    runner,
    depth,
    untilDone,
    done: () => done,
    outboxSize: async () => (await handle.outbox.listOutbox({ limit: 1_000_000 })).length,
    failed: async () => (await handle.jobs.listJobs({ status: 'failed' })).length,
    close: () => handle.close(),
  };
}

/** The old `JobRunner.start`: run one batch, then sleep the poll interval, whatever the batch was. */
function oldLoop(world) {
  const runner = world.runner({ batchSize: 10 });
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await runner.runOnce();
      if (!stopped) await sleep(POLL_MS);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

async function throughput(world) {
  for (let i = 0; i < BOOKINGS; i++) await world.book();
  const due = await world.depth();

  const old = world.runner({ batchSize: 10 });
  let t = performance.now();
  let baselineJobs = 0;
  for (let b = 0; b < BASELINE_BATCHES; b++) {
    baselineJobs += (await old.runOnce()).claimed;
    await sleep(POLL_MS);
  }
  const baseline = baselineJobs / ((performance.now() - t) / 1000);

  const runner = world.runner(RUNNER);
  t = performance.now();
  const cpu = process.cpuUsage();
  runner.start(POLL_MS);
  await world.untilDone(due);
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  await runner.stop();
  const drained = due - baselineJobs;
  const rate = drained / seconds;
  // Jobs per second of this process's CPU: what one core gives when the machine is not shared.
  const perCpuSecond = drained / ((used.user + used.system) / 1e6);

  // The runner's own ceiling: the same runner on jobs whose handlers do nothing.
  await world.enqueueNoops(NOOP_JOBS);
  const noop = world.runner(RUNNER);
  t = performance.now();
  noop.start(POLL_MS);
  await world.untilDone(due + NOOP_JOBS);
  const noopRate = NOOP_JOBS / ((performance.now() - t) / 1000);
  await noop.stop();
  return {
    due,
    baseline,
    rate,
    perCpuSecond,
    noopRate,
    ratio: rate / baseline,
    failed: await world.failed(),
  };
}

async function arrivals(world, mode) {
  const drainer = mode === 'continuous' ? world.runner(RUNNER) : undefined;
  drainer?.start(POLL_MS);
  const old = mode === 'old loop' ? oldLoop(world) : undefined;
  const t0 = performance.now();
  const samples = [];
  let sampling = true;
  const sampler = (async () => {
    for (let k = 1; sampling; k++) {
      await sleep(t0 + k * SAMPLE_MS - performance.now());
      if (sampling) samples.push(await world.depth());
    }
  })();
  const booked = [];
  const total = ARRIVALS_PER_SECOND * SECONDS;
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / ARRIVALS_PER_SECOND - performance.now();
    if (wait > 0) await sleep(wait);
    booked.push(world.book());
  }
  const outcomes = await Promise.allSettled(booked);
  const arrivedIn = (performance.now() - t0) / 1000;
  let drainSeconds = null;
  if (drainer) {
    const end = performance.now();
    await world.untilDone(total * 3);
    drainSeconds = (performance.now() - end) / 1000;
  }
  sampling = false;
  await sampler;
  const backlog = await world.depth();
  await drainer?.stop();
  await old?.stop();
  return {
    mode,
    bookings: outcomes.filter((o) => o.status === 'fulfilled').length,
    refused: outcomes.filter((o) => o.status === 'rejected').length,
    arrivedIn,
    samples,
    max: Math.max(0, ...samples),
    backlog,
    drainSeconds,
  };
}

async function onFreshDatabase(dialect, pgAdminUrl, fn) {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-bench-'));
    const world = await openWorld('sqlite', join(dir, 'bench.db'));
    try {
      return await fn(world);
    } finally {
      await world.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const db = await freshDatabase(pgAdminUrl);
  const world = await openWorld('postgres', db.url);
  try {
    return await fn(world);
  } finally {
    await world.close();
    await db.drop();
  }
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

const dialects = ['sqlite', 'postgres'].filter((d) => ONLY === undefined || d === ONLY);
const server = dialects.includes('postgres') ? await postgresServer() : undefined;
console.log(
  `Follow-up jobs, one runner instance (${JSON.stringify(RUNNER)} over the defaults: concurrency ${JOB_RUNNER_DEFAULTS.concurrency}, batch ${JOB_RUNNER_DEFAULTS.batchSize}), outbox transport;` +
    ` Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)}\n`,
);
try {
  for (const dialect of dialects) {
    const t = await onFreshDatabase(dialect, server?.adminUrl, throughput);
    console.log(
      `${dialect}: ${fmt(t.due)} due jobs (${BOOKINGS} bookings): ${fmt(t.rate)} jobs/s` +
        ` (${fmt(t.perCpuSecond)} per CPU-second of this process)` +
        ` | old loop (batch of 10, then ${POLL_MS} ms poll): ${fmt(t.baseline, 1)} jobs/s` +
        ` | ratio ${fmt(t.ratio, 1)}x | failed jobs: ${t.failed}`,
    );
    console.log(
      `${dialect}: the runner alone (${fmt(NOOP_JOBS)} jobs with no-op handlers): ${fmt(t.noopRate)} jobs/s`,
    );
    for (const mode of ['continuous', 'old loop']) {
      const a = await onFreshDatabase(dialect, server?.adminUrl, (world) => arrivals(world, mode));
      console.log(
        `${dialect}, ${mode}: ${a.bookings} bookings in ${fmt(a.arrivedIn, 1)} s` +
          `${a.refused ? ` (${a.refused} refused)` : ''} (${ARRIVALS_PER_SECOND}/s, 3 due jobs each);` +
          ` due queue every ${SAMPLE_MS / 1000} s: ${a.samples.join(' ')}` +
          ` | max ${a.max}` +
          (a.drainSeconds === null
            ? ` | left behind: ${a.backlog}`
            : ` | empty ${fmt(a.drainSeconds, 2)} s after the last booking`),
      );
    }
    console.log('');
  }
} finally {
  await server?.stop();
}
