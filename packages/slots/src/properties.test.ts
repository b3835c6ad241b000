/**
 * Property tests: each documented law of the engine, and exact agreement with the naive reference
 * in `test-utils.ts`, over random zones (often sitting on a UTC-offset transition), rules, busy
 * sets, bookings, policies and ranges.
 */
import { Temporal } from '@js-temporal/polyfill';
import { describe, expect } from 'vitest';
import { fc, test as propTest } from '@fast-check/vitest';
import {
  checkSlot,
  computeSlots,
  computeTeamSlots,
  groupSlotsByDay,
  wallClockToInstant,
  type Slot,
  type TimeWindow,
  type Weekday,
} from './index.js';
import {
  ALL_ZONES,
  DAY_MS,
  MINUTE_MS,
  TRICKY_ZONES,
  WEEKDAY_KEYS,
  hhmm,
  localDate,
  minutesOf,
  naiveSlots,
  naiveWindowsOn,
  placeArb,
  scenarioArb,
  startsOf,
  transitionsOf,
  wallToMs,
  zoneArb,
  type Scenario,
} from './test-utils.js';

/** Generous per-test timeout: the Temporal polyfill behind the reference is slow by design. */
const TIMEOUT = 60_000;

const durationOf = (s: Scenario): number => (s.policy.durationMinutes ?? 30) * MINUTE_MS;
const stepOf = (s: Scenario): number =>
  (s.policy.stepMinutes ?? s.policy.durationMinutes ?? 30) * MINUTE_MS;

describe('computeSlots agrees with the naive reference', () => {
  propTest.prop([scenarioArb()], { numRuns: 500 })(
    'exact same slot list over random zones, rules, busy time and ranges',
    (s) => {
      expect(startsOf(computeSlots(s))).toEqual(startsOf(naiveSlots(s)));
    },
    TIMEOUT,
  );

  // Without busy time, caps or notice more slots survive, so the window/grid/DST part of the
  // comparison is exercised on many more candidate starts per run.
  propTest.prop([scenarioArb()], { numRuns: 200 })(
    'exact same slot list with only availability rules in play',
    (s) => {
      const open: Scenario = {
        ...s,
        policy: { durationMinutes: s.policy.durationMinutes, stepMinutes: s.policy.stepMinutes },
        busy: [],
        bookings: [],
        now: s.from - DAY_MS,
      };
      expect(startsOf(computeSlots(open))).toEqual(startsOf(naiveSlots(open)));
    },
    TIMEOUT,
  );
});

