// The host's meetings come in pages (GET /api/host/bookings): one page at a time for the tabs,
// every page of a date range for the week grid.
import { api, query } from '../common/api';
import type { BookingFilter, HostBooking } from '../common/types';

/** One page of a tab; `nextCursor` continues it, null on the last page. */
export interface BookingsPage {
  bookings: HostBooking[];
  nextCursor: string | null;
}

/** Rows per page in the meetings table. */
export const TAB_PAGE_SIZE = 25;
/** The API's largest page, used when a whole range is wanted. */
const RANGE_PAGE_SIZE = 100;
/** A week has at most a few hundred meetings; stop rather than loop on a cursor that never ends. */
const MAX_RANGE_PAGES = 50;

/** One page of a tab, continuing after `cursor` when given. */
export function fetchBookingsPage(
  filter: BookingFilter,
  cursor: string | null,
  range: { from?: string; to?: string } = {},
  limit = TAB_PAGE_SIZE,
): Promise<BookingsPage> {
  return api<BookingsPage>(
    'GET',
    `/api/host/bookings${query({
      filter,
      limit: String(limit),
      cursor: cursor ?? undefined,
      from: range.from,
      to: range.to,
    })}`,
  );
}

/** Every meeting of `filter` starting in `[from, to)`, following the cursor page by page. */
export async function fetchBookingsInRange(
  filter: BookingFilter,
  from: string,
  to: string,
): Promise<HostBooking[]> {
  const all: HostBooking[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_RANGE_PAGES; i++) {
    const page: BookingsPage = await fetchBookingsPage(
      filter,
      cursor,
      { from, to },
      RANGE_PAGE_SIZE,
    );
    all.push(...page.bookings);
    if (page.nextCursor === null) return all;
    cursor = page.nextCursor;
  }
  throw new Error('Too many meetings in this range to show.');
}
