import type { HostRef, TimeOff } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError } from './errors.js';
import { readHostRef } from './access.js';
import { timeOffInputSchema, timeOffListQuerySchema } from './schemas.js';
import { parseInput } from './validation.js';

/** The host's time-off ranges overlapping `[from, to)` (`timeOffListQuerySchema`), by start. */
export async function listTimeOff(deps: Deps, hostRef: HostRef, raw: unknown): Promise<TimeOff[]> {
  const host = readHostRef(hostRef);
  const { from, to } = parseInput(timeOffListQuerySchema, raw);
  return deps.store.transaction((tx) => tx.listTimeOff(host.workspaceId, host.hostId, from, to));
}

/**
 * Adds a time-off range (`timeOffInputSchema`). Written under the host lock, so a booking being
 * made meanwhile either lands before the range exists or sees it and is refused. Bookings already
 * inside the range are kept: the host cancels them if they wish. `NOT_FOUND` for an unknown host.
 */
export async function addTimeOff(deps: Deps, hostRef: HostRef, raw: unknown): Promise<TimeOff> {
  const host = readHostRef(hostRef);
  const input = parseInput(timeOffInputSchema, raw);
  const range: TimeOff = {
    id: deps.ids.id(),
    workspaceId: host.workspaceId,
    hostId: host.hostId,
    start: input.start,
    end: input.end,
    note: input.note,
  };
  await deps.store.withHostLock(host.workspaceId, host.hostId, async (tx) => {
    if ((await tx.findHost(host.workspaceId, host.hostId)) === null) {
      throw new BookingError('NOT_FOUND');
    }
    await tx.insertTimeOff(range);
  });
  deps.logger.info({ timeOffId: range.id, hostId: host.hostId }, 'time off added');
  return range;
}

/**
 * Removes one of the host's time-off ranges; `NOT_FOUND` when the id is unknown or another
 * host's (ids of other tenants are not confirmable by probing).
 */
export async function removeTimeOff(deps: Deps, hostRef: HostRef, id: string): Promise<void> {
  const host = readHostRef(hostRef);
  if (typeof id !== 'string' || id === '' || id.length > 200) throw new BookingError('NOT_FOUND');
  const deleted = await deps.store.withHostLock(host.workspaceId, host.hostId, (tx) =>
    tx.deleteTimeOff(host.workspaceId, host.hostId, id),
  );
  if (!deleted) throw new BookingError('NOT_FOUND');
  deps.logger.info({ timeOffId: id, hostId: host.hostId }, 'time off removed');
}
