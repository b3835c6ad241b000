import type { Booking, BookingLink, EpochMs } from './domain.js';
import type { CrmChange } from './follow-up-kinds.js';

/**
 * A person as the CRM gets to know them from a booking.
 *
 * @example
 * ```ts
 * const contact: CrmContactInput = { email: 'ada@example.com', name: 'Ada Lovelace', timeZone: 'Europe/London' };
 * ```
 */
export interface CrmContactInput {
  readonly email: string;
  readonly name: string;
  readonly timeZone: string;
}

/**
 * The meeting a deal tracks, as it is now.
 *
 * @example
 * ```ts
 * const meeting: CrmMeeting = { start: booking.start, end: booking.end, status: 'scheduled', meetingUrl: null };
 * ```
 */
export interface CrmMeeting {
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly status: 'scheduled' | 'cancelled' | 'no_show';
  readonly meetingUrl: string | null;
}

/**
 * A deal to create for a booking (the link's default stage and value).
 *
 * @example
 * ```ts
 * const meeting: CrmMeeting = { start: booking.start, end: booking.end, status: 'scheduled', meetingUrl: null };
 * const deal: CrmDealInput = { title: 'Intro call with Ada Lovelace', stage: 'New leads', valueMinor: 50_000, currency: 'EUR', meeting };
 * ```
 */
export interface CrmDealInput {
  readonly title: string;
  readonly stage: string | null;
  /** Minor units (cents). */
  readonly valueMinor: number | null;
  /** ISO 4217 code of `valueMinor` (e.g. `EUR`), or null when the link names none. */
  readonly currency: string | null;
  readonly meeting: CrmMeeting;
}

/**
 * The change of a booking a CRM call is made for, when the call comes from the `crm.sync`
 * handler: adapters that report changes outward (the webhook bridge) describe the booking with it;
 * adapters that only keep records may ignore it.
 *
 * @example
 * ```ts
 * const context: CrmChangeContext = { change: 'cancelled', booking, link: { slug: link.slug, title: link.title } };
 * ```
 */
export interface CrmChangeContext {
  readonly change: CrmChange;
  readonly booking: Booking;
  readonly link: Pick<BookingLink, 'slug' | 'title'>;
}

/**
 * CRM port: contacts, deals and notes for bookings. Implementations: the in-memory reference
 * `createMemoryCrm()` and, with later issues, a SQL CRM and a webhook bridge. Every adapter runs
 * `describeCrmContract` from `@workestra/booking-core/testing`. Every method is idempotent, so a
 * retried job never duplicates anything; a failure throws (the job retries).
 *
 * @example
 * ```ts
 * import { createMemoryCrm } from '@workestra/booking-core';
 * const crm: CrmBridge = createMemoryCrm(); // or your CRM's adapter
 * const contact: CrmContactInput = { email: booking.attendeeEmail, name: booking.attendeeName, timeZone: 'UTC' };
 * const meeting: CrmMeeting = { start: booking.start, end: booking.end, status: 'scheduled', meetingUrl: null };
 * const deal: CrmDealInput = { title: 'Intro call', stage: null, valueMinor: null, currency: null, meeting };
 * const { contactId } = await crm.findOrCreateContact({ workspaceId, contact });
 * const { dealId } = await crm.createDeal({ workspaceId, key: `${booking.id}:deal`, contactId, deal });
 * await crm.annotate({ workspaceId, key: job.idempotencyKey, contactId, dealId, note: 'Booked' });
 * ```
 */
export interface CrmBridge {
  /** Names this CRM in the bookings' references (`ExternalRef.provider`), e.g. `hubspot`. */
  readonly name: string;
  /** The workspace's contact with this email (compared case-insensitively), created if none. */
  findOrCreateContact(input: {
    readonly workspaceId: string;
    readonly contact: CrmContactInput;
  }): Promise<{ contactId: string }>;
  /** Creates a deal linked to the contact; a second call with the same `key` returns the first deal unchanged. */
  createDeal(input: {
    readonly workspaceId: string;
    readonly key: string;
    readonly contactId: string;
    readonly deal: CrmDealInput;
    readonly context?: CrmChangeContext;
  }): Promise<{ dealId: string }>;
  /**
   * Sets the meeting the deal tracks, and moves it to `stage` when one is given (otherwise stage
   * and value stay as people in the CRM left them). `key` names this update (a repeated call with
   * the same key and input changes nothing more). Throws `FollowUpError('DEAL_NOT_FOUND')` for an
   * unknown deal.
   */
  updateDeal(input: {
    readonly workspaceId: string;
    readonly key: string;
    readonly dealId: string;
    readonly meeting: CrmMeeting;
    readonly stage?: string;
    readonly context?: CrmChangeContext;
  }): Promise<void>;
  /** Adds a note to the contact (and the deal, when given); a second note with the same `key` is not added. */
  annotate(input: {
    readonly workspaceId: string;
    readonly key: string;
    readonly contactId: string;
    readonly dealId: string | null;
    readonly note: string;
    readonly context?: CrmChangeContext;
  }): Promise<void>;
}