describe('laws checked one by one on engine output (longer ranges, no reference)', () => {
  propTest.prop([scenarioArb({ maxRangeDays: 8 })], { numRuns: 80 })(
    'sorted, distinct, exact duration, in range, notice, horizon, busy-free, under the cap',
    (s) => {
      const slots = computeSlots(s);
      const zone = s.rules.timeZone;
      const duration = durationOf(s);
      const before = (s.policy.bufferBeforeMinutes ?? 0) * MINUTE_MS;
      const after = (s.policy.bufferAfterMinutes ?? 0) * MINUTE_MS;
      const notice = (s.policy.minimumNoticeMinutes ?? 0) * MINUTE_MS;
      const lastDate = localDate(s.now, zone).add({ days: s.policy.maxDaysAhead ?? 30 });
      const blocked = [
        ...s.busy,
        ...s.bookings.map((b) => ({ start: b.start - before, end: b.end + after })),
      ].filter((b) => b.start < b.end);
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as Slot;
        if (i > 0) expect(slot.start).toBeGreaterThan((slots[i - 1] as Slot).start);
        expect(slot.end - slot.start).toBe(duration);
        expect(slot.start).toBeGreaterThanOrEqual(s.from);
        expect(slot.start).toBeLessThan(s.to);
        expect(slot.start).toBeGreaterThanOrEqual(s.now + notice);
        const date = localDate(slot.start, zone);
        expect(Temporal.PlainDate.compare(date, lastDate)).toBeLessThanOrEqual(0);
        for (const b of blocked) {
          const clash = slot.start - before < b.end && b.start < slot.end + after;
          expect(clash, `slot ${slot.start} vs busy ${b.start}-${b.end}`).toBe(false);
        }
        if (s.policy.dailyCap !== undefined) {
          const onDate = s.bookings.filter((b) => localDate(b.start, zone).equals(date)).length;
          expect(onDate).toBeLessThan(s.policy.dailyCap);
        }
      }
    },
    TIMEOUT,
  );

  propTest.prop([scenarioArb({ maxRangeDays: 6 })], { numRuns: 80 })(
    "every slot lies inside one window instance of its date and on that window's step grid",
    (s) => {
      const zone = s.rules.timeZone;
      const duration = durationOf(s);
      const step = stepOf(s);
      for (const slot of computeSlots(s)) {
        const date = localDate(slot.start, zone);
        // A window start in a DST gap can move a slot past midnight; look at the day before too.
        const home = [date, date.subtract({ days: 1 })].some((d) =>
          naiveWindowsOn(s.rules, d).some((w) => {
            const t0 = wallToMs(d, w.start, zone);
            const t1 = wallToMs(d, w.end, zone);
            return (
              t0 <= slot.start && slot.start + duration <= t1 && (slot.start - t0) % step === 0
            );
          }),
        );
        expect(home, `slot at ${new Date(slot.start).toISOString()}`).toBe(true);
      }
    },
    TIMEOUT,
  );

  propTest.prop(
    [
      scenarioArb({ maxRangeDays: 5 }),
      fc.integer({ min: 0, max: 3 * 1440 }),
      fc.integer({ min: 0, max: 3 * 1440 }),
    ],
    { numRuns: 80 },
  )(
    'the range only filters: a wider range gives a superset that agrees inside [from, to)',
    (s, widenBefore, widenAfter) => {
      const narrow = startsOf(computeSlots(s));
      const wide = computeSlots({
        ...s,
        from: s.from - widenBefore * MINUTE_MS,
        to: s.to + widenAfter * MINUTE_MS,
      });
      expect(startsOf(wide).filter((t) => t >= s.from && t < s.to)).toEqual(narrow);
    },
    TIMEOUT,
  );
});

