// SQLite on a disk that refuses writes, with the server as a real process. How the faults are made,
// honestly and the same for root and other users: the server process runs in its own user and
// mount namespaces (`unshare --user --map-root-user --mount`, no privileges needed), where
// - "read-only": its data directory is bind-mounted read-only, so every write gets EROFS from the
//   kernel (chmod would not stop root; a read-only mount stops everyone);
// - "disk full": its data directory is a real tmpfs of about a megabyte, so a write past it gets
//   ENOSPC from the kernel, which SQLite reports as SQLITE_FULL. When the server has exited, the
//   namespace's shell copies the files out, and the test opens the copy.
// It proves:
// - a read-only data directory with no database: the process exits 1 before listening, its output
//   naming the problem (the path and "read-only file system"), no stack trace;
// - a read-only data directory holding a database: the same, and the database passes
//   `PRAGMA integrity_check` unchanged. (A file system turning read-only under a running server
//   cannot be made this way: the kernel refuses the remount while the server holds files open for
//   writing.)
// - a full disk under a booking load: every booking is answered 201 or 503 `DATABASE_FULL`
//   (never 500), and afterwards the database passes `PRAGMA integrity_check` and holds exactly
//   the bookings answered 201.
// Where unprivileged namespaces are turned off, the test says so and is skipped, except under CI
// (`CI` set), where it fails: nothing is skipped in CI.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBookingCore } from '@workestra/booking-core';
import { openStore } from '@workestra/store';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from './test-support/client.js';
import { killServerProcesses, startServerProcess } from './test-support/server-process.js';

afterEach(killServerProcesses);

/** The disk-full filesystem's size: the migrated database fits, a few dozen bookings more do not. */
const TINY_FS = '1200k';
/** The most bookings the load makes before the disk must be full (it is far fewer). */
const MAX_BOOKINGS = 2000;

/**
 * The shell run in the namespaces: `$1` mode (`ro` or `full`), `$2` the data directory, `$3` where
 * to copy it when the server has exited (`full`), then the server's command line. SIGTERM is passed
 * on to the server, so the copy is made after it closed its database.
 */
const NAMESPACE_SHELL = `
set -e
mode=$1; dir=$2; out=$3; shift 3
if [ "$mode" = ro ]; then mount --bind "$dir" "$dir"; mount -o remount,ro,bind "$dir"
else mount -t tmpfs -o size=${TINY_FS} tmpfs "$dir"; fi
set +e
"$@" &
pid=$!
trap 'kill -TERM $pid' TERM INT
wait $pid; code=$?
while kill -0 $pid 2>/dev/null; do wait $pid; code=$?; done
if [ "$mode" = full ]; then cp -a "$dir"/. "$out"/; fi
exit $code
`;

function inNamespace(mode: 'ro' | 'full', dir: string, out = ''): string[] {
  return [
    'unshare',
    '--user',
    '--map-root-user',
    '--mount',
    'sh',
    '-c',
    NAMESPACE_SHELL,
    'sh',
    mode,
    dir,
    out,
  ];
}

/** Whether this machine lets an unprivileged process mount in its own namespaces. */
const namespaces =
  spawnSync(
    'unshare',
    ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs tmpfs /mnt'],
    {
      stdio: 'ignore',
    },
  ).status === 0;
// CI runs everything: there a machine without them fails this file instead of skipping it.
if (!namespaces && process.env.CI)
  throw new Error(
    'sqlite-disk-faults: unprivileged user and mount namespaces are unavailable on this CI machine',
  );
if (!namespaces)
  console.warn(
    'sqlite-disk-faults: unprivileged user and mount namespaces are unavailable; skipped (CI fails instead)',
  );

/** A database with a host and an always-open 15-minute link `load`, made outside any namespace. */
async function seededDatabase(file: string): Promise<void> {
  const handle = await openStore(file);
  try {
    const core = createBookingCore({ store: handle.store });
    const host = await core.createHost({
      workspaceId: 'ws_disk',
      email: 'host@example.com',
      name: 'Kim',
      timeZone: 'UTC',
    });
    await core.createLink(
      { workspaceId: 'ws_disk', hostId: host.id },
      {
        title: 'Load',
        slug: 'load',
        timeZone: 'UTC',
        durationMinutes: 15,
        maxDaysAhead: 60,
        weeklyHours: Object.fromEntries(
          ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
            (day) => [day, [{ start: '00:00', end: '24:00' }]],
          ),
        ),
      },
    );
  } finally {
    await handle.close();
  }
}

