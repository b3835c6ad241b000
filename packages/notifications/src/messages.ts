import { formatAnswerValue, type Booking } from '@workestra/booking-core';
import { renderHtml, renderText, type EmailContent } from './compose.js';
import { formatMeetingTime, headerText, joinNames } from './format.js';
import { buildBookingIcs } from './booking-ics.js';
import type { IcsPerson } from './ics.js';

/**
 * Everything a booking email is built from: plain data the handler loaded from the store.
 *
 * @example
 * ```ts
 * const input: BookingMessageInput = {
 *   booking, now: Date.now(),
 *   link: { title: 'Intro call', description: null },
 *   host: { name: 'Ana', email: 'ana@example.com', timeZone: 'Europe/Berlin' },
 *   selfService: { rescheduleUrl: 'https://workestra.app/book/reschedule/…', cancelUrl: 'https://workestra.app/book/cancel/…' },
 * };
 * ```
 */
export interface BookingMessageInput {
  readonly booking: Pick<
    Booking,
    | 'start'
    | 'end'
    | 'attendeeName'
    | 'attendeeEmail'
    | 'attendeeTimeZone'
    | 'icalUid'
    | 'icalSequence'
    | 'meetingUrl'
    | 'cancelReason'
  > & {
    /**
     * The pre-meeting form's answers (`Booking.answers`): the host's notice lists them; no
     * attendee email and no invitation (.ics) ever holds them. None when absent.
     */
    readonly answers?: Booking['answers'];
  };
  readonly link: { readonly title: string; readonly description: string | null };
  /** The booking's host (on a team link, the member the meeting went to): the organizer. */
  readonly host: HostReader;
  /**
   * A collective meeting's other hosts, who attend too: the attendee's emails name them, the
   * invite lists them as attendees, and each gets the host-side notices. None by default.
   */
  readonly coHosts?: readonly HostReader[];
  /** The attendee's reschedule/cancel pages; attendee emails show them when present. */
  readonly selfService?: { readonly rescheduleUrl: string; readonly cancelUrl: string } | null;
  /**
   * The public booking page, offered after a cancellation. The caller leaves it null when the
   * link no longer takes bookings (disabled or deleted), so no email points to a dead page.
   */
  readonly bookingPageUrl?: string | null;
  /** The host's dashboard: host-side emails link to it. None by default. */
  readonly dashboardUrl?: string | null;
  /** The previous time, for a reschedule notice. */
  readonly previous?: { readonly start: number; readonly end: number } | null;
  /** "Now" (epoch ms): the .ics DTSTAMP. */
  readonly now: number;
}

/**
 * A host who reads the host-side emails: the booking's host, or one of a collective meeting's
 * co-hosts (times in its own zone).
 *
 * @example
 * ```ts
 * const reader: HostReader = { name: 'Ben', email: 'ben@example.com', timeZone: 'Asia/Tokyo' };
 * ```
 */
export interface HostReader {
  readonly name: string;
  readonly email: string;
  readonly timeZone: string;
}

/**
 * Who a message is for.
 */
export type Recipient = 'attendee' | 'host';

/**
 * A built email: recipient, subject, text and HTML bodies and, for invites, the iCalendar object
 * with its METHOD. Transport-neutral.
 *
 * @example
 * ```ts
 * const email: BuiltEmail = buildConfirmationEmail(input);
 * email.ics?.method; // 'REQUEST'
 * ```
 */
export interface BuiltEmail {
  readonly to: IcsPerson;
  readonly replyTo: IcsPerson | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly ics: { readonly method: 'REQUEST' | 'CANCEL'; readonly content: string } | null;
}

const attendeeOf = (i: BookingMessageInput): IcsPerson => ({
  name: i.booking.attendeeName,
  email: i.booking.attendeeEmail,
});
const hostOf = (i: BookingMessageInput): IcsPerson => ({ name: i.host.name, email: i.host.email });
const personOf = (reader: HostReader): IcsPerson => ({ name: reader.name, email: reader.email });
/** Who the attendee meets: the host, then a collective meeting's co-hosts. */
const hostNames = (i: BookingMessageInput): string =>
  joinNames([i.host, ...(i.coHosts ?? [])].map((h) => h.name));

function ics(i: BookingMessageInput, method: 'REQUEST' | 'CANCEL'): BuiltEmail['ics'] {
  return { method, content: buildBookingIcs(i, method) };
}

