import {
  CALENDAR_PROVIDERS,
  FILE_KINDS,
  LINK_KINDS,
  type Booking,
  type BookingLink,
  type FileKind,
  type HourCycle,
  type LinkMember,
  type BookingEvent,
  type BookingEventType,
  type BookingStatus,
  type ExternalRefs,
  type JobKind,
  type JobStatus,
  type MessageStatus,
  type TokenPurpose,
  type ConnectedCalendarProvider,
} from '@workestra/booking-core';
import {
  CALENDAR_CONNECTION_STATES,
  type CalendarConnectionState,
} from '../calendar-connection-store.js';
import { CRM_MEETING_STATUSES, type CrmMeetingStatus } from '../crm-store.js';
import { sqlList } from './sql-list.js';
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * SQLite tables. Instants are integer epoch ms, booleans 0/1, JSON as text. Rows read from here
 * have the same shape as those of `./pg.ts`, so one set of mappers serves both dialects.
 */

const instant = (name: string) => integer(name, { mode: 'number' });
const flag = (name: string) => integer(name, { mode: 'boolean' });

export const workspaces = sqliteTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name'),
  createdAt: instant('created_at').notNull(),
});

export const hosts = sqliteTable(
  'hosts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [unique('hosts_workspace_id_id_unique').on(t.workspaceId, t.id)],
);

