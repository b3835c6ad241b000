// A 20-member round-robin link's slots over 31 days, read through the public slots use-case
// (memory store and memory calendar: both reads of the store, the calendar fan-out, the engine,
// grouping) against the slot engine's computeTeamSlots alone on the same input. The ratio is the
// use-case's overhead over the engine.
// Usage: npm run bench -w @workestra/booking-core [-- --markdown] (or node bench/team-link.mjs)
import { computeTeamSlots } from '@workestra/slots';
import { createBookingCore, createMemoryCalendar, createMemoryStore } from '../dist/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-10-19T12:00:00Z');
const FROM = Date.parse('2026-10-20T00:00:00Z'); // crosses the EU and US fall-backs
const TO = FROM + 31 * DAY;
const MEMBERS = 20;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Australia/Sydney'];
const markdown = process.argv.includes('--markdown');

const store = createMemoryStore();
const calendar = createMemoryCalendar();
const core = createBookingCore({ store, calendar, clock: { now: () => NOW } });
const ws = 'ws_bench';

// Twenty members in five time zones, half with a calendar (each out of office one day a week),
// each with a day off in the range.
const members = [];
for (let i = 0; i < MEMBERS; i++) {
  const host = await core.createHost({
    workspaceId: ws,
    email: `m${i}@example.com`,
    name: `Member ${i}`,
    timeZone: ZONES[i % ZONES.length],
  });
  const provider = i % 2 === 0 ? 'google' : 'none';
  members.push({
    hostId: host.id,
    weight: 1 + (i % 3),
    calendarProvider: provider,
    timeZone: ZONES[i % ZONES.length],
    weeklyHours: null,
  });
  await core.addTimeOff(
    { workspaceId: ws, hostId: host.id },
    { start: FROM + (i % 28) * DAY, end: FROM + (i % 28) * DAY + DAY },
  );
  if (provider === 'google')
    for (let week = 0; week < 5; week++)
      calendar.addOutOfOffice({
        workspaceId: ws,
        connection: { hostId: host.id, provider },
        start: FROM + (week * 7 + (i % 5)) * DAY + 12 * HOUR,
        end: FROM + (week * 7 + (i % 5)) * DAY + 15 * HOUR,
      });
}
const owner = { workspaceId: ws, hostId: members[0].hostId };
const link = await core.createLink(owner, {
  title: 'Sales team',
  slug: 'sales',
  kind: 'round_robin',
  members,
  timeZone: 'UTC',
  maxDaysAhead: 60,
});
// 300 bookings spread over the range (each goes to one member).
for (let i = 0; i < 300; i++) {
  const start = FROM + Math.floor(i / 10) * DAY + (9 + (i % 10) * 0.5) * HOUR;
  await core
    .book({ slug: 'sales', start, name: 'A', email: 'a@example.com', timeZone: 'UTC' })
    .catch(() => {}); // outside a zone's hours, or nobody free: fine
}

// The engine's input, gathered once as the use-case gathers it.
const reach = link.durationMinutes * 60_000 + 2 * DAY;
const { bookings, timeOff } = await store.transaction(async (tx) => ({
  bookings: await tx.listHostsBusy(
    ws,
    members.map((m) => m.hostId),
    FROM - reach,
    TO + reach,
  ),
  timeOff: await tx.listHostsTimeOff(
    ws,
    members.map((m) => m.hostId),
    FROM - reach,
    TO + reach,
  ),
}));
const hosts = [];
for (const m of members) {
  const own = bookings.filter((b) => b.hostId === m.hostId || b.coHostIds.includes(m.hostId));
  const away =
    m.calendarProvider === 'none'
      ? []
      : await calendar.busy({
          workspaceId: ws,
          connection: { hostId: m.hostId, provider: m.calendarProvider },
          from: FROM - reach,
          to: TO + reach,
        });
  hosts.push({
    hostId: m.hostId,
    rules: { timeZone: m.timeZone ?? link.timeZone, weekly: m.weeklyHours ?? link.weeklyHours },
    busy: [
      ...own.map((b) => ({ start: b.blockedStart, end: b.blockedEnd })),
      ...timeOff.filter((t) => t.hostId === m.hostId).map(({ start, end }) => ({ start, end })),
      ...away.map(({ start, end }) => ({ start, end })),
    ],
    bookings: own.filter((b) => b.linkId === link.id).map(({ start, end }) => ({ start, end })),
  });
}
const policy = {
  durationMinutes: link.durationMinutes,
  bufferBeforeMinutes: link.bufferBeforeMinutes,
  bufferAfterMinutes: link.bufferAfterMinutes,
  minimumNoticeMinutes: link.minNoticeHours * 60,
  maxDaysAhead: link.maxDaysAhead,
};
const engine = () =>
  computeTeamSlots({ mode: 'round-robin', hosts, policy, from: FROM, to: TO, now: NOW });
const useCase = () =>
  core.getPublicSlots({ slug: 'sales', from: FROM, to: TO, timeZone: 'America/Los_Angeles' });

async function measure(fn, runs) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)], result };
}

for (let i = 0; i < 20; i++) {
  engine();
  await useCase();
}
const RUNS = 200;
const alone = await measure(engine, RUNS);
const read = await measure(useCase, RUNS);
const engineSlots = alone.result.length;
const readSlots = read.result.days.reduce((n, d) => n + d.slots.length, 0);
if (engineSlots !== readSlots)
  throw new Error(`the use-case answered ${readSlots} slots, the engine ${engineSlots}`);

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const ratio = `${(read.median / alone.median).toFixed(2)}x`;
const rows = [
  { name: 'computeTeamSlots alone (20 members, 31 days)', ...alone, slots: engineSlots },
  { name: 'core.getPublicSlots, round-robin link (same input)', ...read, slots: readSlots },
];
if (markdown) {
  console.log('| 20-member round-robin, 31 days | median | p90 | runs | slots |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.name} | ${fmt(r.median)} | ${fmt(r.p90)} | ${RUNS} | ${r.slots} |`);
  console.log(`\nuse-case / engine: ${ratio}`);
} else {
  for (const r of rows)
    console.log(
      `${r.name.padEnd(52)} median ${fmt(r.median).padStart(9)}  p90 ${fmt(r.p90).padStart(9)}  slots ${String(r.slots).padStart(5)}`,
    );
  console.log(`use-case / engine (median): ${ratio}`);
}
