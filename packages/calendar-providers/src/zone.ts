/**
 * The instant a wall-clock time in `timeZone` names: `YYYY-MM-DD` (the day's start: an all-day
 * event in the calendar's zone) or `YYYY-MM-DDTHH:mm[:ss[.fff]]` (Graph's zone-less `dateTime`).
 * Offsets come from `Intl`. Like Temporal's `'compatible'`: an ambiguous time (fall back) takes
 * the earlier instant, a time in a gap (spring forward) moves forward by the gap. NaN when
 * `local` is not such a time.
 */
export function instantOfWallTime(local: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/.exec(
    local,
  );
  if (match === null) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac] = match;
  const wall =
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
    ) + Math.floor(Number(`0.${frac ?? '0'}`) * 1000);
  // The offsets a day before and after bracket any transition near `wall`.
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const valid = [wall - before, wall - after].filter((c) => wall - offsetAt(c, timeZone) === c);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/**
 * The wall-clock time of `instant` in `timeZone` as Graph writes it
 * (`YYYY-MM-DDTHH:mm:ss.fffffff`, no offset).
 */
export function wallTimeOf(instant: number, timeZone: string): string {
  const shifted = new Date(instant + offsetAt(instant, timeZone)).toISOString();
  return `${shifted.slice(0, 23)}0000`;
}

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in ms at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Whether `Intl` knows `timeZone` (an IANA name, or `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
