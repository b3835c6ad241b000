/**
 * Test fixtures for `@workestra/slots`: fast-check arbitraries for availability scenarios and a
 * deliberately naive reference implementation of the slot laws.
 *
 * The reference shares nothing with the engine but its types: every wall-clock conversion goes
 * through `@js-temporal/polyfill` directly, every candidate start is checked against every busy
 * interval, and recurrence rules are evaluated by plain date arithmetic for the small family of
 * RRULEs the arbitraries generate. It is slow on purpose; keep ranges to a few days.
 */
import { Temporal } from '@js-temporal/polyfill';
import { fc } from '@fast-check/vitest';
import type {
  AvailabilityRules,
  DateOverride,
  RecurringOverride,
  Slot,
  SlotPolicy,
  TimeWindow,
  Weekday,
  WeeklyHours,
} from './types.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Weekday keys indexed by Temporal's `dayOfWeek - 1` (Monday first). */
export const WEEKDAY_KEYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Busy time in epoch ms, the only instant form the fixtures produce. */
export interface MsInterval {
  readonly start: number;
  readonly end: number;
}

/** A full single-host input with numeric instants, usable by both the engine and the reference. */
export interface Scenario {
  readonly rules: AvailabilityRules;
  readonly policy: SlotPolicy;
  readonly busy: readonly MsInterval[];
  readonly bookings: readonly MsInterval[];
  readonly from: number;
  readonly to: number;
  readonly now: number;
}

// ---------------------------------------------------------------------------------------------
// Small helpers (Temporal only)
// ---------------------------------------------------------------------------------------------

/** `HH:MM` for minutes past midnight; 1440 is `24:00`. */
export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Minutes past midnight of an `HH:MM` string. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Epoch ms of an ISO instant string, parsed by Temporal (not `Date`) for independence. */
export function iso(text: string): number {
  return Temporal.Instant.from(text).epochMilliseconds;
}

/** ISO string (UTC, no milliseconds noise) of epoch ms, for readable assertions. */
export function isoOf(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toString();
}

/** The host-local calendar date of an instant. */
export function localDate(ms: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate();
}

/**
 * Epoch ms of a wall-clock date + `HH:MM` in `zone`, Temporal `'compatible'` disambiguation;
 * `24:00` is the next date's midnight.
 */
