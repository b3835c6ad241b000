import type { DateOverride, RecurringOverride, WeeklyHours } from '@workestra/slots';
import type { HourCycle } from './locales.js';

/**
 * Epoch milliseconds (UTC). Every instant in booking-core is one.
 *
 * @example
 * ```ts
 * const start: EpochMs = Date.parse('2026-11-02T09:00:00Z');
 * ```
 */
export type EpochMs = number;

/**
 * Every calendar a link can use, declared once: {@link CalendarProviderName} is derived from it, and
 * the link schemas and the SQL check read it. `none` means the link consults no external calendar.
 *
 * @example
 * ```ts
 * import { CALENDAR_PROVIDERS } from '@workestra/booking-core';
 * CALENDAR_PROVIDERS.includes('google'); // true
 * ```
 */
export const CALENDAR_PROVIDERS = Object.freeze(['none', 'google', 'microsoft'] as const);

/**
 * Calendar a link consults for free/busy and writes confirmed events into: one of
 * {@link CALENDAR_PROVIDERS}.
 */
export type CalendarProviderName = (typeof CALENDAR_PROVIDERS)[number];

/**
 * A calendar provider a host connects an account of (every provider but `none`).
 */
export type ConnectedCalendarProvider = Exclude<CalendarProviderName, 'none'>;

/**
 * What a busy interval from a host's calendar is, declared once ({@link BusyKind} is derived from
 * it; `@workestra/calendar-providers` re-exports it): `busy` is ordinary busy time,
 * `out_of_office` the host being away (round-robin can skip such a host). Slot computation
 * treats both the same: the time is not free.
 *
 * @example
 * ```ts
 * import { BUSY_KINDS } from '@workestra/booking-core';
 * BUSY_KINDS.includes('out_of_office'); // true
 * ```
 */
export const BUSY_KINDS = Object.freeze(['busy', 'out_of_office'] as const);

/**
 * One of {@link BUSY_KINDS}.
 *
 * @example
 * ```ts
 * import type { BusyKind } from '@workestra/booking-core';
 * const away: BusyKind = 'out_of_office';
 * ```
 */
export type BusyKind = (typeof BUSY_KINDS)[number];

/**
 * The outside systems a booking keeps a reference into, declared once ({@link ExternalSystem} is
 * derived from it): the calendar event, the CRM contact and the CRM deal.
 *
 * @example
 * ```ts
 * import { EXTERNAL_SYSTEMS } from '@workestra/booking-core';
 * EXTERNAL_SYSTEMS; // ['calendar', 'crm-contact', 'crm-deal']
 * ```
 */
export const EXTERNAL_SYSTEMS = Object.freeze(['calendar', 'crm-contact', 'crm-deal'] as const);

/**
 * One of {@link EXTERNAL_SYSTEMS}.
 */
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];

/**
 * Where a booking lives in an outside system: the provider that holds it and the provider's id,
 * e.g. a Google Calendar event id or a CRM deal id. Written back by follow-up handlers through
 * `StoreTx.setExternalRef`, so a later job updates or deletes that object instead of creating
 * another.
 *
 * @example
 * ```ts
 * const ref: ExternalRef = { provider: 'google', id: 'evt_8c1f' };
 * ```
 */
export interface ExternalRef {
  /** A calendar provider (`google`, `microsoft`) or the name of the CRM bridge. */
  readonly provider: string;
  /** The provider's own id of the object. */
  readonly id: string;
  /**
   * `true` when the reference was given as the booking was made (`book`'s `externalRefs`, e.g. a
   * call booked onto an existing CRM deal) rather than written back by a follow-up; absent otherwise.
   */
  readonly preset?: true;
}

/**
 * A booking's references into outside systems, by system; a system without a reference is absent.
 *
 * @example
 * ```ts
 * const refs: ExternalRefs = { calendar: { provider: 'google', id: 'evt_8c1f' } };
 * ```
 */
export type ExternalRefs = Readonly<Partial<Record<ExternalSystem, ExternalRef>>>;

