import {
  BOOKING_EVENT_TYPES,
  BOOKING_PAGE_SIZE,
  CALENDAR_PROVIDERS,
  EXTERNAL_SYSTEMS,
  JOB_KINDS,
  JOB_STATUSES,
  FILE_KINDS,
  FORM_FIELD_TYPES,
  HOUR_CYCLES,
  LINK_KINDS,
  type FileKind,
  bookInputSchema,
  bookingListFilterSchema,
  bookingListQuerySchema,
  cancelInputSchema,
  createLinkInputSchema,
  dateOverrideSchema,
  hostCancelInputSchema,
  publicSlotsInputSchema,
  recurringOverrideSchema,
  rescheduleInputSchema,
  TIME_OFF_LIMITS,
  timeOffInputSchema,
  timeZoneSchema,
  tokenViewInputSchema,
  updateLinkInputSchema,
  weeklyHoursSchema,
} from '@workestra/booking-core';
import { CALENDAR_CONNECTION_STATES } from '@workestra/store';
import { z } from 'zod';
import { DEAL_TOKEN_MAX_LENGTH } from './deal-tokens.js';

/*
 * The HTTP shapes of docs/http-api.md as zod schemas: requests are parsed with them (most reuse
 * booking-core's own input schemas), responses are described by them, and the OpenAPI document is
 * generated from both. Tests parse real responses with the response schemas, so the document
 * cannot drift from what the server answers.
 */

// ---- requests ----

/** Emails are compared lowercased and trimmed, everywhere. */
const email = z.string().trim().toLowerCase().pipe(z.email().max(320));

export const signupBodySchema = z.object({
  email,
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  name: z.string().trim().min(1).max(200),
  timeZone: timeZoneSchema,
});
/** Accepting an invite is a signup whose email is the invite's. */
export const acceptInviteBodySchema = signupBodySchema.omit({ email: true });
export const inviteBodySchema = z.object({ email });
export const loginBodySchema = z.object({ email, password: z.string().min(1).max(200) });
/**
 * booking-core's `instantSchema` with a message that says what is expected (a bare union error
 * reads "Invalid input"). Same accepted values, same epoch-ms output.
 */
const instantInput = z
  .union(
    [z.number().int().nonnegative().max(8_640_000_000_000_000), z.iso.datetime({ offset: true })],
    {
      error: 'must be an ISO-8601 instant such as 2026-11-02T14:00:00Z (or epoch milliseconds)',
    },
  )
  .transform((value) => (typeof value === 'number' ? value : Date.parse(value)));

export const slotsQuerySchema = publicSlotsInputSchema
  .omit({ slug: true })
  .extend({ from: instantInput, to: instantInput });
export const bookBodySchema = bookInputSchema.omit({ slug: true }).extend({
  start: instantInput,
  dealToken: z
    .string()
    .min(1)
    .max(DEAL_TOKEN_MAX_LENGTH)
    .optional()
    .describe(
      'From a "Schedule a call" link (`dealToken` in its query): the booking attaches to that CRM deal',
    ),
});
export const tokenQuerySchema = tokenViewInputSchema
  .omit({ token: true })
  .extend({ from: instantInput.optional(), to: instantInput.optional() });
export const rescheduleBodySchema = rescheduleInputSchema
  .omit({ token: true })
  .extend({ start: instantInput });
export const tokenCancelBodySchema = cancelInputSchema.omit({ token: true });
export const createLinkBodySchema = createLinkInputSchema;
export const updateLinkBodySchema = updateLinkInputSchema;
/** Query strings carry text: the page size is coerced to a number, within booking-core's bounds. */
const pageLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(BOOKING_PAGE_SIZE.max)
  .describe(`Page size: default ${BOOKING_PAGE_SIZE.default}, at most ${BOOKING_PAGE_SIZE.max}`);
export const bookingsQuerySchema = z.object({
  filter: bookingListFilterSchema.default('upcoming'),
  limit: pageLimit.optional(),
  cursor: bookingListQuerySchema.shape.cursor.describe(
    'The nextCursor of the previous page of the same filter (opaque)',
  ),
  from: instantInput.optional().describe('Only meetings starting at or after this instant'),
  to: instantInput.optional().describe('Only meetings starting before this instant'),
});
export const hostCancelBodySchema = hostCancelInputSchema.omit({ bookingId: true });
/** The host's time off overlapping `[from, to)`: `to` after `from`, at most 731 days later. */
export const timeOffQuerySchema = z.object({
  from: instantInput.describe('Ranges ending after this instant'),
  to: instantInput.describe(
    `Ranges starting before this instant (at most ${TIME_OFF_LIMITS.maxListDays} days after from)`,
  ),
});
/**
 * A new time-off range with the instants as the HTTP API spells them; booking-core's
 * `timeOffInputSchema` then checks the range (end after start, at most 366 days).
 */
