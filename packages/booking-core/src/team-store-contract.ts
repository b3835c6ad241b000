import { describe, expect, it } from 'vitest';
import type { Booking, BookingLink, Host, LinkMember, TimeOff } from './domain.js';
import { FIXTURE_EPOCH, makeBooking, makeHost, makeLink } from './fixtures.js';
import type { BookingStore, HostBookingsQuery } from './ports.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T9 = FIXTURE_EPOCH + 9 * HOUR;
const ALL_TIME = [0, Number.MAX_SAFE_INTEGER] as const;

/** A promise with its resolver, to order concurrent work by signals instead of time. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
const sortedIds = (rows: readonly { id: string }[]) => [...rows].sort(byId).map((r) => r.id);

/** A member with the defaults a request gets (weight 1, no calendar, the link's zone and hours). */
const member = (host: Pick<Host, 'id'>, overrides: Partial<LinkMember> = {}): LinkMember => ({
  hostId: host.id,
  weight: 1,
  calendarProvider: 'none',
  timeZone: null,
  weeklyHours: null,
  ...overrides,
});

/** A 30-minute booking of `link` at `start` (blocked range = meeting), for `hostId`. */
const bookingAt = (link: BookingLink, start: number, overrides: Partial<Booking> = {}): Booking =>
  makeBooking(link, {
    start,
    end: start + 30 * MIN,
    blockedStart: start,
    blockedEnd: start + 30 * MIN,
    ...overrides,
  });

const upcoming = (now: number, overrides: Partial<HostBookingsQuery> = {}): HostBookingsQuery => ({
  filter: 'upcoming',
  now,
  limit: 1000,
  after: null,
  startFrom: null,
  startBefore: null,
  ...overrides,
});

/**
 * The team-link part of the store contract (run by `describeStoreContract`): link members stored
 * in order and replaced by `updateLink`, member links in `listLinks`, `listHosts`, co-hosts' busy
 * time (`listHostBusy`, `listHostsBusy`), `listHostsTimeOff`, `listLinkAssignments`, the owner's
 * and co-hosts' dashboard (`listHostBookings`) and `withHostsLock` (serialised, no deadlock).
 */