/**
 * A host: a person whose time is booked. Belongs to exactly one workspace.
 *
 * @example
 * ```ts
 * const host: Host = { id: 'h_1', workspaceId: 'ws_1', email: 'ana@example.com', name: 'Ana', timeZone: 'Europe/Berlin', createdAt: 0 };
 * ```
 */
export interface Host {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly name: string;
  readonly timeZone: string;
  readonly createdAt: EpochMs;
}

/**
 * A range of time off (out of office) of a host: slots inside `[start, end)` are not offered and
 * bookings into it are refused, on every link of the host. `note` is the host's own reminder.
 *
 * @example
 * ```ts
 * const off: TimeOff = {
 *   id: 'off_1',
 *   workspaceId: 'ws_1',
 *   hostId: 'h_1',
 *   start: Date.parse('2026-12-24T00:00:00Z'),
 *   end: Date.parse('2026-12-27T00:00:00Z'),
 *   note: 'Holidays',
 * };
 * ```
 */
export interface TimeOff {
  readonly id: string;
  readonly workspaceId: string;
  readonly hostId: string;
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly note: string | null;
}

/**
 * Who is acting on the host side: the authenticated host and the workspace it belongs to. Every
 * host use-case is scoped by both, so a host never reaches another host's rows.
 *
 * @example
 * ```ts
 * const me: HostRef = { workspaceId: 'ws_1', hostId: 'host_1' };
 * ```
 */
export interface HostRef {
  readonly workspaceId: string;
  readonly hostId: string;
}

/**
 * What kind of link it is, declared once ({@link LinkKind} is derived from it; the link schemas and
 * the SQL check read it):
 *
 * - `solo`: one host (the link's `hostId`) is booked; the link has no members.
 * - `round_robin`: a team link. A slot is offered when at least one member is free; each booking
 *   goes to one free member, the next in rotation (`pickTeamMember`), who becomes its `hostId`.
 * - `collective`: a team link. A slot is offered only when every member is free; every member
 *   attends (the first member is the booking's `hostId`, the others its `coHostIds`).
 *
 * @example
 * ```ts
 * import { LINK_KINDS } from '@workestra/booking-core';
 * LINK_KINDS.includes('round_robin'); // true
 * ```
 */
export const LINK_KINDS = Object.freeze(['solo', 'round_robin', 'collective'] as const);

/** One of {@link LINK_KINDS}. */
export type LinkKind = (typeof LINK_KINDS)[number];

/**
 * One member of a team link (a host of the link's workspace), in the link's member order (the
 * rotation's tie-break). A member's availability is the link's rules with the member's own weekly
 * hours and time zone where it has them; its busy time is its own: its bookings on every link, its
 * time off and the calendar of `calendarProvider`, which also receives the events of the meetings
 * it gets.
 *
 * @example
 * ```ts
 * const member: LinkMember = {
 *   hostId: 'host_ana',
 *   weight: 2,
 *   calendarProvider: 'google',
 *   timeZone: 'Europe/Berlin',
 *   weeklyHours: null, // the link's weekly hours, in Europe/Berlin
 * };
 * ```
 */
export interface LinkMember {
  readonly hostId: string;
  /** A positive integer: a member of weight 2 gets twice the bookings of one of weight 1. */
  readonly weight: number;
  /** The member's calendar for busy time and events; `none` for no calendar. */
  readonly calendarProvider: CalendarProviderName;
  /** The member's time zone for the weekly hours; null: the link's `timeZone`. */
  readonly timeZone: string | null;
  /** The member's own weekly hours; null: the link's `weeklyHours`. */
  readonly weeklyHours: WeeklyHours | null;
}

/**
 * Every kind of file a pre-meeting form's file field may accept, declared once ({@link FileKind}
 * is derived from it; the form schemas, the SQL check on `uploads.kind` and the upload endpoint
 * read it): the MIME type an upload of the kind is served with and the file name extensions
 * (lowercase, with the dot) that identify it.
 *
 * @example
 * ```ts
 * import { FILE_KINDS } from '@workestra/booking-core';
 * FILE_KINDS.pdf.mime; // 'application/pdf'
 * FILE_KINDS.jpeg.extensions; // ['.jpg', '.jpeg']
 * ```
 */
