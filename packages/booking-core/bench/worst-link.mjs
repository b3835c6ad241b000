// The most expensive booking link the API accepts, read through the public slots use-case.
// Usage: npm run bench -w @workestra/booking-core [-- --markdown]
//
// Every bound comes from LINK_LIMITS, so the link stays the worst the schemas allow when they
// change: the shortest meetings (the finest grid), 24 windows on every day, the most date overrides
// (all of them around the range, each with 24 windows) and the most recurring overrides, each
// a COUNT rule whose resolution walks the full ten years. Reads use the built package and the
// memory store, so what is measured is the use-case (store read, rules, engine, grouping) minus
// the HTTP layer. A simple link measured in the same run is the baseline of the ratios.
import { LINK_LIMITS, createBookingCore, createMemoryStore } from '../dist/index.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-10-19T12:00:00Z');
const FROM = Date.parse('2026-10-20T00:00:00Z'); // crosses the US fall-back (Nov 1)
const TO = FROM + 31 * DAY;
const markdown = process.argv.includes('--markdown');

const pad = (n) => String(n).padStart(2, '0');
const hourly = Array.from({ length: LINK_LIMITS.maxWindowsPerDay }, (_, h) => ({
  start: `${pad(h)}:00`,
  end: h === 23 ? '24:00' : `${pad(h + 1)}:00`,
}));
const weekly = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
    d,
    hourly,
  ]),
);
const MONTH_DAYS = Array.from({ length: 31 }, (_, i) => i + 1).join(',');
const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The worst link; `seed` varies the recurring starts so that each link's COUNTs are resolved anew. */
function worstLink(seed) {
  const firstOverride = FROM - (LINK_LIMITS.maxDateOverrides / 2) * DAY;
  return {
    title: `Worst ${seed}`,
    timeZone: 'America/New_York',
    durationMinutes: LINK_LIMITS.minDurationMinutes,
    maxDaysAhead: 60,
    weeklyHours: weekly,
    dateOverrides: Array.from({ length: LINK_LIMITS.maxDateOverrides }, (_, i) => ({
      date: isoDate(firstOverride + i * DAY),
      windows: hourly,
    })),
    // Every weekday for 2,600 occurrences ends just within ten years: the longest walk a COUNT
    // may need, with every BY-part checked on every day of it.
    recurringOverrides: Array.from({ length: LINK_LIMITS.maxRecurringOverrides }, (_, i) => ({
      rrule: `FREQ=DAILY;COUNT=2600;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=${MONTH_DAYS};BYDAY=MO,TU,WE,TH,FR`,
      start: isoDate(Date.UTC(2020, 0, 1) + (seed * LINK_LIMITS.maxRecurringOverrides + i) * DAY),
      windows: hourly,
    })),
  };
}

const store = createMemoryStore();
const core = createBookingCore({ store, clock: { now: () => NOW } });
const hostRow = await core.createHost({
  workspaceId: 'ws',
  email: 'ana@example.com',
  name: 'Ana',
  timeZone: 'America/New_York',
});
const host = { workspaceId: 'ws', hostId: hostRow.id };

const read = (slug) =>
  core.getPublicSlots({ slug, from: FROM, to: TO, timeZone: 'Asia/Kathmandu' });

async function measure(fn, runs) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[times.length >> 1],
    p90: times[Math.floor(times.length * 0.9)],
    runs,
    result,
  };
}

const simple = await core.createLink(host, { title: 'Simple', timeZone: 'America/New_York' });
const worst = await core.createLink(host, worstLink(0));
const SAVES = 100;
const save = await measure((i) => core.createLink(host, worstLink(i + 1)), SAVES);
// Rows written as by another process (after a restart, say): their COUNTs were never resolved
// here, so the first read of each resolves them.
const COLD = 200;
const cold = [];
for (let i = 0; i < COLD; i++) {
  const slug = `cold-${i}`;
  const { recurringOverrides } = worstLink(1000 + i);
  await store.transaction((tx) =>
    tx.insertLink({ ...worst, id: `link_cold_${i}`, slug, title: slug, recurringOverrides }),
  );
  cold.push(slug);
}

for (let i = 0; i < 50; i++) await read(simple.slug); // warm-up: JIT and zone tables
for (let i = 0; i < 50; i++) await read(worst.slug);

const rows = [];
const count = (days) => days.reduce((n, d) => n + d.slots.length, 0);
function row(name, r) {
  rows.push({ name, ...r, slots: r.result ? count(r.result.days) : '-' });
}
const baseline = await measure(() => read(simple.slug), 1000);
row('baseline: Mon-Fri 09:00-17:00, 30 min, no overrides', baseline);
row('worst link, read (COUNTs resolved)', await measure(() => read(worst.slug), 1000));
row(
  `worst link, first read after a restart (COUNTs resolved on read)`,
  await measure((i) => read(cold[i]), COLD),
);
rows.push({
  name: 'worst link, save (every override checked, COUNTs resolved)',
  ...save,
  slots: '-',
});

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const ratio = (r) => `${(r.median / baseline.median).toFixed(1)}x`;
if (markdown) {
  console.log('| 31-day slots request | median | p90 | runs | slots | vs baseline |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${fmt(r.median)} | ${fmt(r.p90)} | ${r.runs} | ${r.slots} | ${ratio(r)} |`,
    );
} else {
  for (const r of rows)
    console.log(
      `${r.name.padEnd(62)} median ${fmt(r.median).padStart(9)}  p90 ${fmt(r.p90).padStart(9)}  slots ${String(r.slots).padStart(5)}  ${ratio(r).padStart(6)}`,
    );
}
