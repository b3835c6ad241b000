import { z } from 'zod';
import type { Booking, BookingLink, HostRef } from './domain.js';
import { BookingError } from './errors.js';
import type { BookingStore, StoreTx } from './ports.js';
import { parseInput } from './validation.js';

const hostRefSchema = z.object({ workspaceId: z.string().min(1), hostId: z.string().min(1) });

/** Checks the shape of a {@link HostRef} handed in by the server's auth layer. */
export function readHostRef(host: HostRef): HostRef {
  const { workspaceId, hostId } = parseInput(hostRefSchema, host);
  return { workspaceId, hostId };
}

/**
 * `fn` over reads only: the store's lock-free `read` when it has one, else a `transaction`. For
 * answers that are only shown (a snapshot of what was committed), or checked again under a lock
 * before anything is written.
 */
export function readOnly<T>(store: BookingStore, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  return store.read ? store.read(fn) : store.transaction(fn);
}

/** The live, active link behind a public slug, or `LINK_NOT_FOUND` / `LINK_INACTIVE`. */
export async function activeLinkBySlug(tx: StoreTx, slug: string): Promise<BookingLink> {
  const link = await tx.findLiveLinkBySlug(slug);
  return assertBookable(link);
}

/** A link as found again (inside a lock): still live and active? */
export function assertBookable(link: BookingLink | null): BookingLink {
  if (link === null || link.deletedAt !== null) throw new BookingError('LINK_NOT_FOUND');
  if (!link.active) throw new BookingError('LINK_INACTIVE');
  return link;
}

/**
 * One of the host's own live links. Anything else, including another host's link, is
 * `NOT_FOUND`: ids of other tenants must not be confirmable by probing.
 */
export async function ownLink(tx: StoreTx, host: HostRef, linkId: string): Promise<BookingLink> {
  const link = await tx.findLink(host.workspaceId, linkId);
  if (link === null || link.hostId !== host.hostId || link.deletedAt !== null)
    throw new BookingError('NOT_FOUND');
  return link;
}

/**
 * A booking the host may see and act on: one it is the `hostId` of (on a team link, the member it
 * went to), one of the `coHostIds` of (a collective link's other members), or a booking of a link
 * it owns (`link.hostId`, deleted links included). Anything else is `NOT_FOUND`.
 */
export async function ownBooking(tx: StoreTx, host: HostRef, bookingId: string): Promise<Booking> {
  const booking = await tx.findBooking(host.workspaceId, bookingId);
  if (booking === null) throw new BookingError('NOT_FOUND');
  if (booking.hostId === host.hostId || booking.coHostIds.includes(host.hostId)) return booking;
  const link = await tx.findLink(host.workspaceId, booking.linkId);
  if (link === null || link.hostId !== host.hostId) throw new BookingError('NOT_FOUND');
  return booking;
}
