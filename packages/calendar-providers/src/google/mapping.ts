import { createHash } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import type { CalendarEventDetails } from '@workestra/booking-core';
import type { CalendarEventState } from '../busy-rules.js';
import { instantOfWallTime } from '../zone.js';

/** Private extended properties we store on our events (what they key, which UID they carry). */
export const KEY_PROPERTY = 'workestraKey';
export const ICAL_UID_PROPERTY = 'workestraIcalUid';

/**
 * The Google event id of our key in a workspace: a hash, in lowercase hex, which is inside the
 * base32hex alphabet Google asks of client-chosen ids. The same key always gives the same id, so
 * a second insert of the same event answers 409 instead of making a second event.
 */
export function googleEventIdFor(workspaceId: string, key: string): string {
  return createHash('sha256').update(`workestra\u0000${workspaceId}\u0000${key}`).digest('hex');
}

/** The request body of an insert or patch: our details, the attendees, and Meet when asked. */
export function toGoogleEvent(
  details: CalendarEventDetails,
  key: string,
  eventId: string,
): calendar_v3.Schema$Event {
  return {
    summary: details.title,
    description: details.description,
    start: { dateTime: new Date(details.start).toISOString(), timeZone: details.timeZone },
    end: { dateTime: new Date(details.end).toISOString(), timeZone: details.timeZone },
    attendees: details.attendees.map((a) => ({ email: a.email, displayName: a.name })),
    extendedProperties: { private: { [KEY_PROPERTY]: key, [ICAL_UID_PROPERTY]: details.icalUid } },
    // The request id makes a repeated create request (a retry) ask for the same meeting; null
    // removes a meeting the event no longer asks for (the client's types do not list null).
    conferenceData: details.conferencing
      ? { createRequest: { requestId: eventId, conferenceSolutionKey: { type: 'hangoutsMeet' } } }
      : (null as unknown as undefined),
  };
}

/** The meeting URL of an event: its Meet link, or the conference's video entry point. */
export function meetingUrlOf(event: calendar_v3.Schema$Event): string | null {
  if (event.hangoutLink) return event.hangoutLink;
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video');
  return video?.uri ?? null;
}

/** Reads an `events.list` item for the busy rules; all-day dates start in the calendar's zone. */
export function googleEventState(
  event: calendar_v3.Schema$Event,
  calendarTimeZone: string,
): CalendarEventState {
  const instant = (t: calendar_v3.Schema$EventDateTime | undefined): number => {
    if (t?.dateTime) return Date.parse(t.dateTime);
    if (t?.date) return instantOfWallTime(t.date, t.timeZone ?? calendarTimeZone);
    return Number.NaN;
  };
  const self = event.attendees?.find((a) => a.self === true);
  const ownUid = event.extendedProperties?.private?.[ICAL_UID_PROPERTY];
  return {
    start: instant(event.start),
    end: instant(event.end),
    cancelled: event.status === 'cancelled',
    // A working-location entry says where the host works, not that they are busy.
    free: event.transparency === 'transparent' || event.eventType === 'workingLocation',
    declined: self?.responseStatus === 'declined',
    outOfOffice: event.eventType === 'outOfOffice',
    icalUids: [event.iCalUID, ownUid].filter((u): u is string => typeof u === 'string'),
  };
}
