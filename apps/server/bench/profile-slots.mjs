#!/usr/bin/env node
// Where the time of a slots read goes under load: the built server with `--cpu-prof` on embedded
// SQLite, a 31-day slots read of a solo link loaded by autocannon, then the profile's samples of
// the main thread summed by part of the stack they were taken in (the function on top of it):
// the slot engine, booking-core, the store (drizzle and the SQLite driver), the server's own code
// (routes, the answer's JSON), Express and its middleware, Node's HTTP and runtime, garbage
// collection, idle. Also the ten functions with the most samples.
//
//   npm run bench:profile -w @workestra/server
//
// Settings (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (50).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { officeHours, signUp, slotsRead, startServer } from './support.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/** The parts a sample is counted in, by the source of the function on top of the stack. */
const PARTS = [
  ['slot engine (@workestra/slots)', (url) => url.includes('/packages/slots/')],
  ['booking-core', (url) => url.includes('/packages/booking-core/')],
  [
    'store (@workestra/store, drizzle, better-sqlite3)',
    (url) => /\/packages\/store\/|node_modules\/(drizzle-orm|better-sqlite3)\//.test(url),
  ],
  ['server code (routes, answer JSON)', (url) => url.includes('/apps/server/dist/')],
  [
    'Express and middleware',
    (url) =>
      /node_modules\/(express|router|body-parser|raw-body|etag|fresh|send|on-finished|parseurl|finalhandler|type-is|content-type|mime-types|mime-db|accepts|negotiator|qs|cookie|vary|proxy-addr|forwarded|encodeurl|escape-html|depd|debug|ms|statuses|http-errors|iconv-lite|safer-buffer|bytes|media-typer|range-parser|serve-static|merge-descriptors|utils-merge|setprototypeof|toidentifier|inherits|ee-first|unpipe|destroy|content-disposition|cookie-signature|path-to-regexp|methods|array-flatten|ipaddr\.js|dunder-proto|get-intrinsic|call-bind|es-|has-|side-channel|object-inspect|math-intrinsics|gopd|function-bind|hasown)/.test(
        url,
      ),
  ],
  ['other packages', (url) => url.includes('node_modules/')],
  [
    'Node (HTTP, streams, runtime)',
    (url, name) => url.startsWith('node:') || (url === '' && !name.startsWith('(')),
  ],
  ['garbage collection', (_url, name) => name === '(garbage collector)'],
  ['idle', (_url, name) => name === '(idle)'],
];

/** Self time by part and by function, in ms, from a `.cpuprofile`. */
function summarize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map();
  const functions = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = profile.timeDeltas[i] / 1000;
    const { url, functionName, lineNumber } = byId.get(id).callFrame;
    const name = functionName || '(anonymous)';
    const part = PARTS.find(([, test]) => test(url, name))?.[0] ?? 'other';
    parts.set(part, (parts.get(part) ?? 0) + ms);
    const where = url.replace(/^.*node_modules\//, '').replace(/^.*\/(apps|packages)\//, '$1/');
    const key = `${name} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    total += ms;
  });
  return { parts, functions, total };
}

const profileDir = mkdtempSync(join(tmpdir(), 'workestra-profile-'));
const server = await startServer('', { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
let result;
try {
  const api = await signUp(server.url);
  const { link } = await api('POST', '/api/host/links', {
    title: 'Profile slots',
    timeZone: 'UTC',
    durationMinutes: 30,
    maxDaysAhead: 60,
    weeklyHours: officeHours(),
  });
  const read = await slotsRead(server.url, link.slug);
  result = await autocannon({
    url: `${server.url}${read.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  console.log(
    `Slots read of a solo link, 31 days (${read.count} slots), ${CONNECTIONS} connections, ` +
      `${SECONDS} s: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`,
  );
} finally {
  await server.close(); // SIGTERM: the profile is written as the process exits
}
const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
// The main thread's profile is the first one written (thread 0).
const main = files.sort()[0];
if (main === undefined) throw new Error('no CPU profile was written');
const { parts, functions, total } = summarize(
  JSON.parse(readFileSync(join(profileDir, main), 'utf8')),
);
rmSync(profileDir, { recursive: true, force: true });

const busy = total - (parts.get('idle') ?? 0);
console.log(
  `\nMain thread: ${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy`,
);
console.log('| part | share of busy time |');
console.log('|---|---:|');
for (const [part, ms] of [...parts].sort((a, b) => b[1] - a[1]))
  if (part !== 'idle') console.log(`| ${part} | ${((ms / busy) * 100).toFixed(1)}% |`);
console.log('\nThe ten functions with the most samples (self time, share of busy time):');
for (const [name, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 11))
  if (!name.startsWith('(idle)')) console.log(`  ${((ms / busy) * 100).toFixed(1)}%  ${name}`);
