/**
 * Where a booking's confirmation lives: its reschedule token proves the visitor booked it.
 *
 * @example
 * bookingViewPath('abc'); // '/book/booking/abc'
 */
export function bookingViewPath(rescheduleToken: string): string {
  return `/book/booking/${encodeURIComponent(rescheduleToken)}`;
}
