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

/**
 * The slow path of reading one endpoint (anything but a finite number) of `list[i]`, named
 * `field` + `name` + `[i].` + `end`. The path is built here, only when it is needed.
 */
function instant(
  value: Interval['start'],
  field: string,
  name: string,
  i: number,
  end: string,
): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const path = `${field}${name}[${i}].${end}`;
  try {
    return toEpochMs(value, path);
  } catch (error) {
    throw new SlotsError(
      'INVALID_INTERVAL',
      path,
      (error as SlotsError).message.slice(path.length + 2),
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
let orders = new Uint32Array(1024);
let spareOrders = new Uint32Array(1024);
const counts = new Int32Array(2 << 12);
/** Latest end per start minute, for {@link mergeDense}. */
let latest = new Float64Array(1024);
/** True while a call fills the scratch space: a reentrant call (from a getter) allocates its own. */
let scratchInUse = false;

/**
 * Scratch arrays longer than this are dropped once several calls in a row needed under an eighth
 * of them: a burst of huge inputs keeps its space, a one-off does not pin megabytes for the life
 * of the process.
 */
export const SCRATCH_KEPT = 1 << 14;
export const SMALL_CALLS_BEFORE_DROP = 8;
let smallCalls = 0;

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
  orders = new Uint32Array(n);
  spareOrders = new Uint32Array(n);
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
  // Only arrays count towards the space needed: anything else is refused by `collect`.
  const total =
    (Array.isArray(busy) ? busy.length : 0) + (Array.isArray(bookings) ? bookings.length : 0);
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
    const clipLo = keep ? lo : Infinity; // an empty range keeps nothing, but checks everything
    let n = collect(busy, field, 'busy', 0, 0, undefined, clipLo, hi, base, starts, ends, 0);
    n = collect(
      bookings,
      field,
      'bookings',
      before,
      after,
      bookingStarts,
      clipLo,
      hi,
      base,
      starts,
      ends,
      n,
    );
    let sorted = true;
    for (let i = 1; i < n; i++) {
      if ((starts[i] as number) < (starts[i - 1] as number)) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      if (own) sortPairsNative(starts, ends, n);
      else return sortAndMerge(n, base, hi);
    }
    const m = mergeSorted(starts, ends, n, starts, ends);
    return { starts, ends, length: m };
  } finally {
    if (!own) {
      scratchInUse = false;
      if (scratchStarts.length <= SCRATCH_KEPT || 8 * total >= scratchStarts.length) smallCalls = 0;
      else if (++smallCalls >= SMALL_CALLS_BEFORE_DROP) {
        smallCalls = 0;
        scratchStarts = new Float64Array(1024);
        scratchEnds = new Float64Array(1024);
        spareStarts = new Float64Array(1024);
        spareEnds = new Float64Array(1024);
        keys = new Uint32Array(1024);
        spareKeys = new Uint32Array(1024);
        orders = new Uint32Array(1024);
        spareOrders = new Uint32Array(1024);
        latest = new Float64Array(1024);
      }
    }
  }
}

/**
 * Checks the intervals of `list` (named `field` + `name`) and appends those touching `[lo, hi)`,
 * widened by `[before, after]`, to `starts`/`ends` from index `n`, starts clipped to `base`.
 * Returns the new count. Error paths are built only when an error is thrown.
 */
function collect(
  list: readonly Interval[] | undefined,
  field: string,
  name: string,
  before: number,
  after: number,
  bookingStarts: number[] | undefined,
  lo: number,
  hi: number,
  base: number,
  starts: Float64Array,
  ends: Float64Array,
  n: number,
): number {
  if (list === undefined) return n;
  if (!Array.isArray(list))
    throw new SlotsError(
      'INVALID_INTERVAL',
      `${field}${name}`,
      'must be an array of { start, end }',
    );
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as Interval;
    if (typeof item !== 'object' || item === null)
      throw new SlotsError('INVALID_INTERVAL', `${field}${name}[${i}]`, 'must be { start, end }');
    const rawStart = item.start;
    const rawEnd = item.end;
    const s =
      typeof rawStart === 'number' && Number.isFinite(rawStart)
        ? rawStart
        : instant(rawStart, field, name, i, 'start');
    const e =
      typeof rawEnd === 'number' && Number.isFinite(rawEnd)
        ? rawEnd
        : instant(rawEnd, field, name, i, 'end');
    if (e < s)
      throw new SlotsError('INVALID_INTERVAL', `${field}${name}[${i}].end`, 'is before start');
    if (bookingStarts !== undefined) bookingStarts.push(s);
    const ws = s - before;
    const we = e + after;
    if (we <= ws || we <= lo || ws >= hi) continue;
    starts[n] = ws < base ? base : ws;
    ends[n] = we;
    n++;
  }
  return n;
}

