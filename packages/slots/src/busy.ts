import { SlotsError } from './errors.js';
import { toEpochMs } from './instants.js';
import { sortNumbers } from './sort.js';
import type { Interval } from './types.js';

/** Disjoint busy time, sorted: `starts[i] < ends[i] <= starts[i + 1]`. */
export interface BusySet {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly length: number;
}

function instant(value: Interval['start'], field: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
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

/**
 * The union of `busy` and of `bookings` widened by `[before, after]`, keeping only what touches
 * `[lo, hi)`. The union is found by sorting starts and ends separately (two numeric sorts, no
 * comparator, no pairing) and sweeping a coverage count, which is exact for half-open intervals.
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
  const starts = new Float64Array(total);
  const ends = new Float64Array(total);
  let n = 0;
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
        throw new SlotsError('INVALID_INTERVAL', `${field}${name}[${i}]`, 'must be { start, end }');
      const s = instant(item.start, `${field}${name}[${i}].start`);
      const e = instant(item.end, `${field}${name}[${i}].end`);
      if (e < s)
        throw new SlotsError('INVALID_INTERVAL', `${field}${name}[${i}].end`, 'is before start');
      if (widen) bookingStarts?.push(s);
      const ws = widen ? s - before : s;
      const we = widen ? e + after : e;
      if (we <= ws || we <= lo || ws >= hi) continue;
      starts[n] = ws;
      ends[n] = we;
      n++;
    }
  };
  add(busy, 'busy', false);
  add(bookings, 'bookings', true);
  const s = sortNumbers(starts.subarray(0, n));
  const e = sortNumbers(ends.subarray(0, n));
  const outStarts = new Float64Array(n);
  const outEnds = new Float64Array(n);
  let m = 0;
  let i = 0;
  let j = 0;
  let depth = 0;
  let open = 0;
  while (i < n) {
    // Starts before ends at equal times, so touching intervals merge into one.
    if ((s[i] as number) <= (e[j] as number)) {
      if (depth === 0) open = s[i] as number;
      depth++;
      i++;
    } else {
      depth--;
      if (depth === 0) {
        outStarts[m] = open;
        outEnds[m] = e[j] as number;
        m++;
      }
      j++;
    }
  }
  if (n > 0) {
    outStarts[m] = open;
    outEnds[m] = e[n - 1] as number;
    m++;
  }
  return { starts: outStarts, ends: outEnds, length: m };
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
