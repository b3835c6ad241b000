// "Add to Google Calendar" and "Add to Outlook": links that open the provider's new-event form
// already filled in, for attendees who do not want to download and import an .ics file.

/** What goes into the new event. */
export interface CalendarEvent {
  title: string;
  /** ISO instants */
  start: string;
  end: string;
  details: string;
  location: string;
}

/** `20261208T100000Z`: the UTC form Google's template takes. */
function compactUtc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Google Calendar's new-event template for the meeting.
 *
 * @example
 * googleCalendarUrl({ title: 'Intro', start: '2026-12-08T10:00:00.000Z',
 *   end: '2026-12-08T10:30:00.000Z', details: '', location: '' });
 * // 'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Intro&dates=20261208T100000Z%2F20261208T103000Z&details=&location='
 */
export function googleCalendarUrl(e: CalendarEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${compactUtc(e.start)}/${compactUtc(e.end)}`,
    details: e.details,
    location: e.location,
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

/**
 * Outlook on the web's compose-event deep link for the meeting.
 *
 * @example
 * outlookCalendarUrl({ title: 'Intro', start: '2026-12-08T10:00:00.000Z',
 *   end: '2026-12-08T10:30:00.000Z', details: '', location: '' });
 * // 'https://outlook.live.com/calendar/0/deeplink/compose?subject=Intro&startdt=2026-12-08T10%3A00%3A00Z&enddt=2026-12-08T10%3A30%3A00Z&body=&location='
 */
export function outlookCalendarUrl(e: CalendarEvent): string {
  const iso = (s: string) => new Date(s).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const q = new URLSearchParams({
    subject: e.title,
    startdt: iso(e.start),
    enddt: iso(e.end),
    body: e.details,
    location: e.location,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
