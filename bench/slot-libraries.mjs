#!/usr/bin/env node
// @workestra/slots side by side with two npm slot libraries, slot-calculator and
// time-slots-finder, on the workloads of packages/slots/bench/run.mjs (same start date, same
// seeded busy sets), plus a DST correctness check of each library against slots computed here
// independently with Intl. Prints Markdown tables. Deterministic (seeded busy time, pinned clock)
// and bounded (a time budget per measurement): `npm run bench:libraries`.
//
// Inputs are built outside the timed call in the form each library takes (epoch ms for ours, ISO
// strings for slot-calculator, wall-clock fields for time-slots-finder); parsing that input is part of
// the library's work and is timed. Every timed call builds its rules objects anew.
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { computeSlots, computeTeamSlots } from '@workestra/slots';
import { getSlots } from 'slot-calculator';
import { getAvailableTimeSlotsInCalendar } from 'time-slots-finder';

// The engine's own benchmark's start, "now" and seeded busy sets (60 days from 2026-10-20, across
// the EU and US fall-back changes; 15 min to 2 h long on a 15-minute grid, overlapping freely).
import { DAY, NOW, START, busySet } from '../packages/slots/bench/workloads.mjs';

const require = createRequire(import.meta.url);
const versioned = (name) => `${name}@${require(`${name}/package.json`).version}`;

const MINUTE = 60_000;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const ALL_DAYS = [...WEEKDAYS, 'saturday', 'sunday'];

// ---------------------------------------------------------------------------------------------
// Wall-clock arithmetic with Intl only (no library under test is used to check the others).

