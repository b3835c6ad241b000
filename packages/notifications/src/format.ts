import type { HourCycle } from '@workestra/booking-core';

/**
 * How a reader reads times: a BCP 47 `locale` (default: US English) and a clock (`h12`: `2:00 PM`,
 * `h23`: `14:00`; default: the locale's own).
 *
 * @example
 * ```ts
 * const british: TimeStyle = { locale: 'en-GB', hourCycle: 'h23' };
 * ```
 */
export interface TimeStyle {
  readonly locale?: string | null;
  readonly hourCycle?: HourCycle | null;
}

/**
 * A meeting's time in one reader's time zone, e.g. `Monday, November 2, 2026, 9:00 – 9:30 AM GMT+1
 * (Europe/Berlin)`, in the reader's `locale` and clock when given (US English and its 12-hour clock
 * otherwise). An unknown zone falls back to UTC and an invalid locale to US English rather than
 * failing the email.
 *
 * @example
 * ```ts
 * import { formatMeetingTime } from '@workestra/notifications';
 * const start = Date.parse('2026-11-02T09:00:00Z');
 * const end = Date.parse('2026-11-02T09:30:00Z');
 * formatMeetingTime(start, end, 'Europe/Berlin');
 * // 'Monday, November 2, 2026, 10:00 – 10:30 AM GMT+1 (Europe/Berlin)'
 * formatMeetingTime(start, end, 'Europe/Berlin', { locale: 'de', hourCycle: 'h23' });
 * // 'Montag, 2. November 2026, 10:00–10:30 Uhr MEZ (Europe/Berlin)'
 * ```
 */
export function formatMeetingTime(
  start: number,
  end: number,
  timeZone: string,
  style: TimeStyle = {},
): string {
  const { zone, format, date, time } = meetingFormat(
    timeZone,
    style.locale ?? null,
    style.hourCycle ?? null,
  );
  const from = new Date(start);
  const to = new Date(end);
  const whole = format.formatRange(from, to);
  return `${sameDayRange(whole, date.format(from), date.format(to), time.formatRange(from, to)) ?? whole} (${zone})`;
}

/**
 * A range within one day written as the locale's long date and the time range. Some locales'
 * range patterns shorten the date (Japanese gives `2026/11/9月曜日` for `2026年11月9日月曜日`), so
 * the date is written on its own, joined to the times as the range pattern joins them (`, ` in
 * English, a space in Japanese). Null when the range crosses days or the pattern does not end with
 * the time range: the whole range pattern is used then.
 */
function sameDayRange(
  whole: string,
  startDate: string,
  endDate: string,
  times: string,
): string | null {
  if (startDate !== endDate || !whole.endsWith(times)) return null;
  const joiner = /[\s,、，]*$/u.exec(whole.slice(0, -times.length))?.[0] ?? '';
  return `${startDate}${joiner}${times}`;
}

/** How many formatters are kept; real traffic uses a few dozen zone/locale/clock triples at most. */
const CACHED_FORMATS = 500;

/**
 * Building an `Intl.DateTimeFormat` costs far more than formatting with one (ICU loads the zone
 * and the locale's patterns), and every email formats its times: keep one per asked-for zone,
 * locale and clock. Bounded, so arbitrary zone strings from attendees cannot grow it without end.
 */
const formats = new Map<string, MeetingFormats>();

/** A zone's formatters for one locale and clock: the whole range, the date alone, the times alone. */
interface MeetingFormats {
  readonly zone: string;
  readonly format: Intl.DateTimeFormat;
  readonly date: Intl.DateTimeFormat;
  readonly time: Intl.DateTimeFormat;
}

const DEFAULT_LOCALE = 'en-US';

function meetingFormat(
  timeZone: string,
  locale: string | null,
  hourCycle: HourCycle | null,
): MeetingFormats {
  const key = `${timeZone}\u0000${locale ?? ''}\u0000${hourCycle ?? ''}`;
  const cached = formats.get(key);
  if (cached !== undefined) return cached;
  const zone = knownZone(timeZone);
  const tag = knownLocale(locale);
  const dateParts = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } as const;
  const timeParts = {
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(hourCycle ? { hourCycle } : {}),
  } as const;
  const entry: MeetingFormats = {
    zone,
    format: new Intl.DateTimeFormat(tag, { timeZone: zone, ...dateParts, ...timeParts }),
    date: new Intl.DateTimeFormat(tag, { timeZone: zone, ...dateParts }),
    time: new Intl.DateTimeFormat(tag, { timeZone: zone, ...timeParts }),
  };
  if (formats.size >= CACHED_FORMATS) formats.clear();
  formats.set(key, entry);
  return entry;
}

/** `locale` when it is a valid BCP 47 tag, else US English. */
function knownLocale(locale: string | null): string {
  if (!locale) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function knownZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * ```ts
 * import { escapeHtml } from '@workestra/notifications';
 * escapeHtml('<b>"Ada" & co</b>'); // '&lt;b&gt;&quot;Ada&quot; &amp; co&lt;/b&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** One line for a header (Subject): control characters and line breaks become spaces. */
export function headerText(value: string): string {
  return value.replace(/\p{Cc}+/gu, ' ').trim();
}

/**
 * Names as a sentence lists them (a team meeting's hosts in the emails' "with ..."): `Ana`,
 * `Ana and Ben`, `Ana, Ben and Ada`. With a `locale`, the list reads as that language writes it
 * (`Ana, Ben und Ada` in German, `Ana、Ben、Ada` in Japanese); without, in the package's English
 * above, which host emails and English attendee emails use.
 *
 * @example
 * ```ts
 * import { joinNames } from '@workestra/notifications';
 * joinNames(['Ana', 'Ben', 'Dee']); // 'Ana, Ben and Dee'
 * joinNames(['Ana', 'Ben', 'Dee'], 'fr'); // 'Ana, Ben et Dee'
 * ```
 */
export function joinNames(names: readonly string[], locale?: string | null): string {
  if (names.length <= 1) return names[0] ?? '';
  if (locale) return listFormat(locale).format(names);
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** One list formatter per locale, bounded like the date formatters. */
const lists = new Map<string, Intl.ListFormat>();

function listFormat(locale: string): Intl.ListFormat {
  const cached = lists.get(locale);
  if (cached !== undefined) return cached;
  const format = new Intl.ListFormat(knownLocale(locale), { style: 'long', type: 'conjunction' });
  if (lists.size >= CACHED_FORMATS) lists.clear();
  lists.set(locale, format);
  return format;
}
