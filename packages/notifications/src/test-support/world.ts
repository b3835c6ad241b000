import { randomBytes } from 'node:crypto';
import {
  createAesGcmSealer,
  createBookingCore,
  createFollowUpHandlers,
  createMemoryStore,
  JobRunner,
  type BookingCore,
  type BookingStore,
  type HostRef,
  type JobStore,
  type MessageLedger,
  type TokenSealer,
} from '@workestra/booking-core';
import { manualClock, type ManualClock } from '@workestra/booking-core/testing';
import { createEmailJobHandlers, type EmailJobHandlerOptions } from '../handlers.js';
import type { EmailTransport } from '../transport.js';

/** Sunday 2026-11-01 12:00 UTC. */
export const NOW = '2026-11-01T12:00:00Z';
/** Monday 2026-11-09 09:00 UTC: a slot a week ahead, so a reminder is queued. */
export const MON2_9 = Date.parse('2026-11-09T09:00:00Z');
export const PUBLIC_URL = 'https://workestra.test';
export const FROM = 'Workestra <no-reply@workestra.test>';

export interface Stores {
  readonly store: BookingStore;
  readonly jobs: JobStore;
  readonly ledger: MessageLedger;
}

export interface World extends Stores {
  readonly clock: ManualClock;
  readonly sealer: TokenSealer;
  readonly core: BookingCore;
  readonly host: HostRef;
  /** A runner with the email handlers over `transport` and no-op handlers for the other kinds. */
  runner(
    transport: EmailTransport,
    options?: {
      workerId?: string;
      backoffMs?: number;
      leaseMs?: number;
      stores?: Stores;
      urls?: Pick<EmailJobHandlerOptions, 'selfServiceUrl' | 'bookingPageUrl'>;
    },
  ): JobRunner;
  /** Books the Monday-09:00-to-12:00 link `intro-call`. */
  book(
    start?: number,
    attendee?: { name?: string; email?: string; timeZone?: string },
  ): ReturnType<BookingCore['book']>;
}

const noop = async (): Promise<void> => undefined;

/** A host (Europe/Berlin) with the link `intro-call` (Mondays 09:00-12:00 UTC), a sealer and a manual clock. */
export async function world(stores: Stores = memoryStores()): Promise<World> {
  const clock = manualClock(NOW);
  const sealer = createAesGcmSealer(randomBytes(32));
  const core = createBookingCore({
    store: stores.store,
    clock,
    sealer,
    icalDomain: 'workestra.test',
  });
  const created = await core.createHost({
    workspaceId: 'ws_1',
    email: 'ana@example.com',
    name: 'Ana <b>Host</b>',
    timeZone: 'Europe/Berlin',
  });
  const host = { workspaceId: 'ws_1', hostId: created.id };
  await core.createLink(host, {
    title: 'Intro call',
    slug: 'intro-call',
    timeZone: 'UTC',
    weeklyHours: { monday: [{ start: '09:00', end: '12:00' }] },
  });
  return {
    ...stores,
    clock,
    sealer,
    core,
    host,
    runner(transport, options = {}) {
      const own = options.stores ?? stores;
      const handlers = createFollowUpHandlers({
        store: own.store,
        handlers: {
          'crm.sync': noop,
          'calendar.create': noop,
          'calendar.update': noop,
          'calendar.delete': noop,
          ...createEmailJobHandlers({
            ledger: own.ledger,
            transport,
            sealer,
            publicUrl: PUBLIC_URL,
            from: FROM,
            clock,
            ...(options.workerId ? { workerId: options.workerId } : {}),
            ...options.urls,
          }),
        },
      });
      return new JobRunner({
        jobs: own.jobs,
        store: own.store,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        handlers,
        clock,
        random: () => 0,
        backoff: { baseMs: options.backoffMs ?? 1000, maxMs: 60_000 },
        ...(options.workerId ? { workerId: options.workerId } : {}),
      });
    },
    book(start = MON2_9, attendee = {}) {
      return core.book({
        slug: 'intro-call',
        start,
        name: attendee.name ?? 'Ada Lovelace',
        email: attendee.email ?? 'ada@example.com',
        timeZone: attendee.timeZone ?? 'America/New_York',
      });
    },
  };
}

export function memoryStores(): Stores {
  const store = createMemoryStore();
  return { store, jobs: store, ledger: store };
}

/** Moves the clock on and runs until nothing is due (at most `rounds` batches). */
export async function drain(runner: JobRunner, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const report = await runner.runOnce();
    if (report.claimed === 0) return;
  }
}
