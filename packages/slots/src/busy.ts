import { MINUTE } from './calendar.js';
import { SlotsError } from './errors.js';
import { toEpochMs } from './instants.js';
import type { Interval } from './types.js';

/**
 * Disjoint busy time, sorted: `starts[i] < ends[i] <= starts[i + 1]` for `i < length`. The arrays
 * may be longer than `length` (they are reused scratch space) and are only valid until the next
 * call of {@link mergeBusy}.
 */
export interface BusySet {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly length: number;
}

/** The slow path of reading one endpoint: anything but a finite number. Builds `field` lazily. */
function instant(value: Interval['start'], path: () => string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const field = path();
  try {
    return toEpochMs(value, field);
  } catch (error) {
    throw new SlotsError(
      'INVALID_INTERVAL',
      field,
      (error as SlotsError).message.slice(field.length + 2),
      { cause: error },
    );
  }
}

// Scratch space reused by every call (the engine is synchronous): busy starts and ends, a second
// pair for the radix sort to scatter into, and the sort keys. Grown on demand, never shrunk.
let scratchStarts = new Float64Array(1024);
let scratchEnds = new Float64Array(1024);
let spareStarts = new Float64Array(1024);
let spareEnds = new Float64Array(1024);
let keys = new Uint32Array(1024);
let spareKeys = new Uint32Array(1024);
const counts = new Int32Array(1 << 12);
/** True while a call fills the scratch space: a reentrant call (from a getter) allocates its own. */
let scratchInUse = false;

function grow(size: number): void {
  if (scratchStarts.length >= size) return;
  let n = scratchStarts.length;
  while (n < size) n *= 2;
  scratchStarts = new Float64Array(n);
  scratchEnds = new Float64Array(n);
  spareStarts = new Float64Array(n);
  spareEnds = new Float64Array(n);
  keys = new Uint32Array(n);
  spareKeys = new Uint32Array(n);
}

/**
 * The union of `busy` and of `bookings` widened by `[before, after]`, keeping only what touches
 * `[lo, hi)`. Intervals are sorted once by start, their ends carried along, and merged with a
 * running maximum of the ends (touching intervals merge too: the sets are half-open).
 *
 * Starts are clipped to `lo` rounded down to a whole minute: that changes no answer (every
 * question asked of the set is at or after `lo`) and keeps starts on whole minutes when the input
 * is, so the sort can key on minutes. Bad input is reported whatever the range.
 */
export function mergeBusy(
  busy: readonly Interval[] | undefined,
  bookings: readonly Interval[] | undefined,
  before: number,
  after: number,
  lo: number,
  hi: number,
  bookingStarts: number[] | undefined,
  field: string,
): BusySet {
  const total = (busy?.length ?? 0) + (bookings?.length ?? 0);
  const own = scratchInUse;
  let starts: Float64Array;
  let ends: Float64Array;
  if (own) {
    starts = new Float64Array(total);
    ends = new Float64Array(total);
  } else {
    grow(total);
    starts = scratchStarts;
    ends = scratchEnds;
    scratchInUse = true;
  }
  try {
    const base = Math.floor(lo / MINUTE) * MINUTE;
    const keep = lo < hi;
    let n = 0;
    let sorted = true;
    let minutes = true;
    let last = -Infinity;
    const add = (list: readonly Interval[] | undefined, name: string, widen: boolean): void => {
      if (list === undefined) return;
      if (!Array.isArray(list))
        throw new SlotsError(
          'INVALID_INTERVAL',
          `${field}${name}`,
          'must be an array of { start, end }',
        );
      for (let i = 0; i < list.length; i++) {
        const item = list[i] as Interval;
        if (typeof item !== 'object' || item === null)
          throw new SlotsError(
            'INVALID_INTERVAL',
            `${field}${name}[${i}]`,
            'must be { start, end }',
          );
        const rawStart = item.start;
        const rawEnd = item.end;
        const s =
          typeof rawStart === 'number' && Number.isFinite(rawStart)
            ? rawStart
            : instant(rawStart, () => `${field}${name}[${i}].start`);
        const e =
          typeof rawEnd === 'number' && Number.isFinite(rawEnd)
            ? rawEnd
            : instant(rawEnd, () => `${field}${name}[${i}].end`);
        if (e < s)
          throw new SlotsError('INVALID_INTERVAL', `${field}${name}[${i}].end`, 'is before start');
        if (widen) bookingStarts?.push(s);
        let ws = widen ? s - before : s;
        const we = widen ? e + after : e;
        if (!keep || we <= ws || we <= lo || ws >= hi) continue;
        if (ws < base) ws = base;
        if (ws < last) sorted = false;
        else last = ws;
        if (minutes && (ws - base) % MINUTE !== 0) minutes = false;
        starts[n] = ws;
        ends[n] = we;
        n++;
      }
    };
    add(busy, 'busy', false);
    add(bookings, 'bookings', true);
    if (!sorted) {
      if (own) {
        sortPairsNative(starts, ends, n);
      } else {
        const out = sortByStart(n, base, minutes);
        starts = out.starts;
        ends = out.ends;
      }
    }
    // Merge in place: the write index never passes the read index.
    let m = 0;
    if (n > 0) {
      let open = starts[0] as number;
      let close = ends[0] as number;
      for (let i = 1; i < n; i++) {
        const s = starts[i] as number;
        const e = ends[i] as number;
        if (s <= close) {
          if (e > close) close = e;
        } else {
          starts[m] = open;
          ends[m] = close;
          m++;
          open = s;
          close = e;
        }
      }
      starts[m] = open;
      ends[m] = close;
      m++;
    }
    return { starts, ends, length: m };
  } finally {
    if (!own) scratchInUse = false;
  }
}

