import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking, TimeOff } from './domain.js';
import { type StoreConflictError } from './errors.js';
import { describeExternalRefCases } from './external-ref-contract.js';
import { FIXTURE_EPOCH, makeBooking, makeHost, makeLink, makeNewJob } from './fixtures.js';
import { describeJobRunnerPortContract } from './job-store-contract.js';
import { describeTeamStoreCases } from './team-store-contract.js';
import { describeUploadStoreCases } from './upload-store-contract.js';
import type {
  BookingListFilter,
  BookingListKey,
  BookingStore,
  HostBookingsQuery,
  JobStore,
} from './ports.js';

/**
 * What {@link describeStoreContract} needs: a fresh, empty store per test and a way to dispose it.
 *
 * @example
 * ```ts
 * const factory: StoreFactory = async () => {
 *   const store = createMemoryStore();
 *   return { store, jobs: store, close: async () => {} };
 * };
 * ```
 */
export type StoreFactory = () => Promise<{
  store: BookingStore;
  jobs: JobStore;
  close(): Promise<void>;
}>;

const MIN = 60_000;
const HOUR = 60 * MIN;
const T9 = FIXTURE_EPOCH + 9 * HOUR;

/** A whole tab at once: no key, no range, a limit no test reaches. */
const everything = (filter: BookingListFilter, now: number): HostBookingsQuery => ({
  filter,
  now,
  limit: 1000,
  after: null,
  startFrom: null,
  startBefore: null,
});

const conflict = (constraint: StoreConflictError['constraint']) =>
  expect.objectContaining({ name: 'StoreConflictError', constraint });

/**
 * The contract every `BookingStore` + `JobStore` adapter must pass: CRUD, workspace scoping, live
 * slug uniqueness (and reuse after delete), dashboard tabs paged by key and start range, rollback
 * on throw, `withHostLock` serialisation,
 * idempotent enqueue, atomic claims (by kind too), lease extension by the holder only, wake-ups
 * after commit (never for a rollback), retry/backoff state transitions, abandoned jobs ending
 * `failed` through `abandonExpired` (once each), `cancelJobs`, and the narrow write-back
 * `setExternalRef` (only at the expected SEQUENCE; `updateBooking` never undoes it), a host's
 * time-off ranges (listed by overlap, deleted by their own host only), and team links (members,
 * co-hosts' busy time, several hosts' reads, rotation counts, the owner's dashboard,
 * `withHostsLock`), and pre-meeting forms (a link's form fields and a booking's answers stored as
 * given; uploads found, attached once, listed for the sweep and deleted, all by workspace).
 *
 * @example
 * ```ts
 * // An adapter's test file (vitest), e.g. my-store.test.ts:
 * import { describeStoreContract } from '@workestra/booking-core/testing';
 * import { openSqliteStore } from '@workestra/store/sqlite';
 *
 * describeStoreContract('sqlite', async () => {
 *   const { store, jobs, close } = await openSqliteStore({ filename: ':memory:' });
 *   return { store, jobs, close };
 * });
 * ```
 */
