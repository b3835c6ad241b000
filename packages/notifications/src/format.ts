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
  const zone = knownZone(timeZone);
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return `${format.formatRange(new Date(start), new Date(end))} (${zone})`;
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