export const timeOffBodySchema = z.object({
  start: instantInput,
  end: instantInput.describe(
    `After start, at most ${TIME_OFF_LIMITS.maxRangeDays} days later (the range is [start, end))`,
  ),
  note: timeOffInputSchema.shape.note.describe(
    `At most ${TIME_OFF_LIMITS.maxNoteLength} characters; empty or absent means no note`,
  ),
});

// ---- responses ----

/** An instant in responses: ISO-8601 UTC with `Z`. */
const instant = z.iso.datetime();
const timeZone = z.string().describe('IANA time zone name');

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .unknown()
      .optional()
      .describe(
        'For VALIDATION_FAILED: [{ path, message }]; for SLUG_TAKEN: { slug, suggestion } (a free slug, or null)',
      ),
  }),
});

export const hostSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  email: z.string(),
  name: z.string(),
  timeZone,
});
export const sessionResponseSchema = z.object({ host: hostSchema, csrfToken: z.string() });

/** A provider a host can connect (`google`, `microsoft`): booking-core's providers but `none`. */
export const connectedProviderSchema = z.enum(CALENDAR_PROVIDERS).exclude(['none']);

export const linkMemberJsonSchema = z.object({
  hostId: z.string(),
  weight: z.number().int().describe('Round robin: a member of weight 2 gets twice the bookings'),
  calendarProvider: z.enum(CALENDAR_PROVIDERS),
  timeZone: timeZone.nullable().describe("null: the link's time zone"),
  weeklyHours: weeklyHoursSchema.nullable().describe("null: the link's weekly hours"),
});

/** A field of a link's pre-meeting form, as the API answers it (booking-core's `FormField`). */
export const formFieldJsonSchema = z.object({
  id: z.string().describe('Stable key of the field: the booking answers it under this id'),
  type: z.enum(FORM_FIELD_TYPES),
  label: z.string(),
  help: z.string().nullable(),
  required: z.boolean(),
  options: z.array(z.string()).describe('dropdown and checkboxes: the choices; [] otherwise'),
  maxLength: z.number().int().nullable().describe('short_text and long_text; null otherwise'),
  accept: z
    .array(z.enum(Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]]))
    .describe('file: the kinds accepted, checked by content; [] otherwise'),
  maxBytes: z.number().int().nullable().describe('file: the size limit in bytes; null otherwise'),
});

/** One answer stored with a booking: a snapshot of its field's label and type at booking time. */
export const formAnswerJsonSchema = z.object({
  fieldId: z.string(),
  label: z.string(),
  type: z.enum(FORM_FIELD_TYPES),
  value: z
    .union([
      z.string(),
      z.array(z.string()),
      z.boolean(),
      z.object({
        uploadId: z.string(),
        filename: z.string(),
        kind: z.enum(Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]]),
        size: z.number().int(),
      }),
    ])
    .describe('text, the chosen options, the consent, or the uploaded file'),
});

export const linkSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  hostId: z.string().describe('The host who owns the link'),
  kind: z
    .enum(LINK_KINDS)
    .describe(
      'solo: the host alone; round_robin: each booking goes to one free member in rotation; collective: every member attends',
    ),
  members: z
    .array(linkMemberJsonSchema)
    .describe('A team link’s members in order (empty for solo links)'),
  formFields: z
    .array(formFieldJsonSchema)
    .describe('The pre-meeting form, in order (empty: name and email only)'),
  embedDomains: z
    .array(z.string())
    .describe(
      'Sites allowed to embed the booking page: host, *.host, host:port or https://host (empty: any site)',
    ),
  title: z.string(),
  description: z.string().nullable(),
  slug: z.string(),
  durationMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  minNoticeHours: z.number().int(),
  maxDaysAhead: z.number().int(),
  timeZone,
  weeklyHours: weeklyHoursSchema,
  dateOverrides: z.array(dateOverrideSchema),
  recurringOverrides: z.array(recurringOverrideSchema),
  dailyCap: z.number().int().nullable(),
  calendarProvider: z.enum(CALENDAR_PROVIDERS),
  autoMeetingLink: z.boolean(),
  autoCreateDeal: z.boolean(),
  defaultDealStage: z.string().nullable(),
  defaultDealValueMinor: z.number().int().nullable(),
  defaultDealCurrency: z
    .string()
    .nullable()
    .describe('ISO 4217 code of the deals this link creates (e.g. EUR), or null'),
  active: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
  publicUrl: z.string().describe('<PUBLIC_URL>/book/<slug>'),
});

