#!/usr/bin/env node
// Benchmarks of @workestra/slots over fixed, seeded workloads (the built package, as users get it).
// Prints the median time per computation; `--markdown` prints the table committed as BENCH.md.
// Every iteration builds its rules objects anew, as a server does from database rows, so the
// per-rules compile cache never hits; only the per-zone offset table is reused (as in production).
import { computeSlots, computeTeamSlots } from '../dist/index.js';

const START = Date.parse('2026-10-20T00:00:00Z'); // crosses EU (Oct 25) and US (Nov 1) fall-back
const NOW = Date.parse('2026-10-19T12:00:00Z');
const DAY = 86_400_000;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function busySet(seed, count, days) {
  const random = mulberry32(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const start = START + Math.floor(random() * days * 96) * 900_000; // on a 15-min grid
    out.push({ start, end: start + (1 + Math.floor(random() * 8)) * 900_000 }); // 15 min to 2 h
  }
  return out;
}

const weekdays = () => {
  const w = [{ start: '09:00', end: '17:00' }];
  return { monday: w, tuesday: w, wednesday: w, thursday: w, friday: w };
};

function measure(fn, minMs = 1500) {
  for (let i = 0; i < 20; i++) fn(); // warm-up: JIT and zone tables
  const times = [];
  const deadline = performance.now() + minMs;
  let result;
  while (performance.now() < deadline || times.length < 30) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[times.length >> 1],
    p90: times[Math.floor(times.length * 0.9)],
    runs: times.length,
    result,
  };
}

function single({ busy, days, step, zone = 'America/New_York' }) {
  return () =>
    computeSlots({
      rules: { timeZone: zone, weekly: weekdays() },
      policy: { durationMinutes: step === 15 ? 30 : 30, stepMinutes: step, maxDaysAhead: days + 1 },
      busy,
      from: START,
      to: START + days * DAY,
      now: NOW,
    });
}

const TEAM_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
];
function team(mode, zones = TEAM_ZONES, hosts = 20, busyEach = 500) {
  const busy = Array.from({ length: hosts }, (_, i) => busySet(1000 + i, busyEach, 60));
  return () =>
    computeTeamSlots({
      mode,
      hosts: busy.map((b, i) => ({
        hostId: `host-${i}`,
        rules: { timeZone: zones[i % zones.length], weekly: weekdays() },
        busy: b,
      })),
      policy: { durationMinutes: 30, maxDaysAhead: 61 },
      from: START,
      to: START + 60 * DAY,
      now: NOW,
    });
}

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const rows = [];
function run(name, target, fn) {
  const r = measure(fn);
  rows.push({ name, target, ...r, slots: r.result.length });
  if (!markdown)
    console.log(
      `${name.padEnd(58)} median ${fmt(r.median).padStart(10)}  p90 ${fmt(r.p90).padStart(10)}  slots ${String(r.result.length).padStart(6)}  target ${target}`,
    );
}

const markdown = process.argv.includes('--markdown');
run(
  'W1: 1 host, NY, Mon-Fri 9-17, 30 min, 60 days, 200 busy',
  '< 0.1 ms',
  single({ busy: busySet(1, 200, 60), days: 60, step: 30 }),
);
run(
  'W2: as W1 with 5,000 overlapping busy, 15-min step',
  '< 1 ms',
  single({ busy: busySet(2, 5000, 60), days: 60, step: 15 }),
);
run('W3: 20 hosts in 5 zones, 500 busy each, round-robin', '< 5 ms', team('round-robin'));
run('W3: 20 hosts in 5 zones, 500 busy each, collective', '< 5 ms', team('collective'));
// With 20 hosts each busy ~40% of their hours, no half hour is free for all of them, so both
// collective answers are empty (the work is the same); a smaller European team shows slots.
run(
  'Collective: 5 hosts in London + Berlin, 50 busy each',
  '-',
  team('collective', ['Europe/London', 'Europe/Berlin'], 5, 50),
);
for (const n of [1_000, 10_000, 100_000])
  run(
    `Scale: W1 with ${n.toLocaleString('en')} busy intervals`,
    'linear',
    single({ busy: busySet(3, n, 60), days: 60, step: 30 }),
  );
for (const d of [30, 60, 120, 240])
  run(
    `Scale: W1 over ${d} days (200 busy)`,
    'linear',
    single({ busy: busySet(4, 200, d), days: d, step: 30 }),
  );

if (markdown) {
  console.log('| workload | median | p90 | slots | target |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of rows)
    console.log(`| ${r.name} | ${fmt(r.median)} | ${fmt(r.p90)} | ${r.slots} | ${r.target} |`);
}