/**
 * Merges `n` pairs sorted by start into `outStarts`/`outEnds` (which may be the same arrays: the
 * write index never passes the read index), keeping a running maximum of the ends. Returns the
 * number of merged spans.
 */
function mergeSorted(
  starts: Float64Array,
  ends: Float64Array,
  n: number,
  outStarts: Float64Array,
  outEnds: Float64Array,
): number {
  if (n === 0) return 0;
  let m = 0;
  let open = starts[0] as number;
  let close = ends[0] as number;
  for (let i = 1; i < n; i++) {
    const s = starts[i] as number;
    const e = ends[i] as number;
    if (s <= close) {
      if (e > close) close = e;
    } else {
      outStarts[m] = open;
      outEnds[m] = close;
      m++;
      open = s;
      close = e;
    }
  }
  outStarts[m] = open;
  outEnds[m] = close;
  return m + 1;
}

/** Bits needed to write the whole number `max`. */
const bitsFor = (max: number): number => (max < 1 ? 1 : Math.floor(Math.log2(max)) + 1);

/**
 * Sorts the first `n` scratch pairs by start and merges them. Every start is in `[base, hi)`.
 *
 * Starts are nearly always on whole minutes since `base` (`base` is a whole minute; calendars and
 * bookings are in minutes). Then, with at least one interval per two minutes of span, no sort is
 * needed ({@link mergeDense}); otherwise an LSD radix sort orders one 32-bit word per interval,
 * the minute key (at most 23 bits for any range the engine accepts) above the interval's index, in
 * at most two passes of at most 12 bits with both histograms counted in one read, and the merge
 * reads the pairs through the sorted indices. Too many intervals for one word, or starts off whole
 * minutes, sort keys (in minutes, else seconds, else ms, up to 32 bits) with the indices carried
 * alongside; anything else (fractional ms) takes the native sort.
 */
function sortAndMerge(n: number, base: number, hi: number): BusySet {
  const starts = scratchStarts;
  const ends = scratchEnds;
  if (n < 64) {
    insertionSort(starts, ends, n);
    return { starts, ends, length: mergeSorted(starts, ends, n, starts, ends) };
  }
  const span = Math.ceil((hi - base) / MINUTE);
  if (span <= 2 * n) {
    const dense = mergeDense(n, base, span);
    if (dense !== undefined) return dense;
  }
  const keyBits = bitsFor(span);
  const indexBits = bitsFor(n - 1);
  if (keyBits + indexBits <= 32 && packMinutes(n, base, indexBits, keyBits)) {
    const passes = Math.ceil(keyBits / 12);
    const digit = Math.ceil(keyBits / passes);
    const size = 1 << digit;
    const mask = size - 1;
    let src = keys;
    let dst = spareKeys;
    for (let pass = 0; pass < passes; pass++) {
      const shift = indexBits + pass * digit;
      const offset = pass * size;
      let sum = 0;
      for (let d = offset; d < offset + size; d++) {
        const c = counts[d] as number;
        counts[d] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const word = src[i] as number;
        dst[counts[offset + ((word >>> shift) & mask)]!++] = word;
      }
      const t = src;
      src = dst;
      dst = t;
    }
    return mergeThrough(src, (1 << indexBits) - 1, n);
  }
  // Too many intervals for one word, or starts off whole minutes: sort keys with the indices
  // carried alongside, in minutes when they are whole, else in seconds, else in ms.
  const sorted =
    (keyBits + indexBits > 32 ? sortIndexed(n, base, hi, MINUTE) : undefined) ??
    sortIndexed(n, base, hi, 1000) ??
    sortIndexed(n, base, hi, 1);
  if (sorted === undefined) {
    sortPairsNative(starts, ends, n);
    return { starts, ends, length: mergeSorted(starts, ends, n, starts, ends) };
  }
  return mergeThrough(sorted, 0xffffffff, n);
}

/**
 * For many intervals over a short span (at least one per two minutes): the latest end of the
 * intervals starting at each minute since `base`, then one sweep over the minutes in order, which
 * is the merge by start with a running maximum, with no sort at all. Undefined (nothing done) when
 * a start is not on a whole minute.
 */
