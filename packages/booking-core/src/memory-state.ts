import type { Booking, BookingEvent, BookingLink, BookingToken, Host, Job } from './domain.js';
import type { BookingListFilter, MessageRecord, OutboxMessage } from './ports.js';

/** All rows of a memory store. Rows are immutable objects; a write replaces the row. */
export interface MemoryState {
  hosts: Map<string, Host>;
  links: Map<string, BookingLink>;
  bookings: Map<string, Booking>;
  tokens: Map<string, BookingToken>;
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

/** The rows of one dashboard tab, in the tab's order. */
export function hostBookingsTab(
  s: MemoryState,
  workspaceId: string,
  hostId: string,
  filter: BookingListFilter,
  now: number,
): Booking[] {
  const mine = [...s.bookings.values()].filter(
    (b) => b.workspaceId === workspaceId && b.hostId === hostId,
  );
  const byStart = (a: Booking, b: Booking): number => a.start - b.start;
  const latestFirst = (a: Booking, b: Booking): number => b.start - a.start;
  switch (filter) {
    case 'upcoming':
      return mine.filter((b) => b.status === 'confirmed' && b.end > now).sort(byStart);
    case 'past':
      return mine
        .filter((b) => b.status === 'confirmed' && b.end <= now && !b.noShow)
        .sort(latestFirst);
    case 'no_show':
      return mine.filter((b) => b.status === 'confirmed' && b.noShow).sort(latestFirst);
    case 'cancelled':
      return mine.filter((b) => b.status === 'cancelled').sort(latestFirst);
  }
}

/** Jobs in creation order. */
export function jobsInOrder(s: MemoryState): Job[] {
  return [...s.jobs.values()].sort(
    (a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id),
  );
}