export const FILE_KINDS = Object.freeze({
  pdf: Object.freeze({ mime: 'application/pdf', extensions: Object.freeze(['.pdf']) }),
  png: Object.freeze({ mime: 'image/png', extensions: Object.freeze(['.png']) }),
  jpeg: Object.freeze({ mime: 'image/jpeg', extensions: Object.freeze(['.jpg', '.jpeg']) }),
  gif: Object.freeze({ mime: 'image/gif', extensions: Object.freeze(['.gif']) }),
  webp: Object.freeze({ mime: 'image/webp', extensions: Object.freeze(['.webp']) }),
  txt: Object.freeze({ mime: 'text/plain', extensions: Object.freeze(['.txt']) }),
} as const satisfies Readonly<
  Record<string, { readonly mime: string; readonly extensions: readonly string[] }>
>);

/**
 * One of the keys of {@link FILE_KINDS}.
 *
 * @example
 * ```ts
 * import type { FileKind } from '@workestra/booking-core';
 * const kind: FileKind = 'pdf';
 * ```
 */
export type FileKind = keyof typeof FILE_KINDS;

/**
 * Every type of pre-meeting form field, declared once ({@link FormFieldType} is derived from it):
 * `short_text` (one line), `long_text` (paragraphs), `dropdown` (one of `options`), `checkboxes`
 * (any of `options`), `checkbox` (one box, e.g. a consent), `phone`, `url` (http or https) and
 * `file` (an upload of one of `accept`).
 *
 * @example
 * ```ts
 * import { FORM_FIELD_TYPES } from '@workestra/booking-core';
 * FORM_FIELD_TYPES.includes('dropdown'); // true
 * ```
 */
export const FORM_FIELD_TYPES = Object.freeze([
  'short_text',
  'long_text',
  'dropdown',
  'checkboxes',
  'checkbox',
  'phone',
  'url',
  'file',
] as const);

/**
 * One of {@link FORM_FIELD_TYPES}.
 *
 * @example
 * ```ts
 * import type { FormFieldType } from '@workestra/booking-core';
 * const type: FormFieldType = 'long_text';
 * ```
 */
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/**
 * One field of a link's pre-meeting form, asked besides the attendee's name and email (which are
 * always asked and are not form fields). Limits are in `FORM_LIMITS`.
 *
 * @example
 * ```ts
 * const field: FormField = {
 *   id: 'company',
 *   type: 'short_text',
 *   label: 'Company',
 *   help: null,
 *   required: true,
 *   options: [],
 *   maxLength: 200,
 *   accept: [],
 *   maxBytes: null,
 * };
 * ```
 */
export interface FormField {
  /** Stable key of the field (`[a-z0-9_-]{1,40}`), unique in the form: answers are keyed by it. */
  readonly id: string;
  readonly type: FormFieldType;
  /** What the page shows above the input (one line). */
  readonly label: string;
  /** Help text under the input, or null. */
  readonly help: string | null;
  /** A required field must be answered; a required `checkbox` must be ticked. */
  readonly required: boolean;
  /** The choices of a `dropdown` or `checkboxes` field (1 to 50, distinct); `[]` for other types. */
  readonly options: readonly string[];
  /**
   * The most characters of a `short_text` (at most 500, default 200) or `long_text` (at most
   * 5000, default 2000) answer; null for other types.
   */
  readonly maxLength: number | null;
  /** The kinds of file a `file` field accepts (at least one); `[]` for other types. */
  readonly accept: readonly FileKind[];
  /** The largest upload of a `file` field in bytes (1 to 25 MB, default 5 MB); null otherwise. */
  readonly maxBytes: number | null;
}

/**
 * The value of a `file` answer: the upload the attendee sent before booking, as it was attached.
 *
 * @example
 * ```ts
 * const file: FileAnswer = { uploadId: 'up_1', filename: 'brief.pdf', kind: 'pdf', size: 48_213 };
 * ```
 */