/**
 * Sorts the first `n` scratch pairs by start (stably), returning the arrays that hold the result
 * (the scratch pair or the spare pair). Starts are at least `base`; with `minutes`, they are
 * `base` plus whole minutes, so the keys are minutes since `base`, which fit 23 bits for any range
 * the engine accepts. Keys are sorted by an LSD radix sort in at most 12-bit digits.
 */
function sortByStart(
  n: number,
  base: number,
  minutes: boolean,
): { starts: Float64Array; ends: Float64Array } {
  let starts = scratchStarts;
  let ends = scratchEnds;
  if (n < 64) {
    insertionSort(starts, ends, n);
    return { starts, ends };
  }
  const unit = minutes ? MINUTE : 1;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = ((starts[i] as number) - base) / unit;
    if (k > max) max = k;
  }
  // Fractional milliseconds, or a span beyond 32 bits of whole milliseconds (over 49 days of
  // starts not on whole minutes): the native sort of the pairs.
  if (!minutes && (!(max < 2 ** 32) || !integral(starts, n))) {
    sortPairsNative(starts, ends, n);
    return { starts, ends };
  }
  let k = keys;
  for (let i = 0; i < n; i++) k[i] = ((starts[i] as number) - base) / unit;
  const bits = Math.max(1, Math.ceil(Math.log2(max + 1)));
  const passes = Math.ceil(bits / 12);
  const digit = Math.ceil(bits / passes);
  const mask = (1 << digit) - 1;
  let k2 = spareKeys;
  let s2 = spareStarts;
  let e2 = spareEnds;
  for (let shift = 0; shift < bits; shift += digit) {
    counts.fill(0, 0, mask + 1);
    for (let i = 0; i < n; i++) counts[((k[i] as number) >>> shift) & mask]!++;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = k[i] as number;
      const at = counts[(key >>> shift) & mask]!++;
      k2[at] = key;
      s2[at] = starts[i] as number;
      e2[at] = ends[i] as number;
    }
    [k, k2] = [k2, k];
    [starts, s2] = [s2, starts];
    [ends, e2] = [e2, ends];
  }
  return { starts, ends };
}

function integral(values: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if ((values[i] as number) % 1 !== 0) return false;
  return true;
}

function insertionSort(starts: Float64Array, ends: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const s = starts[i] as number;
    const e = ends[i] as number;
    let j = i - 1;
    while (j >= 0 && (starts[j] as number) > s) {
      starts[j + 1] = starts[j] as number;
      ends[j + 1] = ends[j] as number;
      j--;
    }
    starts[j + 1] = s;
    ends[j + 1] = e;
  }
}

/** Sorts the first `n` pairs by start with the native sort of an index array. */
function sortPairsNative(starts: Float64Array, ends: Float64Array, n: number): void {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  const s = starts.slice(0, n);
  const e = ends.slice(0, n);
  for (let i = 0; i < n; i++) {
    starts[i] = s[order[i] as number] as number;
    ends[i] = e[order[i] as number] as number;
  }
}

/** Index of the first busy span whose end is after `instant`. */
export function firstEndingAfter(set: BusySet, instant: number): number {
  let lo = 0;
  let hi = set.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((set.ends[mid] as number) <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