export const hostCredentials = sqliteTable('host_credentials', {
  hostId: text('host_id')
    .primaryKey()
    .references(() => hosts.id),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    hostId: text('host_id')
      .notNull()
      .references(() => hosts.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('sessions_expires_at_idx').on(t.expiresAt)],
);

/**
 * A host's invitation of a teammate into its workspace (the reference server's members). Only
 * the SHA-256 hash of the token in the invite URL is stored; `used_at` is set once, by the
 * accepting signup's conditional update.
 */
export const hostInvites = sqliteTable(
  'host_invites',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by')
      .notNull()
      .references(() => hosts.id),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [index('host_invites_workspace_id_idx').on(t.workspaceId, t.createdAt)],
);

export const bookingLinks = sqliteTable(
  'booking_links',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    hostId: text('host_id').notNull(),
    /** One of booking-core's `LINK_KINDS`; rows from before team links are `solo`. */
    kind: text('kind').$type<BookingLink['kind']>().notNull().default('solo'),
    title: text('title').notNull(),
    description: text('description'),
    slug: text('slug').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull(),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull(),
    minNoticeHours: integer('min_notice_hours').notNull(),
    maxDaysAhead: integer('max_days_ahead').notNull(),
    timeZone: text('time_zone').notNull(),
    weeklyHours: text('weekly_hours', { mode: 'json' })
      .$type<BookingLink['weeklyHours']>()
      .notNull(),
    dateOverrides: text('date_overrides', { mode: 'json' })
      .$type<BookingLink['dateOverrides']>()
      .notNull(),
    recurringOverrides: text('recurring_overrides', { mode: 'json' })
      .$type<BookingLink['recurringOverrides']>()
      .notNull(),
    dailyCap: integer('daily_cap'),
    calendarProvider: text('calendar_provider').$type<BookingLink['calendarProvider']>().notNull(),
    autoMeetingLink: flag('auto_meeting_link').notNull(),
    autoCreateDeal: flag('auto_create_deal').notNull(),
    defaultDealStage: text('default_deal_stage'),
    defaultDealValueMinor: integer('default_deal_value_minor'),
    /** ISO 4217 code (`EUR`), validated by booking-core; null when the link names none. */
    defaultDealCurrency: text('default_deal_currency'),
    /** The pre-meeting form (booking-core `FormField[]`, in page order); `[]` for none. */
    formFields: text('form_fields', { mode: 'json' })
      .$type<BookingLink['formFields']>()
      .notNull()
      .default(sql`'[]'`),
    /** Sites allowed to embed the booking page (booking-core normalized entries); `[]` for any. */
    embedDomains: text('embed_domains', { mode: 'json' })
      .$type<BookingLink['embedDomains']>()
      .notNull()
      .default(sql`'[]'`),
    active: flag('active').notNull(),
    deletedAt: instant('deleted_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('booking_links_workspace_id_id_unique').on(t.workspaceId, t.id),
    uniqueIndex('booking_links_live_slug_unique')
      .on(t.slug)
      .where(sql`deleted_at IS NULL`),
    index('booking_links_host_idx').on(t.workspaceId, t.hostId),
    foreignKey({
      columns: [t.workspaceId, t.hostId],
      foreignColumns: [hosts.workspaceId, hosts.id],
      name: 'booking_links_host_fk',
    }),
    check('booking_links_kind_check', sql`${t.kind} IN ${sqlList(LINK_KINDS)}`),
  ],
);

/**
 * The members of a team link (booking-core `LinkMember`), `position` giving their order. A solo
 * link has none. Indexed by host for "the links I am a member of".
 */
export const bookingLinkMembers = sqliteTable(
  'booking_link_members',
  {
    workspaceId: text('workspace_id').notNull(),
    linkId: text('link_id').notNull(),
    hostId: text('host_id').notNull(),
    position: integer('position').notNull(),
    weight: integer('weight').notNull(),
    calendarProvider: text('calendar_provider').$type<LinkMember['calendarProvider']>().notNull(),
    /** Null: the link's time zone. */
    timeZone: text('time_zone'),
    /** Null: the link's weekly hours. */
    weeklyHours: text('weekly_hours', { mode: 'json' }).$type<LinkMember['weeklyHours']>(),
  },
  (t) => [
    primaryKey({ name: 'booking_link_members_pk', columns: [t.linkId, t.hostId] }),
    index('booking_link_members_host_idx').on(t.workspaceId, t.hostId),
    foreignKey({
      columns: [t.workspaceId, t.linkId],
      foreignColumns: [bookingLinks.workspaceId, bookingLinks.id],
      name: 'booking_link_members_link_fk',
    }),
    foreignKey({
      columns: [t.workspaceId, t.hostId],
      foreignColumns: [hosts.workspaceId, hosts.id],
      name: 'booking_link_members_host_fk',
    }),
    check(
      'booking_link_members_calendar_provider_check',
      sql`${t.calendarProvider} IN ${sqlList(CALENDAR_PROVIDERS)}`,
    ),
    check('booking_link_members_weight_check', sql`${t.weight} > 0`),
  ],
);

export const bookings = sqliteTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    linkId: text('link_id').notNull(),
    hostId: text('host_id').notNull(),
    /** The other members attending a collective link's meeting (JSON array of host ids); `[]` otherwise. */
    coHostIds: text('co_host_ids', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    status: text('status').$type<BookingStatus>().notNull(),
    start: instant('start').notNull(),
    end: instant('end').notNull(),
    blockedStart: instant('blocked_start').notNull(),
    blockedEnd: instant('blocked_end').notNull(),
    attendeeName: text('attendee_name').notNull(),
    attendeeEmail: text('attendee_email').notNull(),
    attendeeTimeZone: text('attendee_time_zone').notNull(),
    /** The attendee's language, a canonical BCP 47 tag; null when the booking request did not say. */
    attendeeLocale: text('attendee_locale'),
    /** The attendee's clock (booking-core `HOUR_CYCLES`); null: the language's own. */
    attendeeHourCycle: text('attendee_hour_cycle').$type<HourCycle>(),
    noShow: flag('no_show').notNull(),
    cancelReason: text('cancel_reason'),
    icalUid: text('ical_uid').notNull(),
    icalSequence: integer('ical_sequence').notNull(),
    meetingUrl: text('meeting_url'),
    /** `{ [system]: { provider, id } }`: written only by `setExternalRef`, one key at a time. */
    externalRefs: text('external_refs', { mode: 'json' })
      .$type<ExternalRefs>()
      .notNull()
      .default(sql`'{}'`),
    /** The pre-meeting answers' snapshot (booking-core `FormAnswer[]`); never changed after booking. */
    answers: text('answers', { mode: 'json' })
      .$type<Booking['answers']>()
      .notNull()
      .default(sql`'[]'`),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('bookings_workspace_id_id_unique').on(t.workspaceId, t.id),
    // Busy reads and the overlap triggers, by blocked end: an overlap test of `[from, to)` walks
    // the bookings ending after `from` (the host's calendar ahead), never its whole history.
    index('bookings_host_blocked_end_idx').on(t.hostId, t.blockedEnd),
    // The co-host part of busy reads: only bookings with co-hosts, by blocked end.
    index('bookings_co_host_blocked_end_idx')
      .on(t.workspaceId, t.blockedEnd)
      .where(sql`co_host_ids <> '[]'`),
    // A link's bookings (rotation counts, a team link owner's dashboard).
    index('bookings_link_idx').on(t.workspaceId, t.linkId),
    index('bookings_workspace_host_start_idx').on(t.workspaceId, t.hostId, t.start),
    foreignKey({
      columns: [t.workspaceId, t.linkId],
      foreignColumns: [bookingLinks.workspaceId, bookingLinks.id],
      name: 'bookings_link_fk',
    }),
    foreignKey({
      columns: [t.workspaceId, t.hostId],
      foreignColumns: [hosts.workspaceId, hosts.id],
      name: 'bookings_host_fk',
    }),
    check('bookings_status_check', sql`${t.status} IN ('confirmed', 'cancelled')`),
    check(
      'bookings_range_check',
      sql`${t.start} < ${t.end} AND ${t.blockedStart} <= ${t.start} AND ${t.blockedEnd} >= ${t.end}`,
    ),
  ],
);

