import type { Booking } from './domain.js';
import type { StoreTx } from './ports.js';

/**
 * What the attendee's pages call the people they meet: the names of the booking's host and then
 * its co-hosts (a collective team link's meeting), joined with ", "; a host that is gone counts as
 * an empty name and is left out.
 */
export async function bookingHostName(
  tx: StoreTx,
  booking: Pick<Booking, 'workspaceId' | 'hostId' | 'coHostIds'>,
): Promise<string> {
  const names: string[] = [];
  for (const hostId of [booking.hostId, ...booking.coHostIds]) {
    const name = (await tx.findHost(booking.workspaceId, hostId))?.name ?? '';
    if (name !== '') names.push(name);
  }
  return names.join(', ');
}
