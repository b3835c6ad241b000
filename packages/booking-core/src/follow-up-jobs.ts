import type { Booking, BookingLink, EpochMs, JobKind, NewJob } from './domain.js';

/**
 * Reminders go out this long (24 h) before the meeting; none is queued when that moment has passed.
 *
 * @example
 * ```ts
 * import { REMINDER_LEAD_MS } from '@workestra/booking-core';
 * const reminderAt = booking.start - REMINDER_LEAD_MS;
 * ```
 */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

/** Attempts a follow-up job gets before it ends `failed`. */
const MAX_ATTEMPTS = 8;

/**
 * The payload of every follow-up job: enough to load the booking; handlers read the rest from
 * the store so a retried job always sees current data.
 *
 * @example
 * ```ts
 * const payload: FollowUpPayload = { workspaceId: 'ws_1', bookingId: 'b_1', linkId: 'l_1', sequence: 0 };
 * ```
 */
export type FollowUpPayload = {
  readonly workspaceId: string;
  readonly bookingId: string;
  readonly linkId: string;
  /** The booking's iCalendar SEQUENCE when the job was queued. */
  readonly sequence: number;
  /**
   * Attendee emails only (confirmation, reminder, reschedule notice), and only when booking-core
   * has a `sealer`: the plain reschedule/cancel tokens, each sealed. Never plain.
   */
  readonly sealedTokens?: SealedTokens;
};

/**
 * The reschedule and cancel tokens of a booking, each sealed with the configured `TokenSealer`.
 *
 * @example
 * ```ts
 * const sealed: SealedTokens = { reschedule: sealer.seal(tokens.reschedule), cancel: sealer.seal(tokens.cancel) };
 * ```
 */
export interface SealedTokens {
  readonly reschedule: string;
  readonly cancel: string;
}

/**
 * The idempotency key of a follow-up job: `<bookingId>:<kind>:<sequence>`.
 *
 * @example
 * ```ts
 * import { followUpJobKey } from '@workestra/booking-core';
 * followUpJobKey('b_1', 'email.reminder', 0); // 'b_1:email.reminder:0'
 * ```
 */
export function followUpJobKey(bookingId: string, kind: JobKind, sequence: number): string {
  return `${bookingId}:${kind}:${sequence}`;
}

function job(booking: Booking, kind: JobKind, runAt: EpochMs, sealedTokens?: SealedTokens): NewJob {
  const payload: FollowUpPayload = {
    workspaceId: booking.workspaceId,
    bookingId: booking.id,
    linkId: booking.linkId,
    sequence: booking.icalSequence,
    ...(sealedTokens ? { sealedTokens } : {}),
  };
  return {
    kind,
    payload,
    runAt,
    idempotencyKey: followUpJobKey(booking.id, kind, booking.icalSequence),
    maxAttempts: MAX_ATTEMPTS,
  };
}

function reminder(booking: Booking, now: EpochMs, sealed?: SealedTokens): NewJob[] {
  const at = booking.start - REMINDER_LEAD_MS;
  return at > now ? [job(booking, 'email.reminder', at, sealed)] : [];
}

const usesCalendar = (link: BookingLink): boolean => link.calendarProvider !== 'none';

/** Jobs after a booking is created; `sealed` goes into the attendee's emails only. */
export function jobsForCreated(
  booking: Booking,
  link: BookingLink,
  now: EpochMs,
  sealed?: SealedTokens,
): NewJob[] {
  return [
    job(booking, 'crm.sync', now),
    ...(usesCalendar(link) ? [job(booking, 'calendar.create', now)] : []),
    job(booking, 'email.confirmation', now, sealed),
    job(booking, 'email.host-notice', now),
    ...reminder(booking, now, sealed),
  ];
}

/** Jobs after a booking moved (`booking` is the updated row); `sealed` as in {@link jobsForCreated}. */
export function jobsForRescheduled(
  booking: Booking,
  link: BookingLink,
  now: EpochMs,
  sealed?: SealedTokens,
): NewJob[] {
  return [
    ...(usesCalendar(link) ? [job(booking, 'calendar.update', now)] : []),
    job(booking, 'email.reschedule', now, sealed),
    ...reminder(booking, now, sealed),
  ];
}

/** Jobs after a booking is cancelled (`booking` is the updated row). */
export function jobsForCancelled(
  booking: Booking,
  link: BookingLink | null,
  now: EpochMs,
): NewJob[] {
  return [
    ...(link !== null && usesCalendar(link) ? [job(booking, 'calendar.delete', now)] : []),
    job(booking, 'email.cancellation', now),
  ];
}

/** Keys of every reminder a booking may have queued so far (one per SEQUENCE up to `booking`'s). */
export function reminderKeys(booking: Booking): string[] {
  const keys: string[] = [];
  for (let s = 0; s <= booking.icalSequence; s++)
    keys.push(followUpJobKey(booking.id, 'email.reminder', s));
  return keys;
}