export interface FileAnswer {
  readonly uploadId: string;
  /** The file's name as the attendee's browser gave it. */
  readonly filename: string;
  readonly kind: FileKind;
  /** Bytes. */
  readonly size: number;
}

/**
 * One answer of a booking's pre-meeting form: a snapshot that keeps the field's `label` and
 * `type` as they were at booking time, so editing the form later never changes stored answers.
 * The value is a string (`short_text`, `long_text`, `dropdown`, `phone`, `url`), the chosen
 * options (`checkboxes`), a boolean (`checkbox`) or the attached file (`file`).
 *
 * @example
 * ```ts
 * const answer: FormAnswer = { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' };
 * ```
 */
export interface FormAnswer {
  readonly fieldId: string;
  readonly label: string;
  readonly type: FormFieldType;
  readonly value: string | readonly string[] | boolean | FileAnswer;
}

/**
 * A file an attendee uploaded for a link's `file` field before booking. Stored unattached
 * (`bookingId` null) until a booking's answer attaches it (once); unattached uploads older than a
 * while are swept (their file, then their row). `storageKey` is where the file storage keeps the
 * bytes; booking-core never reads them.
 *
 * @example
 * ```ts
 * const upload: Upload = {
 *   id: 'up_1',
 *   workspaceId: 'ws_1',
 *   linkId: 'link_1',
 *   fieldId: 'brief',
 *   filename: 'brief.pdf',
 *   kind: 'pdf',
 *   size: 48_213,
 *   storageKey: 'ws_1/up_1',
 *   bookingId: null,
 *   createdAt: Date.parse('2026-11-02T08:55:00Z'),
 * };
 * ```
 */
export interface Upload {
  readonly id: string;
  readonly workspaceId: string;
  readonly linkId: string;
  readonly fieldId: string;
  readonly filename: string;
  readonly kind: FileKind;
  /** Bytes. */
  readonly size: number;
  readonly storageKey: string;
  /** The booking whose answer holds the file; null until one does. */
  readonly bookingId: string | null;
  readonly createdAt: EpochMs;
}

/**
 * Every setting of a booking link (product doc: Identity, Availability rules, Calendar, CRM).
 *
 * @example
 * ```ts
 * const { durationMinutes, weeklyHours }: BookingLinkSettings = await core.getLink(me, link.id);
 * ```
 */
export interface BookingLinkSettings {
  /** `solo` (the host alone) or a team link; see {@link LINK_KINDS}. */
  readonly kind: LinkKind;
  /**
   * The team of a `round_robin` or `collective` link, in member order (at least one, each host
   * once); empty for a `solo` link. A team link's calendars are its members' (`calendarProvider`
   * of the link is `none`).
   */
  readonly members: readonly LinkMember[];
  readonly title: string;
  readonly description: string | null;
  /** `/book/<slug>`: lowercase letters, digits and dashes; unique among live (not deleted) links. */
  readonly slug: string;
  readonly durationMinutes: number;
  readonly bufferBeforeMinutes: number;
  readonly bufferAfterMinutes: number;
  readonly minNoticeHours: number;
  readonly maxDaysAhead: number;
  readonly timeZone: string;
  readonly weeklyHours: WeeklyHours;
  readonly dateOverrides: readonly DateOverride[];
  readonly recurringOverrides: readonly RecurringOverride[];
  readonly dailyCap: number | null;
  readonly calendarProvider: CalendarProviderName;
  readonly autoMeetingLink: boolean;
  readonly autoCreateDeal: boolean;
  readonly defaultDealStage: string | null;
  /** Minor units (cents) to avoid floating money. */
  readonly defaultDealValueMinor: number | null;
  /**
   * ISO 4217 code (uppercase, e.g. `EUR`) of the deals this link creates; null when unset, and the
   * deal's value is then shown without a currency symbol.
   */
  readonly defaultDealCurrency: string | null;
  /**
   * The pre-meeting form: the fields asked besides name and email, in page order (at most
   * `FORM_LIMITS.maxFields`); `[]` for no form.
   */
  readonly formFields: readonly FormField[];
  /**
   * The sites allowed to embed the booking page (see `@workestra/booking-core/embed`), normalized
   * with `normalizeEmbedDomain`; `[]` lets any site embed it.
   */
  readonly embedDomains: readonly string[];
}