/** The reader's time zone: the attendee's own, or the reading host's. */
const zoneOf = (i: BookingMessageInput, to: Recipient, reader: HostReader): string =>
  to === 'attendee' ? i.booking.attendeeTimeZone : reader.timeZone;
const when = (i: BookingMessageInput, to: Recipient, reader: HostReader): string =>
  formatMeetingTime(i.booking.start, i.booking.end, zoneOf(i, to, reader));

function details(i: BookingMessageInput, to: Recipient, reader: HostReader): [string, string][] {
  const rows: [string, string][] = [
    ['What', i.link.title],
    ['When', when(i, to, reader)],
    to === 'attendee'
      ? ['With', hostNames(i)]
      : ['Attendee', `${i.booking.attendeeName} <${i.booking.attendeeEmail}>`],
  ];
  // A collective meeting's hosts learn who else attends.
  if (to === 'host' && (i.coHosts ?? []).length > 0) rows.push(['Hosts', hostNames(i)]);
  if (i.booking.meetingUrl) rows.push(['Where', i.booking.meetingUrl]);
  return rows;
}

function actions(i: BookingMessageInput, to: Recipient): [string, string][] {
  const rows: [string, string][] = [];
  if (i.booking.meetingUrl) rows.push(['Join the meeting', i.booking.meetingUrl]);
  if (to === 'attendee' && i.selfService)
    rows.push(['Reschedule', i.selfService.rescheduleUrl], ['Cancel', i.selfService.cancelUrl]);
  if (to === 'host' && i.dashboardUrl) rows.push(['Open your dashboard', i.dashboardUrl]);
  return rows;
}

function built(
  i: BookingMessageInput,
  to: Recipient,
  reader: HostReader,
  subject: string,
  content: EmailContent,
  invite: BuiltEmail['ics'],
): BuiltEmail {
  return {
    to: to === 'attendee' ? attendeeOf(i) : personOf(reader),
    // The attendee's reply reaches the host, the host's reply the attendee.
    replyTo: to === 'attendee' ? hostOf(i) : attendeeOf(i),
    subject: headerText(subject),
    text: renderText(content),
    html: renderHtml(content),
    ics: invite,
  };
}

const INVITE_FOOTER = 'The attached invitation adds this meeting to your calendar.';

/**
 * The attendee's confirmation, with the invitation (`METHOD:REQUEST`) and the reschedule/cancel
 * links when available; times in the attendee's zone.
 *
 * @example
 * ```ts
 * import { buildConfirmationEmail } from '@workestra/notifications';
 * const email = buildConfirmationEmail(input); // subject 'Confirmed: Intro call with Ana'
 * ```
 */
export function buildConfirmationEmail(i: BookingMessageInput): BuiltEmail {
  return built(
    i,
    'attendee',
    i.host,
    `Confirmed: ${i.link.title} with ${hostNames(i)}`,
    {
      heading: 'Your meeting is booked',
      intro: `Hi ${i.booking.attendeeName}, your meeting with ${hostNames(i)} is confirmed.`,
      details: [
        ...details(i, 'attendee', i.host),
        ...(i.link.description ? [['About', i.link.description] as [string, string]] : []),
      ],
      actions: actions(i, 'attendee'),
      footer: INVITE_FOOTER,
    },
    ics(i, 'REQUEST'),
  );
}

/** The pre-meeting answers as detail rows: label, then the value as text (a file by name and size). */
const answerRows = (i: BookingMessageInput): [string, string][] =>
  (i.booking.answers ?? []).map((a) => [a.label, formatAnswerValue(a)]);

/**
 * The host's notice of a new booking, with the same invitation; times in the reader's zone. The
 * reader is the booking's host unless another is given (a collective meeting's co-host). The
 * pre-meeting form's answers follow the meeting's details, one row each (files by name and size);
 * the invitation never holds them.
 *
 * @example
 * ```ts
 * import { buildHostNoticeEmail } from '@workestra/notifications';
 * const email = buildHostNoticeEmail(input); // subject 'New booking: Intro call with Ada'
 * const forCoHost = buildHostNoticeEmail(input, { name: 'Ben', email: 'ben@example.com', timeZone: 'UTC' });
 * ```
 */
