import type {
  Booking,
  BookingEvent,
  BookingLink,
  BookingToken,
  Host,
  Job,
  TimeOff,
  Upload,
} from './domain.js';
import type {
  BookingListFilter,
  BookingListKey,
  HostBookingsQuery,
  MessageRecord,
  OutboxMessage,
} from './ports.js';

/** All rows of a memory store. Rows are immutable objects; a write replaces the row. */
export interface MemoryState {
  hosts: Map<string, Host>;
  links: Map<string, BookingLink>;
  bookings: Map<string, Booking>;
  tokens: Map<string, BookingToken>;
  timeOff: Map<string, TimeOff>;
  /** By upload id (ids are unique across workspaces, as in the SQL stores). */
  uploads: Map<string, Upload>;
  events: BookingEvent[];
  jobs: Map<string, Job>;
  jobIdsByKey: Map<string, string>;
  jobSeq: number;
  messages: Map<string, MessageRecord>;
  outbox: OutboxMessage[];
}

export function emptyState(): MemoryState {
  return {
    hosts: new Map(),
    links: new Map(),
    bookings: new Map(),
    tokens: new Map(),
    timeOff: new Map(),
    uploads: new Map(),
    events: [],
    jobs: new Map(),
    jobIdsByKey: new Map(),
    jobSeq: 0,
    messages: new Map(),
    outbox: [],
  };
}

/** A copy whose collections can be written without touching `s` (rows are shared: they are never mutated). */
export function cloneState(s: MemoryState): MemoryState {
  return {
    hosts: new Map(s.hosts),
    links: new Map(s.links),
    bookings: new Map(s.bookings),
    tokens: new Map(s.tokens),
    timeOff: new Map(s.timeOff),
    uploads: new Map(s.uploads),
    events: [...s.events],
    jobs: new Map(s.jobs),
    jobIdsByKey: new Map(s.jobIdsByKey),
    jobSeq: s.jobSeq,
    messages: new Map(s.messages),
    outbox: [...s.outbox],
  };
}

/** Row key scoped by workspace. */
export const scoped = (workspaceId: string, id: string): string => `${workspaceId}\u0000${id}`;

/** The live link holding `slug`, other than `exceptId`. */
export function liveLinkWithSlug(
  s: MemoryState,
  slug: string,
  exceptId?: string,
): BookingLink | undefined {
  for (const link of s.links.values()) {
    if (link.slug === slug && link.deletedAt === null && link.id !== exceptId) return link;
  }
  return undefined;
}

/** A confirmed booking of the same host whose blocked range overlaps `booking`'s (the PostgreSQL backstop). */
export function overlappingBooking(s: MemoryState, booking: Booking): Booking | undefined {
  if (booking.status !== 'confirmed') return undefined;
  for (const other of s.bookings.values()) {
    if (
      other.id !== booking.id &&
      other.status === 'confirmed' &&
      other.workspaceId === booking.workspaceId &&
      other.hostId === booking.hostId &&
      other.blockedStart < booking.blockedEnd &&
      booking.blockedStart < other.blockedEnd
    ) {
      return other;
    }
  }
  return undefined;
}

/** Whether a booking belongs in a dashboard tab. */
function inTab(b: Booking, filter: BookingListFilter, now: number): boolean {
  switch (filter) {
    case 'upcoming':
      return b.status === 'confirmed' && b.end > now;
    case 'past':
      return b.status === 'confirmed' && b.end <= now && !b.noShow;
    case 'no_show':
      return b.status === 'confirmed' && b.noShow;
    case 'cancelled':
      return b.status === 'cancelled';
  }
}

/** Soonest first: by `start`, then by `id` in code-unit order (as the SQL stores compare them). */
function soonestFirst(a: BookingListKey, b: BookingListKey): number {
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One page of a dashboard tab, in the tab's order (`upcoming` soonest first, others latest first). */
export function hostBookingsTab(
  s: MemoryState,
  workspaceId: string,
  hostId: string,
  q: HostBookingsQuery,
): Booking[] {
  const order =
    q.filter === 'upcoming'
      ? soonestFirst
      : (a: BookingListKey, b: BookingListKey) => soonestFirst(b, a);
  return [...s.bookings.values()]
    .filter(
      (b) =>
        b.workspaceId === workspaceId &&
        (b.hostId === hostId ||
          b.coHostIds.includes(hostId) ||
          s.links.get(scoped(workspaceId, b.linkId))?.hostId === hostId) &&
        inTab(b, q.filter, q.now) &&
        (q.startFrom === null || b.start >= q.startFrom) &&
        (q.startBefore === null || b.start < q.startBefore) &&
        (q.after === null || order(q.after, b) < 0),
    )
    .sort(order)
    .slice(0, q.limit);
}

/** Jobs in creation order. */
export function jobsInOrder(s: MemoryState): Job[] {
  return [...s.jobs.values()].sort(
    (a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id),
  );
}
