import type { Booking } from '@workestra/booking-core';
import { renderHtml, renderText, type EmailContent } from './compose.js';
import { formatMeetingTime, headerText } from './format.js';
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
  >;
  readonly link: { readonly title: string; readonly description: string | null };
  readonly host: { readonly name: string; readonly email: string; readonly timeZone: string };
  /** The attendee's reschedule/cancel pages; attendee emails show them when present. */
  readonly selfService?: { readonly rescheduleUrl: string; readonly cancelUrl: string } | null;
  /** The public booking page, offered after a cancellation. */
  readonly bookingPageUrl?: string | null;
  /** The previous time, for a reschedule notice. */
  readonly previous?: { readonly start: number; readonly end: number } | null;
  /** "Now" (epoch ms): the .ics DTSTAMP. */
  readonly now: number;
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

function ics(i: BookingMessageInput, method: 'REQUEST' | 'CANCEL'): BuiltEmail['ics'] {
  return { method, content: buildBookingIcs(i, method) };
}

/** The reader's time zone: the attendee's own, or the host's. */
const zoneOf = (i: BookingMessageInput, to: Recipient): string =>
  to === 'attendee' ? i.booking.attendeeTimeZone : i.host.timeZone;
const when = (i: BookingMessageInput, to: Recipient): string =>
  formatMeetingTime(i.booking.start, i.booking.end, zoneOf(i, to));

function details(i: BookingMessageInput, to: Recipient): [string, string][] {
  const rows: [string, string][] = [
    ['What', i.link.title],
    ['When', when(i, to)],
    to === 'attendee'
      ? ['With', i.host.name]
      : ['Attendee', `${i.booking.attendeeName} <${i.booking.attendeeEmail}>`],
  ];
  if (i.booking.meetingUrl) rows.push(['Where', i.booking.meetingUrl]);
  return rows;
}

function actions(i: BookingMessageInput, to: Recipient): [string, string][] {
  const rows: [string, string][] = [];
  if (i.booking.meetingUrl) rows.push(['Join the meeting', i.booking.meetingUrl]);
  if (to === 'attendee' && i.selfService)
    rows.push(['Reschedule', i.selfService.rescheduleUrl], ['Cancel', i.selfService.cancelUrl]);
  return rows;
}

function built(
  i: BookingMessageInput,
  to: Recipient,
  subject: string,
  content: EmailContent,
  invite: BuiltEmail['ics'],
): BuiltEmail {
  return {
    to: to === 'attendee' ? attendeeOf(i) : hostOf(i),
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
    `Confirmed: ${i.link.title} with ${i.host.name}`,
    {
      heading: 'Your meeting is booked',
      intro: `Hi ${i.booking.attendeeName}, your meeting with ${i.host.name} is confirmed.`,
      details: [
        ...details(i, 'attendee'),
        ...(i.link.description ? [['About', i.link.description] as [string, string]] : []),
      ],
      actions: actions(i, 'attendee'),
      footer: INVITE_FOOTER,
    },
    ics(i, 'REQUEST'),
  );
}

/**
 * The host's notice of a new booking, with the same invitation; times in the host's zone.
 *
 * @example
 * ```ts
 * import { buildHostNoticeEmail } from '@workestra/notifications';
 * const email = buildHostNoticeEmail(input); // subject 'New booking: Intro call with Ada'
 * ```
 */
export function buildHostNoticeEmail(i: BookingMessageInput): BuiltEmail {
  return built(
    i,
    'host',
    `New booking: ${i.link.title} with ${i.booking.attendeeName}`,
    {
      heading: 'New booking',
      intro: `${i.booking.attendeeName} booked ${i.link.title} with you.`,
      details: details(i, 'host'),
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
    `Reminder: ${i.link.title} with ${i.host.name} tomorrow`,
    {
      heading: 'Your meeting is tomorrow',
      intro: `Hi ${i.booking.attendeeName}, this is a reminder of your meeting with ${i.host.name}.`,
      details: details(i, 'attendee'),
      actions: actions(i, 'attendee'),
    },
    null,
  );
}

/**
 * A reschedule notice for either side, with the updated invitation (same UID, higher SEQUENCE).
 *
 * @example
 * ```ts
 * import { buildRescheduleEmail } from '@workestra/notifications';
 * const forAttendee = buildRescheduleEmail(input, 'attendee');
 * const forHost = buildRescheduleEmail(input, 'host');
 * ```
 */
export function buildRescheduleEmail(i: BookingMessageInput, to: Recipient): BuiltEmail {
  const other = to === 'attendee' ? i.host.name : i.booking.attendeeName;
  const was = i.previous
    ? [
        ['Was', formatMeetingTime(i.previous.start, i.previous.end, zoneOf(i, to))] as [
          string,
          string,
        ],
      ]
    : [];
  return built(
    i,
    to,
    `Rescheduled: ${i.link.title} with ${other}`,
    {
      heading: 'Your meeting has moved',
      intro:
        to === 'attendee'
          ? `Hi ${i.booking.attendeeName}, your meeting with ${i.host.name} has a new time.`
          : `${i.booking.attendeeName} moved ${i.link.title} to a new time.`,
      details: [...details(i, to), ...was],
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
 * A cancellation notice for either side, with `METHOD:CANCEL` so calendars remove the event.
 *
 * @example
 * ```ts
 * import { buildCancellationEmail } from '@workestra/notifications';
 * const email = buildCancellationEmail(input, 'attendee'); // ics.method 'CANCEL'
 * ```
 */
export function buildCancellationEmail(i: BookingMessageInput, to: Recipient): BuiltEmail {
  const other = to === 'attendee' ? i.host.name : i.booking.attendeeName;
  const rows = details(i, to).filter(([label]) => label !== 'Where');
  if (i.booking.cancelReason) rows.push(['Reason', i.booking.cancelReason]);
  return built(
    i,
    to,
    `Cancelled: ${i.link.title} with ${other}`,
    {
      heading: 'Meeting cancelled',
      intro:
        to === 'attendee'
          ? `Hi ${i.booking.attendeeName}, your meeting with ${i.host.name} is cancelled.`
          : `${i.link.title} with ${i.booking.attendeeName} is cancelled.`,
      details: rows,
      actions:
        to === 'attendee' && i.bookingPageUrl ? [['Book another time', i.bookingPageUrl]] : [],
    },
    ics(i, 'CANCEL'),
  );
}