/** Integrity, and the ids of the bookings, of a database file (opened read-only). */
function inspect(file: string): { integrity: string; bookings: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const bookings = (db.prepare('SELECT id FROM bookings').all() as { id: string }[]).map(
      (r) => r.id,
    );
    return { integrity, bookings };
  } finally {
    db.close();
  }
}

const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  DATABASE_URL: join(dataDir, 'workestra.db'),
  WEB_DIST_DIR: join(dataDir, 'no-web'),
  SECRET_KEY: randomBytes(32).toString('base64'),
  RATE_LIMIT_PER_MINUTE: '100000',
});

/** Slot starts of link `load`, two days from now on. */
async function slotsOf(url: string): Promise<string[]> {
  const day = 86_400_000;
  const from = new Date(Date.now() + 2 * day).toISOString();
  const to = new Date(Date.now() + 30 * day).toISOString();
  const res = await new Client(url).get(
    `/api/public/links/load/slots?from=${from}&to=${to}&timeZone=UTC`,
  );
  expect(res.status, res.text).toBe(200);
  return (res.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
    d.slots.map((s) => s.start),
  );
}

const book = (url: string, start: string, i: number) =>
  new Client(url).post('/api/public/links/load/bookings', {
    body: { start, name: `Guest ${i}`, email: `guest${i}@example.com`, timeZone: 'UTC' },
  });

describe.skipIf(!namespaces)('SQLite on a disk that refuses writes', () => {
  const dirs: string[] = [];
  const dir = (label: string): string => {
    const made = mkdtempSync(join(tmpdir(), `workestra-disk-${label}-`));
    dirs.push(made);
    return made;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses to start on a read-only data directory without a database, naming the problem', async () => {
    const dataDir = dir('ro-empty');
    const server = startServerProcess(env(dataDir), inNamespace('ro', dataDir));
    await expect(server.listening).rejects.toThrow();
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(server.output()).toContain(dataDir);
    expect(server.output()).toMatch(/read-only/i);
  });

  it('refuses to start on a read-only data directory holding a database, and leaves it intact', async () => {
    const dataDir = dir('ro-db');
    const file = join(dataDir, 'workestra.db');
    await seededDatabase(file);
    const before = inspect(file);
    const server = startServerProcess(env(dataDir), inNamespace('ro', dataDir));
    await expect(server.listening).rejects.toThrow();
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`cannot be written at ${dataDir}`);
    expect(server.output()).toMatch(/read-only file system/);
    expect(inspect(file)).toEqual({ integrity: 'ok', bookings: before.bookings });
  });

  it('answers 503 DATABASE_FULL when the disk is full, and keeps exactly the bookings answered 201', async () => {
    const dataDir = dir('full');
    const copy = dir('full-copy');
    // The database is seeded outside, then copied onto the tiny filesystem by the namespace's shell.
    const seedDir = dir('full-seed');
    const seedFile = join(seedDir, 'workestra.db');
    await seededDatabase(seedFile);
    const server = startServerProcess(
      { ...env(dataDir), DATABASE_URL: join(dataDir, 'workestra.db') },
      [
        ...inNamespace('full', dataDir, copy),
        'sh',
        '-c',
        `cp "${seedFile}" "${dataDir}/" && exec "$@"`,
        'sh',
      ],
    );
    const url = `http://127.0.0.1:${await server.listening}`;
    const slots = await slotsOf(url);
    const booked: string[] = [];
    let full = 0;
    for (let i = 0; i < MAX_BOOKINGS && full < 3; i++) {
      const start = slots.shift();
      if (start === undefined) throw new Error('out of slots');
      const res = await book(url, start, i);
      if (res.status === 201) booked.push(res.body.booking.id as string);
      else {
        expect(res.status, res.text).toBe(503);
        expect(res.body.error.code).toBe('DATABASE_FULL');
        full++;
      }
    }
    expect(full).toBe(3);
    expect(booked.length).toBeGreaterThan(0);
    // Reads go on with the disk full.
    expect((await slotsOf(url)).length).toBeGreaterThan(0);
    server.child.kill('SIGTERM');
    await server.exited;

    const after = inspect(join(copy, 'workestra.db'));
    expect(after.integrity).toBe('ok');
    expect(after.bookings.sort()).toEqual([...booked].sort());
    console.info(
      `[sqlite disk full] filesystem ${TINY_FS}: bookings answered 201 ${booked.length}, then 503 DATABASE_FULL ${full}; integrity ok, stored ${after.bookings.length}`,
    );
  });
});