/**
 * A booking link row. Deleted links keep their row (`deletedAt` set) so meetings keep their link.
 *
 * @example
 * ```ts
 * const link: BookingLink = await core.createLink(me, { title: 'Intro call' });
 * link.slug; // 'intro-call'
 * ```
 */
export interface BookingLink extends BookingLinkSettings {
  readonly id: string;
  readonly workspaceId: string;
  readonly hostId: string;
  readonly active: boolean;
  readonly deletedAt: EpochMs | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * Lifecycle of a booking. No-show is a flag on a past confirmed booking, not a status.
 */
export type BookingStatus = 'confirmed' | 'cancelled';

/**
 * A meeting. A full row: it survives the link being disabled or deleted.
 *
 * @example
 * ```ts
 * const minutes = (booking.end - booking.start) / 60_000; // 30 on a 30-minute link
 * ```
 */
export interface Booking {
  readonly id: string;
  readonly workspaceId: string;
  readonly linkId: string;
  /** Who is booked: the link's host, or on a team link the member the booking went to. */
  readonly hostId: string;
  /**
   * The other members who attend a `collective` link's meeting (their time is as busy as the
   * host's); empty for every other booking.
   */
  readonly coHostIds: readonly string[];
  readonly status: BookingStatus;
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** `start - bufferBefore`, `end + bufferAfter` of the link at booking time: what the DB backstop constrains. */
  readonly blockedStart: EpochMs;
  readonly blockedEnd: EpochMs;
  readonly attendeeName: string;
  readonly attendeeEmail: string;
  readonly attendeeTimeZone: string;
  /**
   * The attendee's language as a canonical BCP 47 tag (`de`, `en-GB`, `pt-BR`), as the booking
   * request (or a later reschedule) gave it; null when it did not say, and their emails are then in
   * English. Emails pick the catalog language from it with `matchAttendeeLocale`.
   */
  readonly attendeeLocale: string | null;
  /**
   * The attendee's clock, one of `HOUR_CYCLES` (`h12`: `2:30 PM`, `h23`: `14:30`), as the booking
   * request (or a later reschedule) gave it; null when it did not say: the locale's own clock.
   */
  readonly attendeeHourCycle: HourCycle | null;
  readonly noShow: boolean;
  readonly cancelReason: string | null;
  /** iCalendar UID kept across reschedules; SEQUENCE rises on every change. */
  readonly icalUid: string;
  readonly icalSequence: number;
  /**
   * Where the meeting happens online (Meet/Teams/Zoom URL), or null. Written back with the
   * calendar event's reference (`StoreTx.setExternalRef`); emails and invites show it when present.
   */
  readonly meetingUrl: string | null;
  /**
   * The calendar event, CRM contact and deal of this booking, as follow-up handlers wrote them
   * back. Only `StoreTx.setExternalRef` changes them (and `meetingUrl`); `updateBooking` keeps them.
   */
  readonly externalRefs: ExternalRefs;
  /**
   * The attendee's answers to the link's pre-meeting form as it was at booking time, in the form's
   * field order; optional fields left empty are absent. `[]` when the link had no form.
   */
  readonly answers: readonly FormAnswer[];
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * What a self-service token may do.
 */
export type TokenPurpose = 'reschedule' | 'cancel';

/**
 * A reschedule/cancel token as stored: only the SHA-256 hash of the secret, never the secret.
 *
 * @example
 * ```ts
 * const row: BookingToken = { bookingId: 'b_1', workspaceId: 'ws_1', purpose: 'cancel', tokenHash: hashToken(tokens.cancel), createdAt: 0, supersededAt: null };
 * ```
 */
export interface BookingToken {
  readonly bookingId: string;
  readonly workspaceId: string;
  readonly purpose: TokenPurpose;
  /** Lowercase hex SHA-256 of the secret token. */
  readonly tokenHash: string;
  readonly createdAt: EpochMs;
  /**
   * When a reschedule replaced this token with a new one, else null. The row is kept (still only
   * the hash) so that a link from an earlier email can say the meeting moved instead of "not valid".
   */
  readonly supersededAt: EpochMs | null;
}

/**
 * The kinds of entry in a booking's history, declared once ({@link BookingEventType} is derived
 * from it): one per state change, and `followup_failed` when a follow-up job failed for good.
 *
 * @example
 * ```ts
 * import { BOOKING_EVENT_TYPES } from '@workestra/booking-core';
 * BOOKING_EVENT_TYPES.includes('no_show'); // true
 * ```
 */
export const BOOKING_EVENT_TYPES = Object.freeze([
  'created',
  'rescheduled',
  'cancelled',
  'no_show',
  'no_show_undone',
  'followup_failed',
] as const);

/**
 * Appended on every state change of a booking; rows are never rewritten. One of
 * {@link BOOKING_EVENT_TYPES}.
 */
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

/**
 * One entry of a booking's history.
 *
 * @example
 * ```ts
 * const { events } = await core.getBooking(me, bookingId);
 * const first: BookingEvent | undefined = events[0]; // type 'created'
 * ```
 */
export interface BookingEvent {
  readonly id: string;
  readonly workspaceId: string;
  readonly bookingId: string;
  readonly type: BookingEventType;
  readonly actor: 'attendee' | 'host' | 'system';
  readonly at: EpochMs;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Every kind of follow-up work run after a booking commits, declared once: {@link JobKind} is
 * derived from it, and runners register their handlers from it, so a new kind is covered
 * wherever handlers are built from this list. A job whose kind has no handler fails at once, as a
 * wiring bug.
 *
 * @example
 * ```ts
 * import { JOB_KINDS, type JobHandlers } from '@workestra/booking-core';
 * const log: JobHandler = async (job) => console.log(job.kind, job.payload);
 * const handlers: JobHandlers = Object.fromEntries(JOB_KINDS.map((kind) => [kind, log]));
 * ```
 */
export const JOB_KINDS = Object.freeze([
  'crm.sync',
  'calendar.create',
  'calendar.update',
  'calendar.delete',
  'email.confirmation',
  'email.host-notice',
  'email.reminder',
  'email.reschedule',
  'email.cancellation',
] as const);

/** A kind of follow-up work: one of {@link JOB_KINDS}. */
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * A job as queued. `idempotencyKey` is unique: enqueueing the same key twice keeps one job.
 *
 * @example
 * ```ts
 * const job: NewJob = { kind: 'crm.sync', payload: { bookingId: 'b_1' }, runAt: Date.now(), idempotencyKey: 'b_1:crm.sync:0' };
 * ```
 */
export interface NewJob {
  readonly kind: JobKind;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly runAt: EpochMs;
  readonly idempotencyKey: string;
  /** Attempts before the job ends `failed`. Stores default it to 5 when absent. */
  readonly maxAttempts?: number;
}

/**
 * Job states: pending (waiting or retrying), running (claimed), done, failed (gave up), cancelled.
 *
 * @example
 * ```ts
 * import { JOB_STATUSES, type JobStatus } from '@workestra/booking-core';
 * const isStatus = (s: string): s is JobStatus => (JOB_STATUSES as readonly string[]).includes(s);
 * ```
 */
export const JOB_STATUSES = Object.freeze([
  'pending',
  'running',
  'done',
  'failed',
  'cancelled',
] as const);

/** A job's state: one of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A durable job row. `attempts` counts claims (it rises when a worker claims the job), so a worker
 * that crashes mid-job still uses up an attempt.
 *
 * @example
 * ```ts
 * const failed: Job[] = await jobs.listJobs({ status: 'failed' });
 * ```
 */
export interface Job extends NewJob {
  readonly id: string;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly lockedBy: string | null;
  readonly lockedUntil: EpochMs | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}