export function buildHostNoticeEmail(
  i: BookingMessageInput,
  reader: HostReader = i.host,
): BuiltEmail {
  return built(
    i,
    'host',
    reader,
    `New booking: ${i.link.title} with ${i.booking.attendeeName}`,
    {
      heading: 'New booking',
      intro: `${i.booking.attendeeName} booked ${i.link.title} with you.`,
      details: [...details(i, 'host', reader), ...answerRows(i)],
      actions: actions(i, 'host'),
      footer: INVITE_FOOTER,
    },
    ics(i, 'REQUEST'),
  );
}

/**
 * The attendee's reminder, sent 24 hours before the start: no invitation (the calendar has the
 * event already), the links when available.
 *
 * @example
 * ```ts
 * import { buildReminderEmail } from '@workestra/notifications';
 * const email = buildReminderEmail(input); // subject 'Reminder: Intro call with Ana tomorrow'
 * ```
 */
export function buildReminderEmail(i: BookingMessageInput): BuiltEmail {
  return built(
    i,
    'attendee',
    i.host,
    `Reminder: ${i.link.title} with ${hostNames(i)} tomorrow`,
    {
      heading: 'Your meeting is tomorrow',
      intro: `Hi ${i.booking.attendeeName}, this is a reminder of your meeting with ${hostNames(i)}.`,
      details: details(i, 'attendee', i.host),
      actions: actions(i, 'attendee'),
    },
    null,
  );
}

/**
 * A reschedule notice for either side, with the updated invitation (same UID, higher SEQUENCE).
 * A host-side notice is for the booking's host unless another `reader` is given (a co-host).
 *
 * @example
 * ```ts
 * import { buildRescheduleEmail } from '@workestra/notifications';
 * const forAttendee = buildRescheduleEmail(input, 'attendee');
 * const forHost = buildRescheduleEmail(input, 'host');
 * ```
 */
export function buildRescheduleEmail(
  i: BookingMessageInput,
  to: Recipient,
  reader: HostReader = i.host,
): BuiltEmail {
  const other = to === 'attendee' ? hostNames(i) : i.booking.attendeeName;
  const was = i.previous
    ? [
        ['Was', formatMeetingTime(i.previous.start, i.previous.end, zoneOf(i, to, reader))] as [
          string,
          string,
        ],
      ]
    : [];
  return built(
    i,
    to,
    reader,
    `Rescheduled: ${i.link.title} with ${other}`,
    {
      heading: 'Your meeting has moved',
      intro:
        to === 'attendee'
          ? `Hi ${i.booking.attendeeName}, your meeting with ${other} has a new time.`
          : `${i.booking.attendeeName} moved ${i.link.title} to a new time.`,
      details: [...details(i, to, reader), ...was],
      actions: actions(i, to),
      footer:
        to === 'attendee' && i.selfService
          ? 'Links from earlier emails no longer work; use the ones above.'
          : INVITE_FOOTER,
    },
    ics(i, 'REQUEST'),
  );
}

/**
 * A cancellation notice for either side, with `METHOD:CANCEL` so calendars remove the event. A
 * host-side notice is for the booking's host unless another `reader` is given (a co-host).
 *
 * @example
 * ```ts
 * import { buildCancellationEmail } from '@workestra/notifications';
 * const email = buildCancellationEmail(input, 'attendee'); // ics.method 'CANCEL'
 * ```
 */
export function buildCancellationEmail(
  i: BookingMessageInput,
  to: Recipient,
  reader: HostReader = i.host,
): BuiltEmail {
  const other = to === 'attendee' ? hostNames(i) : i.booking.attendeeName;
  const rows = details(i, to, reader).filter(([label]) => label !== 'Where');
  if (i.booking.cancelReason) rows.push(['Reason', i.booking.cancelReason]);
  return built(
    i,
    to,
    reader,
    `Cancelled: ${i.link.title} with ${other}`,
    {
      heading: 'Meeting cancelled',
      intro:
        to === 'attendee'
          ? `Hi ${i.booking.attendeeName}, your meeting with ${other} is cancelled.`
          : `${i.link.title} with ${i.booking.attendeeName} is cancelled.`,
      details: rows,
      actions:
        to === 'attendee'
          ? i.bookingPageUrl
            ? [['Book another time', i.bookingPageUrl]]
            : []
          : i.dashboardUrl
            ? [['Open your dashboard', i.dashboardUrl]]
            : [],
    },
    ics(i, 'CANCEL'),
  );
}
