// Scale-out: four server processes share one PostgreSQL database, and 200 visitors book the same
// slot at once, the i-th request sent to process i % 4. On a solo link exactly one wins (201) and
// the 199 others get 409 SLOT_TAKEN, with no 5xx and no lost request, for each of 20 slots in a
// row. On a round-robin link of three members exactly three win, one per member, for each of 5
// slots. Afterwards the database holds exactly the winners' bookings and their follow-up jobs: the
// losers left nothing behind. The time each race takes is printed (for BENCHMARKS.md), never
// asserted.
import { performance } from 'node:perf_hooks';
import {
  createBookingCore,
  type BookingCore,
  type HostRef,
  type JobKind,
} from '@workestra/booking-core';
import { openStore, type StoreHandle } from '@workestra/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Answer } from './test-support/client.js';
import { freshDatabase } from './test-support/server.js';
import { killServerProcesses } from './test-support/server-process.js';
import {
  ALL_DAY_HOURS,
  errorLines,
  openSlots,
  startProcessGroup,
  type ProcessGroup,
} from './test-support/shared-pg.js';

/** Server processes sharing the database. */
const PROCESSES = 4;
/** Visitors racing for each slot. */
const VISITORS = 200;
/** Slots raced for on the solo link, one after the other, with the same processes. */
const SOLO_ROUNDS = 20;
/** Slots raced for on the round-robin link. */
const TEAM_ROUNDS = 5;
const MEMBERS = ['Ana', 'Ben', 'Cy'] as const;
/** The jobs a new booking queues here (no calendar; the meeting is more than 24 h ahead). */
const JOBS_PER_BOOKING: readonly JobKind[] = [
  'crm.sync',
  'email.confirmation',
  'email.host-notice',
  'email.reminder',
];

/** A request that got no HTTP answer (connection refused or reset) shows as status 0. */
async function attempt(send: () => Promise<Answer>): Promise<Answer> {
  try {
    return await send();
  } catch (error) {
    return { status: 0, headers: new Headers(), body: undefined, text: String(error) };
  }
}

/**
 * `VISITORS` bookings of `start` on `slug`, all in flight at once, the i-th to `urls[i % n]`;
 * the answers and how long the whole race took (ms).
 */
async function race(
  urls: readonly string[],
  slug: string,
  start: string,
  round: string,
): Promise<{ answers: Answer[]; ms: number }> {
  const clients = Array.from({ length: VISITORS }, (_, i) => new Client(urls[i % urls.length]!));
  const began = performance.now();
  const answers = await Promise.all(
    clients.map((client, i) =>
      attempt(() =>
        client.post(`/api/public/links/${slug}/bookings`, {
          body: {
            start,
            name: `Visitor ${round}-${i}`,
            email: `v${round}-${i}@example.com`,
            timeZone: 'UTC',
          },
        }),
      ),
    ),
  );
  return { answers, ms: performance.now() - began };
}

/** `winners` 201s and SLOT_TAKEN for everyone else; no 5xx, no request left unanswered. */
function expectWinners(answers: readonly Answer[], winners: number, label: string): Answer[] {
  const statuses = new Map<number, number>();
  for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  const lost = answers.filter((a) => a.status !== 201);
  const odd = lost.filter((a) => a.status !== 409 || a.body?.error?.code !== 'SLOT_TAKEN');
  expect(
    { label, statuses: Object.fromEntries(statuses), odd: odd.slice(0, 3).map((a) => a.text) },
    label,
  ).toEqual({ label, statuses: { 201: winners, 409: VISITORS - winners }, odd: [] });
  return answers.filter((a) => a.status === 201);
}

function summary(ms: readonly number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return `min ${sorted[0]!.toFixed(0)} ms, median ${at(0.5).toFixed(0)} ms, mean ${mean.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`;
}

