#!/usr/bin/env node
// Benchmarks of @workestra/slots over fixed, seeded workloads (bench/workloads.mjs), run through
// the built package (as users get it) and, alternating with it in the same process, through the
// previous release (bench/baseline.mjs), so every row carries a same-run ratio. A cold-start row
// times fresh processes (bench/cold.mjs). `--markdown` prints the table committed as BENCH.md.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BASELINE_COMMIT, buildBaseline } from './baseline.mjs';
import { WORKLOADS } from './workloads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CURRENT_URL = pathToFileURL(join(here, '..', 'dist', 'index.js')).href;
const markdown = process.argv.includes('--markdown');
/**
 * Time per workload, both engines together. The engines take turns in short rounds (the order
 * flipping every round), so both see the same load from other processes on a shared machine.
 */
const WORKLOAD_MS = 3000;
const ROUND_MS = 50;
/** Fresh processes per cold-start figure. */
const COLD_PROCESSES = 9;

const current = await import(CURRENT_URL);
const baseline = await buildBaseline();
const previous = baseline.url ? await import(baseline.url) : undefined;
if (!previous)
  console.log(`Previous release (${BASELINE_COMMIT.slice(0, 10)}) unavailable: ${baseline.error}`);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

function timeFor(fn, ms, times) {
  const deadline = performance.now() + ms;
  do {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  } while (performance.now() < deadline);
}

/** Median and p90 per computation of each engine, measured in alternating rounds. */
function measure(fnNew, fnOld) {
  for (let i = 0; i < 20; i++) {
    fnNew(); // warm-up: JIT and zone tables
    fnOld?.();
  }
  const a = [];
  const b = [];
  const deadline = performance.now() + WORKLOAD_MS;
  for (let round = 0; performance.now() < deadline || a.length < 30; round++) {
    if (!fnOld) timeFor(fnNew, ROUND_MS, a);
    else if (round % 2 === 0) {
      timeFor(fnNew, ROUND_MS, a);
      timeFor(fnOld, ROUND_MS, b);
    } else {
      timeFor(fnOld, ROUND_MS, b);
      timeFor(fnNew, ROUND_MS, a);
    }
  }
  const stats = (t) => {
    t.sort((x, y) => x - y);
    return { median: percentile(t, 0.5), p90: percentile(t, 0.9), runs: t.length };
  };
  return { now: stats(a), before: fnOld ? stats(b) : undefined };
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const ratio = (a, b) => (b === undefined ? 'n/a' : `${(a / b).toFixed(2)}x`);
const rows = [];

function report(row) {
  rows.push(row);
  if (markdown) return;
  const before = row.before ? fmt(row.before) : 'n/a';
  console.log(
    `${row.name.padEnd(56)} median ${fmt(row.median).padStart(9)}  p90 ${fmt(row.p90).padStart(9)}  previous ${before.padStart(9)}  ratio ${ratio(row.median, row.before).padStart(6)}  slots ${String(row.slots).padStart(5)}  target ${row.target}`,
  );
}

const sameAnswer = (x, y) => JSON.stringify(x) === JSON.stringify(y);
const mismatches = [];
const byName = new Map();
for (const workload of WORKLOADS) {
  const fnNew = workload.build(current);
  const fnOld = previous ? workload.build(previous) : undefined;
  const slots = fnNew();
  if (fnOld && !sameAnswer(slots, fnOld())) mismatches.push(workload.name);
  const { now, before } = measure(fnNew, fnOld);
  const row = {
    name: workload.name,
    target: workload.target,
    median: now.median,
    p90: now.p90,
    before: before?.median,
    beforeP90: before?.p90,
    slots: slots.length,
  };
  byName.set(workload.name, row);
  report(row);
}

// Cold start: import + the first W1 computation in a fresh process, against the first
// Intl.DateTimeFormat of a fresh process (the time zone data every engine must load).
function cold(arg) {
  const out = execFileSync(process.execPath, [join(here, 'cold.mjs'), arg], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()).ms;
}
const coldNew = [];
const coldOld = [];
const coldIntl = [];
for (let i = 0; i < COLD_PROCESSES; i++) {
  coldNew.push(cold(CURRENT_URL));
  if (previous) coldOld.push(cold(baseline.url));
  coldIntl.push(cold('--intl'));
}
const intl = median(coldIntl);
const coldSorted = [...coldNew].sort((a, b) => a - b);
report({
  name: `Cold: import + first W1 in a new process (first Intl ${fmt(intl)})`,
  target: `<= first Intl + 5 ms = ${fmt(intl + 5)}`,
  median: percentile(coldSorted, 0.5),
  p90: percentile(coldSorted, 0.9),
  before: previous ? median(coldOld) : undefined,
  beforeP90: previous
    ? percentile(
        [...coldOld].sort((a, b) => a - b),
        0.9,
      )
    : undefined,
  slots: byName.get(WORKLOADS[0].name).slots,
});
if (baseline.dir) rmSync(baseline.dir, { recursive: true, force: true });

const oneK = byName.get('Scale: W1 with 1,000 busy intervals').median;
const hundredK = byName.get('Scale: W1 with 100,000 busy intervals').median;
const linearity = `100,000 vs 100 x 1,000 busy intervals: ${(hundredK / (100 * oneK)).toFixed(2)} (at most 1 is linear)`;

if (markdown) {
  console.log('| workload | median | p90 | previous release | ratio | slots | target |');
  console.log('|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${fmt(r.median)} | ${fmt(r.p90)} | ${r.before === undefined ? 'n/a' : fmt(r.before)} | ${ratio(r.median, r.before)} | ${r.slots} | ${r.target} |`,
    );
  console.log();
}
console.log(linearity);
if (previous)
  console.log(
    mismatches.length === 0
      ? `Same answers as the previous release (${BASELINE_COMMIT.slice(0, 10)}) on every workload.`
      : `DIFFERENT answers from the previous release on: ${mismatches.join('; ')}`,
  );
if (mismatches.length > 0) process.exitCode = 1;
