/**
 * A calendar user (ORGANIZER or ATTENDEE).
 *
 * @example
 * ```ts
 * const organizer: IcsPerson = { name: 'Ana', email: 'ana@example.com' };
 * ```
 */
export interface IcsPerson {
  readonly name: string;
  readonly email: string;
}

/**
 * One iTIP message (RFC 5546) about one event. `REQUEST` creates or updates the event (same
 * `uid`, higher `sequence`); `CANCEL` removes it.
 *
 * @example
 * ```ts
 * const input: IcsInput = {
 *   method: 'REQUEST', uid: 'b_1@workestra.app', sequence: 0, dtstamp: Date.now(),
 *   start: Date.parse('2026-11-02T09:00:00Z'), end: Date.parse('2026-11-02T09:30:00Z'),
 *   summary: 'Intro call', organizer: { name: 'Ana', email: 'ana@example.com' },
 *   attendee: { name: 'Ada', email: 'ada@example.com' },
 * };
 * ```
 */
export interface IcsInput {
  readonly method: 'REQUEST' | 'CANCEL';
  readonly uid: string;
  readonly sequence: number;
  /** When this iCalendar object was made (epoch ms): fresh for every message. */
  readonly dtstamp: number;
  readonly start: number;
  readonly end: number;
  readonly summary: string;
  readonly description?: string | null;
  /** An online meeting URL: becomes LOCATION and URL. */
  readonly meetingUrl?: string | null;
  readonly organizer: IcsPerson;
  readonly attendee: IcsPerson;
  /** More attendees after `attendee` (e.g. a team meeting's other hosts), each its own ATTENDEE. */
  readonly otherAttendees?: readonly IcsPerson[];
}

const CRLF = '\r\n';

/** `YYYYMMDDTHHMMSSZ` (UTC, whole seconds). */
function utc(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError('buildIcs: an instant is not a finite number');
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as `\n`;
 * other control characters are dropped. A hostile value cannot end the line and start a property.
 *
 * @example
 * ```ts
 * escapeIcsText('a;b,c\nd'); // 'a\\;b\\,c\\nd'
 * ```
 */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
    .replace(/\p{Cc}/gu, (c) => (c === '\t' ? ' ' : ''));
}

/** A parameter value (CN): always quoted; quotes and control characters cannot appear inside. */
function paramValue(value: string): string {
  const clean = value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/"/g, "'")
    .trim();
  return `"${clean}"`;
}

/** Characters an address may hold unencoded in a `mailto:` URI value (no `:`/`;`/`,`/quotes/space). */
const NOT_ADDRESS = /[^A-Za-z0-9.!#$%&*+/=?^_{|}~@-]/gu;

/** A `mailto:` URI; anything else is percent-encoded, so it cannot end the value. */
function mailto(email: string): string {
  return 'mailto:' + email.replace(NOT_ADDRESS, (c) => encodeURIComponent(c));
}

/** An http(s) URL safe to write as a URI value, or null. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space,
 * and a UTF-8 character is never split.
 *
 * @example
 * ```ts
 * foldIcsLine('DESCRIPTION:' + 'x'.repeat(100)); // 'DESCRIPTION:xxx…\r\n xxx…'
 * ```
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/**
 * Builds an iTIP/iMIP-ready iCalendar object (RFC 5545 + 5546 + 6047) for a booking: `METHOD`,
 * one `VEVENT` with UID, SEQUENCE, a fresh DTSTAMP, DTSTART/DTEND in UTC (no TZID, so no
 * VTIMEZONE is needed), ORGANIZER, the attendee (then any `otherAttendees`) with
 * `RSVP=TRUE;PARTSTAT=NEEDS-ACTION`, and
 * `STATUS:CONFIRMED` or (with `CANCEL`) `STATUS:CANCELLED`. Text is escaped, lines are folded at
 * 75 octets, line ends are CRLF. Send the same UID with a higher SEQUENCE for every change.
 *
 * @example
 * ```ts
 * import { buildIcs } from '@workestra/notifications';
 *
 * const ics = buildIcs({
 *   method: 'REQUEST', uid: 'b_1@workestra.app', sequence: 0, dtstamp: Date.now(),
 *   start: Date.parse('2026-11-02T09:00:00Z'), end: Date.parse('2026-11-02T09:30:00Z'),
 *   summary: 'Intro call', organizer: { name: 'Ana', email: 'ana@example.com' },
 *   attendee: { name: 'Ada', email: 'ada@example.com' },
 * });
 * ics.includes('METHOD:REQUEST'); // true
 * ```
 */
export function buildIcs(input: IcsInput): string {
  if (!(input.end > input.start)) throw new RangeError('buildIcs: end must be after start');
  if (!Number.isInteger(input.sequence) || input.sequence < 0)
    throw new RangeError('buildIcs: sequence must be a non-negative integer');
  const url = safeUrl(input.meetingUrl);
  const cancel = input.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Workestra//Scheduling//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utc(input.dtstamp)}`,
    `DTSTART:${utc(input.start)}`,
    `DTEND:${utc(input.end)}`,
    `SUMMARY:${escapeIcsText(input.summary)}`,
    ...(input.description ? [`DESCRIPTION:${escapeIcsText(input.description)}`] : []),
    ...(url ? [`LOCATION:${escapeIcsText(url)}`, `URL:${url}`] : []),
    `ORGANIZER;CN=${paramValue(input.organizer.name)}:${mailto(input.organizer.email)}`,
    ...[input.attendee, ...(input.otherAttendees ?? [])].map(
      (person) =>
        `ATTENDEE;CN=${paramValue(person.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;` +
        `PARTSTAT=NEEDS-ACTION;RSVP=TRUE:${mailto(person.email)}`,
    ),
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
