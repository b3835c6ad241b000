import type { Booking, BookingLink, EpochMs, JobKind, NewJob } from './domain.js';
import type { CrmChange, FollowUpPayloads } from './follow-up-kinds.js';
import { memberLink } from './team-links.js';

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
 * What every follow-up job's payload holds: enough to load the booking; handlers read the rest
 * from the store so a retried job always sees current data. Each kind adds its own fields
 * ({@link FollowUpPayloads}).
 *
 * @example
 * ```ts
 * const payload: FollowUpPayload = { workspaceId: 'ws_1', bookingId: 'b_1', linkId: 'l_1', sequence: 0 };
 * ```
 */
export interface FollowUpPayload {
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
}

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
 * The idempotency key of a follow-up job: `<bookingId>:<kind>:<sequence>`, plus `:<change>` for
 * a change that leaves the SEQUENCE as it is (a no-show), so it does not collide with the job of
 * the change before it.
 *
 * @example
 * ```ts
 * import { followUpJobKey } from '@workestra/booking-core';
 * followUpJobKey('b_1', 'email.reminder', 0); // 'b_1:email.reminder:0'
 * followUpJobKey('b_1', 'crm.sync', 0, 'no_show'); // 'b_1:crm.sync:0:no_show'
 * ```
 */
export function followUpJobKey(
  bookingId: string,
  kind: JobKind,
  sequence: number,
  change?: string,
): string {
  const key = `${bookingId}:${kind}:${sequence}`;
  return change === undefined ? key : `${key}:${change}`;
}

const base = (booking: Booking): FollowUpPayload => ({
  workspaceId: booking.workspaceId,
  bookingId: booking.id,
  linkId: booking.linkId,
  sequence: booking.icalSequence,
});

const withTokens = (booking: Booking, sealed: SealedTokens | undefined): FollowUpPayload => ({
  ...base(booking),
  ...(sealed ? { sealedTokens: sealed } : {}),
});

function job<K extends JobKind>(
  kind: K,
  booking: Booking,
  runAt: EpochMs,
  payload: FollowUpPayloads[K],
  keySuffix?: string,
): NewJob {
  return {
    kind,
    payload,
    runAt,
    idempotencyKey: followUpJobKey(booking.id, kind, booking.icalSequence, keySuffix),
    maxAttempts: MAX_ATTEMPTS,
  };
}

const crm = (booking: Booking, change: CrmChange, now: EpochMs, keySuffix?: string): NewJob =>
  job('crm.sync', booking, now, { ...base(booking), change }, keySuffix);

function reminder(booking: Booking, now: EpochMs, sealed?: SealedTokens): NewJob[] {
  const at = booking.start - REMINDER_LEAD_MS;
  return at > now ? [job('email.reminder', booking, at, withTokens(booking, sealed))] : [];
}

/**
 * Whether the booking's calendar event needs looking after: the booking's host uses a calendar for
 * the link (on a team link, the member the meeting went to: {@link memberLink}), or an event was
 * written already (the link may have switched to `none` since; that event still has to move or go).
 */
const usesCalendar = (booking: Booking, link: BookingLink | null): boolean =>
  (link !== null && memberLink(link, booking.hostId).calendarProvider !== 'none') ||
  booking.externalRefs.calendar !== undefined;

/** Jobs after a booking is created; `sealed` goes into the attendee's emails only. */
export function jobsForCreated(
  booking: Booking,
  link: BookingLink,
  now: EpochMs,
  sealed?: SealedTokens,
): NewJob[] {
  return [
    crm(booking, 'created', now),
    ...(usesCalendar(booking, link) ? [job('calendar.create', booking, now, base(booking))] : []),
    job('email.confirmation', booking, now, withTokens(booking, sealed)),
    job('email.host-notice', booking, now, base(booking)),
    ...reminder(booking, now, sealed),
  ];
}

/**
 * Jobs after a booking moved (`booking` is the updated row, `previous` its old times); `sealed`
 * as in {@link jobsForCreated}.
 */
export function jobsForRescheduled(
  booking: Booking,
  previous: { start: EpochMs; end: EpochMs },
  link: BookingLink,
  now: EpochMs,
  sealed?: SealedTokens,
): NewJob[] {
  return [
    crm(booking, 'rescheduled', now),
    ...(usesCalendar(booking, link) ? [job('calendar.update', booking, now, base(booking))] : []),
    job('email.reschedule', booking, now, {
      ...withTokens(booking, sealed),
      previous: { start: previous.start, end: previous.end },
    }),
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
    crm(booking, 'cancelled', now),
    ...(usesCalendar(booking, link) ? [job('calendar.delete', booking, now, base(booking))] : []),
    job('email.cancellation', booking, now, base(booking)),
  ];
}

/**
 * Jobs after a meeting was marked a no-show (`noShow` true) or the mark was taken back: the CRM
 * hears of either (the SEQUENCE stays). Keyed by the change's event, so marking again after an
 * undo reaches the CRM too.
 */
export function jobsForNoShow(booking: Booking, now: EpochMs, eventId: string): NewJob[] {
  const change = booking.noShow ? 'no_show' : 'no_show_undone';
  return [crm(booking, change, now, `${change}:${eventId}`)];
}

/** Keys of every reminder a booking may have queued so far (one per SEQUENCE up to `booking`'s). */
export function reminderKeys(booking: Booking): string[] {
  const keys: string[] = [];
  for (let s = 0; s <= booking.icalSequence; s++)
    keys.push(followUpJobKey(booking.id, 'email.reminder', s));
  return keys;
}
