import type { BusyInterval, BusyKind } from './types.js';

/**
 * A provider's event reduced to what the busy rules look at. The Google and Microsoft mappers
 * build it; {@link busyKindOf} and {@link toBusyIntervals} decide.
 *
 * @example
 * ```ts
 * const seen: CalendarEventState = {
 *   start: Date.parse('2026-11-02T09:00:00Z'), end: Date.parse('2026-11-02T10:00:00Z'),
 *   cancelled: false, free: false, declined: false, outOfOffice: false, icalUids: ['b_1@workestra.app'],
 * };
 * ```
 */
export interface CalendarEventState {
  readonly start: number;
  readonly end: number;
  /** Cancelled (deleted) at the provider. */
  readonly cancelled: boolean;
  /** Marked free / transparent ("show as available"). */
  readonly free: boolean;
  /** The calendar's owner declined the invitation. */
  readonly declined: boolean;
  readonly outOfOffice: boolean;
  /** Identifiers an `excludeIcalUid` may match: the iCalendar UID and the one we stored with it. */
  readonly icalUids: readonly string[];
}

/**
 * The busy rules, in one place: cancelled, declined and free events do not block; everything
 * else does (tentative, unanswered, all-day), and out-of-office blocks as `out_of_office`.
 *
 * @example
 * ```ts
 * import { busyKindOf } from '@workestra/calendar-providers';
 * busyKindOf({ start: 0, end: 1, cancelled: false, free: false, declined: true, outOfOffice: false, icalUids: [] }); // null
 * ```
 */
export function busyKindOf(event: CalendarEventState): BusyKind | null {
  if (event.cancelled || event.declined) return null;
  if (event.outOfOffice) return 'out_of_office';
  if (event.free) return null;
  return 'busy';
}

/**
 * The busy intervals of `events` within `[from, to)`: the rules of {@link busyKindOf}, the
 * booking's own event (`excludeIcalUid`) left out, each interval clipped to the range, sorted by
 * start. Intervals are not merged, so a caller can still tell events apart.
 *
 * @example
 * ```ts
 * import { toBusyIntervals } from '@workestra/calendar-providers';
 * toBusyIntervals([], { from: 0, to: 3_600_000 }); // []
 * ```
 */
export function toBusyIntervals(
  events: readonly CalendarEventState[],
  range: { readonly from: number; readonly to: number; readonly excludeIcalUid?: string },
): BusyInterval[] {
  const out: BusyInterval[] = [];
  for (const event of events) {
    if (range.excludeIcalUid !== undefined && event.icalUids.includes(range.excludeIcalUid))
      continue;
    const kind = busyKindOf(event);
    if (kind === null) continue;
    const start = Math.max(event.start, range.from);
    const end = Math.min(event.end, range.to);
    if (Number.isFinite(start) && Number.isFinite(end) && start < end)
      out.push({ start, end, kind });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