describe('monotonicity', () => {
  const extraBusyArb = fc.tuple(
    fc.integer({ min: -1440, max: 4 * 1440 }),
    fc.integer({ min: 1, max: 300 }),
  );

  propTest.prop(
    [scenarioArb({ maxRangeDays: 5 }), fc.array(extraBusyArb, { minLength: 1, maxLength: 3 })],
    {
      numRuns: 100,
    },
  )(
    'adding busy time never adds a slot (and never removes one it does not touch)',
    (s, extra) => {
      const base = computeSlots(s);
      const added = extra.map(([offset, minutes]) => ({
        start: s.from + offset * MINUTE_MS,
        end: s.from + (offset + minutes) * MINUTE_MS,
      }));
      const more = computeSlots({ ...s, busy: [...s.busy, ...added] });
      const baseStarts = new Set(startsOf(base));
      for (const slot of more) expect(baseStarts.has(slot.start)).toBe(true);
      const before = (s.policy.bufferBeforeMinutes ?? 0) * MINUTE_MS;
      const after = (s.policy.bufferAfterMinutes ?? 0) * MINUTE_MS;
      const moreStarts = new Set(startsOf(more));
      for (const slot of base) {
        const hit = added.some((b) => slot.start - before < b.end && b.start < slot.end + after);
        if (!hit) expect(moreStarts.has(slot.start)).toBe(true);
      }
    },
    TIMEOUT,
  );

  propTest.prop([scenarioArb({ maxRangeDays: 5 }), extraBusyArb], { numRuns: 60 })(
    'adding a booking never adds a slot',
    (s, [offset, minutes]) => {
      const base = new Set(startsOf(computeSlots(s)));
      const booking = {
        start: s.from + offset * MINUTE_MS,
        end: s.from + (offset + minutes) * MINUTE_MS,
      };
      for (const slot of computeSlots({ ...s, bookings: [...s.bookings, booking] })) {
        expect(base.has(slot.start)).toBe(true);
      }
    },
    TIMEOUT,
  );

  /** Host-local dates whose windows could produce a slot in the scenario's range. */
  const datesOf = (s: Scenario): Temporal.PlainDate[] => {
    const zone = s.rules.timeZone;
    const out: Temporal.PlainDate[] = [];
    const last = localDate(s.to, zone).add({ days: 1 });
    for (
      let d = localDate(s.from, zone).subtract({ days: 2 });
      Temporal.PlainDate.compare(d, last) <= 0;
      d = d.add({ days: 1 })
    ) {
      out.push(d);
    }
    return out;
  };

  /** Sorted copy of one weekday's windows as minute pairs. */
  const pairsOf = (windows: readonly TimeWindow[] | undefined): [number, number][] =>
    (windows ?? [])
      .map((w): [number, number] => [minutesOf(w.start), minutesOf(w.end)])
      .sort((a, b) => a[0] - b[0]);

  propTest.prop(
    [
      scenarioArb({ maxRangeDays: 5 }),
      fc.nat({ max: 6 }),
      fc.nat(),
      fc.integer({ min: 1, max: 600 }),
    ],
    { numRuns: 120 },
  )(
    "extending a window's end never removes a slot (unless its old end sat in a DST gap)",
    (s, weekdayIndex, pick, extendBy) => {
      const key = WEEKDAY_KEYS[weekdayIndex] as Weekday;
      const pairs = pairsOf(s.rules.weekly[key]);
      fc.pre(pairs.length > 0);
      const i = pick % pairs.length;
      const [start, end] = pairs[i] as [number, number];
      const limit = pairs[i + 1]?.[0] ?? 1440;
      const newEnd = Math.min(end + extendBy, limit);
      fc.pre(newEnd > end);
      const zone = s.rules.timeZone;
      // A wall-clock end inside a spring-forward gap is pushed past the gap by the 'compatible'
      // rule, so a later wall-clock end can map to an earlier instant. That exception is pinned in
      // dst.test.ts; here the precondition is that the end instant really moves later.
      for (const d of datesOf(s)) {
        if (WEEKDAY_KEYS[d.dayOfWeek - 1] !== key) continue;
        fc.pre(wallToMs(d, hhmm(newEnd), zone) >= wallToMs(d, hhmm(end), zone));
      }
      const windows = pairs.map(([a, b], j): TimeWindow => ({
        start: hhmm(a),
        end: hhmm(j === i ? newEnd : b),
      }));
      expect(start).toBeLessThan(newEnd);
      const wider = computeSlots({
        ...s,
        rules: { ...s.rules, weekly: { ...s.rules.weekly, [key]: windows } },
      });
      const widerStarts = new Set(startsOf(wider));
      for (const slot of computeSlots(s)) expect(widerStarts.has(slot.start)).toBe(true);
    },
    TIMEOUT,
  );

  propTest.prop(
    [scenarioArb({ maxRangeDays: 5 }), fc.nat({ max: 6 }), fc.nat(), fc.nat(), fc.nat()],
    { numRuns: 120 },
  )(
    'adding a window that touches no other window never removes a slot',
    (s, weekdayIndex, gapPick, a, b) => {
      const key = WEEKDAY_KEYS[weekdayIndex] as Weekday;
      const pairs = pairsOf(s.rules.weekly[key]);
      // Free stretches of the day, shrunk by one minute each side so the new window touches none.
      const gaps: [number, number][] = [];
      let cursor = 0;
      for (const [ws, we] of pairs) {
        gaps.push([cursor === 0 ? 0 : cursor + 1, ws - 1]);
        cursor = we;
      }
      gaps.push([pairs.length === 0 ? 0 : cursor + 1, 1440]);
      const usable = gaps.filter(([g0, g1]) => g1 - g0 >= 1);
      fc.pre(usable.length > 0);
      const [g0, g1] = usable[gapPick % usable.length] as [number, number];
      const x = g0 + (a % (g1 - g0 + 1));
      const y = g0 + (b % (g1 - g0 + 1));
      fc.pre(x !== y);
      const added: TimeWindow = { start: hhmm(Math.min(x, y)), end: hhmm(Math.max(x, y)) };
      const windows = [...(s.rules.weekly[key] ?? []), added];
      const more = computeSlots({
        ...s,
        rules: { ...s.rules, weekly: { ...s.rules.weekly, [key]: windows } },
      });
      const moreStarts = new Set(startsOf(more));
      for (const slot of computeSlots(s)) expect(moreStarts.has(slot.start)).toBe(true);
    },
    TIMEOUT,
  );
});

