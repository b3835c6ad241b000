import { DAY, MINUTE, weekdayOfDays } from './calendar.js';
import { firstEndingAfter, mergeBusy, SCRATCH_KEPT, SMALL_CALLS_BEFORE_DROP } from './busy.js';
import type { ResolvedPolicy } from './policy.js';
import { windowsResolver, type CompiledRules } from './rules.js';
import type { Interval } from './types.js';
import { workMeter, type WorkMeter } from './work.js';
import { localDayOf, localToInstant, zoneTable, type ZoneTable } from './zone.js';

/** One host's inputs, validated. */
export interface HostPlan {
  readonly rules: CompiledRules;
  readonly busy: readonly Interval[] | undefined;
  readonly bookings: readonly Interval[] | undefined;
  /** Prefix for error field paths, e.g. `hosts[3].`. */
  readonly field: string;
}

/** The instants that bound what may be offered: slots start in `[lo, hi)`. */
export interface Bounds {
  readonly table: ZoneTable;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Clips `[from, to)` by minimum notice (from `now`) and by maximum days ahead, which counts whole
 * dates in the host's zone: the last bookable date is today's date there plus `maxDaysAhead`.
 */
export function bounds(
  timeZone: string,
  policy: ResolvedPolicy,
  from: number,
  to: number,
  now: number,
): Bounds {
  // Offset tables are built only around `now` and around the part of the range that can hold
  // slots, never across the gap between them: a far-future `from` must not cost a table per year.
  const nowTable = zoneTable(timeZone, now - 5 * DAY, now + 5 * DAY);
  const today = localDayOf(nowTable, now);
  const horizonLocal = (today + policy.maxDaysAhead + 1) * DAY;
  const lo = Math.max(from, now + policy.minimumNotice);
  // The horizon instant lies within a day of its wall-clock reading.
  const end = Math.min(to, horizonLocal + 2 * DAY);
  if (lo >= end) return { table: nowTable, lo, hi: lo };
  // Wide margins: window endpoints up to two dates either side of the range are converted.
  const table = zoneTable(timeZone, lo - 5 * DAY, end + 5 * DAY);
  const hi =
    horizonLocal - 2 * DAY >= end ? end : Math.min(end, localToInstant(table, horizonLocal));
  return { table, lo, hi };
}

/**
 * Sorted, distinct start instants of one host's bookable slots in `[lo, hi)`, at most `limit`
 * of them (the earliest).
 *
 * Each window of each host-local date becomes `[t0, t1)` by converting its endpoints to instants
 * once; slot starts are `t0 + k * step` (real elapsed time), kept while `start + duration <= t1`.
 * A single forward sweep over the merged busy set rejects conflicts and jumps the grid past them,
 * so the cost is linear in days + slots + busy intervals, and the walk over days stops once
 * `limit` slots are found.
 */
export function hostSlotStarts(
  plan: HostPlan,
  policy: ResolvedPolicy,
  from: number,
  to: number,
  now: number,
  limit = Infinity,
  meter: WorkMeter = workMeter(),
): Float64Array {
  const { table, lo, hi } = bounds(plan.rules.timeZone, policy, from, to, now);
  const { duration, step, bufferBefore, bufferAfter, dailyCap } = policy;
  const bookingStarts: number[] | undefined = dailyCap === undefined ? undefined : [];
  // Validate all input even when the range is empty, so bad input never passes silently.
  const busy = mergeBusy(
    plan.busy,
    plan.bookings,
    bufferBefore,
    bufferAfter,
    lo - bufferBefore,
    hi + duration + bufferAfter,
    bookingStarts,
    plan.field,
  );
  if (lo >= hi) return new Float64Array(0);
  let perDay: Map<number, number> | undefined;
  if (bookingStarts !== undefined) {
    perDay = new Map();
    for (const start of bookingStarts) {
      const day = localDayOf(table, start);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
  }
  const fromDay = localDayOf(table, lo) - 1;
  const toDay = localDayOf(table, hi - 1) + 1;
  const windowsOf = windowsResolver(plan.rules, fromDay, toDay, meter);
  // Starts are written to reused scratch space and copied out once, at their final length.
  let out = slotScratch;
  let n = 0;
  let sorted = true;
  let last = -Infinity;
  // Every slot of a date starts before every slot of the next date, so finishing the date on
  // which the limit is reached is enough to know the earliest `limit` slots.
  for (let day = fromDay; day <= toDay && n < limit; day++) {
    meter.days++;
    const windows = windowsOf(day, weekdayOfDays(day));
    for (let w = 0; w < windows.length; w += 2) {
      const t0 = localToInstant(table, day * DAY + (windows[w] as number) * MINUTE);
      const t1 = localToInstant(table, day * DAY + (windows[w + 1] as number) * MINUTE);
      const lastStart = Math.min(t1 - duration, hi - 1);
      let s = t0 >= lo ? t0 : t0 + Math.ceil((lo - t0) / step) * step;
      if (s > lastStart) continue;
      let b = firstEndingAfter(busy, s - bufferBefore);
      while (s <= lastStart) {
        meter.steps++;
        while (b < busy.length && (busy.ends[b] as number) <= s - bufferBefore) b++;
        if (b < busy.length && (busy.starts[b] as number) < s + duration + bufferAfter) {
          // Conflict: the next start that can clear this busy span is at its end + the buffer.
          const clear = (busy.ends[b] as number) + bufferBefore;
          s = t0 + Math.ceil((clear - t0) / step) * step;
          continue;
        }
        if (
          perDay !== undefined &&
          (perDay.get(localDayOf(table, s)) ?? 0) >= (dailyCap as number)
        ) {
          s += step;
          continue;
        }
        if (s <= last) sorted = false;
        if (n === out.length) {
          const bigger = new Float64Array(2 * n);
          bigger.set(out);
          out = slotScratch = bigger;
        }
        out[n++] = s;
        last = s;
        s += step;
      }
    }
  }
  // Windows of one date never overlap in wall-clock time, but around a DST gap two windows can
  // map to overlapping instants (e.g. 01:00-02:30 and 03:00-05:00 on a spring-forward night).
  const starts = sorted ? out.slice(0, n) : sortDistinct(out.subarray(0, n));
  // As for the busy scratch (see SCRATCH_KEPT): drop a huge array once calls stop needing it.
  if (out.length <= SCRATCH_KEPT || 8 * n >= out.length) smallSlotCalls = 0;
  else if (++smallSlotCalls >= SMALL_CALLS_BEFORE_DROP) {
    smallSlotCalls = 0;
    slotScratch = new Float64Array(1024);
  }
  return starts.length > limit ? starts.slice(0, limit) : starts;
}

/** Scratch space for the slot starts of one host (the engine is synchronous); grown, never shrunk. */
let slotScratch = new Float64Array(1024);
let smallSlotCalls = 0;

/** A sorted copy of `values` without repeats. */
function sortDistinct(values: Float64Array): Float64Array {
  const sorted = values.slice().sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++)
    if (m === 0 || sorted[m - 1] !== sorted[i]) sorted[m++] = sorted[i] as number;
  return sorted.slice(0, m);
}