export function wallToMs(date: Temporal.PlainDate | string, time: string, zone: string): number {
  const d = typeof date === 'string' ? Temporal.PlainDate.from(date) : date;
  const minutes = minutesOf(time);
  const day = minutes === 1440 ? d.add({ days: 1 }) : d;
  const clock = minutes === 1440 ? 0 : minutes;
  return Temporal.PlainDateTime.from({
    year: day.year,
    month: day.month,
    day: day.day,
    hour: Math.floor(clock / 60),
    minute: clock % 60,
  }).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

const transitionCache = new Map<string, number[]>();
const TRANSITIONS_FROM = Date.UTC(2024, 0, 1);
const TRANSITIONS_TO = Date.UTC(2029, 0, 1);

/** UTC-offset transitions of `zone` in 2024..2028, epoch ms, computed once per zone. */
export function transitionsOf(zone: string): readonly number[] {
  const hit = transitionCache.get(zone);
  if (hit) return hit;
  const out: number[] = [];
  let cursor: Temporal.ZonedDateTime | null =
    Temporal.Instant.fromEpochMilliseconds(TRANSITIONS_FROM).toZonedDateTimeISO(zone);
  for (;;) {
    cursor = cursor.getTimeZoneTransition('next');
    if (cursor === null || cursor.epochMilliseconds >= TRANSITIONS_TO) break;
    out.push(cursor.epochMilliseconds);
  }
  transitionCache.set(zone, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Naive recurrence: only the RRULE shapes that `recurringArb` produces
// ---------------------------------------------------------------------------------------------

const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * Does `rrule` (anchored at date `start`, floating) occur on `date`? Supports FREQ=DAILY,
 * FREQ=WEEKLY with one BYDAY, FREQ=MONTHLY with one `[n]XX` BYDAY or one BYMONTHDAY, each with
 * INTERVAL. Anything else throws, so the reference never silently guesses.
 */
export function naiveOccurs(rrule: string, start: string, date: Temporal.PlainDate): boolean {
  const parts = new Map<string, string>();
  for (const part of rrule.split(';')) {
    const [k, v] = part.split('=');
    if (k === undefined || v === undefined) throw new Error(`naiveOccurs: bad part ${part}`);
    parts.set(k, v);
  }
  for (const key of parts.keys()) {
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY'].includes(key)) {
      throw new Error(`naiveOccurs: unsupported ${key}`);
    }
  }
  const first = Temporal.PlainDate.from(start);
  if (Temporal.PlainDate.compare(date, first) < 0) return false;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const byDay = parts.get('BYDAY');
  const freq = parts.get('FREQ');
  if (freq === 'DAILY') {
    return first.until(date, { largestUnit: 'days' }).days % interval === 0;
  }
  if (freq === 'WEEKLY') {
    if (byDay === undefined) throw new Error('naiveOccurs: WEEKLY needs BYDAY here');
    if (RRULE_DAYS[date.dayOfWeek - 1] !== byDay) return false;
    // Weeks start on Monday (RFC 5545 default WKST=MO); count whole weeks between the two Mondays.
    const mondayOfFirst = first.subtract({ days: first.dayOfWeek - 1 });
    const mondayOfDate = date.subtract({ days: date.dayOfWeek - 1 });
    const weeks = mondayOfFirst.until(mondayOfDate, { largestUnit: 'days' }).days / 7;
    return weeks % interval === 0;
  }
  if (freq === 'MONTHLY') {
    const months = (date.year - first.year) * 12 + (date.month - first.month);
    if (months % interval !== 0) return false;
    const byMonthDay = parts.get('BYMONTHDAY');
    if (byMonthDay !== undefined) return date.day === Number(byMonthDay);
    const m = /^(-?\d)([A-Z]{2})$/.exec(byDay ?? '');
    if (!m) throw new Error(`naiveOccurs: unsupported BYDAY ${String(byDay)}`);
    const nth = Number(m[1]);
    if (RRULE_DAYS[date.dayOfWeek - 1] !== m[2]) return false;
    if (nth > 0) return Math.ceil(date.day / 7) === nth;
    return date.day + 7 * -nth > date.daysInMonth && date.day + 7 * (-nth - 1) <= date.daysInMonth;
  }
  throw new Error(`naiveOccurs: unsupported FREQ ${String(freq)}`);
}

/** The windows that apply on one host-local date: date override, first recurring, weekly. */
export function naiveWindowsOn(
  rules: AvailabilityRules,
  date: Temporal.PlainDate,
): readonly TimeWindow[] {
  const text = date.toString();
  const override = (rules.dateOverrides ?? []).find((o) => o.date === text);
  if (override) return override.windows;
  const recurring = (rules.recurringOverrides ?? []).find((r) =>
    naiveOccurs(r.rrule, r.start, date),
  );
  if (recurring) return recurring.windows;
  return rules.weekly[WEEKDAY_KEYS[date.dayOfWeek - 1] as Weekday] ?? [];
}

// ---------------------------------------------------------------------------------------------
// The naive reference
// ---------------------------------------------------------------------------------------------

/** Do two half-open intervals share an instant? Empty intervals share nothing. */
function overlaps(a0: number, a1: number, b0: number, b1: number): boolean {
  return a0 < a1 && b0 < b1 && a0 < b1 && b0 < a1;
}

/**
 * The slot laws, applied literally: for every host-local date near the range, every window, every
 * grid start `t0 + k * step` with `start + duration <= t1`, keep the start if it passes each law.
 */
export function naiveSlots(input: Scenario): Slot[] {
  const zone = input.rules.timeZone;
  const p = input.policy;
  const duration = (p.durationMinutes ?? 30) * MINUTE_MS;
  const step = (p.stepMinutes ?? p.durationMinutes ?? 30) * MINUTE_MS;
  const before = (p.bufferBeforeMinutes ?? 0) * MINUTE_MS;
  const after = (p.bufferAfterMinutes ?? 0) * MINUTE_MS;
  const notice = (p.minimumNoticeMinutes ?? 0) * MINUTE_MS;
  const lastDate = localDate(input.now, zone).add({ days: p.maxDaysAhead ?? 30 });
  const bookingDates = input.bookings.map((b) => localDate(b.start, zone).toString());

  const passes = (s: number): boolean => {
    if (s < input.from || s >= input.to) return false;
    if (s < input.now + notice) return false;
    const lo = s - before;
    const hi = s + duration + after;
    if (input.busy.some((b) => overlaps(lo, hi, b.start, b.end))) return false;
    if (input.bookings.some((b) => overlaps(lo, hi, b.start - before, b.end + after))) return false;
    const date = localDate(s, zone);
    if (Temporal.PlainDate.compare(date, lastDate) > 0) return false;
    if (p.dailyCap !== undefined) {
      const text = date.toString();
      if (bookingDates.filter((d) => d === text).length >= p.dailyCap) return false;
    }
    return true;
  };

  const found = new Set<number>();
  const lastDay = localDate(input.to, zone).add({ days: 1 });
  for (
    let date = localDate(input.from, zone).subtract({ days: 2 });
    Temporal.PlainDate.compare(date, lastDay) <= 0;
    date = date.add({ days: 1 })
  ) {
    for (const w of naiveWindowsOn(input.rules, date)) {
      const t0 = wallToMs(date, w.start, zone);
      const t1 = wallToMs(date, w.end, zone);
      for (let s = t0; s + duration <= t1; s += step) if (passes(s)) found.add(s);
    }
  }
  return [...found].sort((a, b) => a - b).map((start) => ({ start, end: start + duration }));
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Zones with unusual transitions: half-hour DST, midnight gaps, southern hemisphere, 2-hour DST. */
export const TRICKY_ZONES: readonly string[] = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Dublin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Havana',
  'America/Asuncion',
  'America/St_Johns',
  'Asia/Beirut',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Auckland',
  'Africa/Casablanca',
  'Antarctica/Troll',
  'UTC',
];

export const ALL_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

export const zoneArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY_ZONES),
  fc.constantFrom(...ALL_ZONES),
);