const formatters = new Map();
function localParts(ms, timeZone) {
  let dtf = formatters.get(timeZone);
  if (!dtf) {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, dtf);
  }
  const p = {};
  for (const { type, value } of dtf.formatToParts(ms)) p[type] = value;
  return {
    weekday: p.weekday.toLowerCase(),
    date: `${p.year}-${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
    asUtc: Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second),
  };
}

/** The instant of a wall-clock time that exists exactly once (checked), e.g. 09:00. */
function wallClock(date, hhmm, timeZone) {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const local = Date.UTC(y, m - 1, d, h, mi);
  let t = local;
  for (let i = 0; i < 3; i++) t = local - (localParts(t, timeZone).asUtc - t);
  const back = localParts(t, timeZone);
  if (back.date !== date || back.minutes !== h * 60 + mi)
    throw new Error(`${date} ${hhmm} does not exist in ${timeZone}`);
  return t;
}

const isoLocal = (ms, timeZone) => {
  const p = localParts(ms, timeZone);
  const hh = String(Math.floor(p.minutes / 60)).padStart(2, '0');
  const mm = String(p.minutes % 60).padStart(2, '0');
  return `${p.date} ${hh}:${mm} ${timeZone}`;
};

// ---------------------------------------------------------------------------------------------
// Validity of an answer: every slot lies in its host's hours (one local date, a working weekday,
// 09:00-17:00), lasts `duration`, starts in [from, to) and overlaps none of the host's busy time.

function mergedBusy(busy) {
  const sorted = [...busy].sort((a, b) => a.start - b.start);
  const out = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ ...b });
  }
  return out;
}

function overlapsBusy(merged, start, end) {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < merged.length && merged[lo].start < end;
}

function slotProblem(host, slot, { from, to, duration }) {
  if (slot.end - slot.start !== duration * MINUTE) return 'wrong length';
  if (slot.start < from || slot.start >= to) return 'outside the range';
  const a = localParts(slot.start, host.timeZone);
  const b = localParts(slot.end - 1, host.timeZone);
  if (a.date !== b.date || !host.days.includes(a.weekday)) return 'outside working days';
  if (a.minutes < 9 * 60 || b.minutes + 1 > 17 * 60) return 'outside 09:00-17:00 local';
  if (overlapsBusy(host.merged, slot.start, slot.end)) return 'overlaps busy time';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Timing. Each (workload, library) pair is measured in its own worker thread, so no library's JIT
// state or caches reach another's, and a pair that overruns LIMIT_MS is stopped rather than
// waited for (its timed calls so far still count). In the worker: a first call (warm-up, the
// answer that is checked, and the size of the work), more warm-up calls while they take under a
// quarter of the budget, then timed calls until the budget is spent (at least `minRuns`, at most
// `maxRuns`). The worker reports the timed calls in batches; the main thread takes median and p90.

const FAST = { warmup: 20, budgetMs: 1000, minRuns: 30, maxRuns: 100_000 };
const SLOW = { warmup: 2, budgetMs: 3000, minRuns: 3, maxRuns: 200 };
// `--limit=SECONDS` raises it, e.g. to learn how long a stopped pair takes.
const limitArg = process.argv.find((a) => a.startsWith('--limit='));
const LIMIT_MS = limitArg ? Number(limitArg.slice('--limit='.length)) * 1000 : 20_000;

function measure(fn, { warmup, budgetMs, minRuns, maxRuns }, post) {
  const begin = performance.now();
  const result = fn();
  post({ type: 'first', ms: performance.now() - begin, result });
  for (let i = 1; i < warmup && performance.now() - begin < budgetMs / 4; i++) fn();
  let runs = 0;
  let batch = [];
  let posted = performance.now();
  const deadline = performance.now() + budgetMs;
  while (runs < maxRuns && (runs < minRuns || performance.now() < deadline)) {
    const t0 = performance.now();
    fn();
    const t1 = performance.now();
    batch.push(t1 - t0);
    runs++;
    if (t1 - posted > 250) {
      post({ type: 'runs', times: batch });
      batch = [];
      posted = performance.now();
    }
  }
  post({ type: 'runs', times: batch });
  post({ type: 'done' });
}

function stats(times) {
  const sorted = [...times].sort((x, y) => x - y);
  return {
    median: sorted[sorted.length >> 1],
    p90: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))],
    runs: sorted.length,
  };
}

// time-slots-finder reads the clock (`dayjs()`) for its notice and horizon and has no "now"
// option; while it runs, argument-less `new Date()` and `Date.now()` answer a pinned instant.
function withClock(now, fn) {
  const RealDate = globalThis.Date;
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(now);
      else super(...args);
    }
    static now() {
      return now;
    }
  }
  globalThis.Date = PinnedDate;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// ---------------------------------------------------------------------------------------------
// The three libraries, each given one host's (or several hosts') Mon-Fri 09:00-17:00 rules.
// A host: { id, timeZone, days, busy (epoch ms), merged, iso (busy as ISO strings for
// slot-calculator), wall (busy as wall-clock fields in the host's zone for time-slots-finder) }.

function wallFields(ms, timeZone) {
  const p = localParts(ms, timeZone);
  const [year, month, day] = p.date.split('-').map(Number);
  return { year, month: month - 1, day, hour: Math.floor(p.minutes / 60), minute: p.minutes % 60 };
}

function makeHost(id, timeZone, busy, days = WEEKDAYS) {
  return {
    id,
    timeZone,
    days,
    busy,
    merged: mergedBusy(busy),
    iso: busy.map((b) => ({
      from: new Date(b.start).toISOString(),
      to: new Date(b.end).toISOString(),
    })),
    wall: busy.map((b) => ({
      startAt: wallFields(b.start, timeZone),
      endAt: wallFields(b.end, timeZone),
    })),
  };
}

const capitalised = (day) => day[0].toUpperCase() + day.slice(1);

const engine = {
  name: '@workestra/slots',
  single(host, { from, to, duration, step, now }) {
    const windows = [{ start: '09:00', end: '17:00' }];
    const weekly = Object.fromEntries(host.days.map((d) => [d, windows]));
    return computeSlots({
      rules: { timeZone: host.timeZone, weekly },
      policy: {
        durationMinutes: duration,
        stepMinutes: step,
        maxDaysAhead: Math.ceil((to - now) / DAY) + 1,
      },
      busy: host.busy,
      from,
      to,
      now,
    }).map((s) => ({ start: s.start, end: s.end, hosts: [host.id] }));
  },
  team(hosts, mode, { from, to, duration, now }) {
    const windows = [{ start: '09:00', end: '17:00' }];
    return computeTeamSlots({
      mode,
      hosts: hosts.map((h) => ({
        hostId: h.id,
        rules: {
          timeZone: h.timeZone,
          weekly: Object.fromEntries(h.days.map((d) => [d, windows])),
        },
        busy: h.busy,
      })),
      policy: { durationMinutes: duration, maxDaysAhead: Math.ceil((to - now) / DAY) + 1 },
      from,
      to,
      now,
    }).map((s) => ({ start: s.start, end: s.end, hosts: [...s.hostIds] }));
  },
};

// slot-calculator: weekday availability per zone, busy time as ISO "unavailability"; slots are
// as long as their step (no separate step); several users via `metadata`, a slot listing the
// users free for all of it. It has no notion of "now".
const slotCalculator = {
  name: versioned('slot-calculator'),
  cannot: {
    step: 'no step separate from the duration: slots follow one another, never overlap',
  },
  single(host, { from, to, duration, step }) {
    if (step !== duration) return null;
    const { availableSlots } = getSlots({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      duration,
      availability: host.days.map((day) => ({
        day: capitalised(day),
        from: '09:00',
        to: '17:00',
        timezone: host.timeZone,
      })),
      unavailability: host.iso,
      outputTimezone: 'UTC',
    });
    return availableSlots.map((s) => ({
      start: Date.parse(s.from),
      end: Date.parse(s.to),
      hosts: [host.id],
    }));
  },
  team(hosts, mode, { from, to, duration }) {
    const tag = (id) => ({ host: id });
    const { availableSlots } = getSlots({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      duration,
      availability: hosts.flatMap((h) =>
        h.days.map((day) => ({
          day: capitalised(day),
          from: '09:00',
          to: '17:00',
          timezone: h.timeZone,
          metadata: tag(h.id),
        })),
      ),
      unavailability: hosts.flatMap((h) => h.iso.map((b) => ({ ...b, metadata: tag(h.id) }))),
      outputTimezone: 'UTC',
    });
    const out = [];
    for (const s of availableSlots) {
      const free = (s.metadataAvailable ?? []).map((m) => m.host);
      // Collective: keep the slots it reports free for every user (a filter on its answer).
      if (mode === 'collective' && free.length !== hosts.length) continue;
      out.push({ start: Date.parse(s.from), end: Date.parse(s.to), hosts: free.sort() });
    }
    return out;
  },
};

// time-slots-finder: one weekly configuration in one zone; slot starts are rounded up to a minute
// multiple (`slotStartMinuteStep`) but a slot's successor starts where it ends. One calendar per
// call: no several users. Busy time goes in as `unavailablePeriods` (wall-clock fields in the
// configuration's zone, months from 0): its other input, iCalendar text, fails as installed today
// (its `ical2json` ^3.0.0 resolves to 3.2.0, whose exports it reads through a missing `default`:
// "Cannot read properties of undefined (reading 'convert')").
const timeSlotsFinder = {
  name: versioned('time-slots-finder'),
  cannot: {
    step: 'no overlapping starts: the next slot starts where the previous one ends',
    team: 'one calendar and one configuration per call: no intersection of several users',
  },
  single(host, { from, to, duration, step, now }) {
    if (step !== duration) return null;
    const isoWeekDay = (day) => ALL_DAYS.indexOf(day) + 1;
    return withClock(now, () =>
      getAvailableTimeSlotsInCalendar({
        configuration: {
          unavailablePeriods: host.wall,
          timeSlotDuration: duration,
          slotStartMinuteStep: step,
          availablePeriods: host.days.map((day) => ({
            isoWeekDay: isoWeekDay(day),
            shifts: [{ startTime: '09:00', endTime: '17:00' }],
          })),
          timeZone: host.timeZone,
        },
        from: new Date(from),
        to: new Date(to),
      }),
    ).map((s) => ({ start: s.startAt.getTime(), end: s.endAt.getTime(), hosts: [host.id] }));
  },
  team: null,
};

const LIBRARIES = [engine, slotCalculator, timeSlotsFinder];

// ---------------------------------------------------------------------------------------------
// Part 1: speed.

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const slotKey = (s) => `${s.start}/${s.end}/${[...s.hosts].sort().join(',')}`;

function check(result, hostsById, range) {
  let invalid = 0;
  let first = null;
  for (const slot of result) {
    if (slot.hosts.length === 0) {
      invalid++;
      first ??= `${new Date(slot.start).toISOString()}: no host`;
      continue;
    }
    for (const id of slot.hosts) {
      const problem = slotProblem(hostsById.get(id), slot, range);
      if (problem) {
        invalid++;
        first ??= `${new Date(slot.start).toISOString()} (${id}): ${problem}`;
        break;
      }
    }
  }
  return { invalid, first };
}

const TEAM_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
];

const range = { from: START, to: START + 60 * DAY, duration: 30, now: NOW };
const w1 = makeHost('host-0', 'America/New_York', busySet(1, 200, 60));
const w2 = makeHost('host-0', 'America/New_York', busySet(2, 5000, 60));
const team = Array.from({ length: 20 }, (_, i) =>
  makeHost(`host-${i}`, TEAM_ZONES[i % TEAM_ZONES.length], busySet(1000 + i, 500, 60)),
);

// As the engine benchmark's smaller collective case: 5 hosts alternating London and Berlin.
const europe = Array.from({ length: 5 }, (_, i) =>
  makeHost(`host-${i}`, i % 2 ? 'Europe/Berlin' : 'Europe/London', busySet(1000 + i, 50, 60)),
);

const WORKLOADS = [
  {
    name: 'W1: 1 host, NY, Mon-Fri 9-17, 30 min, 60 days, 200 busy',
    hosts: [w1],
    run: (lib) => lib.single && (() => lib.single(w1, { ...range, step: 30 })),
  },
  {
    name: 'W2: as W1 with 5,000 overlapping busy, 15-min step',
    hosts: [w2],
    needs: 'step',
    run: (lib) => lib.single && (() => lib.single(w2, { ...range, step: 15 })),
  },
  {
    name: "W2': W2's 5,000 busy with a 30-min step (what all three express)",
    hosts: [w2],
    run: (lib) => lib.single && (() => lib.single(w2, { ...range, step: 30 })),
  },
  {
    name: 'W3: 20 hosts in 5 zones, 500 busy each, round-robin (any host free)',
    hosts: team,
    needs: 'team',
    run: (lib) => lib.team && (() => lib.team(team, 'round-robin', range)),
  },
  {
    name: 'W3: 20 hosts in 5 zones, 500 busy each, collective (all hosts free)',
    hosts: team,
    needs: 'team',
    run: (lib) => lib.team && (() => lib.team(team, 'collective', range)),
  },
  {
    name: 'Collective: 5 hosts in London + Berlin, 50 busy each',
    hosts: europe,
    needs: 'team',
    run: (lib) => lib.team && (() => lib.team(europe, 'collective', range)),
  },
];

const expresses = (lib, w) => !(w.needs && lib.cannot?.[w.needs]);

function measureInWorker(wi, li) {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { wi, li } });
    const out = { first: null, result: null, times: [], stopped: false, error: null };
    const finish = () => {
      clearTimeout(timer);
      worker.terminate();
      resolve(out);
    };
    const timer = setTimeout(() => {
      out.stopped = true;
      finish();
    }, LIMIT_MS);
    worker.on('message', (m) => {
      if (m.type === 'first') Object.assign(out, { first: m.ms, result: m.result });
      else if (m.type === 'runs') out.times.push(...m.times);
      else finish();
    });
    worker.on('error', (error) => {
      out.error = String(error);
      finish();
    });
  });
}

async function main() {
  // e.g. `W3`: only the workloads whose name starts with it; `DST`: only the DST table.
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  console.log(
    `# Slot libraries side by side (Node ${process.version}, TZ=${process.env.TZ || '(unset)'})`,
  );
  console.log('');
  console.log(
    '| workload | library | median | p90 | runs | slots | invalid slots | same slots as ours | × ours (median) |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---|---:|');
  const notes = new Set();
  for (const [wi, w] of WORKLOADS.entries()) {
    if (only && !w.name.startsWith(only)) continue;
    const label = w.name.split(':')[0];
    const hostsById = new Map(w.hosts.map((h) => [h.id, h]));
    let ours = null;
    for (const [li, lib] of LIBRARIES.entries()) {
      const row = (cells) => console.log(`| ${w.name} | ${lib.name} | ${cells.join(' | ')} |`);
      if (!expresses(lib, w)) {
        row(['cannot express', '', '', '', '', '', '']);
        notes.add(`- ${lib.name}, ${label}: cannot express (${lib.cannot[w.needs]}).`);
        continue;
      }
      const m = await measureInWorker(wi, li);
      if (m.error || m.result === null) {
        const what = m.error ? `failed: ${m.error}` : `no answer within ${LIMIT_MS / 1000} s`;
        row([what, '', '', '', '', '', '']);
        if (!m.error)
          notes.add(
            `- ${lib.name}, ${label}: its first call did not finish within the ${LIMIT_MS / 1000} s limit; stopped.`,
          );
        continue;
      }
      // Stopped before any timed call: the first call is the one sample.
      const r = { ...stats(m.times.length ? m.times : [m.first]), result: m.result };
      const runs = m.times.length ? `${r.runs}` : '1 (first call)';
      if (m.stopped)
        notes.add(
          `- ${lib.name}, ${label}: stopped at the ${LIMIT_MS / 1000} s limit after the first call (${fmt(m.first)}) and ${m.times.length} timed call(s).`,
        );
      const { invalid, first } = check(r.result, hostsById, range);
      if (first) notes.add(`- ${lib.name}, ${label}: first invalid slot ${first}.`);
      let same = '-';
      if (lib === engine) ours = r;
      else if (ours) {
        const mine = new Set(ours.result.map(slotKey));
        const theirs = r.result.map(slotKey);
        const common = theirs.filter((k) => mine.has(k)).length;
        same =
          common === mine.size && theirs.length === mine.size ? 'yes' : `no (${common} in common)`;
      }
      const ratio = lib === engine ? '1' : ours ? `${Math.round(r.median / ours.median)}×` : '-';
      row([fmt(r.median), fmt(r.p90), runs, r.result.length, invalid, same, ratio]);
    }
  }
  console.log('');
  for (const note of notes) console.log(note);
  if (!only || only === 'DST') dstTable();
}

