import { formatAnswerValue, type Booking, type HourCycle } from '@workestra/booking-core';
import { renderHtml, renderText, type EmailContent } from './compose.js';
import { formatMeetingTime, headerText, joinNames } from './format.js';
import { emailLanguageFor, ENGLISH, type EmailLanguage } from './i18n.js';
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
    /**
     * The attendee's language, a canonical BCP 47 tag (`de`, `en-GB`, `pt-BR`): the attendee's
     * emails are written in its catalog language (English when null or without a catalog) and
     * their dates in this tag's style. Host-side emails stay English.
     */
    readonly attendeeLocale?: string | null;
    /** The attendee's clock (`h12` or `h23`) in their emails; null keeps the locale's own. */
    readonly attendeeHourCycle?: HourCycle | null;
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
/**
 * Who the attendee meets: the host, then a collective meeting's co-hosts, listed as `lang` writes
 * lists (English keeps the package's own list form, the one host emails use).
 */
const hostNames = (i: BookingMessageInput, lang: EmailLanguage = ENGLISH): string =>
  joinNames(
    [i.host, ...(i.coHosts ?? [])].map((h) => h.name),
    lang.language === 'en' ? null : lang.locale,
  );

function ics(i: BookingMessageInput, method: 'REQUEST' | 'CANCEL'): BuiltEmail['ics'] {
  return { method, content: buildBookingIcs(i, method) };
}

/** The reader's language: the attendee's, or English for a host. */
const languageOf = (i: BookingMessageInput, to: Recipient): EmailLanguage =>
  to === 'attendee' ? emailLanguageFor(i.booking) : ENGLISH;

/** The reader's time zone: the attendee's own, or the reading host's. */
const zoneOf = (i: BookingMessageInput, to: Recipient, reader: HostReader): string =>
  to === 'attendee' ? i.booking.attendeeTimeZone : reader.timeZone;

/**
 * A time range as the reader reads it: in the attendee's zone, locale and clock, or in the reading
 * host's zone in US English.
 */
function timeFor(
  i: BookingMessageInput,
  to: Recipient,
  reader: HostReader,
  range: { readonly start: number; readonly end: number },
): string {
  const zone = zoneOf(i, to, reader);
  if (to === 'host') return formatMeetingTime(range.start, range.end, zone);
  const lang = languageOf(i, to);
  // An attendee without a language keeps the emails' long-standing US English dates.
  const locale = i.booking.attendeeLocale ? lang.locale : null;
  return formatMeetingTime(range.start, range.end, zone, { locale, hourCycle: lang.hourCycle });
}

/** A detail row: its catalog id (or a host-only label's own id) and the label and value shown. */
type Row = { readonly id: string; readonly row: [string, string] };

function details(i: BookingMessageInput, to: Recipient, reader: HostReader): Row[] {
  const { t } = languageOf(i, to);
  const rows: Row[] = [
    { id: 'label.what', row: [t('label.what'), i.link.title] },
    { id: 'label.when', row: [t('label.when'), timeFor(i, to, reader, i.booking)] },
    to === 'attendee'
      ? { id: 'label.with', row: [t('label.with'), hostNames(i, languageOf(i, to))] }
      : {
          id: 'host.attendee',
          row: ['Attendee', `${i.booking.attendeeName} <${i.booking.attendeeEmail}>`],
        },
  ];
  // A collective meeting's hosts learn who else attends.
  if (to === 'host' && (i.coHosts ?? []).length > 0)
    rows.push({ id: 'host.hosts', row: ['Hosts', hostNames(i)] });
  if (i.booking.meetingUrl)
    rows.push({ id: 'label.where', row: [t('label.where'), i.booking.meetingUrl] });
  return rows;
}

const rowsOf = (rows: readonly Row[]): [string, string][] => rows.map((r) => r.row);

