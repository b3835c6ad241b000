import type {
  Booking,
  BookingEvent,
  BookingLink,
  EpochMs,
  Host,
  HostRef,
  JobKind,
} from './domain.js';
import type { Deps } from './deps.js';
import type { StoreTx } from './ports.js';
import { BookingError } from './errors.js';
import { ownBooking, readHostRef } from './access.js';
import {
  hostsById,
  lockBookingHosts,
  pickBookingHosts,
  readBookingHosts,
  type BookingHosts,
} from './booking-hosts.js';
import { jobsForNoShow } from './follow-up-jobs.js';
import { decodeBookingCursor, encodeBookingCursor } from './booking-cursor.js';
import { bookingListQuerySchema } from './schemas.js';
import { parseInput } from './validation.js';

/**
 * What a host's list shows of a booking's link. A deleted link keeps its title (the host still
 * knows the meeting by it) with `deleted` set; its slug is free again, so it is no page to link to.
 * `null` only when the link row itself is gone.
 *
 * @example
 * ```ts
 * const summary: BookingLinkSummary = { id: link.id, title: link.title, slug: link.slug, deleted: false };
 * ```
 */
export interface BookingLinkSummary {
  readonly id: string;
  readonly title: string;
  readonly slug: string;
  readonly deleted: boolean;
}

/**
 * Who a booking is with, as the dashboard shows it: a host's id, name and email.
 *
 * @example
 * ```ts
 * const who: BookingPerson = { id: host.id, name: host.name, email: host.email };
 * ```
 */
