import { randomBytes } from 'node:crypto';
import { instantOfWallTime, isTimeZone } from '../zone.js';
import { ApiError } from './api.js';

// What the Google emulator checks and how it writes events: the Calendar API's request shapes.

/**
 * An event as the Google emulator keeps and answers it (the Calendar API's event resource, the
 * fields in use).
 *
 * @example
 * ```ts
 * const seeded: GoogleEmulatorEvent = {
 *   summary: 'Dentist',
 *   start: { dateTime: '2026-11-02T09:00:00Z' },
 *   end: { dateTime: '2026-11-02T10:00:00Z' },
 *   attendees: [{ email: 'host@example.com', self: true, responseStatus: 'tentative' }],
 * };
 * ```
 */
export interface GoogleEmulatorEvent {
  id?: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string | null;
  description?: string | null;
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  transparency?: 'opaque' | 'transparent';
  eventType?: 'default' | 'outOfOffice' | 'focusTime' | 'workingLocation';
  attendees?: { email: string; displayName?: string; self?: boolean; responseStatus?: string }[];
  iCalUID?: string;
  sequence?: number;
  hangoutLink?: string;
  conferenceData?: Record<string, unknown> | null;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
  [field: string]: unknown;
}

export const ID = /^[a-v0-9]{5,1024}$/;
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const SEND_UPDATES = new Set(['all', 'externalOnly', 'none']);
export const WRITABLE = [
  'summary',
  'description',
  'start',
  'end',
  'attendees',
  'status',
  'transparency',
  'eventType',
  'iCalUID',
  'location',
] as const;

export const bad = (message: string, reason = 'invalid'): ApiError =>
  new ApiError(400, reason, message);

export const instant = (t: GoogleEmulatorEvent['start'], zone: string): number =>
  t.dateTime !== undefined
    ? Date.parse(t.dateTime)
    : instantOfWallTime(t.date ?? '', t.timeZone ?? zone);

export const checkTime = (t: unknown, which: string): void => {
  if (typeof t !== 'object' || t === null) throw bad(`Missing ${which} time.`, 'required');
  const { dateTime, date, timeZone } = t as Record<string, unknown>;
  if (dateTime !== undefined) {
    if (
      typeof dateTime !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T/.test(dateTime) ||
      Number.isNaN(Date.parse(dateTime))
    )
      throw bad(`Invalid ${which} time.`);
    if (!RFC3339.test(dateTime) && typeof timeZone !== 'string')
      throw bad(`Missing time zone definition for ${which} time.`, 'required');
  } else if (typeof date !== 'string' || !DATE.test(date)) {
    throw bad(`Missing ${which} time.`, 'required');
  }
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone)))
    throw bad(`Invalid time zone definition for ${which} time.`);
};

export const checkEvent = (e: GoogleEmulatorEvent, zone: string): void => {
  checkTime(e.start, 'start');
  checkTime(e.end, 'end');
  if (!(instant(e.start, zone) < instant(e.end, zone)))
    throw bad('The specified time range is empty.', 'timeRangeEmpty');
  for (const a of e.attendees ?? [])
    if (typeof a?.email !== 'string' || !a.email.includes('@'))
      throw bad('Missing attendee email.', 'required');
};

/** Applies `conferenceData` of a request (only with `conferenceDataVersion=1`, as Google does). */
export const conference = (
  stored: GoogleEmulatorEvent,
  asked: unknown,
  version: number,
  url: string,
): void => {
  if (version !== 1 || asked === undefined) return;
  if (asked === null) {
    delete stored.conferenceData;
    delete stored.hangoutLink;
    return;
  }
  const create = (
    asked as {
      createRequest?: { requestId?: unknown; conferenceSolutionKey?: { type?: unknown } };
    }
  ).createRequest;
  if (create === undefined) return;
  if (typeof create.requestId !== 'string' || create.requestId === '')
    throw bad('Invalid conference create request: requestId is required.');
  if (create.conferenceSolutionKey?.type !== 'hangoutsMeet')
    throw bad('Invalid conference type value.');
  const existing = stored.conferenceData as { createRequest?: { requestId?: string } } | undefined;
  if (existing?.createRequest?.requestId === create.requestId) return; // the same request: the same meeting
  const code = meetCode();
  const uri = `${url}/meet/${code}`;
  stored.hangoutLink = uri;
  stored.conferenceData = {
    createRequest: {
      requestId: create.requestId,
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'success' },
    },
    entryPoints: [{ entryPointType: 'video', uri, label: uri.replace(/^https?:\/\//, '') }],
    conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
    conferenceId: code,
  };
};

export const answerEvent = (e: GoogleEmulatorEvent) => ({
  kind: 'calendar#event',
  ...structuredClone(e),
});

export const queryInt = (url: URL, name: string, allowed: readonly number[]): number => {
  const raw = url.searchParams.get(name);
  if (raw === null) return 0;
  const n = Number(raw);
  if (!allowed.includes(n)) throw bad(`Invalid value for ${name}: ${raw}`, 'invalidParameter');
  return n;
};

export const checkSendUpdates = (url: URL): void => {
  const value = url.searchParams.get('sendUpdates');
  if (value !== null && !SEND_UPDATES.has(value))
    throw bad(`Invalid sendUpdates value: ${value}`, 'invalidParameter');
};

function meetCode(): string {
  const letters = randomBytes(10).reduce((s, b) => s + String.fromCharCode(97 + (b % 26)), '');
  return `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7, 10)}`;
}