describe('checkSlot agrees with computeSlots', () => {
  propTest.prop(
    [
      scenarioArb({ maxRangeDays: 2 }),
      fc.array(fc.integer({ min: 0, max: 2 * 1440 }), { maxLength: 8 }),
    ],
    {
      numRuns: 150,
    },
  )(
    'bookable exactly for listed starts, and the refusal reason follows the documented order',
    (s, probes) => {
      const slots = computeSlots(s);
      const listed = new Map(slots.map((slot) => [slot.start, slot]));
      const step = stepOf(s);
      // Probe listed starts, their grid neighbours, and arbitrary minutes in the range.
      const candidates = new Set<number>();
      for (const slot of slots.slice(0, 6)) {
        candidates.add(slot.start);
        candidates.add(slot.start + step);
        candidates.add(slot.start - MINUTE_MS);
      }
      for (const p of probes) candidates.add(s.from + p * MINUTE_MS);
      const { from: _from, to: _to, ...rest } = s;
      const zone = s.rules.timeZone;
      const notice = (s.policy.minimumNoticeMinutes ?? 0) * MINUTE_MS;
      const lastDate = localDate(s.now, zone).add({ days: s.policy.maxDaysAhead ?? 30 });
      for (const start of candidates) {
        const result = checkSlot({ ...rest, start });
        const inList = start >= s.from && start < s.to ? listed.has(start) : undefined;
        if (inList !== undefined) expect(result.bookable).toBe(inList);
        if (result.bookable) {
          expect(result.slot).toEqual({ start, end: start + durationOf(s) });
          continue;
        }
        // The reason is the first failing law, each judged by the reference.
        const one = { ...s, from: start, to: start + 1 };
        const open = naiveSlots({
          ...one,
          busy: [],
          bookings: [],
          policy: { ...s.policy, dailyCap: undefined },
        });
        const uncapped = naiveSlots({ ...one, policy: { ...s.policy, dailyCap: undefined } });
        const expected =
          start < s.now + notice
            ? 'MIN_NOTICE'
            : Temporal.PlainDate.compare(localDate(start, zone), lastDate) > 0
              ? 'BEYOND_MAX_DAYS_AHEAD'
              : open.length === 0
                ? 'OUTSIDE_AVAILABILITY'
                : uncapped.length === 0
                  ? 'BUSY'
                  : 'DAILY_CAP_REACHED';
        expect(result.reason).toBe(expected);
      }
    },
    TIMEOUT,
  );
});