/** Booking ids of the link's hosts, each with its start, from the store (upcoming, all pages). */
async function storedBookings(
  core: BookingCore,
  host: HostRef,
): Promise<{ id: string; start: number; hostId: string }[]> {
  const out: { id: string; start: number; hostId: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.listBookings(host, { filter: 'upcoming', limit: 100, cursor });
    out.push(...page.bookings.map((b) => ({ id: b.id, start: b.start, hostId: b.hostId })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

describe(`${PROCESSES} server processes sharing PostgreSQL, ${VISITORS} visitors per slot`, () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let handle: StoreHandle;
  let core: BookingCore;
  let group: ProcessGroup;
  let solo: HostRef;
  let members: Map<string, HostRef>;
  /** Every booking answered 201, by id. */
  const won = new Map<string, string>();

  beforeAll(async () => {
    db = await freshDatabase('postgres');
    handle = await openStore(db.url);
    core = createBookingCore({ store: handle.store });

    const kim = await core.createHost({
      workspaceId: 'ws_solo',
      email: 'kim@example.com',
      name: 'Kim',
      timeZone: 'UTC',
    });
    solo = { workspaceId: 'ws_solo', hostId: kim.id };
    await core.createLink(solo, {
      title: 'Solo',
      slug: 'solo',
      timeZone: 'UTC',
      durationMinutes: 15,
      maxDaysAhead: 14,
      weeklyHours: ALL_DAY_HOURS,
    });

    members = new Map();
    for (const name of MEMBERS) {
      const host = await core.createHost({
        workspaceId: 'ws_team',
        email: `${name.toLowerCase()}@example.com`,
        name,
        timeZone: 'UTC',
      });
      members.set(name, { workspaceId: 'ws_team', hostId: host.id });
    }
    await core.createLink(members.get(MEMBERS[0])!, {
      title: 'Team',
      slug: 'team',
      timeZone: 'UTC',
      kind: 'round_robin',
      durationMinutes: 15,
      maxDaysAhead: 14,
      weeklyHours: ALL_DAY_HOURS,
      members: [...members.values()].map((m) => ({ hostId: m.hostId })),
    });

    // Every process listening before the first request goes out.
    group = await startProcessGroup(PROCESSES, db.url);
  });

  afterAll(async () => {
    killServerProcesses();
    group?.cleanUp();
    await handle?.close();
    await db?.drop();
  });

  it(`solo link: one 201 and ${VISITORS - 1} SLOT_TAKEN per slot, ${SOLO_ROUNDS} slots in a row`, async () => {
    // The processes run on the real clock: slots at least two days ahead.
    const slots = (await openSlots(group.urls[0]!, 'solo', 2, 4)).slice(0, SOLO_ROUNDS);
    expect(slots).toHaveLength(SOLO_ROUNDS);
    const times: number[] = [];
    for (const [round, start] of slots.entries()) {
      const { answers, ms } = await race(group.urls, 'solo', start, `s${round}`);
      times.push(ms);
      const [winner] = expectWinners(answers, 1, `solo slot ${round} (${start})`);
      expect(winner!.body.booking.start).toBe(start);
      won.set(winner!.body.booking.id as string, start);
    }

    // The store holds the winners' bookings and nothing else.
    const stored = await storedBookings(core, solo);
    expect(stored.map((b) => [b.id, new Date(b.start).toISOString()]).sort()).toEqual(
      [...won.entries()].sort(),
    );
    console.info(
      `[scale-out] solo link, ${PROCESSES} processes, ${SOLO_ROUNDS} races of ${VISITORS} requests: ${summary(times)} per race ` +
        `(${((SOLO_ROUNDS * VISITORS) / (times.reduce((s, v) => s + v, 0) / 1000)).toFixed(0)} requests/s); 201 x ${SOLO_ROUNDS}, 409 SLOT_TAKEN x ${SOLO_ROUNDS * (VISITORS - 1)}, 5xx x 0`,
    );
  }, 600_000);

  it(`round-robin link of ${MEMBERS.length}: one 201 per member per slot, ${TEAM_ROUNDS} slots in a row`, async () => {
    const slots = (await openSlots(group.urls[0]!, 'team', 5, 7)).slice(0, TEAM_ROUNDS);
    expect(slots).toHaveLength(TEAM_ROUNDS);
    const ids = [...members.values()].map((m) => m.hostId);
    const times: number[] = [];
    for (const [round, start] of slots.entries()) {
      const { answers, ms } = await race(group.urls, 'team', start, `t${round}`);
      times.push(ms);
      const winners = expectWinners(answers, MEMBERS.length, `team slot ${round} (${start})`);
      expect(winners.map((a) => a.body.booking.hostName as string).sort()).toEqual([...MEMBERS]);
      for (const a of winners) won.set(a.body.booking.id as string, start);
      // One booking per member at that time, as the store holds them.
      const busy = await handle.store.transaction((tx) =>
        tx.listHostsBusy('ws_team', ids, Date.parse(start), Date.parse(start) + 1),
      );
      expect(busy.map((b) => b.hostId).sort()).toEqual([...ids].sort());
    }
    console.info(
      `[scale-out] round-robin link (${MEMBERS.length} members), ${PROCESSES} processes, ${TEAM_ROUNDS} races of ${VISITORS} requests: ${summary(times)} per race; ` +
        `201 x ${TEAM_ROUNDS * MEMBERS.length}, 409 SLOT_TAKEN x ${TEAM_ROUNDS * (VISITORS - MEMBERS.length)}, 5xx x 0`,
    );
  }, 600_000);

  it("the losers left nothing: only the winners' follow-up jobs were queued; no process logged an error", async () => {
    expect(group.processes.flatMap(errorLines)).toEqual([]);
    expect(won.size).toBe(SOLO_ROUNDS + TEAM_ROUNDS * MEMBERS.length);
    const jobs = await handle.jobs.listJobs();
    const perBooking = new Map<string, string[]>();
    for (const job of jobs) {
      const id = (job.payload as { bookingId: string }).bookingId;
      perBooking.set(id, [...(perBooking.get(id) ?? []), job.kind].sort());
    }
    expect([...perBooking.keys()].sort()).toEqual([...won.keys()].sort());
    for (const kinds of perBooking.values()) expect(kinds).toEqual([...JOBS_PER_BOOKING].sort());
  });
});