export const publicLinkSchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  durationMinutes: z.number().int(),
  hostName: z.string(),
  hostTimeZone: timeZone,
  maxDaysAhead: z.number().int(),
  minNoticeHours: z.number().int(),
  kind: z.enum(LINK_KINDS),
  members: z
    .array(z.object({ name: z.string() }))
    .describe('A team link’s members (their names only); empty for solo links'),
  formFields: z
    .array(formFieldJsonSchema)
    .describe('The pre-meeting form to fill in before booking (empty: name and email only)'),
});

export const daySlotsSchema = z.object({
  date: z.string().describe('YYYY-MM-DD in the requested time zone'),
  slots: z.array(z.object({ start: instant, end: instant })),
});
export const slotsResponseSchema = z.object({ timeZone, days: z.array(daySlotsSchema) });

const meetingUrl = z
  .string()
  .nullable()
  .describe('The online meeting (Meet/Teams) once the calendar event is written; else null');

const meetingLinkRequested = z
  .boolean()
  .describe(
    'The link asks for an online meeting: while meetingUrl is null, it is still being created',
  );

export const publicBookingSchema = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'cancelled']),
  start: instant,
  end: instant,
  attendeeName: z.string(),
  attendeeEmail: z.string(),
  attendeeTimeZone: timeZone,
  hostName: z.string().describe('Who is booked (on a team link, the member it went to)'),
  coHostNames: z
    .array(z.string())
    .describe('A collective meeting’s other members (its co-hosts); empty otherwise'),
  hostTimeZone: timeZone,
  linkTitle: z.string(),
  linkSlug: z.string(),
  meetingUrl,
  meetingLinkRequested,
});

export const bookResponseSchema = z.object({
  booking: publicBookingSchema,
  rescheduleToken: z.string(),
  cancelToken: z.string(),
  rescheduleUrl: z.string(),
  cancelUrl: z.string(),
});

/** Answer of a reschedule: the moved booking and the rotated self-service tokens. */
export const rescheduleResponseSchema = z.object({
  booking: publicBookingSchema,
  rescheduleToken: z.string().optional(),
  cancelToken: z.string().optional(),
  rescheduleUrl: z.string().optional(),
  cancelUrl: z.string().optional(),
});

export const tokenViewSchema = z.object({
  purpose: z.enum(['reschedule', 'cancel']),
  booking: z.object({
    start: instant,
    end: instant,
    attendeeName: z.string(),
    attendeeEmail: z.string(),
    attendeeTimeZone: timeZone,
    meetingUrl,
    meetingLinkRequested,
  }),
  link: z.object({ title: z.string(), slug: z.string(), durationMinutes: z.number() }),
  hostName: z.string().describe('Who is booked (on a team link, the member it went to)'),
  coHostNames: z
    .array(z.string())
    .describe('A collective meeting’s other members (its co-hosts); empty otherwise'),
  hostTimeZone: timeZone.describe('The zone the host reads the meeting’s time in'),
  linkActive: z.boolean(),
  timeZone,
  slots: z.array(daySlotsSchema).nullable(),
});

/** Where a booking lives in an outside system, by system (a system without one is absent). */
export const externalRefsSchema = z
  .partialRecord(
    z.enum(EXTERNAL_SYSTEMS),
    z.object({
      provider: z.string().describe('google, microsoft, or the CRM bridge’s name'),
      id: z.string().describe('The provider’s id of the event, contact or deal'),
      preset: z
        .literal(true)
        .optional()
        .describe(
          'Set when the booking was made with the reference (a call booked onto a CRM deal from “Schedule a call”)',
        ),
    }),
  )
  .describe('The calendar event, CRM contact and deal of the booking, once written back');

