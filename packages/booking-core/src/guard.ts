import { checkSlot, type Interval } from '@workestra/slots';
import type { Booking, BookingLink, EpochMs } from './domain.js';
import { BookingError } from './errors.js';
import { hostBusyForLink } from './busy.js';
import { linkPolicy, linkRules } from './link-rules.js';
import { withSlotsValidation } from './validation.js';

/**
 * The race guard: re-computes availability for exactly `start` with the host's bookings and time
 * off as read inside the host lock. Refusals: `SLOT_TAKEN` when someone else holds the time (busy, daily cap),
 * `SLOT_UNAVAILABLE` when it was never offered (notice, horizon, hours); `details.reason` names
 * the slot engine's reason.
 */
export function guardSlot(input: {
  link: BookingLink;
  start: EpochMs;
  now: EpochMs;
  hostBookings: readonly Booking[];
  calendarBusy: readonly Interval[];
  /** The host's time off near `start`, as read inside the host lock. */
  timeOff: readonly Interval[];
  excludeBookingId?: string;
}): { start: EpochMs; end: EpochMs } {
  const { link } = input;
  const own = hostBusyForLink(input.hostBookings, link.id, input.excludeBookingId);
  const check = withSlotsValidation(() =>
    checkSlot({
      rules: linkRules(link, { from: input.start, to: input.start }),
      policy: linkPolicy(link),
      busy: [...own.busy, ...input.calendarBusy, ...input.timeOff],
      bookings: own.bookings,
      start: input.start,
      now: input.now,
    }),
  );
  if (check.bookable) return check.slot;
  const code =
    check.reason === 'BUSY' || check.reason === 'DAILY_CAP_REACHED'
      ? 'SLOT_TAKEN'
      : 'SLOT_UNAVAILABLE';
  throw new BookingError(code, { details: { reason: check.reason } });
}

/** The range a booking keeps free: the meeting widened by the link's buffers. */
export function blockedRange(
  link: BookingLink,
  start: EpochMs,
  end: EpochMs,
): { blockedStart: EpochMs; blockedEnd: EpochMs } {
  return {
    blockedStart: start - link.bufferBeforeMinutes * 60_000,
    blockedEnd: end + link.bufferAfterMinutes * 60_000,
  };
}