/** A minute of the day (0..1440), mostly on a quarter-hour grid so DST edges are hit. */
const pointArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 96 }).map((q) => q * 15) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1440 }) },
);

/** Up to three non-overlapping windows of one day (touching allowed), in random order. */
export const windowsArb: fc.Arbitrary<TimeWindow[]> = fc
  .tuple(fc.array(pointArb, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([points, reverse]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const out: TimeWindow[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      const a = sorted[i] as number;
      const b = sorted[i + 1] as number;
      if (b > a) out.push({ start: hhmm(a), end: hhmm(b) });
    }
    return reverse ? out.reverse() : out;
  });

export const weeklyArb: fc.Arbitrary<WeeklyHours> = fc.record(
  {
    monday: windowsArb,
    tuesday: windowsArb,
    wednesday: windowsArb,
    thursday: windowsArb,
    friday: windowsArb,
    saturday: windowsArb,
    sunday: windowsArb,
  },
  // Missing days are closed days; keep most days present so that slots exist to compare.
  { requiredKeys: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'sunday'] },
);

/** An RRULE from the family that {@link naiveOccurs} understands. */
export const rruleArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 4 }).map((n) => `FREQ=DAILY;INTERVAL=${n}`),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...RRULE_DAYS))
    .map(([n, d]) => `FREQ=WEEKLY;INTERVAL=${n};BYDAY=${d}`),
  fc
    .tuple(fc.constantFrom(1, 2, 3, 4, -1), fc.constantFrom(...RRULE_DAYS))
    .map(([n, d]) => `FREQ=MONTHLY;BYDAY=${n}${d}`),
  fc.integer({ min: 1, max: 28 }).map((d) => `FREQ=MONTHLY;BYMONTHDAY=${d}`),
);

export const policyArb: fc.Arbitrary<SlotPolicy> = fc
  .record(
    {
      durationMinutes: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(15, 20, 30, 45, 60, 90) },
        { weight: 1, arbitrary: fc.integer({ min: 5, max: 480 }) },
      ),
      stepMinutes: fc.oneof(fc.constantFrom(5, 10, 15, 30, 60), fc.integer({ min: 5, max: 1440 })),
      bufferBeforeMinutes: fc.integer({ min: 0, max: 120 }),
      bufferAfterMinutes: fc.integer({ min: 0, max: 120 }),
      minimumNoticeMinutes: fc.oneof(
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 4000 }),
      ),
      maxDaysAhead: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(60)),
      dailyCap: fc.integer({ min: 1, max: 3 }),
    },
    { requiredKeys: ['durationMinutes'] },
  )
  .map((p) => p as SlotPolicy);