describe('team slots', () => {
  const teamArb = fc
    .tuple(
      scenarioArb({ maxRangeDays: 3 }),
      fc.array(scenarioArb({ maxRangeDays: 1 }), { maxLength: 2 }),
    )
    .map(([first, others]) => ({
      policy: first.policy,
      from: first.from,
      to: first.to,
      now: first.now,
      hosts: [first, ...others].map((h, i) => ({
        hostId: `host-${i}`,
        rules: h.rules,
        // Other hosts' busy time was generated around their own range; move it onto this one.
        busy: h.busy.map((b) => ({
          start: b.start - h.from + first.from,
          end: b.end - h.from + first.from,
        })),
        bookings: h.bookings.map((b) => ({
          start: b.start - h.from + first.from,
          end: b.end - h.from + first.from,
        })),
      })),
    }));

  propTest.prop([teamArb], { numRuns: 100 })(
    'round-robin is the union of host slots with hostIds in input order; collective the intersection',
    (team) => {
      const perHost = team.hosts.map((h) => ({
        id: h.hostId,
        starts: new Set(
          startsOf(
            computeSlots({
              ...h,
              policy: team.policy,
              from: team.from,
              to: team.to,
              now: team.now,
            }),
          ),
        ),
      }));
      const all = [...new Set(perHost.flatMap((h) => [...h.starts]))].sort((a, b) => a - b);
      const duration = (team.policy.durationMinutes ?? 30) * MINUTE_MS;
      const expectedUnion = all.map((start) => ({
        start,
        end: start + duration,
        hostIds: perHost.filter((h) => h.starts.has(start)).map((h) => h.id),
      }));
      expect(computeTeamSlots({ ...team, mode: 'round-robin' })).toEqual(expectedUnion);
      const expectedCollective = expectedUnion
        .filter((slot) => slot.hostIds.length === perHost.length)
        .map((slot) => ({ ...slot, hostIds: perHost.map((h) => h.id) }));
      expect(computeTeamSlots({ ...team, mode: 'collective' })).toEqual(expectedCollective);
    },
    TIMEOUT,
  );
});

describe('wallClockToInstant', () => {
  const dateArb = fc
    .integer({ min: Date.UTC(1971, 0, 1) / DAY_MS, max: Date.UTC(2060, 0, 1) / DAY_MS })
    .map((d) => Temporal.PlainDate.from('1970-01-01').add({ days: d }));
  const timeArb = fc.integer({ min: 0, max: 1440 }).map(hhmm);

  propTest.prop([zoneArb, dateArb, timeArb], { numRuns: 300 })(
    'equals Temporal compatible conversion for random zones, dates and times',
    (zone, date, time) => {
      expect(wallClockToInstant(date.toString(), time, zone)).toBe(wallToMs(date, time, zone));
    },
  );

  // Random dates almost never land in a gap or a fold; these wall times straddle real transitions.
  propTest.prop([placeArb, fc.integer({ min: -180, max: 180 })], { numRuns: 300 })(
    'equals Temporal compatible conversion for wall times around UTC-offset transitions',
    ({ zone, anchor }, deltaMinutes) => {
      const transitions = transitionsOf(zone);
      const t = transitions.find((x) => x >= anchor) ?? anchor;
      // The wall clock just before the transition, moved by whole minutes either way.
      const wall = Temporal.Instant.fromEpochMilliseconds(t - 1)
        .toZonedDateTimeISO(zone)
        .toPlainDateTime()
        .round({ smallestUnit: 'minute', roundingMode: 'ceil' })
        .add({ minutes: deltaMinutes });
      const time = hhmm(wall.hour * 60 + wall.minute);
      const date = wall.toPlainDate().toString();
      expect(wallClockToInstant(date, time, zone)).toBe(wallToMs(date, time, zone));
    },
  );
});

describe('groupSlotsByDay', () => {
  propTest.prop(
    [
      fc.array(
        fc.integer({
          min: Date.UTC(2024, 0, 1) / MINUTE_MS,
          max: Date.UTC(2028, 0, 1) / MINUTE_MS,
        }),
        {
          maxLength: 40,
        },
      ),
      fc.constantFrom(...TRICKY_ZONES, ...ALL_ZONES),
    ],
    { numRuns: 150 },
  )('groups sorted slots by their date in the viewer zone, keeping order', (minutes, zone) => {
    const slots = [...new Set(minutes)]
      .sort((a, b) => a - b)
      .map((m) => ({ start: m * MINUTE_MS, end: m * MINUTE_MS + 30 * MINUTE_MS }));
    const groups = groupSlotsByDay(slots, zone);
    expect(groups.flatMap((g) => g.slots)).toEqual(slots);
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as { date: string; slots: readonly Slot[] };
      expect(g.slots.length).toBeGreaterThan(0);
      for (const slot of g.slots) expect(localDate(slot.start, zone).toString()).toBe(g.date);
      if (i > 0) expect(g.date).not.toBe(groups[i - 1]?.date);
    }
  });
});
