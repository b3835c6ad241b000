import { createHash } from 'node:crypto';
import type { CalendarEventDetails } from '@workestra/booking-core';
import type { CalendarEventState } from '../busy-rules.js';
import { instantOfWallTime } from '../zone.js';

// Single-value extended properties in the public-strings property set: the key an event was
// created for (the lookup of a create or delete by key) and the booking's iCalendar UID.
const PUBLIC_STRINGS = '{00020329-0000-0000-C000-000000000046}';
export const KEY_PROPERTY_ID = `String ${PUBLIC_STRINGS} Name workestraKey`;
export const ICAL_UID_PROPERTY_ID = `String ${PUBLIC_STRINGS} Name workestraIcalUid`;

/** The parts of a Graph event in use. */
export interface GraphEvent {
  id?: string;
  iCalUId?: string;
  subject?: string | null;
  isCancelled?: boolean;
  isAllDay?: boolean;
  showAs?: string;
  responseStatus?: { response?: string } | null;
  start?: { dateTime?: string; timeZone?: string };
  end?: { dateTime?: string; timeZone?: string };
  isOnlineMeeting?: boolean;
  onlineMeeting?: { joinUrl?: string | null } | null;
  singleValueExtendedProperties?: { id: string; value: string }[];
}

/** Graph's `transactionId` of our key in a workspace: a retried POST makes no second event. */
export function graphTransactionIdFor(workspaceId: string, key: string): string {
  return createHash('sha256').update(`workestra\u0000${workspaceId}\u0000${key}`).digest('hex');
}

/** Graph's zone-less `dateTime` of an instant, in UTC (`timeZone: 'UTC'` goes with it). */
const graphDateTime = (ms: number): string => new Date(ms).toISOString().slice(0, -1);

/** The request body of a create or update: our details, the attendees, and Teams when asked. */
export function toGraphEvent(details: CalendarEventDetails, key: string): Record<string, unknown> {
  return {
    subject: details.title,
    body: { contentType: 'text', content: details.description ?? '' },
    start: { dateTime: graphDateTime(details.start), timeZone: 'UTC' },
    end: { dateTime: graphDateTime(details.end), timeZone: 'UTC' },
    attendees: details.attendees.map((a) => ({
      emailAddress: { address: a.email, name: a.name },
      type: 'required',
    })),
    isOnlineMeeting: details.conferencing,
    ...(details.conferencing ? { onlineMeetingProvider: 'teamsForBusiness' } : {}),
    singleValueExtendedProperties: [
      { id: KEY_PROPERTY_ID, value: key },
      { id: ICAL_UID_PROPERTY_ID, value: details.icalUid },
    ],
  };
}

/** The Teams join URL of an event, when it has one. */
export const meetingUrlOf = (event: GraphEvent): string | null =>
  event.onlineMeeting?.joinUrl ?? null;

/**
 * Reads a `calendarView` item (times asked in UTC) for the busy rules. Graph answers an all-day
 * event as floating dates (midnight in whatever zone was asked), so its dates are read in
 * `allDayZone`, the host's.
 */
export function graphEventState(event: GraphEvent, allDayZone: string): CalendarEventState {
  const instant = (t: GraphEvent['start']): number => {
    if (t?.dateTime === undefined) return Number.NaN;
    if (event.isAllDay === true) return instantOfWallTime(t.dateTime.slice(0, 10), allDayZone);
    return instantOfWallTime(t.dateTime, t.timeZone ?? 'UTC');
  };
  const ownUid = event.singleValueExtendedProperties?.find(
    (p) => p.id.toLowerCase() === ICAL_UID_PROPERTY_ID.toLowerCase(),
  )?.value;
  return {
    start: instant(event.start),
    end: instant(event.end),
    cancelled: event.isCancelled === true,
    // "Working elsewhere" says where the host works, not that they are busy.
    free: event.showAs === 'free' || event.showAs === 'workingElsewhere',
    declined: event.responseStatus?.response === 'declined',
    outOfOffice: event.showAs === 'oof',
    icalUids: [event.iCalUId, ownUid].filter((u): u is string => typeof u === 'string'),
  };
}