export interface BookingPerson {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/**
 * A booking the host may see (its own, one it co-hosts, or one of a link it owns), with the link
 * it was booked on (title and slug, for the dashboard) and who it is with: `host` is the booking's
 * host (on a team link, the member it went to; null once that host is gone), `coHosts` the other
 * members of a collective link's meeting.
 *
 * @example
 * ```ts
 * const { bookings } = await core.listBookings(me, { filter: 'upcoming' });
 * bookings.map((b) => `${b.link?.title ?? '(unknown link)'} with ${b.attendeeName}`);
 * ```
 */
export interface HostBooking extends Booking {
  readonly link: BookingLinkSummary | null;
  readonly host: BookingPerson | null;
  readonly coHosts: readonly BookingPerson[];
  /** Follow-ups of the booking that failed for good (retries used up), oldest first. */
  readonly followUpFailures: readonly FollowUpFailure[];
}

/**
 * A follow-up job of a booking that failed for good (its retries used up): the booking itself
 * stands, and the dashboard shows what did not happen (e.g. the CRM was not told) and why.
 *
 * @example
 * ```ts
 * const { bookings } = await core.listBookings(me, { filter: 'upcoming' });
 * const failed: readonly FollowUpFailure[] = bookings[0]?.followUpFailures ?? [];
 * failed.map((f) => `${f.kind}: ${f.error}`); // ['crm.sync: the CRM answered 503']
 * ```
 */
export interface FollowUpFailure {
  readonly kind: JobKind;
  readonly at: EpochMs;
  readonly attempts: number;
  readonly error: string;
}

/** The failures a `followup_failed` event records (see the job runner), in event order. */
function failuresOf(events: readonly BookingEvent[]): FollowUpFailure[] {
  return events
    .filter((e) => e.type === 'followup_failed')
    .map((e) => ({
      kind: e.data['kind'] as JobKind,
      at: e.at,
      attempts: typeof e.data['attempts'] === 'number' ? e.data['attempts'] : 0,
      error: typeof e.data['error'] === 'string' ? e.data['error'] : 'unknown error',
    }));
}

/**
 * One booking the host may see with its history, oldest event first, its link (see
 * {@link BookingLinkSummary}) and who it is with (`host`, `coHosts`: as in {@link HostBooking}).
 *
 * @example
 * ```ts
 * const { booking, link, events, host } = await core.getBooking(me, bookingId);
 * events.map((e) => e.type); // ['created', 'rescheduled']
 * host?.name; // the member the meeting went to
 * ```
 */
export interface BookingDetails {
  readonly booking: Booking;
  readonly link: BookingLinkSummary | null;
  readonly host: BookingPerson | null;
  readonly coHosts: readonly BookingPerson[];
  readonly events: BookingEvent[];
  /** The `followup_failed` events of `events`, read as {@link FollowUpFailure}s. */
  readonly followUpFailures: readonly FollowUpFailure[];
}

/**
 * One page of a dashboard tab: `nextCursor` continues it (pass it back as `cursor`), null at the end.
 *
 * @example
 * ```ts
 * let page = await core.listBookings(me, { filter: 'past' });
 * while (page.nextCursor !== null)
 *   page = await core.listBookings(me, { filter: 'past', cursor: page.nextCursor });
 * ```
 */
export interface BookingPage {
  readonly bookings: HostBooking[];
  readonly nextCursor: string | null;
}

function linkSummary(link: BookingLink | null): BookingLinkSummary | null {
  return link === null
    ? null
    : { id: link.id, title: link.title, slug: link.slug, deleted: link.deletedAt !== null };
}

function person(host: Host): BookingPerson {
  return { id: host.id, name: host.name, email: host.email };
}

function people({ host, coHosts }: BookingHosts): Pick<HostBooking, 'host' | 'coHosts'> {
  return { host: host === null ? null : person(host), coHosts: coHosts.map(person) };
}

/**
 * `bookings` with their links (each distinct link read once), their hosts (one `listHosts` for
 * the page) and failed follow-ups (one read).
 */
async function withLinks(
  tx: StoreTx,
  workspaceId: string,
  bookings: readonly Booking[],
): Promise<HostBooking[]> {
  if (bookings.length === 0) return [];
  const links = new Map<string, BookingLinkSummary | null>();
  for (const linkId of new Set(bookings.map((b) => b.linkId)))
    links.set(linkId, linkSummary(await tx.findLink(workspaceId, linkId)));
  const hosts = hostsById(await tx.listHosts(workspaceId));
  const failed = await tx.listFollowUpFailures(
    workspaceId,
    bookings.map((b) => b.id),
  );
  return bookings.map((b) => ({
    ...b,
    link: links.get(b.linkId) ?? null,
    ...people(pickBookingHosts(hosts, b)),
    followUpFailures: failuresOf(failed.filter((e) => e.bookingId === b.id)),
  }));
}

/**
 * One page of a dashboard tab of the host's bookings (see {@link BookingListQuery}): the store's
 * set (bookings the host is the host or a co-host of, and those of the links it owns).
 */
export async function listBookings(
  deps: Deps,
  hostRef: HostRef,
  raw: unknown,
): Promise<BookingPage> {
  const host = readHostRef(hostRef);
  const query = parseInput(bookingListQuerySchema, raw);
  const after = query.cursor === undefined ? null : decodeBookingCursor(query.filter, query.cursor);
  const now = deps.clock.now();
  // One row more than asked tells whether another page follows without a count query.
  const { rows, bookings } = await deps.store.transaction(async (tx) => {
    const rows = await tx.listHostBookings(host.workspaceId, host.hostId, {
      filter: query.filter,
      now,
      limit: query.limit + 1,
      after,
      startFrom: query.from ?? null,
      startBefore: query.to ?? null,
    });
    const own = rows.slice(0, query.limit).filter((b) => b.workspaceId === host.workspaceId);
    return { rows, bookings: await withLinks(tx, host.workspaceId, own) };
  });
  const last = rows.slice(0, query.limit).at(-1);
  return {
    bookings,
    nextCursor:
      rows.length > query.limit && last !== undefined
        ? encodeBookingCursor(query.filter, { start: last.start, id: last.id })
        : null,
  };
}

/** A booking the host may see (see `ownBooking`) and its event log; anyone else's is `NOT_FOUND`. */
export function getBooking(
  deps: Deps,
  hostRef: HostRef,
  bookingId: string,
): Promise<BookingDetails> {
  const host = readHostRef(hostRef);
  return deps.store.transaction(async (tx) => {
    const booking = await ownBooking(tx, host, bookingId);
    const events = await tx.listEvents(host.workspaceId, booking.id);
    return {
      booking,
      link: linkSummary(await tx.findLink(host.workspaceId, booking.linkId)),
      ...people(await readBookingHosts(tx, booking)),
      events,
      followUpFailures: failuresOf(events),
    };
  });
}

/**
 * Marks a confirmed meeting as a no-show; only once it has started. Marking twice is harmless. The
 * CRM hears of it through a `crm.sync` job. Any host who may see the booking may mark it; it runs
 * under the lock of the booking's hosts.
 */
export function markNoShow(deps: Deps, hostRef: HostRef, bookingId: string): Promise<Booking> {
  return setNoShow(deps, hostRef, bookingId, true);
}

/**
 * Takes back a no-show mark (a host who clicked by mistake, or the attendee turned up late): the
 * meeting is a plain confirmed one again and a `no_show_undone` event says so. Same access and lock
 * as {@link markNoShow}; undoing a meeting that is not marked is harmless and records nothing.
 *
 * @example
 * ```ts
 * await core.markNoShow(me, booking.id);
 * (await core.undoNoShow(me, booking.id)).noShow; // false
 * ```
 */
export function undoNoShow(deps: Deps, hostRef: HostRef, bookingId: string): Promise<Booking> {
  return setNoShow(deps, hostRef, bookingId, false);
}

/**
 * Marks (`noShow` true: only once the meeting has started) or unmarks a confirmed meeting under
 * the lock of its hosts, recording `no_show` / `no_show_undone`; the CRM hears of both. Setting
 * the value it already has changes and records nothing.
 */
function setNoShow(
  deps: Deps,
  hostRef: HostRef,
  bookingId: string,
  noShow: boolean,
): Promise<Booking> {
  const host = readHostRef(hostRef);
  return lockBookingHosts(
    deps.store,
    (tx) => ownBooking(tx, host, bookingId),
    async (tx, booking) => {
      const now = deps.clock.now();
      if (booking.status === 'cancelled') throw new BookingError('BOOKING_CANCELLED');
      if (noShow && now < booking.start)
        throw new BookingError('CONFLICT', {
          message: 'A meeting can be marked as a no-show only after it has started',
        });
      if (booking.noShow === noShow) return booking;
      const next: Booking = { ...booking, noShow, updatedAt: now };
      await tx.updateBooking(next);
      const eventId = deps.ids.id();
      await tx.appendEvent({
        id: eventId,
        workspaceId: next.workspaceId,
        bookingId: next.id,
        type: noShow ? 'no_show' : 'no_show_undone',
        actor: 'host',
        at: now,
        data: {},
      });
      await tx.enqueueJobs(jobsForNoShow(next, now, eventId), now);
      return next;
    },
  );
}
