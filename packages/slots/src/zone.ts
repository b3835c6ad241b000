import { DAY, daysFromCivil } from './calendar.js';
import { SlotsError } from './errors.js';

/**
 * A time zone's UTC offsets over a span of time, read from the runtime's time zone data once and
 * then used with integer arithmetic only. `offsets[i]` is in force from `times[i - 1]`
 * (inclusive) to `times[i]` (exclusive); `offsets[0]` before the first transition, the last one
 * after the last transition.
 */
export interface ZoneTable {
  readonly zone: string;
  /** First instant (epoch ms) the table is exact for. */
  readonly from: number;
  /** Instant (epoch ms) the table is exact until. */
  readonly to: number;
  readonly times: readonly number[];
  readonly offsets: readonly number[];
}

/** Offsets are sampled this often and every change is bisected to the second. */
const SAMPLE_MS = 12 * 3_600_000;
const MAX_CACHED_ZONES = 1000;
const MAX_CACHED_TABLES = 4000;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f !== undefined) return f;
  try {
    // Offset strings ("+01:00") name no place and no DST rules: refuse them.
    f = /^[+-]/.test(zone)
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          era: 'short',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
  } catch {
    f = null;
  }
  if (formatters.size > MAX_CACHED_ZONES) formatters.clear();
  formatters.set(zone, f);
  return f;
}

/**
 * Whether the runtime knows `zone` as an IANA time zone.
 *
 * @example
 * ```ts
 * isValidTimeZone('Europe/Berlin'); // true
 * isValidTimeZone('Europe/Berlín'); // false
 * ```
 */
export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && formatter(zone) !== null;
}

/** Throws `INVALID_TIME_ZONE` naming `field` unless `zone` is a known IANA zone. */
export function assertTimeZone(zone: unknown, field: string): string {
  if (typeof zone !== 'string' || zone.length === 0) {
    throw new SlotsError(
      'INVALID_TIME_ZONE',
      field,
      'must be an IANA time zone name such as "Europe/Berlin"',
    );
  }
  if (formatter(zone) === null) {
    throw new SlotsError(
      'INVALID_TIME_ZONE',
      field,
      `unknown time zone "${zone}"; use an IANA name such as "Europe/Berlin"`,
    );
  }
  return zone;
}

/**
 * UTC offset (ms, whole seconds) of `zone` at `instant`, from the runtime's time zone data: the
 * same data Temporal implementations read. Wall-clock fields are read at second precision.
 */
function intlOffset(zone: string, instant: number): number {
  const f = formatter(zone) as Intl.DateTimeFormat;
  const seconds = Math.floor(instant / 1000) * 1000;
  if (seconds >= FAST_FROM) {
    let layout = layouts.get(f);
    if (layout === undefined) {
      layout = readLayout(f);
      layouts.set(f, layout);
    }
    if (layout !== null) {
      const offset = formattedOffset(f, layout, seconds);
      if (offset === offset) return offset; // not NaN
    }
  }
  return partsOffset(f, seconds);
}

/** The offset at `seconds` (whole seconds, epoch ms) read through `formatToParts`. */
function partsOffset(f: Intl.DateTimeFormat, seconds: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of f.formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
    }
  }
  const date = new Date(0);
  date.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime() - seconds;
}

// `format` is several times cheaper than `formatToParts` (one string, no part objects), which is
// most of the cost of a cold start. Its output is read as runs of ASCII digits whose order (the
// layout: year, month, day, hour, minute, second in some order) is taken from `formatToParts`
// once per formatter, and only where both agree; otherwise, and for instants near or before
// year 1 (where the era matters), `formatToParts` is read as before.
const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
/** Year 2, 00:00 UTC: from here on every local date is in the common era. */
const FAST_FROM = -62_104_060_800_000;
const layouts = new WeakMap<Intl.DateTimeFormat, readonly number[] | null>();
const fieldValues = [0, 0, 0, 0, 0, 0];
/** Runs of anything but ASCII digits (`\D` is ASCII only without the `u` flag). */
const NON_DIGITS = /\D+/;