/** A host as a booking names it. */
const bookingPersonSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const hostBookingSchema = z.object({
  id: z.string(),
  linkId: z.string(),
  linkTitle: z.string().nullable().describe('kept when the link was deleted; null if unknown'),
  linkSlug: z.string().nullable().describe('null when the link was deleted'),
  linkDeleted: z.boolean().describe('the link was deleted (its title is kept)'),
  status: z.enum(['confirmed', 'cancelled']),
  start: instant,
  end: instant,
  attendeeName: z.string(),
  attendeeEmail: z.string(),
  attendeeTimeZone: timeZone,
  attendeeLocale: z
    .string()
    .nullable()
    .describe(
      'The attendee’s language (canonical BCP 47 tag) as their booking or latest reschedule sent it; null when never sent',
    ),
  attendeeHourCycle: z
    .enum(HOUR_CYCLES)
    .nullable()
    .describe(
      'The attendee’s clock as their booking or latest reschedule sent it; null: their language’s own',
    ),
  noShow: z.boolean(),
  cancelReason: z.string().nullable(),
  meetingUrl,
  externalRefs: externalRefsSchema,
  followUpFailures: z
    .array(
      z.object({
        kind: z.enum(JOB_KINDS),
        at: instant,
        attempts: z.number().int().min(0),
        error: z.string(),
      }),
    )
    .describe(
      'Follow-ups that failed for good (e.g. crm.sync when the CRM stayed down); the booking stands',
    ),
  createdAt: instant,
  updatedAt: instant,
  host: bookingPersonSchema
    .nullable()
    .describe('Who is booked (on a team link, the member it went to); null if the host is gone'),
  coHosts: z
    .array(bookingPersonSchema)
    .describe('The other members attending a collective link’s meeting; empty otherwise'),
  answers: z
    .array(formAnswerJsonSchema)
    .describe('The pre-meeting form as the attendee answered it (files: download by uploadId)'),
});

export const bookingEventSchema = z.object({
  type: z.enum(BOOKING_EVENT_TYPES),
  actor: z.enum(['attendee', 'host', 'system']),
  at: instant,
  data: z.record(z.string(), z.unknown()),
});

export const linkResponseSchema = z.object({ link: linkSchema });
export const linksResponseSchema = z.object({ links: z.array(linkSchema) });
export const publicLinkResponseSchema = z.object({ link: publicLinkSchema });
export const publicBookingResponseSchema = z.object({ booking: publicBookingSchema });
export const hostBookingResponseSchema = z.object({ booking: hostBookingSchema });
export const hostBookingsResponseSchema = z.object({
  bookings: z.array(hostBookingSchema),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor (same filter) for the next page; null on the last page'),
});
/** The longest `lastError` a follow-up shows; the rest of what the job recorded is cut. */
export const FOLLOW_UP_ERROR_MAX_LENGTH = 500;

/** One follow-up job of a booking, as its host sees it (`GET /api/host/bookings/:id`). */
export const followUpSchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  status: z
    .enum(JOB_STATUSES)
    .describe(
      'pending: waiting for its first try or, after a failed attempt, for its retry; running: being tried; failed: gave up',
    ),
  attempts: z.number().int().min(0).describe('Attempts started so far'),
  maxAttempts: z.number().int().min(1),
  lastError: z
    .string()
    .max(FOLLOW_UP_ERROR_MAX_LENGTH)
    .nullable()
    .describe(
      `The last attempt's error (at most ${FOLLOW_UP_ERROR_MAX_LENGTH} characters); null if none failed`,
    ),
  nextAttemptAt: instant
    .nullable()
    .describe('When it is tried next, while pending; null otherwise'),
  updatedAt: instant,
});

export const bookingDetailsResponseSchema = z.object({
  booking: hostBookingSchema,
  events: z.array(bookingEventSchema),
  followUps: z
    .array(followUpSchema)
    .describe('Every follow-up job of the booking (emails, calendar, CRM), oldest first'),
});
export const timeOffSchema = z.object({
  id: z.string(),
  start: instant,
  end: instant.describe('Exclusive: the range is [start, end)'),
  note: z.string().nullable(),
});
export const timeOffListResponseSchema = z.object({ timeOff: z.array(timeOffSchema) });
export const timeOffResponseSchema = z.object({ timeOff: timeOffSchema });
export const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  createdAt: instant,
  expiresAt: instant,
});
export const inviteCreatedResponseSchema = z.object({
  invite: inviteSchema,
  url: z
    .string()
    .describe('<PUBLIC_URL>/invite/<token>: shown this once (only a hash of the token is kept)'),
  emailSent: z
    .boolean()
    .describe('Whether the invite email went out; when false, share the url yourself'),
});
export const invitesResponseSchema = z.object({
  invites: z
    .array(inviteSchema)
    .describe('Pending invites (not accepted, not expired), newest first'),
});
export const inviteViewSchema = z.object({
  workspaceName: z.string().optional().describe('Absent when the workspace has no name'),
  invitedBy: z.string().describe('The inviting host’s name'),
  email: z.string().describe('The email the account will have'),
});
export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  timeZone,
  calendars: z
    .array(connectedProviderSchema)
    .describe(
      'The member’s connected calendar providers (usable as a team link member’s calendar)',
    ),
});
export const membersResponseSchema = z.object({ members: z.array(memberSchema) });
export const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']) });

