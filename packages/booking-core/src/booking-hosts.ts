import type { Booking, Host } from './domain.js';
import { BookingError } from './errors.js';
import type { BookingStore, StoreTx } from './ports.js';

/**
 * Every host who attends a booking: its `hostId` (on a team link, the member it went to) first,
 * then its `coHostIds` (a collective link's other members), each once. A booking's writes lock
 * exactly these hosts.
 *
 * @example
 * ```ts
 * import { bookingHostIds } from '@workestra/booking-core';
 * bookingHostIds({ hostId: 'host_ana', coHostIds: ['host_ben'] }); // ['host_ana', 'host_ben']
 * ```
 */
export function bookingHostIds(booking: Pick<Booking, 'hostId' | 'coHostIds'>): string[] {
  return [...new Set([booking.hostId, ...booking.coHostIds])];
}

/**
 * The hosts of a booking as the store has them: `host` (its `hostId`, null once that host row is
 * gone) and `coHosts` (its `coHostIds`, in their order; hosts that are gone are left out).
 *
 * @example
 * ```ts
 * const people: BookingHosts = { host: null, coHosts: [] };
 * people.coHosts.map((h) => h.name);
 * ```
 */
export interface BookingHosts {
  readonly host: Host | null;
  readonly coHosts: readonly Host[];
}

/**
 * Reads a booking's {@link BookingHosts}: one `findHost` for a booking without co-hosts, else one
 * `listHosts` of the workspace.
 *
 * @example
 * ```ts
 * import { readBookingHosts } from '@workestra/booking-core';
 * const { host, coHosts } = await store.transaction((tx) => readBookingHosts(tx, booking));
 * ```
 */
export async function readBookingHosts(
  tx: Pick<StoreTx, 'findHost' | 'listHosts'>,
  booking: Pick<Booking, 'workspaceId' | 'hostId' | 'coHostIds'>,
): Promise<BookingHosts> {
  if (booking.coHostIds.length === 0)
    return { host: await tx.findHost(booking.workspaceId, booking.hostId), coHosts: [] };
  return pickBookingHosts(hostsById(await tx.listHosts(booking.workspaceId)), booking);
}

/**
 * Hosts by id, to pick many bookings' hosts from one read ({@link pickBookingHosts}).
 *
 * @example
 * ```ts
 * import { hostsById } from '@workestra/booking-core';
 * const byId = hostsById(await store.transaction((tx) => tx.listHosts('ws_1')));
 * ```
 */
export function hostsById(hosts: readonly Host[]): ReadonlyMap<string, Host> {
  return new Map(hosts.map((h) => [h.id, h]));
}

/**
 * A booking's {@link BookingHosts} taken from hosts already read (one `listHosts` for a page of
 * bookings, see {@link hostsById}).
 *
 * @example
 * ```ts
 * import { hostsById, pickBookingHosts } from '@workestra/booking-core';
 * const byId = hostsById(await store.transaction((tx) => tx.listHosts(booking.workspaceId)));
 * pickBookingHosts(byId, booking).host?.name; // the member the booking went to
 * ```
 */
export function pickBookingHosts(
  byId: ReadonlyMap<string, Host>,
  booking: Pick<Booking, 'hostId' | 'coHostIds'>,
): BookingHosts {
  return {
    host: byId.get(booking.hostId) ?? null,
    coHosts: booking.coHostIds.flatMap((id) => {
      const found = byId.get(id);
      return found === undefined ? [] : [found];
    }),
  };
}

/** How often a lock is taken again when the booking's hosts changed before it was held. */
const LOCK_ATTEMPTS = 3;

/**
 * Runs `fn` on a booking under the lock of every host it has ({@link bookingHostIds}), not the
 * caller's: a team booking is serialised with the bookings of the members it keeps busy. `find`
 * reads the booking (and checks access); it runs once outside the lock, to learn the hosts, and
 * again inside, and `fn` gets the booking read inside. When the hosts changed in between (a
 * reschedule handed the meeting to another member), the lock is taken again for the new hosts;
 * after a few such changes the call fails with `CONFLICT`.
 *
 * @example
 * ```ts
 * import { lockBookingHosts } from '@workestra/booking-core';
 * await lockBookingHosts(
 *   store,
 *   async (tx) => (await tx.findBooking(workspaceId, bookingId)) ?? Promise.reject(new Error('gone')),
 *   (tx, found) => tx.updateBooking({ ...found, noShow: true }),
 * );
 * ```
 */
export async function lockBookingHosts<T>(
  store: Pick<BookingStore, 'transaction' | 'withHostsLock'>,
  find: (tx: StoreTx) => Promise<Booking>,
  fn: (tx: StoreTx, booking: Booking) => Promise<T>,
): Promise<T> {
  let seen = await store.transaction(find);
  for (let attempt = 1; ; attempt++) {
    const locked = new Set(bookingHostIds(seen));
    const outcome = await store.withHostsLock(
      seen.workspaceId,
      [...locked],
      async (tx): Promise<{ moved: Booking } | { moved: null; done: T }> => {
        const booking = await find(tx);
        if (bookingHostIds(booking).some((id) => !locked.has(id))) return { moved: booking };
        return { moved: null, done: await fn(tx, booking) };
      },
    );
    if (outcome.moved === null) return outcome.done;
    if (attempt >= LOCK_ATTEMPTS)
      throw new BookingError('CONFLICT', {
        message: 'The meeting changed hands while it was being updated; try again',
      });
    seen = outcome.moved;
  }
}
