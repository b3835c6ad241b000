// The booking page's place in the flow, kept in its query so a link, a reload and the browser's
// Back and Forward buttons all land where the attendee was. Other query parameters (name, email,
// dealToken, the embed options) are left as they are.
import { embedOptions } from './embed-mode';

/** Where the attendee is: the month shown, the day chosen, the time on the details step. */
export interface BookingView {
  /** `YYYY-MM` */
  month: string | null;
  /** `YYYY-MM-DD` */
  date: string | null;
  /** ISO start of the chosen slot */
  slot: string | null;
}

const KEYS = ['month', 'date', 'slot'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Reads the view from a query string; malformed values are dropped, not trusted.
 *
 * @example
 * readBookingView('?date=2026-12-08&name=Ann'); // { month: null, date: '2026-12-08', slot: null }
 */
export function readBookingView(search: string = location.search): BookingView {
  const q = new URLSearchParams(search);
  const month = q.get('month');
  const date = q.get('date');
  const slot = q.get('slot');
  return {
    month: month && MONTH.test(month) ? month : null,
    date: date && DATE.test(date) ? date : null,
    slot: slot && !Number.isNaN(Date.parse(slot)) ? new Date(slot).toISOString() : null,
  };
}

/**
 * Writes the view into the address bar. `push` adds a history entry (a step the attendee can go
 * Back from); embedded, the page never pushes: the frame's entries would join the customer
 * page's history and its Back button would step through the booking flow instead of leaving.
 *
 * @example
 * writeBookingView({ month: '2026-12', date: '2026-12-08', slot: null }, 'push');
 */
export function writeBookingView(view: BookingView, mode: 'push' | 'replace'): void {
  const q = new URLSearchParams(location.search);
  for (const key of KEYS) {
    const value = view[key];
    if (value) q.set(key, value);
    else q.delete(key);
  }
  const search = q.toString();
  const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (mode === 'push' && !embedOptions) history.pushState(PUSHED, '', url);
  else history.replaceState(history.state, '', url);
}

/** Marks the entries this page pushed, so its own Back button knows one is there to go back to. */
const PUSHED = { bookingStep: true };

/**
 * The page's Back button: goes back in history when the current entry is one the page pushed
 * (so browser Forward returns to it), and returns false otherwise (a link opened straight on a
 * step, or embedded), when the caller changes the view in place instead.
 */
export function stepBack(): boolean {
  const state: unknown = history.state;
  if (embedOptions || !(state as { bookingStep?: boolean } | null)?.bookingStep) return false;
  history.back();
  return true;
}