export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`BookingStore/JobStore contract: ${name}`, () => {
    let store: BookingStore;
    let jobs: JobStore;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ store, jobs, close } = await factory());
    });
    afterEach(async () => {
      await close();
    });

    describeExternalRefCases(() => store);
    describeTeamStoreCases(() => store);
    describeUploadStoreCases(() => store);

    /** A host with one link, stored. */
    async function seed(workspaceId?: string) {
      const host = makeHost(workspaceId === undefined ? {} : { workspaceId });
      const link = makeLink(host);
      await store.transaction(async (tx) => {
        await tx.insertHost(host);
        await tx.insertLink(link);
      });
      return { host, link };
    }

    describe('hosts and links', () => {
      it('finds rows only within their workspace', async () => {
        const { host, link } = await seed();
        await store.transaction(async (tx) => {
          expect(await tx.findHost(host.workspaceId, host.id)).toEqual(host);
          expect(await tx.findHost('other-workspace', host.id)).toBeNull();
          expect(await tx.findLink(host.workspaceId, link.id)).toEqual(link);
          expect(await tx.findLink('other-workspace', link.id)).toBeNull();
        });
      });

      it('updates a link and lists a host’s live links oldest first', async () => {
        const { host, link } = await seed();
        const later = makeLink(host, { createdAt: FIXTURE_EPOCH + 1 });
        const gone = makeLink(host, { deletedAt: FIXTURE_EPOCH, active: false });
        const other = await seed(host.workspaceId);
        await store.transaction(async (tx) => {
          await tx.insertLink(later);
          await tx.insertLink(gone);
          await tx.updateLink({
            ...link,
            title: 'Renamed',
            weeklyHours: { friday: [{ start: '10:00', end: '11:00' }] },
            dailyCap: 3,
            defaultDealValueMinor: 150_000,
            defaultDealCurrency: 'JPY',
            embedDomains: ['*.example.com', 'https://shop.example.net', 'localhost:8080'],
          });
        });
        await store.transaction(async (tx) => {
          const found = await tx.findLink(host.workspaceId, link.id);
          expect(found).toMatchObject({
            title: 'Renamed',
            dailyCap: 3,
            defaultDealValueMinor: 150_000,
            defaultDealCurrency: 'JPY',
          });
          expect(found?.weeklyHours).toEqual({ friday: [{ start: '10:00', end: '11:00' }] });
          expect(found?.embedDomains).toEqual([
            '*.example.com',
            'https://shop.example.net',
            'localhost:8080',
          ]);
          expect((await tx.findLiveLinkBySlug(link.slug))?.embedDomains).toEqual(
            found?.embedDomains,
          );
          expect((await tx.listLinks(host.workspaceId, host.id)).map((l) => l.id)).toEqual([
            link.id,
            later.id,
          ]);
          expect((await tx.listLinks(host.workspaceId, other.host.id)).map((l) => l.id)).toEqual([
            other.link.id,
          ]);
          expect(await tx.listLinks('other-workspace', host.id)).toEqual([]);
        });
      });

      it('keeps slugs unique among live links across workspaces, disabled ones included', async () => {
        const { link } = await seed();
        await store.transaction((tx) => tx.updateLink({ ...link, active: false }));
        const intruder = await seedHostOnly();
        await expect(
          store.transaction((tx) => tx.insertLink(makeLink(intruder, { slug: link.slug }))),
        ).rejects.toEqual(conflict('slug'));
        await store.transaction(async (tx) => {
          expect((await tx.findLiveLinkBySlug(link.slug))?.id).toBe(link.id);
          expect(await tx.findLiveLinkBySlug('no-such-slug')).toBeNull();
        });
      });

      it('refuses to move a link onto a taken slug', async () => {
        const a = await seed();
        const b = await seed(a.host.workspaceId);
        await expect(
          store.transaction((tx) => tx.updateLink({ ...b.link, slug: a.link.slug })),
        ).rejects.toEqual(conflict('slug'));
      });

      it('frees the slug of a deleted link for reuse', async () => {
        const { link } = await seed();
        await store.transaction((tx) => tx.updateLink({ ...link, deletedAt: FIXTURE_EPOCH + 1 }));
        const next = await seedHostOnly();
        const reuse = makeLink(next, { slug: link.slug });
        await store.transaction(async (tx) => {
          expect(await tx.findLiveLinkBySlug(link.slug)).toBeNull();
          await tx.insertLink(reuse);
        });
        await store.transaction(async (tx) => {
          expect((await tx.findLiveLinkBySlug(link.slug))?.id).toBe(reuse.id);
          expect((await tx.findLink(link.workspaceId, link.id))?.deletedAt).toBe(FIXTURE_EPOCH + 1);
        });
      });

      async function seedHostOnly() {
        const host = makeHost();
        await store.transaction((tx) => tx.insertHost(host));
        return host;
      }
    });

    describe('time off', () => {
      const off = (
        host: { id: string; workspaceId: string },
        id: string,
        from: number,
        to: number,
        note: string | null = null,
      ): TimeOff => ({
        id,
        workspaceId: host.workspaceId,
        hostId: host.id,
        start: from,
        end: to,
        note,
      });

      it('lists a host’s ranges overlapping [from, to), by start, scoped to host and workspace', async () => {
        const { host } = await seed();
        const { host: other } = await seed();
        const sameWorkspace = makeHost({ workspaceId: host.workspaceId });
        await store.transaction((tx) => tx.insertHost(sameWorkspace));
        const later = off(host, `${host.id}-b`, T9 + 2 * HOUR, T9 + 3 * HOUR, 'Dentist');
        const early = off(host, `${host.id}-a`, T9, T9 + HOUR);
        await store.transaction(async (tx) => {
          await tx.insertTimeOff(later);
          await tx.insertTimeOff(early);
          await tx.insertTimeOff(off(other, `${other.id}-x`, T9, T9 + HOUR));
          await tx.insertTimeOff(off(sameWorkspace, `${sameWorkspace.id}-y`, T9, T9 + HOUR));
        });
        await store.transaction(async (tx) => {
          const ids = async (from: number, to: number) =>
            (await tx.listTimeOff(host.workspaceId, host.id, from, to)).map((r) => r.id);
          expect(
            await tx.listTimeOff(host.workspaceId, host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([early, later]);
          expect(await ids(T9 + HOUR - 1, T9 + 2 * HOUR + 1)).toEqual([early.id, later.id]);
          expect(await ids(T9 + HOUR, T9 + 2 * HOUR)).toEqual([]); // half-open: touching is not overlapping
          expect(await ids(T9 - HOUR, T9)).toEqual([]);
          expect(await ids(T9 + 2 * HOUR + 30 * MIN, T9 + 2 * HOUR + 31 * MIN)).toEqual([later.id]);
          expect(
            await tx.listTimeOff('other-workspace', host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([]);
        });
      });

      it('deletes only the host’s own range, and refuses an id twice', async () => {
        const { host } = await seed();
        const { host: other } = await seed();
        const mine = off(host, `${host.id}-1`, T9, T9 + HOUR);
        await store.transaction((tx) => tx.insertTimeOff(mine));
        await expect(store.transaction((tx) => tx.insertTimeOff(mine))).rejects.toEqual(
          conflict('duplicate'),
        );
        await store.transaction(async (tx) => {
          expect(await tx.deleteTimeOff(other.workspaceId, other.id, mine.id)).toBe(false);
          expect(await tx.deleteTimeOff(host.workspaceId, other.id, mine.id)).toBe(false);
          expect(await tx.deleteTimeOff(other.workspaceId, host.id, mine.id)).toBe(false);
          expect(
            await tx.listTimeOff(host.workspaceId, host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([mine]);
          expect(await tx.deleteTimeOff(host.workspaceId, host.id, mine.id)).toBe(true);
          expect(await tx.deleteTimeOff(host.workspaceId, host.id, mine.id)).toBe(false);
          expect(
            await tx.listTimeOff(host.workspaceId, host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([]);
        });
      });

      it('rolls time-off writes back with their transaction', async () => {
        const { host } = await seed();
        const kept = off(host, `${host.id}-kept`, T9, T9 + HOUR);
        await store.transaction((tx) => tx.insertTimeOff(kept));
        await expect(
          store.transaction(async (tx) => {
            await tx.insertTimeOff(off(host, `${host.id}-gone`, T9 + HOUR, T9 + 2 * HOUR));
            await tx.deleteTimeOff(host.workspaceId, host.id, kept.id);
            throw new Error('undo');
          }),
        ).rejects.toThrow('undo');
        await store.transaction(async (tx) => {
          expect(
            await tx.listTimeOff(host.workspaceId, host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([kept]);
        });
      });
    });

    describe('bookings, tokens and events', () => {
      it('stores, updates and scopes bookings', async () => {
        const { link } = await seed();
        const booking = makeBooking(link);
        await store.transaction((tx) => tx.insertBooking(booking));
        const moved: Booking = {
          ...booking,
          start: T9 + HOUR,
          end: T9 + HOUR + 30 * MIN,
          blockedStart: T9 + HOUR,
          blockedEnd: T9 + HOUR + 30 * MIN,
          icalSequence: 1,
        };
        await store.transaction((tx) => tx.updateBooking(moved));
        await store.transaction(async (tx) => {
          expect(await tx.findBooking(link.workspaceId, booking.id)).toEqual(moved);
          expect(await tx.findBooking('other-workspace', booking.id)).toBeNull();
        });
      });

      it('keeps a booking’s locale and hour cycle: as booked, through an update that keeps them, and changed', async () => {
        const { link } = await seed();
        const booking = makeBooking(link, { attendeeLocale: 'de-CH', attendeeHourCycle: 'h23' });
        const unsaid = makeBooking(link, { start: T9 + 2 * HOUR, end: T9 + 2 * HOUR + 30 * MIN });
        await store.transaction(async (tx) => {
          await tx.insertBooking(booking);
          await tx.insertBooking(unsaid);
        });
        const find = (id: string) =>
          store.transaction((tx) => tx.findBooking(link.workspaceId, id));
        expect(await find(booking.id)).toMatchObject({
          attendeeLocale: 'de-CH',
          attendeeHourCycle: 'h23',
        });
        expect(await find(unsaid.id)).toMatchObject({
          attendeeLocale: null,
          attendeeHourCycle: null,
        });
        // A reschedule that does not say: the same values written back.
        const moved: Booking = {
          ...booking,
          start: T9 + HOUR,
          end: T9 + HOUR + 30 * MIN,
          blockedStart: T9 + HOUR,
          blockedEnd: T9 + HOUR + 30 * MIN,
          icalSequence: 1,
        };
        await store.transaction((tx) => tx.updateBooking(moved));
        expect(await find(booking.id)).toEqual(moved);
        // A reschedule in another language and clock.
        const switched: Booking = {
          ...moved,
          attendeeLocale: 'pt-BR',
          attendeeHourCycle: 'h12',
          icalSequence: 2,
        };
        await store.transaction((tx) => tx.updateBooking(switched));
        expect(await find(booking.id)).toMatchObject({
          attendeeLocale: 'pt-BR',
          attendeeHourCycle: 'h12',
          icalSequence: 2,
        });
        // A booking made without them gets them from a later reschedule.
        await store.transaction((tx) =>
          tx.updateBooking({ ...unsaid, attendeeLocale: 'ja', attendeeHourCycle: 'h23' }),
        );
        expect(await find(unsaid.id)).toMatchObject({
          attendeeLocale: 'ja',
          attendeeHourCycle: 'h23',
        });
      });

      it('finds a booking with its link and host in one read, when the store offers it', async () => {
        const { host, link } = await seed();
        const booking = makeBooking(link);
        await store.transaction((tx) => tx.insertBooking(booking));
        const find = store.findBookingContext?.bind(store);
        // Optional in the port: a store without it is read through a transaction instead.
        if (find === undefined) return;
        const expected = await store.transaction(async (tx) => ({
          booking: await tx.findBooking(link.workspaceId, booking.id),
          link: await tx.findLink(link.workspaceId, link.id),
          host: await tx.findHost(host.workspaceId, host.id),
        }));
        expect(await find(link.workspaceId, booking.id)).toEqual(expected);
        expect(await find('other-workspace', booking.id)).toBeNull();
        expect(await find(link.workspaceId, 'no-such-booking')).toBeNull();
        // Reads made together (a store may answer them with one query) each get their own answer.
        expect(
          await Promise.all([
            find('other-workspace', booking.id),
            find(link.workspaceId, booking.id),
            find(link.workspaceId, 'no-such-booking'),
          ]),
        ).toEqual([null, expected, null]);
        // A deleted (soft) link still belongs to its bookings.
        await store.transaction((tx) => tx.updateLink({ ...link, deletedAt: T9 }));
        expect((await find(link.workspaceId, booking.id))?.link.deletedAt).toBe(T9);
      });

      it('lists a host’s confirmed bookings whose blocked range overlaps [from, to)', async () => {
        const { host, link } = await seed();
        const other = await seed(host.workspaceId);
        const buffered = makeBooking(link, {
          start: T9,
          end: T9 + 30 * MIN,
          blockedStart: T9 - 10 * MIN,
          blockedEnd: T9 + 45 * MIN,
        });
        const cancelled = makeBooking(link, {
          start: T9 + 2 * HOUR,
          end: T9 + 2 * HOUR + 30 * MIN,
          status: 'cancelled',
          blockedStart: T9 + 2 * HOUR,
          blockedEnd: T9 + 2 * HOUR + 30 * MIN,
        });
        const someoneElse = makeBooking(other.link, { start: T9, end: T9 + 30 * MIN });
        await store.transaction(async (tx) => {
          for (const b of [buffered, cancelled, someoneElse]) await tx.insertBooking(b);
        });
        await store.transaction(async (tx) => {
          const ids = async (from: number, to: number) =>
            (await tx.listHostBusy(host.workspaceId, host.id, from, to)).map((b) => b.id);
          expect(await ids(T9 - HOUR, T9 + 3 * HOUR)).toEqual([buffered.id]);
          expect(await ids(T9 + 44 * MIN, T9 + HOUR)).toEqual([buffered.id]); // inside the buffer after
          expect(await ids(T9 + 45 * MIN, T9 + HOUR)).toEqual([]); // half-open: touching is not overlapping
          expect(await ids(T9 - HOUR, T9 - 10 * MIN)).toEqual([]);
          expect(
            await tx.listHostBusy('other-workspace', host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([]);
        });
      });

      it('lists the dashboard tabs in their order', async () => {
        const { host, link } = await seed();
        const at = (h: number, extra: Partial<Booking> = {}) => {
          const start = T9 + h * HOUR;
          return makeBooking(link, {
            start,
            end: start + 30 * MIN,
            blockedStart: start,
            blockedEnd: start + 30 * MIN,
            ...extra,
          });
        };
        const past1 = at(-48);
        const past2 = at(-24);
        const noShow = at(-72, { noShow: true });
        const running = at(0);
        const soon = at(24);
        const later = at(48);
        const cancelled1 = at(30, { status: 'cancelled' });
        const cancelled2 = at(-30, { status: 'cancelled' });
        await store.transaction(async (tx) => {
          for (const b of [later, past1, soon, noShow, running, past2, cancelled2, cancelled1])
            await tx.insertBooking(b);
        });
        const now = T9 + 10 * MIN;
        await store.transaction(async (tx) => {
          const tab = async (filter: BookingListFilter) =>
            (await tx.listHostBookings(host.workspaceId, host.id, everything(filter, now))).map(
              (b) => b.id,
            );
          expect(await tab('upcoming')).toEqual([running.id, soon.id, later.id]);
          expect(await tab('past')).toEqual([past2.id, past1.id]);
          expect(await tab('no_show')).toEqual([noShow.id]);
          expect(await tab('cancelled')).toEqual([cancelled1.id, cancelled2.id]);
          expect(
            await tx.listHostBookings('other-workspace', host.id, everything('upcoming', now)),
          ).toEqual([]);
        });
      });

      it('pages a tab after a key (ties on start broken by id in code-unit order), within a start range', async () => {
        const { host, link } = await seed();
        // Cancelled meetings may share a start (no overlap rule), so they show the tie-break;
        // `-A` sorts before `-a` in code-unit order (and in PostgreSQL's C collation), not in a locale's.
        const p = crypto.randomUUID().slice(0, 8);
        const at = (h: number, id: string) => {
          const start = T9 + h * HOUR;
          return makeBooking(link, {
            id: `${p}${id}`,
            status: 'cancelled',
            start,
            end: start + 30 * MIN,
            blockedStart: start,
            blockedEnd: start + 30 * MIN,
          });
        };
        const rows = [
          at(2, '-x3'),
          at(0, '-b'),
          at(-1, '-x1'),
          at(0, '-A'),
          at(1, '-x2'),
          at(0, '-a'),
        ];
        await store.transaction(async (tx) => {
          for (const b of rows) await tx.insertBooking(b);
        });
        const latestFirst = ['-x3', '-x2', '-b', '-a', '-A', '-x1'].map((id) => `${p}${id}`);
        const now = T9 + 10 * MIN;
        await store.transaction(async (tx) => {
          const read = async (q: Partial<HostBookingsQuery>) =>
            (
              await tx.listHostBookings(host.workspaceId, host.id, {
                ...everything('cancelled', now),
                ...q,
              })
            ).map((b) => b.id);
          expect(await read({})).toEqual(latestFirst);
          // Page by page, each continuing after the last row of the previous one.
          const pages: string[][] = [];
          let after: BookingListKey | null = null;
          for (let i = 0; i < 5; i++) {
            const page = await tx.listHostBookings(host.workspaceId, host.id, {
              ...everything('cancelled', now),
              limit: 2,
              after,
            });
            pages.push(page.map((b) => b.id));
            const last = page[page.length - 1];
            if (last === undefined) break;
            after = { start: last.start, id: last.id };
          }
          expect(pages).toEqual([
            latestFirst.slice(0, 2),
            latestFirst.slice(2, 4),
            latestFirst.slice(4, 6),
            [],
          ]);
          // A key need not be a row: continue after (T9, "<p>-a").
          expect(await read({ after: { start: T9, id: `${p}-a` } })).toEqual(latestFirst.slice(4));
          // Start range [T9, T9 + 2h): the -x3 meeting starts at the bound, -x1 before it.
          expect(await read({ startFrom: T9, startBefore: T9 + 2 * HOUR })).toEqual(
            latestFirst.slice(1, 5),
          );
          expect(
            await read({ startFrom: T9, limit: 1, after: { start: T9, id: `${p}-b` } }),
          ).toEqual([`${p}-a`]);
        });
      });

      it('pages the upcoming tab soonest first', async () => {
        const { host, link } = await seed();
        const at = (h: number) => {
          const start = T9 + h * HOUR;
          return makeBooking(link, {
            start,
            end: start + 30 * MIN,
            blockedStart: start,
            blockedEnd: start + 30 * MIN,
          });
        };
        const [a, b, c] = [at(3), at(1), at(2)];
        await store.transaction(async (tx) => {
          for (const x of [a, b, c]) if (x) await tx.insertBooking(x);
        });
        await store.transaction(async (tx) => {
          const q = { ...everything('upcoming', T9), limit: 2 };
          const first = await tx.listHostBookings(host.workspaceId, host.id, q);
          expect(first.map((x) => x.id)).toEqual([b?.id, c?.id]);
          const last = first[1] as Booking;
          const second = await tx.listHostBookings(host.workspaceId, host.id, {
            ...q,
            after: { start: last.start, id: last.id },
          });
          expect(second.map((x) => x.id)).toEqual([a?.id]);
        });
      });

      it('finds tokens by purpose and hash only', async () => {
        const { link } = await seed();
        const booking = makeBooking(link);
        const hash = 'a'.repeat(64);
        await store.transaction(async (tx) => {
          await tx.insertBooking(booking);
          await tx.insertToken({
            bookingId: booking.id,
            workspaceId: booking.workspaceId,
            purpose: 'cancel',
            tokenHash: hash,
            createdAt: FIXTURE_EPOCH,
            supersededAt: null,
          });
        });
        await store.transaction(async (tx) => {
          expect(await tx.findToken('cancel', hash)).toEqual({
            bookingId: booking.id,
            workspaceId: booking.workspaceId,
            purpose: 'cancel',
            tokenHash: hash,
            createdAt: FIXTURE_EPOCH,
            supersededAt: null,
          });
          expect(await tx.findToken('reschedule', hash)).toBeNull();
          expect(await tx.findToken('cancel', 'b'.repeat(64))).toBeNull();
        });
      });

      it('supersedes a booking’s tokens (rotation) without touching other bookings’', async () => {
        const { link } = await seed();
        const mine = makeBooking(link);
        const other = makeBooking(link, {
          start: mine.start + 2 * HOUR,
          end: mine.start + 3 * HOUR,
          blockedStart: mine.start + 2 * HOUR,
          blockedEnd: mine.start + 3 * HOUR,
        });
        const token = (booking: Booking, hash: string) => ({
          bookingId: booking.id,
          workspaceId: booking.workspaceId,
          purpose: 'cancel' as const,
          tokenHash: hash,
          createdAt: FIXTURE_EPOCH,
          supersededAt: null,
        });
        const first = FIXTURE_EPOCH + HOUR;
        await store.transaction(async (tx) => {
          await tx.insertBooking(mine);
          await tx.insertBooking(other);
          await tx.insertToken(token(mine, 'c'.repeat(64)));
          await tx.insertToken(token(other, 'd'.repeat(64)));
        });
        await store.transaction(async (tx) => {
          await tx.supersedeTokens('other-workspace', mine.id, first);
          expect((await tx.findToken('cancel', 'c'.repeat(64)))?.supersededAt).toBeNull();
          await tx.supersedeTokens(mine.workspaceId, mine.id, first);
          // The next rotation's tokens: a second supersede must not move the first one's time.
          await tx.insertToken(token(mine, 'e'.repeat(64)));
          await tx.supersedeTokens(mine.workspaceId, mine.id, first + HOUR);
        });
        await store.transaction(async (tx) => {
          expect((await tx.findToken('cancel', 'c'.repeat(64)))?.supersededAt).toBe(first);
          expect((await tx.findToken('cancel', 'e'.repeat(64)))?.supersededAt).toBe(first + HOUR);
          expect((await tx.findToken('cancel', 'd'.repeat(64)))?.supersededAt).toBeNull();
        });
      });

      it('appends events and lists them oldest first within the workspace', async () => {
        const { link } = await seed();
        const booking = makeBooking(link);
        const event = (id: string, at: number, type: 'created' | 'rescheduled' | 'cancelled') =>
          ({
            id,
            workspaceId: booking.workspaceId,
            bookingId: booking.id,
            type,
            actor: 'attendee',
            at,
            data: { n: id },
          }) as const;
        const [e1, e2, e3] = [
          event(crypto.randomUUID(), FIXTURE_EPOCH, 'created'),
          event(crypto.randomUUID(), FIXTURE_EPOCH + 5, 'rescheduled'),
          event(crypto.randomUUID(), FIXTURE_EPOCH + 5, 'cancelled'),
        ];
        await store.transaction(async (tx) => {
          await tx.insertBooking(booking);
          await tx.appendEvent(e1);
          await tx.appendEvent(e2);
        });
        await store.transaction((tx) => tx.appendEvent(e3));
        await store.transaction(async (tx) => {
          expect(await tx.listEvents(booking.workspaceId, booking.id)).toEqual([e1, e2, e3]);
          expect(await tx.listEvents('other-workspace', booking.id)).toEqual([]);
        });
      });

      it('lists the failed follow-ups of several bookings in one call, oldest first', async () => {
        const { link } = await seed();
        const first = makeBooking(link);
        const second = makeBooking(link, {
          start: first.start + 3_600_000,
          end: first.end + 3_600_000,
        });
        const failed = (bookingId: string, at: number, kind: string) =>
          ({
            id: crypto.randomUUID(),
            workspaceId: first.workspaceId,
            bookingId,
            type: 'followup_failed',
            actor: 'system',
            at,
            data: { jobId: crypto.randomUUID(), kind, attempts: 5, error: 'HTTP 503' },
          }) as const;
        const late = failed(second.id, FIXTURE_EPOCH + 9, 'crm.sync');
        const early = failed(first.id, FIXTURE_EPOCH + 1, 'calendar.create');
        await store.transaction(async (tx) => {
          await tx.insertBooking(first);
          await tx.insertBooking(second);
          await tx.appendEvent({ ...early, id: crypto.randomUUID(), type: 'created', data: {} });
          await tx.appendEvent(late);
          await tx.appendEvent(early);
        });
        await store.transaction(async (tx) => {
          expect(
            await tx.listFollowUpFailures(first.workspaceId, [second.id, first.id, first.id]),
          ).toEqual([early, late]);
          expect(await tx.listFollowUpFailures(first.workspaceId, [second.id])).toEqual([late]);
          expect(await tx.listFollowUpFailures('other-workspace', [first.id, second.id])).toEqual(
            [],
          );
          expect(await tx.listFollowUpFailures(first.workspaceId, [])).toEqual([]);
        });
      });
    });

    describe('transactions', () => {
      it('returns the callback’s value', async () => {
        await expect(store.transaction(async () => 42)).resolves.toBe(42);
      });

      it('rolls back every write when the callback throws, and rethrows the same error', async () => {
        const host = makeHost();
        const link = makeLink(host);
        const booking = makeBooking(link);
        const boom = new Error('boom');
        await expect(
          store.transaction(async (tx) => {
            await tx.insertHost(host);
            await tx.insertLink(link);
            await tx.insertBooking(booking);
            await tx.enqueueJobs([makeNewJob({ idempotencyKey: 'rolled-back' })], FIXTURE_EPOCH);
            throw boom;
          }),
        ).rejects.toBe(boom);
        await store.transaction(async (tx) => {
          expect(await tx.findHost(host.workspaceId, host.id)).toBeNull();
          expect(await tx.findLink(link.workspaceId, link.id)).toBeNull();
          expect(await tx.findLiveLinkBySlug(link.slug)).toBeNull();
          expect(await tx.findBooking(booking.workspaceId, booking.id)).toBeNull();
        });
        expect(await jobs.findJobByKey('rolled-back')).toBeNull();
      });

      it('rolls back withHostLock transactions too', async () => {
        const { host, link } = await seed();
        await expect(
          store.withHostLock(host.workspaceId, host.id, async (tx) => {
            await tx.insertBooking(makeBooking(link));
            throw new Error('nope');
          }),
        ).rejects.toThrow('nope');
        await store.transaction(async (tx) =>
          expect(
            await tx.listHostBusy(host.workspaceId, host.id, 0, Number.MAX_SAFE_INTEGER),
          ).toEqual([]),
        );
      });

      it('serialises withHostLock per host: 20 concurrent read-check-insert sequences insert once', async () => {
        const { host, link } = await seed();
        const dayStart = FIXTURE_EPOCH;
        const dayEnd = FIXTURE_EPOCH + 24 * HOUR;
        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.withHostLock(host.workspaceId, host.id, async (tx) => {
              const busy = await tx.listHostBusy(host.workspaceId, host.id, dayStart, dayEnd);
              await new Promise((resolve) => setTimeout(resolve, 1)); // invite interleaving
              if (busy.length > 0) return 'saw-busy';
              // Distinct times, so only the lock (not an overlap constraint) can keep this to one.
              const start = T9 + (i * HOUR) / 2;
              await tx.insertBooking(
                makeBooking(link, {
                  start,
                  end: start + 15 * MIN,
                  blockedStart: start,
                  blockedEnd: start + 15 * MIN,
                }),
              );
              return 'inserted';
            }),
          ),
        );
        expect(outcomes.filter((o) => o === 'inserted')).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'saw-busy')).toHaveLength(19);
        await store.transaction(async (tx) =>
          expect(await tx.listHostBusy(host.workspaceId, host.id, dayStart, dayEnd)).toHaveLength(
            1,
          ),
        );
      });

      it('keeps working for a host after a locked transaction failed', async () => {
        const { host } = await seed();
        await expect(
          store.withHostLock(host.workspaceId, host.id, async () => Promise.reject(new Error('x'))),
        ).rejects.toThrow('x');
        await expect(store.withHostLock(host.workspaceId, host.id, async () => 'ok')).resolves.toBe(
          'ok',
        );
      });
    });

    describeJobRunnerPortContract(() => ({ store, jobs }));

    describe('jobs', () => {
      const enqueue = (list: Parameters<typeof makeNewJob>[0][], now = FIXTURE_EPOCH) =>
        store.transaction((tx) =>
          tx.enqueueJobs(
            list.map((j) => makeNewJob(j)),
            now,
          ),
        );

      it('enqueues pending jobs with defaults, once per idempotency key', async () => {
        await enqueue([
          {
            idempotencyKey: 'k1',
            kind: 'crm.sync',
            payload: { bookingId: 'b1', nested: { a: [1, 2] } },
          },
          { idempotencyKey: 'k1' },
        ]);
        await enqueue([
          { idempotencyKey: 'k1', kind: 'email.reminder' },
          { idempotencyKey: 'k2', maxAttempts: 3 },
        ]);
        const all = await jobs.listJobs();
        expect(all).toHaveLength(2);
        const k1 = await jobs.findJobByKey('k1');
        expect(k1).toMatchObject({
          kind: 'crm.sync',
          payload: { bookingId: 'b1', nested: { a: [1, 2] } },
          status: 'pending',
          attempts: 0,
          maxAttempts: 5,
          lastError: null,
          lockedBy: null,
          lockedUntil: null,
          runAt: FIXTURE_EPOCH,
        });
        expect(typeof k1?.id).toBe('string');
        expect((await jobs.findJobByKey('k2'))?.maxAttempts).toBe(3);
        expect(await jobs.findJobByKey('nope')).toBeNull();
      });

      it('claims only due jobs, earliest first, up to the limit', async () => {
        await enqueue([
          { idempotencyKey: 'late', runAt: FIXTURE_EPOCH + 3 * MIN },
          { idempotencyKey: 'first', runAt: FIXTURE_EPOCH - 2 * MIN },
          { idempotencyKey: 'second', runAt: FIXTURE_EPOCH - MIN },
          { idempotencyKey: 'third', runAt: FIXTURE_EPOCH },
        ]);
        const claimed = await jobs.claimJobs('w1', FIXTURE_EPOCH, 2, FIXTURE_EPOCH + MIN);
        expect(claimed.map((j) => j.idempotencyKey)).toEqual(['first', 'second']);
        expect(claimed[0]).toMatchObject({
          status: 'running',
          lockedBy: 'w1',
          lockedUntil: FIXTURE_EPOCH + MIN,
          attempts: 1,
        });
        expect(
          (await jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN)).map(
            (j) => j.idempotencyKey,
          ),
        ).toEqual(['third']);
        expect(await jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN)).toEqual([]);
        expect(await jobs.listJobs({ status: 'running' })).toHaveLength(3);
        expect(await jobs.listJobs({ status: 'pending' })).toHaveLength(1);
      });

      it('never hands the same job to two workers claiming at once', async () => {
        await enqueue(Array.from({ length: 10 }, (_, i) => ({ idempotencyKey: `c${i}` })));
        const [a, b] = await Promise.all([
          jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN),
          jobs.claimJobs('w2', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN),
        ]);
        const ids = [...a, ...b].map((j) => j.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(10);
        for (const job of a) expect(job.lockedBy).toBe('w1');
        for (const job of b) expect(job.lockedBy).toBe('w2');
      });

      it('completes a job only for the worker holding it; a done key is never enqueued again', async () => {
        await enqueue([{ idempotencyKey: 'd' }]);
        const [job] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
        await jobs.completeJob(job!.id, 'w2', FIXTURE_EPOCH);
        expect((await jobs.findJobByKey('d'))?.status).toBe('running');
        await jobs.completeJob(job!.id, 'w1', FIXTURE_EPOCH + 1);
        expect(await jobs.findJobByKey('d')).toMatchObject({
          status: 'done',
          lockedBy: null,
          lockedUntil: null,
        });
        await enqueue([{ idempotencyKey: 'd' }]);
        expect(await jobs.listJobs()).toHaveLength(1);
      });

      it('retries a failed job at retryAt and fails it for good when attempts run out', async () => {
        await enqueue([{ idempotencyKey: 'r', maxAttempts: 2 }]);
        const [first] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
        await jobs.failJob(first!.id, 'w1', 'smtp down', FIXTURE_EPOCH, FIXTURE_EPOCH + 10 * MIN);
        expect(await jobs.findJobByKey('r')).toMatchObject({
          status: 'pending',
          runAt: FIXTURE_EPOCH + 10 * MIN,
          lastError: 'smtp down',
          attempts: 1,
          lockedBy: null,
        });
        expect(
          await jobs.claimJobs('w1', FIXTURE_EPOCH + 10 * MIN - 1, 1, FIXTURE_EPOCH + HOUR),
        ).toEqual([]);
        const [second] = await jobs.claimJobs(
          'w1',
          FIXTURE_EPOCH + 10 * MIN,
          1,
          FIXTURE_EPOCH + HOUR,
        );
        expect(second?.attempts).toBe(2);
        // Attempts are used up: failed even though a retry time is given.
        await jobs.failJob(
          second!.id,
          'w1',
          'still down',
          FIXTURE_EPOCH + 10 * MIN,
          FIXTURE_EPOCH + 20 * MIN,
        );
        expect(await jobs.findJobByKey('r')).toMatchObject({
          status: 'failed',
          lastError: 'still down',
          attempts: 2,
        });
        expect(
          await jobs.claimJobs('w1', FIXTURE_EPOCH + HOUR, 1, FIXTURE_EPOCH + 2 * HOUR),
        ).toEqual([]);
      });

      it('fails a job at once when retryAt is null, and ignores failures reported by another worker', async () => {
        await enqueue([{ idempotencyKey: 'n' }]);
        const [job] = await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
        await jobs.failJob(job!.id, 'w2', 'not mine', FIXTURE_EPOCH, null);
        expect((await jobs.findJobByKey('n'))?.status).toBe('running');
        await jobs.failJob(job!.id, 'w1', 'no handler', FIXTURE_EPOCH, null);
        expect(await jobs.findJobByKey('n')).toMatchObject({
          status: 'failed',
          lastError: 'no handler',
          attempts: 1,
        });
        expect(await jobs.listJobs({ status: 'failed' })).toHaveLength(1);
      });

      it('lets another worker take over a job whose lease expired', async () => {
        await enqueue([{ idempotencyKey: 'lease' }]);
        await jobs.claimJobs('w1', FIXTURE_EPOCH, 1, FIXTURE_EPOCH + MIN);
        expect(
          await jobs.claimJobs('w2', FIXTURE_EPOCH + MIN - 1, 1, FIXTURE_EPOCH + 2 * MIN),
        ).toEqual([]);
        const [taken] = await jobs.claimJobs('w2', FIXTURE_EPOCH + MIN, 1, FIXTURE_EPOCH + 2 * MIN);
        expect(taken).toMatchObject({ lockedBy: 'w2', attempts: 2, status: 'running' });
        await jobs.completeJob(taken!.id, 'w1', FIXTURE_EPOCH + MIN); // the old holder lost it
        expect((await jobs.findJobByKey('lease'))?.status).toBe('running');
      });

      it('fails a job abandoned on its last attempt exactly once, and never claims it', async () => {
        await enqueue([
          { idempotencyKey: 'gone', maxAttempts: 1 },
          { idempotencyKey: 'retry', maxAttempts: 2 },
          { idempotencyKey: 'later', runAt: FIXTURE_EPOCH + HOUR, maxAttempts: 1 },
        ]);
        await jobs.claimJobs('w1', FIXTURE_EPOCH, 2, FIXTURE_EPOCH + MIN);
        expect(await jobs.abandonExpired(FIXTURE_EPOCH + MIN - 1)).toEqual([]);
        // Claiming neither takes nor ends it: only the sweep does.
        const [again] = await jobs.claimJobs(
          'w2',
          FIXTURE_EPOCH + MIN,
          10,
          FIXTURE_EPOCH + 2 * HOUR,
        );
        expect(again).toMatchObject({ idempotencyKey: 'retry', lockedBy: 'w2', attempts: 2 });
        expect(await jobs.findJobByKey('gone')).toMatchObject({
          status: 'running',
          lockedBy: 'w1',
        });

        const abandoned = await jobs.abandonExpired(FIXTURE_EPOCH + MIN);
        expect(abandoned).toHaveLength(1);
        expect(abandoned[0]).toMatchObject({
          idempotencyKey: 'gone',
          status: 'failed',
          attempts: 1,
          maxAttempts: 1,
          lockedBy: null,
          lockedUntil: null,
          lastError: expect.stringMatching(/lease expired/),
          updatedAt: FIXTURE_EPOCH + MIN,
        });
        expect(await jobs.findJobByKey('gone')).toEqual(abandoned[0]);
        expect(await jobs.abandonExpired(FIXTURE_EPOCH + HOUR)).toEqual([]);
        // The vanished worker cannot revive it; the pending and the re-claimed job are untouched.
        await jobs.completeJob(abandoned[0]!.id, 'w1', FIXTURE_EPOCH + HOUR);
        expect((await jobs.findJobByKey('gone'))?.status).toBe('failed');
        expect((await jobs.findJobByKey('retry'))?.status).toBe('running');
        expect((await jobs.findJobByKey('later'))?.status).toBe('pending');
      });

      it('hands each abandoned job to exactly one of several concurrent sweepers', async () => {
        await enqueue(
          Array.from({ length: 6 }, (_, i) => ({ idempotencyKey: `a${i}`, maxAttempts: 1 })),
        );
        await jobs.claimJobs('w1', FIXTURE_EPOCH, 10, FIXTURE_EPOCH + MIN);
        const swept = await Promise.all([
          jobs.abandonExpired(FIXTURE_EPOCH + MIN),
          jobs.abandonExpired(FIXTURE_EPOCH + MIN),
          jobs.abandonExpired(FIXTURE_EPOCH + MIN),
        ]);
        const ids = swept.flat().map((j) => j.id);
        expect(ids).toHaveLength(6);
        expect(new Set(ids).size).toBe(6);
        expect(await jobs.listJobs({ status: 'failed' })).toHaveLength(6);
      });

      it('cancels pending jobs by key, leaving other states and unknown keys alone', async () => {
        await enqueue([
          { idempotencyKey: 'p' },
          { idempotencyKey: 'run', runAt: FIXTURE_EPOCH - MIN },
          { idempotencyKey: 'keep', runAt: FIXTURE_EPOCH + HOUR },
        ]);
        await jobs.claimJobs('w1', FIXTURE_EPOCH - MIN, 1, FIXTURE_EPOCH + 4 * HOUR);
        await store.transaction((tx) => tx.cancelJobs(['p', 'run', 'unknown'], FIXTURE_EPOCH));
        expect((await jobs.findJobByKey('p'))?.status).toBe('cancelled');
        expect((await jobs.findJobByKey('run'))?.status).toBe('running');
        expect((await jobs.findJobByKey('keep'))?.status).toBe('pending');
        expect(
          (await jobs.claimJobs('w2', FIXTURE_EPOCH + 2 * HOUR, 10, FIXTURE_EPOCH + 3 * HOUR)).map(
            (j) => j.idempotencyKey,
          ),
        ).toEqual(['keep']);
      });

      it('rolls back cancelJobs with its transaction', async () => {
        await enqueue([{ idempotencyKey: 'stay' }]);
        await expect(
          store.transaction(async (tx) => {
            await tx.cancelJobs(['stay'], FIXTURE_EPOCH);
            throw new Error('undo');
          }),
        ).rejects.toThrow('undo');
        expect((await jobs.findJobByKey('stay'))?.status).toBe('pending');
      });
    });
  });
}