/** An instant offset: minutes (hits grid edges) or, sometimes, raw milliseconds. */
function offsetArb(minMinutes: number, maxMinutes: number): fc.Arbitrary<number> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.integer({ min: minMinutes, max: maxMinutes }).map((m) => m * MINUTE_MS),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: minMinutes * MINUTE_MS, max: maxMinutes * MINUTE_MS }),
    },
  );
}

/** Busy intervals relative to `from`: start offset and length (0 allowed: an empty interval). */
const relIntervalArb = fc.tuple(
  offsetArb(-1440, 5 * 1440),
  fc.oneof(fc.constantFrom(0, 15, 30, 60), fc.integer({ min: 0, max: 240 })),
);

/** Where a scenario sits: a zone and an anchor instant, often exactly at a UTC-offset change. */
export const placeArb: fc.Arbitrary<{ zone: string; anchor: number }> = fc
  .record({
    zone: zoneArb,
    base: fc.integer({ min: Date.UTC(2024, 1, 1), max: Date.UTC(2028, 6, 1) }),
    nearTransition: fc.oneof(fc.constant(true), fc.boolean()),
    pick: fc.nat(),
  })
  .map(({ zone, base, nearTransition, pick }) => {
    const transitions = transitionsOf(zone);
    if (!nearTransition || transitions.length === 0) return { zone, anchor: base };
    return { zone, anchor: transitions[pick % transitions.length] as number };
  });

export interface ScenarioOptions {
  /** Longest range in days (the reference's cost grows with it). */
  readonly maxRangeDays?: number;
}

/**
 * A random single-host scenario: random zone (often on a transition), weekly hours, date and
 * recurring overrides near the range, busy time, bookings, a policy, and a range of a few days.
 */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const maxRange = (options.maxRangeDays ?? 3) * 1440;
  return fc
    .record({
      place: placeArb,
      fromShift: offsetArb(-36 * 60, 0),
      length: offsetArb(0, maxRange),
      nowShift: offsetArb(-3 * 1440, 1440),
      weekly: weeklyArb,
      overrides: fc.array(fc.tuple(fc.integer({ min: -1, max: 4 }), windowsArb), { maxLength: 3 }),
      recurring: fc.array(fc.tuple(rruleArb, fc.integer({ min: -60, max: 3 }), windowsArb), {
        maxLength: 2,
      }),
      busy: fc.array(relIntervalArb, { maxLength: 4 }),
      bookings: fc.array(relIntervalArb, { maxLength: 3 }),
      policy: policyArb,
    })
    .map((r) => {
      const zone = r.place.zone;
      const from = r.place.anchor + r.fromShift;
      const fromDate = localDate(from, zone);
      const seen = new Set<string>();
      const dateOverrides: DateOverride[] = [];
      for (const [offset, windows] of r.overrides) {
        const date = fromDate.add({ days: offset }).toString();
        if (seen.has(date)) continue;
        seen.add(date);
        dateOverrides.push({ date, windows });
      }
      const recurringOverrides: RecurringOverride[] = r.recurring.map(
        ([rrule, offset, windows]) => ({
          rrule,
          start: fromDate.add({ days: offset }).toString(),
          windows,
        }),
      );
      const toInterval = ([offset, minutes]: [number, number]): MsInterval => ({
        start: from + offset,
        end: from + offset + minutes * MINUTE_MS,
      });
      return {
        rules: { timeZone: zone, weekly: r.weekly, dateOverrides, recurringOverrides },
        policy: r.policy,
        busy: r.busy.map(toInterval),
        bookings: r.bookings.map(toInterval),
        from,
        to: from + r.length,
        now: from + r.nowShift,
      };
    });
}

/** Starts of a slot list, for compact comparisons and readable failures. */
export function startsOf(slots: readonly Slot[]): number[] {
  return slots.map((s) => s.start);
}
