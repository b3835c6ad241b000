import type { Interval } from '@workestra/slots';
import { BUSY_KINDS, type Booking, type BookingLink, type EpochMs } from './domain.js';
import type { CalendarBusyInterval, StoreTx } from './ports.js';
import { BookingError } from './errors.js';
import type { Deps } from './deps.js';

const DAY_MS = 86_400_000;

/**
 * The span whose busy time can affect slots starting in `[from, to)`: widened by the link's
 * buffers and duration (a slot's blocked range reaches no further: a booking or busy time outside
 * this span cannot overlap it), and, when the link has a daily cap, by two days each side so that
 * the cap sees whole host-local days. Without a cap nothing outside the reach matters, and the
 * race guard of one booking then reads only the bookings near its slot, not two days of them.
 */
export function busyRange(
  link: BookingLink,
  from: EpochMs,
  to: EpochMs,
): { from: EpochMs; to: EpochMs } {
  const reach =
    (link.bufferBeforeMinutes + link.durationMinutes + link.bufferAfterMinutes) * 60_000 +
    (link.dailyCap === null ? 0 : 2 * DAY_MS);
  return { from: from - reach, to: to + reach };
}

/**
 * The host's calendar busy time for a link, or `[]` when the link uses no calendar. A calendar
 * that cannot be read is never taken as free: it throws `CALENDAR_UNAVAILABLE`.
 */
export async function calendarBusy(
  deps: Deps,
  link: BookingLink,
  from: EpochMs,
  to: EpochMs,
  excludeIcalUid?: string,
): Promise<Interval[]> {
  const provider = link.calendarProvider;
  if (provider === 'none') return [];
  if (deps.calendar === undefined) {
    throw new BookingError('CALENDAR_UNAVAILABLE', {
      details: { reason: 'no calendar busy source is configured', provider },
    });
  }
  let result: unknown;
  try {
    result = await deps.calendar.busy({
      workspaceId: link.workspaceId,
      connection: { hostId: link.hostId, provider },
      from,
      to,
      ...(excludeIcalUid === undefined ? {} : { excludeIcalUid }),
    });
  } catch (error) {
    deps.logger.warn({ err: error, hostId: link.hostId, provider }, 'calendar busy lookup failed');
    throw new BookingError('CALENDAR_UNAVAILABLE', { cause: error, details: { provider } });
  }
  if (!isBusyIntervalList(result)) {
    deps.logger.warn(
      { hostId: link.hostId, provider },
      'calendar busy source returned malformed intervals',
    );
    throw new BookingError('CALENDAR_UNAVAILABLE', {
      details: { reason: 'malformed busy intervals', provider },
    });
  }
  // Slots treat every kind as busy: the engine gets plain intervals, as before kinds existed.
  return result.map(({ start, end }) => ({ start, end }));
}

/**
 * The host's time off overlapping `[from, to)` as busy intervals: slots inside a range are not
 * offered, and the guard refuses them (`SLOT_TAKEN`), on every link of the host.
 */
export async function timeOffBusy(
  tx: StoreTx,
  workspaceId: string,
  hostId: string,
  from: EpochMs,
  to: EpochMs,
): Promise<Interval[]> {
  const ranges = await tx.listTimeOff(workspaceId, hostId, from, to);
  return ranges.map(({ start, end }) => ({ start, end }));
}

/**
 * Whether a busy source's answer is a list of well-formed intervals: finite `start <= end`, and a
 * `kind`, when present, one of {@link BUSY_KINDS}.
 */
export function isBusyIntervalList(value: unknown): value is CalendarBusyInterval[] {
  return Array.isArray(value) && value.every(isBusyInterval);
}

function isBusyInterval(value: unknown): value is CalendarBusyInterval {
  if (typeof value !== 'object' || value === null) return false;
  const { start, end, kind } = value as { start: unknown; end: unknown; kind?: unknown };
  return (
    Number.isFinite(start) &&
    Number.isFinite(end) &&
    (start as number) <= (end as number) &&
    (kind === undefined || (BUSY_KINDS as readonly unknown[]).includes(kind))
  );
}

/**
 * Splits a host's confirmed bookings for the slot engine. Every booking is `busy` for the blocked
 * range it was booked with (so a new blocked range never overlaps a stored one, which is what the
 * store's overlap backstop enforces, even after a link's buffers shrink); this link's bookings are
 * also `bookings`, which the engine widens by the link's current buffers and counts toward the
 * daily cap.
 */
export function hostBusyForLink(
  hostBookings: readonly Booking[],
  linkId: string,
  excludeBookingId?: string,
): { bookings: Interval[]; busy: Interval[] } {
  const bookings: Interval[] = [];
  const busy: Interval[] = [];
  for (const b of hostBookings) {
    if (b.status !== 'confirmed' || b.id === excludeBookingId) continue;
    if (b.linkId === linkId) bookings.push({ start: b.start, end: b.end });
    busy.push({ start: b.blockedStart, end: b.blockedEnd });
  }
  return { bookings, busy };
}