function actions(i: BookingMessageInput, to: Recipient): [string, string][] {
  const { t } = languageOf(i, to);
  const rows: [string, string][] = [];
  if (i.booking.meetingUrl) rows.push([t('action.join'), i.booking.meetingUrl]);
  if (to === 'attendee' && i.selfService)
    rows.push(
      [t('action.reschedule'), i.selfService.rescheduleUrl],
      [t('action.cancel'), i.selfService.cancelUrl],
    );
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
  const lang = languageOf(i, to);
  return {
    to: to === 'attendee' ? attendeeOf(i) : personOf(reader),
    // The attendee's reply reaches the host, the host's reply the attendee.
    replyTo: to === 'attendee' ? hostOf(i) : attendeeOf(i),
    subject: headerText(subject),
    text: renderText({ ...content, line: (label, value) => lang.t('text.line', { label, value }) }),
    html: renderHtml({ ...content, lang: lang.locale }),
    ics: invite,
  };
}

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
  const lang = languageOf(i, 'attendee');
  const { t } = lang;
  const names = { title: i.link.title, hosts: hostNames(i, lang), name: i.booking.attendeeName };
  return built(
    i,
    'attendee',
    i.host,
    t('confirmation.subject', names),
    {
      heading: t('confirmation.heading'),
      intro: t('confirmation.intro', names),
      details: [
        ...rowsOf(details(i, 'attendee', i.host)),
        ...(i.link.description ? [[t('label.about'), i.link.description] as [string, string]] : []),
      ],
      actions: actions(i, 'attendee'),
      footer: t('footer.invite'),
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
      details: [...rowsOf(details(i, 'host', reader)), ...answerRows(i)],
      actions: actions(i, 'host'),
      footer: ENGLISH.t('footer.invite'),
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
  const lang = languageOf(i, 'attendee');
  const { t } = lang;
  const names = { title: i.link.title, hosts: hostNames(i, lang), name: i.booking.attendeeName };
  return built(
    i,
    'attendee',
    i.host,
    t('reminder.subject', names),
    {
      heading: t('reminder.heading'),
      intro: t('reminder.intro', names),
      details: rowsOf(details(i, 'attendee', i.host)),
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
  const lang = languageOf(i, to);
  const { t } = lang;
  const was: [string, string][] = i.previous
    ? [[t('label.was'), timeFor(i, to, reader, i.previous)]]
    : [];
  const content = { details: [...rowsOf(details(i, to, reader)), ...was], actions: actions(i, to) };
  if (to === 'host') {
    return built(
      i,
      to,
      reader,
      `Rescheduled: ${i.link.title} with ${i.booking.attendeeName}`,
      {
        heading: 'Your meeting has moved',
        intro: `${i.booking.attendeeName} moved ${i.link.title} to a new time.`,
        ...content,
        footer: t('footer.invite'),
      },
      ics(i, 'REQUEST'),
    );
  }
  const names = { title: i.link.title, hosts: hostNames(i, lang), name: i.booking.attendeeName };
  return built(
    i,
    to,
    reader,
    t('reschedule.subject', names),
    {
      heading: t('reschedule.heading'),
      intro: t('reschedule.intro', names),
      ...content,
      footer: i.selfService ? t('reschedule.footer') : t('footer.invite'),
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
  const lang = languageOf(i, to);
  const { t } = lang;
  // The meeting's place is gone with the meeting.
  const rows = rowsOf(details(i, to, reader).filter((r) => r.id !== 'label.where'));
  if (i.booking.cancelReason) rows.push([t('label.reason'), i.booking.cancelReason]);
  if (to === 'host') {
    return built(
      i,
      to,
      reader,
      `Cancelled: ${i.link.title} with ${i.booking.attendeeName}`,
      {
        heading: 'Meeting cancelled',
        intro: `${i.link.title} with ${i.booking.attendeeName} is cancelled.`,
        details: rows,
        actions: i.dashboardUrl ? [['Open your dashboard', i.dashboardUrl]] : [],
      },
      ics(i, 'CANCEL'),
    );
  }
  const names = { title: i.link.title, hosts: hostNames(i, lang), name: i.booking.attendeeName };
  return built(
    i,
    to,
    reader,
    t('cancellation.subject', names),
    {
      heading: t('cancellation.heading'),
      intro: t('cancellation.intro', names),
      details: rows,
      actions: i.bookingPageUrl ? [[t('action.bookAnother'), i.bookingPageUrl]] : [],
    },
    ics(i, 'CANCEL'),
  );
}
