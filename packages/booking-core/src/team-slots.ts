import { computeTeamSlots, type Interval, type Slot } from '@workestra/slots';
import type { Booking, BookingLink, EpochMs } from './domain.js';
import type { Deps } from './deps.js';
import { type BookingError } from './errors.js';
import { readOnly } from './access.js';
import { busyRange, hostBusyForLink } from './busy.js';
import { linkPolicy, linkRules } from './link-rules.js';
import { readMembersBusy } from './members-busy.js';
import type { CalendarBusySource, StoreTx } from './ports.js';
import { isTeamLink, memberLink } from './team-links.js';
import { withSlotsValidation } from './validation.js';

/** How a team's slots combine: any member free (`round-robin`) or all of them (`collective`). */
export type TeamMode = 'round-robin' | 'collective';

/** The slot engine's mode of a team link. */
export function teamMode(link: Pick<BookingLink, 'kind'>): TeamMode {
  return link.kind === 'collective' ? 'collective' : 'round-robin';
}

/**
 * The view of `link` for one of its booking's hosts, as a solo link of that host: a team member's
 * {@link memberLink}, a solo link's own host the link itself; `null` when the host is neither (it
 * left the team, or the link changed kind since the booking), so its rules and calendar are
 * unknown and the booking cannot be moved.
 */
export function hostView(link: BookingLink, hostId: string): BookingLink | null {
  if (isTeamLink(link))
    return link.members.some((m) => m.hostId === hostId) ? memberLink(link, hostId) : null;
  return link.hostId === hostId ? link : null;
}

/**
 * The views of every host a booking keeps busy (`hostId`, then `coHostIds`), or `null` when one
 * of them has no view any more (see {@link hostView}).
 */
export function bookingViews(link: BookingLink, booking: Booking): BookingLink[] | null {
  const views: BookingLink[] = [];
  for (const hostId of [booking.hostId, ...booking.coHostIds]) {
    const view = hostView(link, hostId);
    if (view === null) return null;
    views.push(view);
  }
  return views;
}

/** A member view with its calendar busy time (every kind, out of office included, is busy). */
export interface ReadMember {
  readonly view: BookingLink;
  readonly calendar: readonly Interval[];
}

/** A source that fails every read: what a member's calendar is when no source is configured. */
const NO_SOURCE: CalendarBusySource = {
  busy: () => Promise.reject(new Error('no calendar busy source is configured')),
};

/**
 * Reads the calendars of the member views over `[from, to)` with {@link readMembersBusy}
 * (concurrent and bounded; a member with provider `none` costs no call). `round-robin`: a member
 * whose calendar fails is left out (logged), and only when every member is left out is the read
 * `CALENDAR_UNAVAILABLE`; `collective` (everyone must attend): any failure is
 * `CALENDAR_UNAVAILABLE`. Answers the members kept, in the order given.
 */
export async function readMemberCalendars(
  deps: Deps,
  views: readonly BookingLink[],
  mode: TeamMode,
  from: EpochMs,
  to: EpochMs,
  excludeIcalUid?: string,
): Promise<ReadMember[]> {
  const first = views[0];
  if (first === undefined) return [];
  const reads = await readMembersBusy(deps.calendar ?? NO_SOURCE, {
    workspaceId: first.workspaceId,
    members: views.map((v) => ({ hostId: v.hostId, provider: v.calendarProvider })),
    from,
    to,
    ...(excludeIcalUid === undefined ? {} : { excludeIcalUid }),
  });
  const kept: ReadMember[] = [];
  let failure: BookingError | undefined;
  reads.forEach((read, index) => {
    const view = views[index] as BookingLink;
    if (read.ok) {
      kept.push({ view, calendar: read.busy.map(({ start, end }) => ({ start, end })) });
      return;
    }
    failure ??= read.error;
    deps.logger.warn(
      {
        err: read.error.cause ?? read.error,
        linkId: view.id,
        hostId: view.hostId,
        provider: view.calendarProvider,
      },
      mode === 'collective'
        ? 'member calendar busy lookup failed'
        : 'member calendar busy lookup failed; member left out',
    );
  });
  if (failure !== undefined && (mode === 'collective' || kept.length === 0)) throw failure;
  return kept;
}

/** One host's share of a team's store reads. */
export interface HostStoreBusy {
  /** Confirmed bookings keeping the host busy (its own or as a co-host), on any link. */
  readonly bookings: Booking[];
  readonly timeOff: Interval[];
}

/**
 * The hosts' confirmed bookings and time off overlapping `[from, to)` in two reads
 * (`listHostsBusy`, `listHostsTimeOff`), attributed to each host: a booking to its `hostId` and
 * every one of its `coHostIds`.
 */
export async function readHostsStoreBusy(
  tx: StoreTx,
  workspaceId: string,
  hostIds: readonly string[],
  from: EpochMs,
  to: EpochMs,
): Promise<Map<string, HostStoreBusy>> {
  const out = new Map<string, HostStoreBusy>();
  for (const hostId of hostIds) out.set(hostId, { bookings: [], timeOff: [] });
  const bookings = await tx.listHostsBusy(workspaceId, hostIds, from, to);
  const timeOff = await tx.listHostsTimeOff(workspaceId, hostIds, from, to);
  for (const booking of bookings) {
    for (const hostId of new Set([booking.hostId, ...booking.coHostIds]))
      out.get(hostId)?.bookings.push(booking);
  }
  for (const range of timeOff)
    out.get(range.hostId)?.timeOff.push({ start: range.start, end: range.end });
  return out;
}

/**
 * The slots in `[lo, hi)` of a team of member views (`round-robin`: some member free;
 * `collective`: all free), each member's busy time being its own bookings (on any link; this
 * link's also count toward its daily cap), its time off and its calendar. `exclude` leaves one
 * booking out (the one being rescheduled: out of busy and, by its UID, out of the calendars).
 * Plain slots: which members are free is not the attendee's to see.
 */
export async function teamSlots(
  deps: Deps,
  link: BookingLink,
  views: readonly BookingLink[],
  mode: TeamMode,
  window: { readonly lo: EpochMs; readonly hi: EpochMs; readonly now: EpochMs },
  exclude?: Booking,
): Promise<Slot[]> {
  const { lo, hi, now } = window;
  const range = busyRange(link, lo, hi);
  const members = await readMemberCalendars(
    deps,
    views,
    mode,
    range.from,
    range.to,
    exclude?.icalUid,
  );
  if (members.length === 0) return [];
  const ids = members.map((m) => m.view.hostId);
  const stored = await readOnly(deps.store, (tx) =>
    readHostsStoreBusy(tx, link.workspaceId, ids, range.from, range.to),
  );
  const hosts = members.map(({ view, calendar }) => {
    const mine = stored.get(view.hostId) as HostStoreBusy;
    const own = hostBusyForLink(mine.bookings, link.id, exclude?.id);
    return {
      hostId: view.hostId,
      rules: linkRules(view, { from: lo, to: hi }),
      busy: [...own.busy, ...calendar, ...mine.timeOff],
      bookings: own.bookings,
    };
  });
  const slots = withSlotsValidation(() =>
    computeTeamSlots({ mode, hosts, policy: linkPolicy(link), from: lo, to: hi, now }),
  );
  return slots.map(({ start, end }) => ({ start, end }));
}
