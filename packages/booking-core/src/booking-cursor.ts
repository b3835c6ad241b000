import { BookingError } from './errors.js';
import type { BookingListFilter, BookingListKey } from './ports.js';
import { bookingListFilterSchema } from './schemas.js';

/*
 * The `nextCursor` of a bookings page: the tab and the sort key of the page's last row, base64url
 * encoded. Opaque to clients (only ever handed back); carrying the tab lets a cursor used on
 * another tab be refused instead of silently skipping rows.
 */

const FORMAT = /^([a-z_]+):(\d{1,16}):(.{1,200})$/s;

/** The cursor that continues `filter` after `key`. */
export function encodeBookingCursor(filter: BookingListFilter, key: BookingListKey): string {
  return Buffer.from(`${filter}:${key.start}:${key.id}`, 'utf8').toString('base64url');
}

function invalid(message: string): BookingError {
  return new BookingError('VALIDATION_FAILED', { details: [{ path: 'cursor', message }] });
}

/** The key a cursor continues after; `VALIDATION_FAILED` when malformed or from another tab. */
export function decodeBookingCursor(filter: BookingListFilter, cursor: string): BookingListKey {
  const match = FORMAT.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const tab = bookingListFilterSchema.safeParse(match?.[1]);
  const start = Number(match?.[2]);
  if (match === null || !tab.success || !Number.isSafeInteger(start))
    throw invalid('is not a cursor this API returned');
  if (tab.data !== filter) throw invalid(`belongs to the "${tab.data}" list, not "${filter}"`);
  return { start, id: match[3] as string };
}