/** For each run of digits in `format`'s output, the index in {@link FIELDS} it holds, or null. */
function readLayout(f: Intl.DateTimeFormat): readonly number[] | null {
  const layout: number[] = [];
  for (const part of f.formatToParts(Date.UTC(2026, 10, 1, 5, 6, 7))) {
    const field = (FIELDS as readonly string[]).indexOf(part.type);
    const digits = /^[0-9]+$/.test(part.value);
    if (field >= 0 && digits && !layout.includes(field)) layout.push(field);
    else if (field >= 0 || /[0-9]/.test(part.value)) return null;
  }
  if (layout.length !== FIELDS.length) return null;
  // ECMA-402 defines `format` as the concatenation of `formatToParts`; check one instant anyway
  // before trusting the fast reading.
  const probe = Date.UTC(2001, 6, 4, 3, 2, 1);
  if (formattedOffset(f, layout, probe) !== partsOffset(f, probe)) return null;
  return layout;
}

/** The offset at `seconds` read from `format`'s digit runs, or NaN when they do not fit `layout`. */
function formattedOffset(
  f: Intl.DateTimeFormat,
  layout: readonly number[],
  seconds: number,
): number {
  // One native split rather than a loop over characters, which a cold start would run in the
  // interpreter for every sample.
  const runs = f.format(seconds).split(NON_DIGITS);
  const first = runs[0] === '' ? 1 : 0;
  const end = runs[runs.length - 1] === '' ? runs.length - 1 : runs.length;
  if (end - first !== layout.length) return NaN;
  for (let k = 0; k < layout.length; k++)
    fieldValues[layout[k] as number] = Number(runs[first + k]);
  const [year, month, day, hour, minute, second] = fieldValues as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const local =
    daysFromCivil(year, month, day) * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return local - seconds;
}

/**
 * The offset table of `[from, to]`, where `to - from` is a whole number of samples: offsets are
 * sampled every {@link SAMPLE_MS} from `from` and every change is bisected to the second. Only
 * transitions in `(from, to]` are kept, so the tables of adjacent spans join end to end.
 */
function buildTable(zone: string, from: number, to: number): ZoneTable {
  const times: number[] = [];
  const offsets: number[] = [intlOffset(zone, from)];
  let prevT = from;
  let prevOffset = offsets[0] as number;
  for (let t = from + SAMPLE_MS; t <= to; t += SAMPLE_MS) {
    const offset = intlOffset(zone, t);
    if (offset !== prevOffset) {
      // Bisect (prevT, t] to the first second with the new offset (transitions fall on seconds).
      let lo = Math.floor(prevT / 1000);
      let hi = Math.floor(t / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffset(zone, mid * 1000) === prevOffset) lo = mid;
        else hi = mid;
      }
      times.push(hi * 1000);
      offsets.push(intlOffset(zone, hi * 1000));
      // A short-lived offset can end inside the same sample step: rescan from the change, and
      // sample `to` itself last.
      prevT = hi * 1000;
      prevOffset = offsets[offsets.length - 1] as number;
      t = prevT;
      if (t < to && t + SAMPLE_MS > to) t = to - SAMPLE_MS;
      continue;
    }
    prevT = t;
  }
  return { zone, from, to, times, offsets };
}

/** Tables are built in blocks of this many samples (16 days), on a grid fixed from the epoch. */
const BLOCK_SAMPLES = 32;
const BLOCK_MS = BLOCK_SAMPLES * SAMPLE_MS;
/** Per zone, the spans built so far, disjoint and sorted by `from` (each a joined table). */
const spans = new Map<string, ZoneTable[]>();
let spanCount = 0;

/** `a` followed by `b`, where `b.from === a.to`. */
function join(a: ZoneTable, b: ZoneTable): ZoneTable {
  const times = a.times.slice();
  const offsets = a.offsets.slice();
  for (let i = 0; i < b.times.length; i++) {
    times.push(b.times[i] as number);
    offsets.push(b.offsets[i + 1] as number);
  }
  return { zone: a.zone, from: a.from, to: b.to, times, offsets };
}

