import type { DateOverride, RecurringOverride, WeeklyHours } from '@workestra/slots';

/** Epoch milliseconds (UTC). Every instant in booking-core is one. */
export type EpochMs = number;

/** Calendar a link consults for free/busy and writes confirmed events into. */
export type CalendarProviderName = 'none' | 'google' | 'microsoft';

/** A host: a person whose time is booked. Belongs to exactly one workspace. */
export interface Host {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly name: string;
  readonly timeZone: string;
  readonly createdAt: EpochMs;
}

/** Every setting of a booking link (product doc: Identity, Availability rules, Calendar, CRM). */
export interface BookingLinkSettings {
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
}

/** A booking link row. Deleted links keep their row (`deletedAt` set) so meetings keep their link. */
export interface BookingLink extends BookingLinkSettings {
  readonly id: string;
  readonly workspaceId: string;
  readonly hostId: string;
  readonly active: boolean;
  readonly deletedAt: EpochMs | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/** Lifecycle of a booking. No-show is a flag on a past confirmed booking, not a status. */
export type BookingStatus = 'confirmed' | 'cancelled';

/** A meeting. A full row: it survives the link being disabled or deleted. */
export interface Booking {
  readonly id: string;
  readonly workspaceId: string;
  readonly linkId: string;
  readonly hostId: string;
  readonly status: BookingStatus;
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** `start - bufferBefore`, `end + bufferAfter` of the link at booking time: what the DB backstop constrains. */
  readonly blockedStart: EpochMs;
  readonly blockedEnd: EpochMs;
  readonly attendeeName: string;
  readonly attendeeEmail: string;
  readonly attendeeTimeZone: string;
  readonly noShow: boolean;
  readonly cancelReason: string | null;
  /** iCalendar UID kept across reschedules; SEQUENCE rises on every change. */
  readonly icalUid: string;
  readonly icalSequence: number;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/** What a self-service token may do. */
export type TokenPurpose = 'reschedule' | 'cancel';

/** A reschedule/cancel token as stored: only the SHA-256 hash of the secret, never the secret. */
export interface BookingToken {
  readonly bookingId: string;
  readonly workspaceId: string;
  readonly purpose: TokenPurpose;
  /** Lowercase hex SHA-256 of the secret token. */
  readonly tokenHash: string;
  readonly createdAt: EpochMs;
}

/** Appended on every state change of a booking; rows are never rewritten. */
export type BookingEventType = 'created' | 'rescheduled' | 'cancelled' | 'no_show' | 'followup_failed';

/** One entry of a booking's history. */
export interface BookingEvent {
  readonly id: string;
  readonly workspaceId: string;
  readonly bookingId: string;
  readonly type: BookingEventType;
  readonly actor: 'attendee' | 'host' | 'system';
  readonly at: EpochMs;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Kinds of follow-up work run after a booking commits. */
export type JobKind =
  | 'crm.sync'
  | 'calendar.create'
  | 'calendar.update'
  | 'calendar.delete'
  | 'email.confirmation'
  | 'email.host-notice'
  | 'email.reminder'
  | 'email.reschedule'
  | 'email.cancellation';

/** A job as queued. `idempotencyKey` is unique: enqueueing the same key twice keeps one job. */
export interface NewJob {
  readonly kind: JobKind;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly runAt: EpochMs;
  readonly idempotencyKey: string;
  readonly maxAttempts?: number;
}

/** Job states: pending (waiting or retrying), running (claimed), done, failed (gave up), cancelled. */
export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** A durable job row. */
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