export type LinkJson = z.infer<typeof linkSchema>;
export type FormFieldJson = z.infer<typeof formFieldJsonSchema>;
export type FormAnswerJson = z.infer<typeof formAnswerJsonSchema>;
export type HostJson = z.infer<typeof hostSchema>;
export type TimeOffJson = z.infer<typeof timeOffSchema>;
export type PublicBookingJson = z.infer<typeof publicBookingSchema>;
export type HostBookingJson = z.infer<typeof hostBookingSchema>;
export type DaySlotsJson = z.infer<typeof daySlotsSchema>;
export type TokenViewJson = z.infer<typeof tokenViewSchema>;
export type BookingEventJson = z.infer<typeof bookingEventSchema>;
export type FollowUpJson = z.infer<typeof followUpSchema>;
export type LinkMemberJson = z.infer<typeof linkMemberJsonSchema>;
export type InviteJson = z.infer<typeof inviteSchema>;
export type MemberJson = z.infer<typeof memberSchema>;
export type BookingPersonJson = z.infer<typeof bookingPersonSchema>;

/** One email whose delivery is undecided (see `GET /api/host/uncertain-emails`). */
export const uncertainEmailSchema = z.object({
  bookingId: z.string().nullable(),
  kind: z.string().describe('The follow-up that sent it, e.g. email.confirmation'),
  recipient: z.string(),
  messageId: z.string().describe('Look it up in the mail server log'),
  status: z
    .enum(['unknown', 'sending'])
    .describe('unknown: undecided; sending: its sender stopped before recording an outcome'),
  error: z.string().nullable(),
  since: instant,
});
export const uncertainEmailsResponseSchema = z.object({
  emails: z.array(uncertainEmailSchema),
});

/** A calendar id as the provider spells it (`primary`, an email address, a Graph id). */
const calendarId = z.string().trim().min(1).max(500);

/** One of the host's calendar connections (tokens never leave the server). */
export const calendarConnectionSchema = z.object({
  provider: connectedProviderSchema,
  accountEmail: z
    .string()
    .nullable()
    .describe('The account consented with, when the provider said'),
  calendarsToCheck: z.array(z.string()).describe('Calendars whose events block time'),
  writeCalendar: z.string().describe('The calendar bookings are written into'),
  state: z.enum(CALENDAR_CONNECTION_STATES),
  stateSince: instant,
  lastError: z.string().nullable(),
  createdAt: instant,
});
export const calendarConnectionsResponseSchema = z.object({
  connections: z.array(calendarConnectionSchema),
  providers: z
    .array(connectedProviderSchema)
    .describe('Providers this server is configured for (the others cannot be connected)'),
});
export const calendarConnectStartResponseSchema = z.object({
  url: z.url().describe('Send the host here to consent; the provider returns to the callback'),
});
export const calendarCallbackQuerySchema = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z.string().max(200).optional().describe('Set by the provider when the host declined'),
});
/** One calendar of a connected account (`primary` is the account's primary or default calendar). */
export const providerCalendarSchema = z.object({
  id: z.string().describe('The id to use in calendarsToCheck / writeCalendar'),
  name: z.string(),
  primary: z.boolean(),
  canWrite: z.boolean().describe('Whether bookings can be written into it'),
  timeZone: z.string().nullable().describe('The calendar’s IANA zone, when the provider tells'),
});
export const calendarListResponseSchema = z.object({
  accountEmail: z.string().nullable().describe('The connected account, when the provider tells'),
  calendars: z
    .array(providerCalendarSchema)
    .describe('Every calendar of the account, primary first'),
});
export const calendarSelectionBodySchema = z
  .object({
    calendarsToCheck: z.array(calendarId).min(1).max(50),
    writeCalendar: calendarId,
  })
  .strict();