export const bookingTokens = sqliteTable(
  'booking_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    bookingId: text('booking_id').notNull(),
    workspaceId: text('workspace_id').notNull(),
    purpose: text('purpose').$type<TokenPurpose>().notNull(),
    createdAt: instant('created_at').notNull(),
    supersededAt: instant('superseded_at'),
  },
  (t) => [
    index('booking_tokens_booking_idx').on(t.workspaceId, t.bookingId),
    foreignKey({
      columns: [t.workspaceId, t.bookingId],
      foreignColumns: [bookings.workspaceId, bookings.id],
      name: 'booking_tokens_booking_fk',
    }),
  ],
);

export const bookingEvents = sqliteTable(
  'booking_events',
  {
    /** Insertion order, so events of the same millisecond keep their order. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    workspaceId: text('workspace_id').notNull(),
    bookingId: text('booking_id').notNull(),
    type: text('type').$type<BookingEventType>().notNull(),
    actor: text('actor').$type<BookingEvent['actor']>().notNull(),
    at: instant('at').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('booking_events_booking_idx').on(t.workspaceId, t.bookingId, t.at),
    foreignKey({
      columns: [t.workspaceId, t.bookingId],
      foreignColumns: [bookings.workspaceId, bookings.id],
      name: 'booking_events_booking_fk',
    }),
  ],
);

/**
 * Files attendees uploaded for a link's `file` form field. `booking_id` is set once, when a
 * booking's answer attaches the upload (a conditional update); unattached rows are swept by age
 * (the partial index), their files first.
 */
export const uploads = sqliteTable(
  'uploads',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    linkId: text('link_id').notNull(),
    fieldId: text('field_id').notNull(),
    filename: text('filename').notNull(),
    kind: text('kind').$type<FileKind>().notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    bookingId: text('booking_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('uploads_booking_idx').on(t.bookingId),
    index('uploads_unattached_created_idx')
      .on(t.createdAt)
      .where(sql`booking_id IS NULL`),
    foreignKey({
      columns: [t.workspaceId, t.linkId],
      foreignColumns: [bookingLinks.workspaceId, bookingLinks.id],
      name: 'uploads_link_fk',
    }),
    check('uploads_kind_check', sql`${t.kind} IN ${sqlList(Object.keys(FILE_KINDS))}`),
    check('uploads_size_check', sql`${t.size} >= 0`),
  ],
);

/** A host's time off (out of office): `[start, end)` is busy on every link of the host. */
export const timeOff = sqliteTable(
  'time_off',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    hostId: text('host_id').notNull(),
    start: instant('start').notNull(),
    end: instant('end').notNull(),
    note: text('note'),
  },
  (t) => [
    index('time_off_host_start_idx').on(t.workspaceId, t.hostId, t.start),
    check('time_off_range_check', sql`${t.end} > ${t.start}`),
    foreignKey({
      columns: [t.workspaceId, t.hostId],
      foreignColumns: [hosts.workspaceId, hosts.id],
      name: 'time_off_host_fk',
    }),
  ],
);

export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<JobKind>().notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    status: text('status').$type<JobStatus>().notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    lastError: text('last_error'),
    lockedBy: text('locked_by'),
    lockedUntil: instant('locked_until'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    /** `payload.bookingId` when it is a string, so a booking's follow-ups list by index. */
    bookingId: text('booking_id'),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt), index('jobs_booking_idx').on(t.bookingId)],
);

