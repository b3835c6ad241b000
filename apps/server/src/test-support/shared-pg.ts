import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, expectStatus } from './client.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

/** Every day of the week open around the clock: any slot of the real clock's next days is bookable. */
export const ALL_DAY_HOURS = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    [{ start: '00:00', end: '24:00' }],
  ]),
);

/** Server processes over one database, each with its own data directory. */
export interface ProcessGroup {
  readonly processes: readonly ServerProcess[];
  /** `http://127.0.0.1:<port>` of each process, in start order. */
  readonly urls: readonly string[];
  /** Removes the data directories (the processes are killed by `killServerProcesses`). */
  cleanUp(): void;
}

/**
 * Starts `count` server processes over `databaseUrl` (the same `SECRET_KEY` for all, public rate
 * limits out of the way, `env` added) and resolves once every one of them is listening.
 *
 * @example
 * ```ts
 * const group = await startProcessGroup(4, db.url, { JOB_POLL_MS: '20' });
 * ```
 */
export async function startProcessGroup(
  count: number,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ProcessGroup> {
  const secret = randomBytes(32).toString('base64');
  const dirs: string[] = [];
  const processes: ServerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'workestra-scale-'));
    dirs.push(dataDir);
    processes.push(
      startServerProcess({
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        WEB_DIST_DIR: join(dataDir, 'no-web'),
        SECRET_KEY: secret,
        RATE_LIMIT_PER_MINUTE: '1000000',
        ...env,
      }),
    );
  }
  const ports = await Promise.all(processes.map((p) => p.listening));
  return {
    processes,
    urls: ports.map((port) => `http://127.0.0.1:${port}`),
    cleanUp: () => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bookable slot starts of link `slug` (UTC) from `fromDays` to `toDays` days after the real
 * clock's now, as the server at `url` offers them.
 *
 * @example
 * ```ts
 * const starts = await openSlots(urls[0], 'solo', 2, 4);
 * ```
 */
export async function openSlots(
  url: string,
  slug: string,
  fromDays: number,
  toDays: number,
): Promise<string[]> {
  const day = 86_400_000;
  const from = new Date(Date.now() + fromDays * day).toISOString();
  const to = new Date(Date.now() + toDays * day).toISOString();
  const res = await new Client(url).get(
    `/api/public/links/${slug}/slots?from=${from}&to=${to}&timeZone=UTC`,
  );
  expectStatus(res, 200);
  return (res.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
    d.slots.map((s) => s.start),
  );
}

/**
 * Waits, in rounds of `listRemaining` (a short pause between rounds), until it answers 0. Bounded
 * by progress, not by the clock: it gives up when the count has not gone down for `stallRounds`
 * rounds in a row, so a slow machine only takes more rounds. Resolves the number of rounds taken.
 *
 * @example
 * ```ts
 * const rounds = await untilNoneLeft(async () => (await jobs.listJobs({ status: 'pending' })).length);
 * ```
 */
export async function untilNoneLeft(
  listRemaining: () => Promise<number>,
  stallRounds = 2000,
  pauseMs = 25,
): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  let stalled = 0;
  for (let round = 1; ; round++) {
    const left = await listRemaining();
    if (left === 0) return round;
    if (left < best) {
      best = left;
      stalled = 0;
    } else if (++stalled >= stallRounds) {
      throw new Error(`${left} still left after ${stallRounds} rounds without progress`);
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * The log lines of `process` at level error or above (pino: 50 error, 60 fatal).
 *
 * @example
 * ```ts
 * expect(group.processes.flatMap(errorLines)).toEqual([]);
 * ```
 */
export function errorLines(process: ServerProcess): string[] {
  return process
    .output()
    .split('\n')
    .filter(
      (line) => line.startsWith('{') && (JSON.parse(line) as { level?: number }).level! >= 50,
    );
}
