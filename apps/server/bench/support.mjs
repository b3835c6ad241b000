// What the HTTP benchmarks share: the built server as a child process, a host with a session,
// links and the slots read they load.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The days a slots read asks for. */
export const SLOT_DAYS = 31;

export const serverMain = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
export const secret = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64');

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts a server process on `databaseUrl` ('' = embedded SQLite in its own data directory) and
 * resolves once /healthz is 200. `runner`: the job runner on (default off); `nodeArgs`: before
 * the script (e.g. `--cpu-prof`).
 */
export async function startServer(databaseUrl, { runner = false, nodeArgs = [] } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'workestra-bench-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, serverMain], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SECRET_KEY: secret,
      SEED_DEMO: 'false',
      ...(runner ? {} : { JOB_POLL_MS: '0' }),
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
    sqliteFile: databaseUrl ? null : join(dataDir, 'workestra.db'),
    async close() {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An API client with a session (cookie and CSRF token kept). */
export function client(base, cookie, csrfToken) {
  return async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
}

export const uniqueEmail = (prefix) =>
  `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;

/** Signs a host up; returns its API client (with the host's id as `hostId`). */
export async function signUp(base) {
  const res = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: uniqueEmail('bench'),
      password: 'correct-horse-battery',
      name: 'Bench Host',
      timeZone: 'UTC',
    }),
  });
  if (!res.ok) throw new Error(`signup: ${res.status} ${await res.text()}`);
  const { csrfToken, host } = await res.json();
  const api = client(base, (res.headers.get('set-cookie') ?? '').split(';')[0], csrfToken);
  api.hostId = host.id;
  return api;
}

/** Invites and signs up `count` members into the host's workspace; returns their ids. */
export async function addMembers(base, api, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const { url } = await api('POST', '/api/host/invites', { email: uniqueEmail('member') });
    const token = new URL(url).pathname.replace('/invite/', '');
    const res = await fetch(`${base}/api/auth/invites/${token}/accept`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: `Member ${i + 1}`,
        password: 'correct-horse-battery',
        timeZone: ZONES[i % ZONES.length],
      }),
    });
    if (!res.ok) throw new Error(`accept invite: ${res.status} ${await res.text()}`);
    ids.push((await res.json()).host.id);
  }
  return ids;
}

export const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
export const ALL_DAYS = [...WEEKDAYS, 'saturday', 'sunday'];
export const officeHours = () =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: '09:00', end: '17:00' }]]));

/** Tomorrow 00:00 UTC: where every read and booking starts. */
export function tomorrow() {
  const from = new Date(Date.now() + 86_400_000);
  from.setUTCHours(0, 0, 0, 0);
  return from.getTime();
}

/** The slots read of `slug` for 31 days from tomorrow, and how many slots it answers. */
export async function slotsRead(base, slug) {
  const from = new Date(tomorrow()).toISOString();
  const to = new Date(tomorrow() + SLOT_DAYS * 86_400_000).toISOString();
  const path = `/api/public/links/${slug}/slots?from=${from}&to=${to}&timeZone=America/New_York`;
  const days = (await (await fetch(`${base}${path}`)).json()).days;
  return { path, count: days.reduce((n, d) => n + d.slots.length, 0) };
}

/** A link open around the clock on a 5-minute grid: every booking request takes its own time. */
export async function openLink(api, title) {
  const { link } = await api('POST', '/api/host/links', {
    title,
    timeZone: 'UTC',
    durationMinutes: 5,
    maxDaysAhead: 3650,
    weeklyHours: Object.fromEntries(ALL_DAYS.map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
  });
  return link;
}