/**
 * One row per outgoing message, keyed by its idempotency key: claimed (`sending`) in a committed
 * write before the transport is called, so no key is ever sent twice (booking-core `MessageLedger`).
 */
export const messageLedger = sqliteTable(
  'message_ledger',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    messageId: text('message_id').notNull(),
    status: text('status').$type<MessageStatus>().notNull(),
    attempts: integer('attempts').notNull(),
    claimedBy: text('claimed_by').notNull(),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    sentAt: instant('sent_at'),
    /** Whom the message is about (booking-core `MessageOwner`); null for older rows. */
    workspaceId: text('workspace_id'),
    hostId: text('host_id'),
    bookingId: text('booking_id'),
  },
  (t) => [
    index('message_ledger_status_idx').on(t.status, t.updatedAt),
    // A host's undecided messages (listUncertainMessages with an owner).
    index('message_ledger_owner_idx').on(t.workspaceId, t.hostId, t.status),
    check(
      'message_ledger_status_check',
      sql`${t.status} IN ('sending', 'sent', 'failed', 'unknown')`,
    ),
  ],
);

/** The development outbox: messages kept instead of sent (booking-core `OutboxStore`). */
export const outboxMessages = sqliteTable(
  'outbox_messages',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id').notNull(),
    from: text('from').notNull(),
    to: text('to', { mode: 'json' }).$type<string[]>().notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    ics: text('ics'),
    icsMethod: text('ics_method'),
    raw: text('raw').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('outbox_messages_created_idx').on(t.createdAt)],
);

/**
 * A host's OAuth grant at a calendar provider (store `StoredCalendarConnection`), one per host and
 * provider. The tokens are sealed by the server before they get here.
 */
export const calendarConnections = sqliteTable(
  'calendar_connections',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    hostId: text('host_id').notNull(),
    provider: text('provider').$type<ConnectedCalendarProvider>().notNull(),
    accountEmail: text('account_email'),
    accessTokenSealed: text('access_token_sealed').notNull(),
    refreshTokenSealed: text('refresh_token_sealed'),
    tokenExpiresAt: instant('token_expires_at').notNull(),
    calendarsToCheck: text('calendars_to_check', { mode: 'json' }).$type<string[]>().notNull(),
    writeCalendar: text('write_calendar').notNull(),
    state: text('state').$type<CalendarConnectionState>().notNull(),
    stateSince: instant('state_since').notNull(),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('calendar_connections_host_provider_unique').on(t.workspaceId, t.hostId, t.provider),
    foreignKey({
      columns: [t.workspaceId, t.hostId],
      foreignColumns: [hosts.workspaceId, hosts.id],
      name: 'calendar_connections_host_fk',
    }),
    check(
      'calendar_connections_provider_check',
      sql`${t.provider} IN ${sqlList(CALENDAR_PROVIDERS.filter((p) => p !== 'none'))}`,
    ),
    check(
      'calendar_connections_state_check',
      sql`${t.state} IN ${sqlList(CALENDAR_CONNECTION_STATES)}`,
    ),
  ],
);

/**
 * The SQL CRM's contacts (`handle.crm`): one per workspace and `email_key` (the email trimmed and
 * lowercased), so concurrent find-or-creates with one email in any case make one row.
 */
export const crmContacts = sqliteTable(
  'crm_contacts',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    name: text('name').notNull(),
    /**
     * The name as search matches it (`searchKey`: NFKC, then lowercased in JS, so `ZOË` and `zoë`
     * agree on both dialects). Written with every insert; rows from before the column are filled
     * when the store opens, so it is null only in between.
     */
    nameKey: text('name_key'),
    timeZone: text('time_zone').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('crm_contacts_email_key_unique').on(t.workspaceId, t.emailKey),
    // Rows still waiting for their search key (written before keys existed): the store's check at
    // open is a look into this index, empty once filled, not a scan of the table.
    index('crm_contacts_name_key_missing_idx')
      .on(t.id)
      .where(sql`${t.nameKey} is null`),
    unique('crm_contacts_workspace_id_id_unique').on(t.workspaceId, t.id),
  ],
);

