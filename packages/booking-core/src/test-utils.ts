import { createBookingCore, type BookingCore } from './core.js';
import type { BookingLink, HostRef } from './domain.js';
import { manualClock, type ManualClock } from './fixtures.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import type { CalendarBusySource, TokenSealer } from './ports.js';
import type { CreateLinkInput } from './schemas.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** Sunday 2026-11-01 12:00 UTC: "now" in most use-case tests. */
export const NOW = '2026-11-01T12:00:00Z';
/** Monday 2026-11-02 09:00 UTC: the first slot of the default test link. */
export const MON_9 = Date.parse('2026-11-02T09:00:00Z');

/** Monday 09:00-12:00 UTC, 30-minute slots. */
export const TEST_LINK: CreateLinkInput = {
  title: 'Intro call',
  timeZone: 'UTC',
  weeklyHours: { monday: [{ start: '09:00', end: '12:00' }] },
};

export interface World {
  readonly store: MemoryStore;
  readonly clock: ManualClock;
  readonly core: BookingCore;
  readonly host: HostRef;
  /** Another host in the same workspace, and one in another workspace. */
  readonly colleague: HostRef;
  readonly stranger: HostRef;
  link(input?: Partial<CreateLinkInput>, who?: HostRef): Promise<BookingLink>;
  attendee(
    start: number | string,
    slug?: string,
  ): { slug: string; start: number | string; name: string; email: string; timeZone: string };
}

/** A memory store, a manual clock at {@link NOW}, a core, three hosts. */
export async function world(
  options: {
    calendar?: CalendarBusySource;
    sealer?: TokenSealer;
    reservedSlugs?: readonly string[];
  } = {},
): Promise<World> {
  const store = createMemoryStore();
  const clock = manualClock(NOW);
  const core = createBookingCore({
    store,
    clock,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.sealer ? { sealer: options.sealer } : {}),
    ...(options.reservedSlugs ? { reservedSlugs: options.reservedSlugs } : {}),
  });
  const mk = async (workspaceId: string, name: string): Promise<HostRef> => {
    const host = await core.createHost({
      workspaceId,
      email: `${name.toLowerCase()}@example.com`,
      name,
      timeZone: 'Europe/Berlin',
    });
    return { workspaceId, hostId: host.id };
  };
  const host = await mk('ws_a', 'Ana');
  const colleague = await mk('ws_a', 'Ben');
  const stranger = await mk('ws_b', 'Cy');
  return {
    store,
    clock,
    core,
    host,
    colleague,
    stranger,
    link: (input = {}, who = host) => core.createLink(who, { ...TEST_LINK, ...input }),
    attendee: (start, slug = 'intro-call') => ({
      slug,
      start,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      timeZone: 'Europe/London',
    }),
  };
}

/** The `code` a promise rejects with (a `BookingError`), for `expect(...).resolves.toBe(code)`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded: ${String(error)}`;
  }
  return 'resolved';
}

/** All slot starts of a link in a day range as ISO strings. */
export async function slotStarts(
  core: BookingCore,
  slug: string,
  from: string,
  to: string,
  timeZone = 'UTC',
): Promise<string[]> {
  const { days } = await core.getPublicSlots({ slug, from, to, timeZone });
  return days.flatMap((d) => d.slots.map((s) => new Date(s.start).toISOString()));
}
