/**
 * A meeting's time in one reader's time zone, e.g. `Monday, November 2, 2026, 9:00 – 9:30 AM GMT+1
 * (Europe/Berlin)`. An unknown zone falls back to UTC rather than failing the email.
 *
 * @example
 * ```ts
 * import { formatMeetingTime } from '@workestra/notifications';
 * formatMeetingTime(Date.parse('2026-11-02T09:00:00Z'), Date.parse('2026-11-02T09:30:00Z'), 'Europe/Berlin');
 * // 'Monday, November 2, 2026, 10:00 – 10:30 AM GMT+1 (Europe/Berlin)'
 * ```
 */
export function formatMeetingTime(start: number, end: number, timeZone: string): string {
  const { zone, format } = meetingFormat(timeZone);
  return `${format.formatRange(new Date(start), new Date(end))} (${zone})`;
}

/** How many zones' formatters are kept; real traffic uses a few dozen zones at most. */
const CACHED_ZONES = 500;

/**
 * Building an `Intl.DateTimeFormat` costs far more than formatting with one (ICU loads the zone
 * and the locale's patterns), and every email formats its times: keep one per asked-for zone.
 * Bounded, so arbitrary zone strings from attendees cannot grow it without end.
 */
const formats = new Map<string, { zone: string; format: Intl.DateTimeFormat }>();

function meetingFormat(timeZone: string): { zone: string; format: Intl.DateTimeFormat } {
  const cached = formats.get(timeZone);
  if (cached !== undefined) return cached;
  const zone = knownZone(timeZone);
  const entry = {
    zone,
    format: new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
  };
  if (formats.size >= CACHED_ZONES) formats.clear();
  formats.set(timeZone, entry);
  return entry;
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
 * `Ana and Ben`, `Ana, Ben and Ada`.
 *
 * @example
 * ```ts
 * import { joinNames } from '@workestra/notifications';
 * joinNames(['Ana', 'Ben', 'Dee']); // 'Ana, Ben and Dee'
 * ```
 */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