// ---------------------------------------------------------------------------------------------
// Part 2: DST correctness. Every day 09:00-17:00 local, 30-minute slots, no busy time, a week
// around a change; the expected slots are 09:00, 09:30, ..., 16:30 local on every date, their
// instants computed above with Intl alone.

const PROCESS_ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'];
const DST_CASES = [
  { name: 'US fall-back 2026-11-01', timeZone: 'America/New_York', dates: ['2026-10-29', 7] },
  { name: 'EU spring-forward 2027-03-28', timeZone: 'Europe/Berlin', dates: ['2027-03-25', 7] },
];

function datesFrom(first, count) {
  const [y, m, d] = first.split('-').map(Number);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10),
  );
}

function dstTable() {
  console.log('');
  console.log('## DST: every day 09:00-17:00 local, 30-min slots, 7 days around the change');
  console.log('');
  console.log(
    "Run under three process time zones (TZ), since a library may lean on the process's own zone.",
  );
  console.log('');
  console.log(
    '| change | zone | process TZ | library | slots (expected) | every start right | first mismatch | local dates wrong |',
  );
  console.log('|---|---|---|---|---:|---|---|---|');
  const processZone = process.env.TZ;
  for (const c of DST_CASES)
    for (const tz of PROCESS_ZONES) {
      // Node applies a TZ set at run time to Date's local-time methods from then on.
      process.env.TZ = tz;
      const dates = datesFrom(...c.dates);
      const dayAfter = datesFrom(dates[dates.length - 1], 2)[1];
      const expected = dates.flatMap((date) => {
        const nine = wallClock(date, '09:00', c.timeZone);
        return Array.from({ length: 16 }, (_, k) => nine + k * 30 * MINUTE);
      });
      const from = wallClock(dates[0], '00:00', c.timeZone);
      const to = wallClock(dayAfter, '00:00', c.timeZone);
      const host = makeHost('host-0', c.timeZone, [], ALL_DAYS);
      const input = { from, to, duration: 30, step: 30, now: from - 7 * DAY };
      for (const lib of LIBRARIES) {
        const got = lib
          .single(host, input)
          .map((s) => s.start)
          .sort((a, b) => a - b);
        let mismatch = null;
        for (let i = 0; i < Math.max(got.length, expected.length) && !mismatch; i++) {
          if (got[i] === expected[i]) continue;
          const e = expected[i] === undefined ? 'nothing' : isoLocal(expected[i], c.timeZone);
          const g =
            got[i] === undefined
              ? 'nothing'
              : `${new Date(got[i]).toISOString()} = ${isoLocal(got[i], c.timeZone)}`;
          mismatch = `slot ${i + 1}: expected ${e}, got ${g}`;
        }
        const right = got.length === expected.length && !mismatch;
        // Per local date: the starts given against the 16 expected (09:00 ... 16:30).
        const byDate = (starts) => {
          const out = new Map();
          for (const t of starts) {
            const p = localParts(t, c.timeZone);
            if (!out.has(p.date)) out.set(p.date, []);
            out.get(p.date).push(t);
          }
          return out;
        };
        const want = byDate(expected);
        const have = byDate(got);
        const wrong = [...new Set([...want.keys(), ...have.keys()])]
          .sort()
          .filter((d) => (want.get(d) ?? []).join() !== (have.get(d) ?? []).join())
          .map((d) => {
            const list = have.get(d) ?? [];
            const hhmm = (t) => isoLocal(t, c.timeZone).slice(11, 16);
            return list.length
              ? `${d}: ${list.length} slots, ${hhmm(list[0])} to ${hhmm(list[list.length - 1])}`
              : `${d}: none`;
          });
        console.log(
          `| ${c.name} | ${c.timeZone} | ${tz} | ${lib.name} | ${got.length} (${expected.length}) | ${right ? 'yes' : 'no'} | ${mismatch ?? '-'} | ${wrong.join('; ') || '-'} |`,
        );
      }
    }
  if (processZone === undefined) delete process.env.TZ;
  else process.env.TZ = processZone;
}

if (!isMainThread) {
  const w = WORKLOADS[workerData.wi];
  const lib = LIBRARIES[workerData.li];
  measure(w.run(lib), lib === engine ? FAST : SLOW, (m) => parentPort.postMessage(m));
} else {
  await main();
}
