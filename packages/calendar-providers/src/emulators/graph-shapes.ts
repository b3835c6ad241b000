import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { instantOfWallTime, isTimeZone, wallTimeOf } from '../zone.js';
import { ApiError, type ApiDialect } from './api.js';

// What the Graph emulator checks and how it answers events: Microsoft Graph's request shapes.

/**
 * An event as the Microsoft Graph emulator keeps and answers it (Graph's event resource, the
 * fields in use).
 *
 * @example
 * ```ts
 * const seeded: MicrosoftEmulatorEvent = {
 *   subject: 'Dentist',
 *   start: { dateTime: '2026-11-02T09:00:00', timeZone: 'UTC' },
 *   end: { dateTime: '2026-11-02T10:00:00', timeZone: 'UTC' },
 *   showAs: 'tentative',
 * };
 * ```
 */
export interface MicrosoftEmulatorEvent {
  id?: string;
  subject?: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  showAs?: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
  isCancelled?: boolean;
  isAllDay?: boolean;
  responseStatus?: { response: string };
  attendees?: { emailAddress: { address: string; name?: string }; type?: string }[];
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl: string } | null;
  transactionId?: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  [field: string]: unknown;
}

export const bad = (message: string, code = 'ErrorInvalidRequest'): ApiError =>
  new ApiError(400, code, message);
export const notFound = () =>
  new ApiError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
export const PROPERTY_ID = /^String \{[0-9a-f-]{36}\} Name \S+$/i;
export const PROVIDERS = new Set([
  'teamsForBusiness',
  'skypeForBusiness',
  'skypeForConsumer',
  'unknown',
]);
export const ATTENDEE_TYPES = new Set(['required', 'optional', 'resource']);
export const KEY_FILTER =
  /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '((?:[^']|'')+)' and ep\/value eq '((?:[^']|'')*)'\)$/;
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

export const GRAPH_ERRORS: ApiDialect = {
  errorBody: (_status, code, message) => ({
    error: {
      code,
      message,
      innerError: { 'request-id': randomBytes(8).toString('hex'), date: new Date(0).toISOString() },
    },
  }),
  unauthorized: {
    reason: 'InvalidAuthenticationToken',
    message: 'Access token has expired or is not yet valid.',
  },
  throttled: 'TooManyRequests',
  failed: 'ServiceNotAvailable',
};

export const instant = (t: { dateTime: string; timeZone: string }) =>
  instantOfWallTime(t.dateTime.replace(/Z$/, ''), t.timeZone);

export const checkTime = (t: unknown, which: string): void => {
  const { dateTime, timeZone } = (t ?? {}) as Record<string, unknown>;
  if (typeof dateTime !== 'string' || typeof timeZone !== 'string')
    throw bad(`${which}: dateTime and timeZone are required.`, 'ErrorPropertyValidationFailure');
  if (Number.isNaN(instantOfWallTime(dateTime.replace(/Z$/, ''), 'UTC')))
    throw bad(
      `Cannot convert the literal '${dateTime}' to the expected type 'Edm.DateTimeOffset'.`,
      'BadRequest',
    );
  if (!isTimeZone(timeZone))
    throw bad(
      `A valid TimeZone value must be specified. '${timeZone}' is not.`,
      'TimeZoneNotSupportedException',
    );
};

export const checkEvent = (e: MicrosoftEmulatorEvent): void => {
  checkTime(e.start, 'start');
  checkTime(e.end, 'end');
  const midnight = (t: { dateTime: string }) => /T00:00(:00(\.0+)?)?Z?$/.test(t.dateTime);
  if (e.isAllDay === true && !(midnight(e.start) && midnight(e.end)))
    throw bad('An all-day event must start and end at midnight.', 'ErrorPropertyValidationFailure');
  if (!(instant(e.start) <= instant(e.end)))
    throw bad('The end of the event must be after its start.', 'ErrorPropertyValidationFailure');
  for (const a of e.attendees ?? []) {
    if (typeof a?.emailAddress?.address !== 'string' || !a.emailAddress.address.includes('@'))
      throw bad('An attendee needs emailAddress.address.', 'ErrorInvalidRecipients');
    if (a.type !== undefined && !ATTENDEE_TYPES.has(a.type))
      throw bad(`Bad attendee type '${a.type}'.`, 'BadRequest');
  }
  if (e.onlineMeetingProvider !== undefined && !PROVIDERS.has(e.onlineMeetingProvider))
    throw bad(`Bad onlineMeetingProvider '${e.onlineMeetingProvider}'.`, 'BadRequest');
  for (const p of e.singleValueExtendedProperties ?? [])
    if (typeof p?.id !== 'string' || !PROPERTY_ID.test(p.id) || typeof p.value !== 'string')
      throw bad('Bad singleValueExtendedProperties entry.', 'ErrorInvalidExtendedPropertyValue');
};

export const meeting = (e: MicrosoftEmulatorEvent, baseUrl: string): void => {
  if (e.isOnlineMeeting === true) {
    e.onlineMeetingProvider ??= 'teamsForBusiness';
    e.onlineMeeting ??= {
      joinUrl: `${baseUrl}/teams/l/meetup-join/${randomBytes(12).toString('hex')}`,
    };
  } else {
    e.onlineMeeting = null;
  }
};

/** An event as Graph answers it: in the `Prefer` zone, with only the asked fields and properties. */
export const answer = (
  e: MicrosoftEmulatorEvent,
  zone: string,
  url: URL,
): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...structuredClone(e) };
  delete out.singleValueExtendedProperties;
  // All-day events are floating dates: midnight, written in whatever zone was asked for.
  const time = (t: MicrosoftEmulatorEvent['start']) =>
    e.isAllDay === true
      ? `${t.dateTime.slice(0, 10)}T00:00:00.0000000`
      : wallTimeOf(instant(t), zone);
  out.start = { dateTime: time(e.start), timeZone: zone };
  out.end = { dateTime: time(e.end), timeZone: zone };
  const select = url.searchParams.get('$select');
  if (select !== null) {
    const fields = new Set(['id', ...select.split(',').map((f) => f.trim())]);
    for (const k of Object.keys(out)) if (!fields.has(k)) delete out[k];
  }
  const expand = url.searchParams.get('$expand');
  if (expand !== null) {
    const match = /^singleValueExtendedProperties\(\$filter=(.+)\)$/.exec(expand);
    if (match === null) throw bad(`Unsupported $expand '${expand}'.`, 'BadRequest');
    const ids = [...(match[1] ?? '').matchAll(/id eq '((?:[^']|'')+)'/g)].map((m) =>
      (m[1] ?? '').replace(/''/g, "'").toLowerCase(),
    );
    if (ids.length === 0) throw bad('Invalid filter clause in $expand.', 'BadRequest');
    out.singleValueExtendedProperties = (e.singleValueExtendedProperties ?? []).filter((p) =>
      ids.includes(p.id.toLowerCase()),
    );
  }
  return out;
};

export const preferZone = (req: IncomingMessage): string => {
  const prefer = String(req.headers.prefer ?? '');
  const zone = /outlook\.timezone="([^"]+)"/.exec(prefer)?.[1] ?? 'UTC';
  if (!isTimeZone(zone))
    throw bad(`Bad outlook.timezone '${zone}'.`, 'TimeZoneNotSupportedException');
  return zone;
};