export function describeTeamStoreCases(current: () => BookingStore): void {
  describe('team links', () => {
    /** `count` hosts of one workspace, stored, oldest first. */
    async function seedHosts(count: number, workspaceId?: string): Promise<Host[]> {
      const first = makeHost(workspaceId === undefined ? {} : { workspaceId });
      const hosts = [
        first,
        ...Array.from({ length: count - 1 }, () => makeHost({ workspaceId: first.workspaceId })),
      ];
      await current().transaction(async (tx) => {
        for (const host of hosts) await tx.insertHost(host);
      });
      return hosts;
    }

    async function insertLinks(...links: BookingLink[]): Promise<void> {
      await current().transaction(async (tx) => {
        for (const link of links) await tx.insertLink(link);
      });
    }

    async function insertBookings(...bookings: Booking[]): Promise<void> {
      await current().transaction(async (tx) => {
        for (const booking of bookings) await tx.insertBooking(booking);
      });
    }

    /** Hosts a, b, c and d; a collective link of a with members a and b; a's and c's solo links. */
    async function seedTeam() {
      const [a, b, c, d] = (await seedHosts(4)) as [Host, Host, Host, Host];
      const team = makeLink(a, {
        kind: 'collective',
        members: [member(a), member(b)],
        createdAt: FIXTURE_EPOCH + 1,
      });
      const soloA = makeLink(a);
      const soloC = makeLink(c);
      await insertLinks(team, soloA, soloC);
      return { a, b, c, d, team, soloA, soloC };
    }

    it('stores a link’s members in their order, weights and nulls included, on every read', async () => {
      const [owner, ana, ben, cai] = (await seedHosts(4)) as [Host, Host, Host, Host];
      const link = makeLink(owner, {
        kind: 'round_robin',
        members: [
          member(cai, { weight: 3, calendarProvider: 'google' }),
          member(ana, {
            timeZone: 'Europe/Berlin',
            weeklyHours: { tuesday: [{ start: '08:00', end: '12:00' }] },
          }),
          member(ben, { weight: 2, calendarProvider: 'microsoft', timeZone: 'Asia/Tokyo' }),
        ],
      });
      const solo = makeLink(owner, { createdAt: FIXTURE_EPOCH + 1 });
      await insertLinks(link, solo);
      await current().transaction(async (tx) => {
        expect(await tx.findLink(owner.workspaceId, link.id)).toEqual(link);
        expect(await tx.findLiveLinkBySlug(link.slug)).toEqual(link);
        expect(await tx.listLinks(owner.workspaceId, owner.id)).toEqual([link, solo]);
        expect((await tx.findLink(owner.workspaceId, solo.id))?.members).toEqual([]);
      });
    });

    it('replaces the members on updateLink (order, weights, removals, additions)', async () => {
      const [owner, ana, ben, cai] = (await seedHosts(4)) as [Host, Host, Host, Host];
      const link = makeLink(owner, {
        kind: 'round_robin',
        members: [member(ana), member(ben, { weight: 2 })],
      });
      await insertLinks(link);
      const reordered: BookingLink = {
        ...link,
        kind: 'collective',
        members: [
          member(cai, { timeZone: 'America/New_York' }),
          member(ana, { weight: 5, weeklyHours: { monday: [{ start: '10:00', end: '11:00' }] } }),
        ],
      };
      await current().transaction((tx) => tx.updateLink(reordered));
      await current().transaction(async (tx) =>
        expect(await tx.findLink(owner.workspaceId, link.id)).toEqual(reordered),
      );
      const solo: BookingLink = { ...reordered, kind: 'solo', members: [] };
      await current().transaction((tx) => tx.updateLink(solo));
      await current().transaction(async (tx) => {
        expect(await tx.findLink(owner.workspaceId, link.id)).toEqual(solo);
        expect(ids(await tx.listLinks(owner.workspaceId, ana.id))).toEqual([]);
      });
    });

    it('rolls member writes back with their transaction', async () => {
      const [owner, ana, ben] = (await seedHosts(3)) as [Host, Host, Host];
      const link = makeLink(owner, { kind: 'round_robin', members: [member(ana)] });
      await insertLinks(link);
      const boom = new Error('boom');
      await expect(
        current().transaction(async (tx) => {
          await tx.updateLink({ ...link, members: [member(ben)] });
          throw boom;
        }),
      ).rejects.toBe(boom);
      await current().transaction(async (tx) =>
        expect(await tx.findLink(owner.workspaceId, link.id)).toEqual(link),
      );
    });

    it('lists the live links a host owns or is a member of, oldest first', async () => {
      const [owner, ana, ben] = (await seedHosts(3)) as [Host, Host, Host];
      const team = makeLink(owner, {
        kind: 'round_robin',
        members: [member(ana), member(ben)],
        createdAt: FIXTURE_EPOCH + 2,
      });
      const anasOwn = makeLink(ana, { createdAt: FIXTURE_EPOCH + 1 });
      const gone = makeLink(owner, {
        kind: 'collective',
        members: [member(ana)],
        deletedAt: FIXTURE_EPOCH,
        active: false,
      });
      const bensTeam = makeLink(ben, {
        kind: 'collective',
        members: [member(ben), member(owner)],
        createdAt: FIXTURE_EPOCH + 3,
      });
      await insertLinks(team, anasOwn, gone, bensTeam);
      await current().transaction(async (tx) => {
        const ws = owner.workspaceId;
        expect(await tx.listLinks(ws, ana.id)).toEqual([anasOwn, team]);
        expect(ids(await tx.listLinks(ws, ben.id))).toEqual([team.id, bensTeam.id]);
        expect(ids(await tx.listLinks(ws, owner.id))).toEqual([team.id, bensTeam.id]);
        expect(await tx.listLinks('other-workspace', ana.id)).toEqual([]);
      });
    });

    it('lists a workspace’s hosts oldest first, ties by id in code-unit order', async () => {
      const workspaceId = makeHost().workspaceId;
      const p = workspaceId.slice(0, 8);
      const hosts = [
        makeHost({ id: `${p}-late`, workspaceId, createdAt: FIXTURE_EPOCH + 2 }),
        makeHost({ id: `${p}-a`, workspaceId, createdAt: FIXTURE_EPOCH + 1 }),
        makeHost({ id: `${p}-B`, workspaceId, createdAt: FIXTURE_EPOCH + 1 }),
        makeHost({ id: `${p}-first`, workspaceId, createdAt: FIXTURE_EPOCH }),
      ];
      const elsewhere = makeHost();
      await current().transaction(async (tx) => {
        for (const host of [...hosts, elsewhere]) await tx.insertHost(host);
      });
      await current().transaction(async (tx) => {
        expect(ids(await tx.listHosts(workspaceId))).toEqual([
          `${p}-first`,
          `${p}-B`,
          `${p}-a`,
          `${p}-late`,
        ]);
        expect(await tx.listHosts(elsewhere.workspaceId)).toEqual([elsewhere]);
        expect(await tx.listHosts('no-such-workspace')).toEqual([]);
      });
    });

    it('counts a collective booking as busy time of its co-hosts, cancelled ones not', async () => {
      const { a, b, c, team, soloC } = await seedTeam();
      const together = bookingAt(team, T9, { coHostIds: [b.id] });
      const cancelled = bookingAt(team, T9 + HOUR, { coHostIds: [b.id], status: 'cancelled' });
      const bsOwn = bookingAt(team, T9 + 2 * HOUR, { hostId: b.id });
      const others = bookingAt(soloC, T9 + 3 * HOUR);
      await insertBookings(together, cancelled, bsOwn, others);
      await current().transaction(async (tx) => {
        const ws = a.workspaceId;
        expect(await tx.listHostBusy(ws, b.id, ...ALL_TIME)).toEqual([together, bsOwn]);
        expect(await tx.listHostBusy(ws, a.id, ...ALL_TIME)).toEqual([together]);
        expect(ids(await tx.listHostBusy(ws, c.id, ...ALL_TIME))).toEqual([others.id]);
        // Half-open: a range touching the meeting is not busy.
        expect(await tx.listHostBusy(ws, b.id, T9 + 30 * MIN, T9 + 2 * HOUR)).toEqual([]);
        expect(ids(await tx.listHostBusy(ws, b.id, T9 + 30 * MIN - 1, T9 + 2 * HOUR))).toEqual([
          together.id,
        ]);
        expect(await tx.listHostBusy('other-workspace', b.id, ...ALL_TIME)).toEqual([]);
      });
    });

    it('reads the busy bookings of several hosts at once, each booking once', async () => {
      const { a, b, c, d, team, soloA, soloC } = await seedTeam();
      const together = bookingAt(team, T9, { coHostIds: [b.id] });
      const trio = bookingAt(team, T9 + HOUR, { coHostIds: [b.id, d.id] });
      const cancelled = bookingAt(team, T9 + 2 * HOUR, { coHostIds: [b.id], status: 'cancelled' });
      const asOwn = bookingAt(soloA, T9 + 3 * HOUR);
      const csOwn = bookingAt(soloC, T9 + 4 * HOUR);
      const cWithD = bookingAt(soloC, T9 + 5 * HOUR, { coHostIds: [d.id] });
      await insertBookings(together, trio, cancelled, asOwn, csOwn, cWithD);
      await current().transaction(async (tx) => {
        const ws = a.workspaceId;
        const busy = (hostIds: string[], from: number, to: number) =>
          tx.listHostsBusy(ws, hostIds, from, to).then((rows) => [...rows].sort(byId));
        expect(await busy([a.id, b.id], ...ALL_TIME)).toEqual([together, trio, asOwn].sort(byId));
        expect(sortedIds(await busy([b.id, d.id], ...ALL_TIME))).toEqual(
          sortedIds([together, trio, cWithD]),
        );
        expect(sortedIds(await busy([c.id], ...ALL_TIME))).toEqual(sortedIds([csOwn, cWithD]));
        expect(sortedIds(await busy([a.id, b.id, c.id, d.id], ...ALL_TIME))).toEqual(
          sortedIds([together, trio, asOwn, csOwn, cWithD]),
        );
        // Half-open [from, to): `trio` ends where the range starts, `asOwn` starts where it ends.
        expect(ids(await busy([a.id, b.id], T9 + HOUR + 30 * MIN, T9 + 3 * HOUR))).toEqual([]);
        expect(ids(await busy([d.id], T9 + HOUR + 30 * MIN - 1, T9 + 3 * HOUR + 1))).toEqual([
          trio.id,
        ]);
        expect(await busy([], ...ALL_TIME)).toEqual([]);
        expect(await tx.listHostsBusy('other-workspace', [a.id, b.id], ...ALL_TIME)).toEqual([]);
      });
    });

    it('lists the time off of several hosts by host, start and id', async () => {
      const workspaceId = makeHost().workspaceId;
      const p = workspaceId.slice(0, 8);
      const [hb, ha, hc] = [`${p}-b`, `${p}-A`, `${p}-c`].map((id) =>
        makeHost({ id, workspaceId }),
      ) as [Host, Host, Host];
      await current().transaction(async (tx) => {
        for (const host of [hb, ha, hc]) await tx.insertHost(host);
      });
      const off = (host: Host, id: string, start: number, end: number): TimeOff => ({
        id: `${host.id}-${id}`,
        workspaceId,
        hostId: host.id,
        start,
        end,
        note: null,
      });
      const b2 = off(hb, '2', T9 + HOUR, T9 + 2 * HOUR);
      const b1 = off(hb, '1', T9, T9 + HOUR);
      const aY = off(ha, 'y', T9, T9 + HOUR);
      const aX = off(ha, 'x', T9, T9 + 2 * HOUR);
      const aLate = off(ha, 'late', T9 + 5 * HOUR, T9 + 6 * HOUR);
      const cOff = off(hc, '1', T9, T9 + HOUR);
      await current().transaction(async (tx) => {
        for (const range of [b2, aLate, b1, aY, cOff, aX]) await tx.insertTimeOff(range);
      });
      await current().transaction(async (tx) => {
        expect(await tx.listHostsTimeOff(workspaceId, [hb.id, ha.id], ...ALL_TIME)).toEqual([
          aX,
          aY,
          aLate,
          b1,
          b2,
        ]);
        // Half-open: aLate starts where the range ends, b1 and aY end where it starts.
        expect(
          ids(await tx.listHostsTimeOff(workspaceId, [ha.id, hb.id], T9 + HOUR, T9 + 5 * HOUR)),
        ).toEqual([aX.id, b2.id]);
        expect(await tx.listHostsTimeOff(workspaceId, [], ...ALL_TIME)).toEqual([]);
        expect(await tx.listHostsTimeOff('other-workspace', [ha.id], ...ALL_TIME)).toEqual([]);
      });
    });

    it('counts a link’s confirmed bookings per host, with the latest createdAt', async () => {
      const [owner, ana, ben, cai] = (await seedHosts(4)) as [Host, Host, Host, Host];
      const team = makeLink(owner, {
        kind: 'round_robin',
        members: [member(ana), member(ben), member(cai)],
      });
      const other = makeLink(owner, {
        kind: 'round_robin',
        members: [member(ana)],
      });
      await insertLinks(team, other);
      const to = (host: Host, start: number, createdAt: number, extra: Partial<Booking> = {}) =>
        bookingAt(team, start, { hostId: host.id, createdAt, ...extra });
      await insertBookings(
        to(ana, T9, FIXTURE_EPOCH + 10),
        to(ana, T9 + HOUR, FIXTURE_EPOCH + 30),
        to(ben, T9, FIXTURE_EPOCH + 20),
        to(ben, T9 + HOUR, FIXTURE_EPOCH + 99, { status: 'cancelled' }),
        to(cai, T9 + 2 * HOUR, FIXTURE_EPOCH + 5, { status: 'cancelled' }),
        bookingAt(other, T9 + 3 * HOUR, { hostId: ana.id, createdAt: FIXTURE_EPOCH + 50 }),
      );
      await current().transaction(async (tx) => {
        const rows = await tx.listLinkAssignments(owner.workspaceId, team.id);
        expect(
          [...rows].sort((x, y) => (x.hostId < y.hostId ? -1 : x.hostId > y.hostId ? 1 : 0)),
        ).toEqual(
          [
            { hostId: ana.id, bookedCount: 2, lastBookedAt: FIXTURE_EPOCH + 30 },
            { hostId: ben.id, bookedCount: 1, lastBookedAt: FIXTURE_EPOCH + 20 },
          ].sort((x, y) => (x.hostId < y.hostId ? -1 : x.hostId > y.hostId ? 1 : 0)),
        );
        expect(await tx.listLinkAssignments('other-workspace', team.id)).toEqual([]);
        expect(await tx.listLinkAssignments(owner.workspaceId, 'no-such-link')).toEqual([]);
      });
    });

    it('shows a host the bookings it co-hosts and every booking of the links it owns, paged in order', async () => {
      const [owner, ana, ben] = (await seedHosts(3)) as [Host, Host, Host];
      const team = makeLink(owner, {
        kind: 'collective',
        members: [member(ana), member(ben)],
      });
      const anasOwn = makeLink(ana);
      await insertLinks(team, anasOwn);
      const together = bookingAt(team, T9 + HOUR, { hostId: ana.id, coHostIds: [ben.id] });
      const bens = bookingAt(team, T9 + 2 * HOUR, { hostId: ben.id });
      const anas = bookingAt(anasOwn, T9);
      const gone = bookingAt(team, T9 + 3 * HOUR, {
        hostId: ana.id,
        coHostIds: [ben.id],
        status: 'cancelled',
      });
      await insertBookings(together, bens, anas, gone);
      const now = FIXTURE_EPOCH;
      await current().transaction(async (tx) => {
        const ws = owner.workspaceId;
        const list = async (hostId: string, q: Partial<HostBookingsQuery> = {}) =>
          ids(await tx.listHostBookings(ws, hostId, upcoming(now, q)));
        expect(await tx.listHostBookings(ws, owner.id, upcoming(now))).toEqual([together, bens]);
        expect(await list(ana.id)).toEqual([anas.id, together.id]);
        expect(await list(ben.id)).toEqual([together.id, bens.id]);
        // Keyset pages and the start range apply across the sources.
        expect(await list(ben.id, { limit: 1 })).toEqual([together.id]);
        expect(
          await list(ben.id, { limit: 1, after: { start: together.start, id: together.id } }),
        ).toEqual([bens.id]);
        expect(await list(ana.id, { startFrom: T9 + 1 })).toEqual([together.id]);
        for (const hostId of [owner.id, ana.id, ben.id]) {
          expect(
            ids(await tx.listHostBookings(ws, hostId, { ...upcoming(now), filter: 'cancelled' })),
          ).toEqual([gone.id]);
        }
        expect(
          ids(
            await tx.listHostBookings(ws, owner.id, {
              ...upcoming(T9 + 3 * HOUR),
              filter: 'past',
            }),
          ),
        ).toEqual([bens.id, together.id]);
        expect(await tx.listHostBookings('other-workspace', ben.id, upcoming(now))).toEqual([]);
      });
    });

    it('reads a team booking’s link with its members and the booking’s co-hosts in findBookingContext', async () => {
      const store = current();
      if (!store.findBookingContext) return;
      const { a, b, team } = await seedTeam();
      const together = bookingAt(team, T9, { coHostIds: [b.id] });
      await insertBookings(together);
      expect(await store.findBookingContext(a.workspaceId, together.id)).toEqual({
        booking: together,
        link: team,
        host: a,
      });
    });

    it('serialises withHostsLock with every lock sharing a host: the second waits for the first', async () => {
      const [a, b, c] = (await seedHosts(3)) as [Host, Host, Host];
      const store = current();
      const ws = a.workspaceId;
      const log: string[] = [];
      const firstIn = deferred();
      const secondCalled = deferred();
      const first = store.withHostsLock(ws, [a.id, b.id], async (tx) => {
        log.push('first in');
        firstIn.resolve();
        await secondCalled.promise;
        // Bounded work inside the lock, giving the second transaction every chance to cut in.
        for (let i = 0; i < 20; i++) await tx.listHostsBusy(ws, [a.id, b.id], ...ALL_TIME);
        log.push('first out');
      });
      await firstIn.promise;
      const second = store.withHostsLock(ws, [c.id, b.id], async () => {
        log.push('second in');
      });
      const single = store.withHostLock(ws, b.id, async () => {
        log.push('single in');
      });
      secondCalled.resolve();
      await Promise.all([first, second, single]);
      expect(log.slice(0, 2)).toEqual(['first in', 'first out']);
      expect([...log.slice(2)].sort()).toEqual(['second in', 'single in']);
    });

    it('never deadlocks: lock sets {a, b} and {b, a} all complete, one read-check-insert wins', async () => {
      const [a, b] = (await seedHosts(2)) as [Host, Host];
      const team = makeLink(a, { kind: 'collective', members: [member(a), member(b)] });
      await insertLinks(team);
      const store = current();
      const ws = a.workspaceId;
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.withHostsLock(ws, i % 2 === 0 ? [a.id, b.id] : [b.id, a.id, b.id], async (tx) => {
            const busy = await tx.listHostsBusy(ws, [a.id, b.id], FIXTURE_EPOCH, T9 + 24 * HOUR);
            if (busy.length > 0) return 'saw-busy';
            // Distinct times: only the lock (no overlap rule) can keep this to one insert.
            await tx.insertBooking(bookingAt(team, T9 + i * HOUR, { coHostIds: [b.id] }));
            return 'inserted';
          }),
        ),
      );
      expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'saw-busy')).toHaveLength(9);
    });
  });
}