/**
 * The offset table of `zone` covering at least `[from, to)`. Tables are built for the requested
 * span only (in 16-day blocks, so a range costs its own length, not its years) and kept: a later
 * request reads no time zone data for what is already built, and one next to or across built
 * spans builds only the blocks in between and joins them into one table.
 */
export function zoneTable(zone: string, from: number, to: number): ZoneTable {
  let list = spans.get(zone);
  if (list !== undefined) {
    for (let i = 0; i < list.length; i++) {
      const span = list[i] as ZoneTable;
      if (span.from <= from && span.to >= to) return span;
    }
  }
  if (spanCount >= MAX_CACHED_TABLES || (list === undefined && spans.size >= MAX_CACHED_ZONES)) {
    spans.clear();
    spanCount = 0;
    list = undefined;
  }
  if (list === undefined) list = [];
  let lo = Math.floor(from / BLOCK_MS) * BLOCK_MS;
  let hi = Math.max(Math.ceil(to / BLOCK_MS) * BLOCK_MS, lo + BLOCK_MS);
  // Spans that overlap or touch [lo, hi] are absorbed: the new table runs across them.
  const kept: ZoneTable[] = [];
  const absorbed: ZoneTable[] = [];
  for (const span of list) {
    if (span.to < lo || span.from > hi) kept.push(span);
    else absorbed.push(span);
  }
  if (absorbed.length > 0) {
    lo = Math.min(lo, (absorbed[0] as ZoneTable).from);
    hi = Math.max(hi, (absorbed[absorbed.length - 1] as ZoneTable).to);
  }
  let table: ZoneTable | undefined;
  let at = lo;
  const append = (next: ZoneTable): void => {
    table = table === undefined ? next : join(table, next);
    at = next.to;
  };
  for (const span of absorbed) {
    if (span.from > at) append(buildTable(zone, at, span.from));
    append(span);
  }
  if (at < hi) append(buildTable(zone, at, hi));
  const built = table as ZoneTable;
  kept.push(built);
  kept.sort((a, b) => a.from - b.from);
  spanCount += kept.length - list.length;
  spans.set(zone, kept);
  return built;
}

/** Index into `table.offsets` of the offset in force at `instant`. */
function segmentAt(table: ZoneTable, instant: number): number {
  const times = table.times;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** UTC offset in ms in force at `instant`. */
export function offsetAt(table: ZoneTable, instant: number): number {
  return table.offsets[segmentAt(table, instant)] as number;
}

/** Epoch day of the wall-clock date at `instant` in the table's zone. */
export function localDayOf(table: ZoneTable, instant: number): number {
  return Math.floor((instant + offsetAt(table, instant)) / DAY);
}

/**
 * The instant of a wall-clock time (`local` = wall-clock ms since 1970-01-01T00:00 as if in UTC),
 * with Temporal's `'compatible'` disambiguation: a time in a gap moves forward by the gap's length
 * (it is read with the offset in force before the gap), an ambiguous time takes the earlier instant.
 */
export function localToInstant(table: ZoneTable, local: number): number {
  const times = table.times;
  const offsets = table.offsets;
  // Every offset that could apply lies in segments overlapping [local - 1 day, local + 1 day]
  // (real offsets are within +-26 h... in practice within +-15 h); look at those segments only.
  const first = segmentAt(table, local - DAY - DAY / 2);
  const last = segmentAt(table, local + DAY + DAY / 2);
  for (let i = first; i <= last; i++) {
    const offset = offsets[i] as number;
    const segStart = i === 0 ? -Infinity : (times[i - 1] as number);
    const segEnd = i === times.length ? Infinity : (times[i] as number);
    const candidate = local - offset;
    // Segments are visited in time order, so the first match is the earlier instant.
    if (candidate >= segStart && candidate < segEnd) return candidate;
  }
  // No instant shows this wall-clock time: it is in a gap. Find the transition whose gap holds it
  // and read the time with the offset in force before that transition.
  for (let i = first; i < last; i++) {
    const before = offsets[i] as number;
    const after = offsets[i + 1] as number;
    const at = times[i] as number;
    if (local >= at + before && local < at + after) return local - before;
  }
  return local - (offsets[first] as number);
}