function mergeDense(n: number, base: number, span: number): BusySet | undefined {
  if (latest.length < span + 1) latest = new Float64Array(Math.max(span + 1, 2 * latest.length));
  const last = latest;
  last.fill(-Infinity, 0, span + 1);
  const starts = scratchStarts;
  const ends = scratchEnds;
  for (let i = 0; i < n; i++) {
    const key = ((starts[i] as number) - base) / MINUTE;
    if ((key | 0) !== key) return undefined;
    const e = ends[i] as number;
    if (e > (last[key] as number)) last[key] = e;
  }
  // Spans are written over the scratch pair: there are at most as many as intervals.
  let m = 0;
  let open = NaN;
  let close = -Infinity;
  for (let key = 0; key <= span; key++) {
    const e = last[key] as number;
    if (e === -Infinity) continue;
    const s = base + key * MINUTE;
    if (s <= close) {
      if (e > close) close = e;
    } else {
      if (close !== -Infinity) {
        starts[m] = open;
        ends[m] = close;
        m++;
      }
      open = s;
      close = e;
    }
  }
  starts[m] = open;
  ends[m] = close;
  return { starts, ends, length: m + 1 };
}

/**
 * Merges the scratch pairs in the order of the indices `(order[i] & indexMask)` into the spare
 * pair, keeping a running maximum of the ends.
 */
function mergeThrough(order: Uint32Array, indexMask: number, n: number): BusySet {
  const starts = scratchStarts;
  const ends = scratchEnds;
  const outStarts = spareStarts;
  const outEnds = spareEnds;
  let m = 0;
  let at = ((order[0] as number) & indexMask) >>> 0;
  let open = starts[at] as number;
  let close = ends[at] as number;
  for (let i = 1; i < n; i++) {
    at = ((order[i] as number) & indexMask) >>> 0;
    const s = starts[at] as number;
    const e = ends[at] as number;
    if (s <= close) {
      if (e > close) close = e;
    } else {
      outStarts[m] = open;
      outEnds[m] = close;
      m++;
      open = s;
      close = e;
    }
  }
  outStarts[m] = open;
  outEnds[m] = close;
  return { starts: outStarts, ends: outEnds, length: m + 1 };
}

/**
 * Writes `minutes since base << indexBits | index` of each scratch start into `keys` and counts
 * both radix digits of the minutes into `counts`. False when a start is not on a whole minute.
 */
function packMinutes(n: number, base: number, indexBits: number, keyBits: number): boolean {
  const passes = Math.ceil(keyBits / 12);
  const digit = Math.ceil(keyBits / passes);
  const size = 1 << digit;
  const mask = size - 1;
  const scale = 2 ** indexBits;
  counts.fill(0, 0, 2 * size);
  const starts = scratchStarts;
  const words = keys;
  for (let i = 0; i < n; i++) {
    const key = ((starts[i] as number) - base) / MINUTE;
    if ((key | 0) !== key) return false;
    words[i] = key * scale + i;
    counts[key & mask]!++;
    counts[size + ((key >>> digit) & mask)]!++;
  }
  return true;
}

/**
 * LSD radix sort of the scratch starts by whole `unit`s since `base`, carrying their indices.
 * Returns the sorted indices, or undefined when a start is not a whole number of units since
 * `base` or the starts span 2^32 units or more.
 */
function sortIndexed(n: number, base: number, hi: number, unit: number): Uint32Array | undefined {
  if (!((hi - base) / unit < 2 ** 32)) return undefined;
  const starts = scratchStarts;
  let src = keys;
  let order = orders;
  for (let i = 0; i < n; i++) {
    const key = ((starts[i] as number) - base) / unit;
    if (key % 1 !== 0) return undefined;
    src[i] = key;
    order[i] = i;
  }
  const bits = bitsFor(Math.ceil((hi - base) / unit));
  const passes = Math.ceil(bits / 12);
  const digit = Math.ceil(bits / passes);
  const mask = (1 << digit) - 1;
  let dst = spareKeys;
  let spareOrder = spareOrders;
  for (let shift = 0; shift < bits; shift += digit) {
    counts.fill(0, 0, mask + 1);
    for (let i = 0; i < n; i++) counts[((src[i] as number) >>> shift) & mask]!++;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = src[i] as number;
      const to = counts[(key >>> shift) & mask]!++;
      dst[to] = key;
      spareOrder[to] = order[i] as number;
    }
    const tk = src;
    src = dst;
    dst = tk;
    const to = order;
    order = spareOrder;
    spareOrder = to;
  }
  return order;
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