/** The SQL CRM's deals: one per workspace and `key` (what makes `createDeal` idempotent). */
export const crmDeals = sqliteTable(
  'crm_deals',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    key: text('key').notNull(),
    contactId: text('contact_id').notNull(),
    title: text('title').notNull(),
    /** The title as search matches it (`searchKey`); null only until the store's first open fills it. */
    titleKey: text('title_key'),
    stage: text('stage'),
    valueMinor: integer('value_minor', { mode: 'number' }),
    currency: text('currency'),
    meetingStart: instant('meeting_start').notNull(),
    meetingEnd: instant('meeting_end').notNull(),
    meetingStatus: text('meeting_status').$type<CrmMeetingStatus>().notNull(),
    meetingUrl: text('meeting_url'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('crm_deals_key_unique').on(t.workspaceId, t.key),
    unique('crm_deals_workspace_id_id_unique').on(t.workspaceId, t.id),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [crmContacts.workspaceId, crmContacts.id],
      name: 'crm_deals_contact_fk',
    }),
    index('crm_deals_contact_idx').on(t.workspaceId, t.contactId),
    index('crm_deals_title_key_missing_idx')
      .on(t.id)
      .where(sql`${t.titleKey} is null`),
    check(
      'crm_deals_meeting_status_check',
      sql`${t.meetingStatus} IN ${sqlList(CRM_MEETING_STATUSES)}`,
    ),
  ],
);

/** The SQL CRM's notes: one per workspace and `key` (what makes `annotate` idempotent). */
export const crmNotes = sqliteTable(
  'crm_notes',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    key: text('key').notNull(),
    contactId: text('contact_id').notNull(),
    dealId: text('deal_id'),
    note: text('note').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    unique('crm_notes_key_unique').on(t.workspaceId, t.key),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [crmContacts.workspaceId, crmContacts.id],
      name: 'crm_notes_contact_fk',
    }),
    foreignKey({
      columns: [t.workspaceId, t.dealId],
      foreignColumns: [crmDeals.workspaceId, crmDeals.id],
      name: 'crm_notes_deal_fk',
    }),
    index('crm_notes_contact_idx').on(t.workspaceId, t.contactId, t.createdAt),
    index('crm_notes_deal_idx').on(t.workspaceId, t.dealId, t.createdAt),
  ],
);

/**
 * The SQL CRM's meetings: one row per booking the CRM heard of (workspace, `booking_id`), kept as
 * the booking is now by every `crm.sync` of it, with its contact and deal. What the contact and
 * deal pages list as upcoming and past meetings (a deal's `meeting_*` columns hold its latest).
 */
export const crmMeetings = sqliteTable(
  'crm_meetings',
  {
    workspaceId: text('workspace_id').notNull(),
    bookingId: text('booking_id').notNull(),
    contactId: text('contact_id').notNull(),
    dealId: text('deal_id'),
    title: text('title').notNull(),
    start: instant('start').notNull(),
    end: instant('end').notNull(),
    status: text('status').$type<CrmMeetingStatus>().notNull(),
    meetingUrl: text('meeting_url'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.bookingId] }),
    foreignKey({
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [crmContacts.workspaceId, crmContacts.id],
      name: 'crm_meetings_contact_fk',
    }),
    foreignKey({
      columns: [t.workspaceId, t.dealId],
      foreignColumns: [crmDeals.workspaceId, crmDeals.id],
      name: 'crm_meetings_deal_fk',
    }),
    index('crm_meetings_contact_idx').on(t.workspaceId, t.contactId, t.start),
    index('crm_meetings_deal_idx').on(t.workspaceId, t.dealId, t.start),
    check('crm_meetings_status_check', sql`${t.status} IN ${sqlList(CRM_MEETING_STATUSES)}`),
  ],
);

/** A workspace's named pipeline stages, in `position` order (a deal's `stage` stays free text). */
export const crmStages = sqliteTable(
  'crm_stages',
  {
    workspaceId: text('workspace_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.name] })],
);

/**
 * A workspace's CRM settings, one row per workspace (none = the defaults): the stage a deal moves
 * to when the booking that created it is cancelled (null = leave the stage).
 */
export const crmSettings = sqliteTable('crm_settings', {
  workspaceId: text('workspace_id').primaryKey(),
  cancelledFirstMeetingStage: text('cancelled_first_meeting_stage'),
  updatedAt: instant('updated_at').notNull(),
});

export { webhookDeliveries, webhookSubscriptions } from './sqlite-webhooks.js';
