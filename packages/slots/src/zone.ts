import { Temporal } from '@js-temporal/polyfill';
import { DAY } from './calendar.js';
import { SlotsError } from './errors.js';

/**
 * A time zone's UTC offsets over a span of time, read from Temporal once and then used with
 * integer arithmetic only. `offsets[i]` is in force from `times[i - 1]` (inclusive) to `times[i]`
 * (exclusive); `offsets[0]` before the first transition, the last one after the last transition.
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

const YEAR_MS = 366 * DAY;
const MAX_CACHED_ZONES = 1000;
const tables = new Map<string, ZoneTable>();
const validZones = new Map<string, string | undefined>();

/**
 * The canonical id of an IANA time zone, or `undefined` when the runtime does not know it.
 *
 * @example
 * ```ts
 * isValidTimeZone('Europe/Berlin'); // true
 * isValidTimeZone('Europe/Berlín'); // false
 * ```
 */
export function isValidTimeZone(zone: string): boolean {
  return resolveZone(zone) !== undefined;
}

function resolveZone(zone: string): string | undefined {
  if (validZones.has(zone)) return validZones.get(zone);
  let id: string | undefined;
  try {
    // Offset strings ("+01:00") are valid Temporal zones but are not places: refuse them.
    id = /^[+-]/.test(zone) ? undefined : Temporal.Now.zonedDateTimeISO(zone).timeZoneId;
  } catch {
    id = undefined;
  }
  if (validZones.size > MAX_CACHED_ZONES) validZones.clear();
  validZones.set(zone, id);
  return id;
}

/** Throws `INVALID_TIME_ZONE` naming `field` unless `zone` is a known IANA zone. */
export function assertTimeZone(zone: unknown, field: string): string {
  if (typeof zone !== 'string' || zone.length === 0) {
    throw new SlotsError('INVALID_TIME_ZONE', field, 'must be an IANA time zone name such as "Europe/Berlin"');
  }
  const id = resolveZone(zone);
  if (id === undefined) {
    throw new SlotsError('INVALID_TIME_ZONE', field, `unknown time zone "${zone}"; use an IANA name such as "Europe/Berlin"`);
  }
  return zone;
}

function buildTable(zone: string, from: number, to: number): ZoneTable {
  const times: number[] = [];
  const offsets: number[] = [];
  let cursor = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone);
  offsets.push(cursor.offsetNanoseconds / 1e6);
  for (;;) {
    const next = cursor.getTimeZoneTransition('next');
    if (next === null || next.epochMilliseconds >= to) break;
    times.push(next.epochMilliseconds);
    offsets.push(next.offsetNanoseconds / 1e6);
    cursor = next;
  }
  return { zone, from, to, times, offsets };
}

/**
 * The offset table of `zone` covering at least `[from, to)`, built with Temporal on first use and
 * cached per zone (coverage grows to whole years so that repeated queries never call Temporal).
 */
export function zoneTable(zone: string, from: number, to: number): ZoneTable {
  const cached = tables.get(zone);
  if (cached !== undefined && cached.from <= from && cached.to >= to) return cached;
  const wantFrom = Math.min(from, cached?.from ?? from);
  const wantTo = Math.max(to, cached?.to ?? to);
  const startYear = new Date(wantFrom - 2 * DAY).getUTCFullYear();
  const endYear = new Date(wantTo + 2 * DAY).getUTCFullYear();
  const spanFrom = Date.UTC(startYear, 0, 1) - 2 * DAY;
  const spanTo = Math.max(Date.UTC(endYear + 1, 0, 1) + 2 * DAY, spanFrom + YEAR_MS);
  const table = buildTable(zone, spanFrom, spanTo);
  if (tables.size >= MAX_CACHED_ZONES) tables.clear();
  tables.set(zone, table);
  return table;
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
