// Date helpers on Intl only (no date library): the booking bundle has a 35 KB budget.

/** The BCP 47 tag every formatter here uses; undefined = the browser's default. */
let locale: string | undefined;

/** Sets the formatting locale (the page's language, see i18n.ts); formatters made for another are dropped. */
export function setTimeLocale(tag: string): void {
  if (tag === locale) return;
  locale = tag;
  cache.clear();
}

/** The browser's IANA zone, e.g. `Europe/Paris`. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether the page's locale prefers a 12-hour clock. */
export function prefers12h(): boolean {
  const hc = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return hc === 'h12' || hc === 'h11';
}

/** Every IANA zone the browser knows, with UTC first. */
export function allTimeZones(): string[] {
  const list =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = timeZone + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...opts });
    cache.set(key, f);
  }
  return f;
}

/** `2:30 PM` or `14:30` in `timeZone`. */
export function formatTime(iso: string, timeZone: string, h12?: boolean): string {
  return fmt(timeZone, { hour: 'numeric', minute: '2-digit', hour12: h12 }).format(new Date(iso));
}

/** `Monday, November 2, 2026` in `timeZone`. */
export function formatLongDate(iso: string, timeZone: string): string {
  return fmt(timeZone, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));
}

/** `Mon, Nov 2, 2:30 PM` in `timeZone`. */
export function formatDateTime(iso: string, timeZone: string, h12?: boolean): string {
  return fmt(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hour12: h12,
  }).format(new Date(iso));
}

/** `GMT+9` style short offset name of `timeZone` at `at`. */
export function zoneOffsetName(timeZone: string, at: Date = new Date()): string {
  const part = fmt(timeZone, { timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** Local calendar parts of an instant in `timeZone`. */
export function zonedParts(
  iso: string | Date,
  timeZone: string,
): { date: string; minutes: number } {
  const parts = fmt(timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '0';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** `YYYY-MM-DD` plus `days`, as plain calendar arithmetic. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Monday ... 6 = Sunday for a `YYYY-MM-DD`. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * The first day of the week in the browser's locale as an ISO weekday index (0 Monday .. 6
 * Sunday): Sunday for en-US, Monday for de-DE, Saturday for ar-EG. Monday where the browser cannot
 * say (`Intl.Locale` week info is recent).
 */
export function firstWeekday(tag = locale ?? navigator.language): number {
  try {
    const loc = new Intl.Locale(tag) as Intl.Locale & {
      getWeekInfo?(): { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = (loc.getWeekInfo?.() ?? loc.weekInfo)?.firstDay;
    return typeof firstDay === 'number' ? (firstDay + 6) % 7 : 0;
  } catch {
    return 0;
  }
}

/**
 * The seven weekday names in the browser's language, starting at `first` (an ISO weekday index):
 * short for column heads, long for their `abbr`.
 */
export function weekdayNames(first: number): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2024-01-01 was a Monday (ISO index 0).
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + ((first + i) % 7)));
    return { short: short.format(day), long: long.format(day) };
  });
}

/** `November 2026` for a `YYYY-MM`. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A plain date formatted without zone shifts, e.g. `Monday, November 2`. */
export function formatPlainDate(date: string, opts: Intl.DateTimeFormatOptions): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { ...opts, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * The first instant of the calendar day `date` (`YYYY-MM-DD`) in `timeZone`: its midnight, or the
 * end of a DST gap when that day starts after one (e.g. `America/Santiago` skips 00:00-01:00), and
 * the earlier midnight when the clocks go back over it.
 *
 * @example
 * startOfZonedDay('2026-03-29', 'Europe/Paris').toISOString(); // '2026-03-28T23:00:00.000Z'
 */
export function startOfZonedDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // The zone's offset (local wall time minus UTC) at an instant, to the minute.
  const offsetAt = (ms: number) => {
    const p = zonedParts(new Date(ms), timeZone);
    const [py, pm, pd] = p.date.split('-').map(Number) as [number, number, number];
    return Date.UTC(py, pm - 1, pd) + p.minutes * 60_000 - Math.floor(ms / 60_000) * 60_000;
  };
  // Midnight under the offset before and after a possible transition near it; of those that fall
  // on `date`, the earliest is the day's first instant.
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  const onDate = [first, second].filter((ms) => zonedParts(new Date(ms), timeZone).date === date);
  return new Date(onDate.length > 0 ? Math.min(...onDate) : Math.max(first, second));
}
