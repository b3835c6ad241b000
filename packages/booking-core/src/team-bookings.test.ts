import { describe, expect, it } from 'vitest';
import { calendarFollowUpHandlers } from './calendar-follow-ups.js';
import { crmFollowUpHandlers } from './crm-follow-ups.js';
import { cryptoIds } from './deps.js';
import type { Booking, BookingLink, Host, Job, JobKind, LinkKind, LinkMember } from './domain.js';
import { makeBooking, makeHost, makeLink } from './fixtures.js';
import { jobsForCreated } from './follow-up-jobs.js';
import { createFollowUpHandlers, type FollowUp } from './follow-up-seam.js';
import { createMemoryCalendar } from './memory-calendar.js';
import { createMemoryCrm } from './memory-crm.js';
import type { MemoryStore } from './memory-store.js';
import type { StoreTx } from './ports.js';
import { issueTokens } from './tokens.js';
import { codeOf, HOUR, MIN, MON_9, world } from './test-utils.js';

const member = (
  host: Pick<Host, 'id'>,
  overrides: Partial<Omit<LinkMember, 'hostId'>> = {},
): LinkMember => ({
  hostId: host.id,
  weight: 1,
  calendarProvider: 'none',
  timeZone: null,
  weeklyHours: null,
  ...overrides,
});

/**
 * A world with a team link owned by Ana (`host`) whose members are Ben (`colleague`, Microsoft
 * calendar, Tokyo) and Dee (Google calendar), and one booking of it inserted through the store:
 * it went to Ben; on a collective link Dee is its co-host.
 */
async function teamWorld(kind: Exclude<LinkKind, 'solo'>) {
  const calendar = createMemoryCalendar();
  const w = await world({ calendar });
  const hosts = await w.store.transaction((tx) => tx.listHosts('ws_a'));
  const byName = (name: string) => hosts.find((h) => h.name === name) as Host;
  const [ana, ben] = [byName('Ana'), byName('Ben')];
  const dee = makeHost({
    workspaceId: 'ws_a',
    name: 'Dee',
    email: 'dee@example.com',
    timeZone: 'America/New_York',
    createdAt: Date.parse('2026-10-01T00:00:00Z'),
  });
  const link: BookingLink = makeLink(ana, {
    kind,
    slug: 'team-call',
    title: 'Team call',
    autoMeetingLink: true,
    autoCreateDeal: true,
    members: [
      member(ben, { calendarProvider: 'microsoft', timeZone: 'Asia/Tokyo' }),
      member(dee, { calendarProvider: 'google' }),
    ],
  });
  const booking: Booking = makeBooking(link, {
    hostId: ben.id,
    coHostIds: kind === 'collective' ? [dee.id] : [],
    start: MON_9,
    end: MON_9 + 30 * MIN,
    blockedStart: MON_9,
    blockedEnd: MON_9 + 30 * MIN,
  });
  const tokens = issueTokens(cryptoIds, booking, 0);
  await w.store.transaction(async (tx) => {
    await tx.insertHost(dee);
    await tx.insertLink(link);
    await tx.insertBooking(booking);
    for (const row of tokens.rows) await tx.insertToken(row);
    await tx.enqueueJobs(jobsForCreated(booking, link, w.clock.now()), w.clock.now());
  });
  const ref = (h: Host) => ({ workspaceId: 'ws_a', hostId: h.id });
  return {
    ...w,
    calendar,
    link,
    booking,
    tokens: tokens.plain,
    ana,
    ben,
    dee,
    as: { ana: ref(ana), ben: ref(ben), dee: ref(dee) },
  };
}

/** Records the host sets `withHostsLock` is called with (the memory store's withHostLock too). */
function recordLocks(store: MemoryStore, before?: (call: number) => Promise<void>) {
  const calls: string[][] = [];
  const original = store.withHostsLock.bind(store);
  store.withHostsLock = async <T>(
    ws: string,
    ids: readonly string[],
    fn: (tx: StoreTx) => Promise<T>,
  ): Promise<T> => {
    calls.push([...ids].sort());
    await before?.(calls.length);
    return original(ws, ids, fn);
  };
  return calls;
}

const jobOf = async (store: MemoryStore, kind: JobKind): Promise<Job> => {
  const found = (await store.listJobs()).find((j) => j.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} job`);
  return found;
};

describe('team bookings: who may see and act on them', () => {
  it('the assigned member, a co-host and the link owner may; another member and other tenants get NOT_FOUND', async () => {
    const t = await teamWorld('collective');
    for (const who of [t.as.ana, t.as.ben, t.as.dee])
      expect((await t.core.getBooking(who, t.booking.id)).booking.id).toBe(t.booking.id);
    expect(await codeOf(t.core.getBooking(t.stranger, t.booking.id))).toBe('NOT_FOUND');

    const rr = await teamWorld('round_robin');
    expect((await rr.core.getBooking(rr.as.ben, rr.booking.id)).booking.id).toBe(rr.booking.id);
    expect((await rr.core.getBooking(rr.as.ana, rr.booking.id)).booking.id).toBe(rr.booking.id);
    // Dee is a member of the link, but the meeting went to Ben.
    expect(await codeOf(rr.core.getBooking(rr.as.dee, rr.booking.id))).toBe('NOT_FOUND');
    expect(await codeOf(rr.core.markNoShow(rr.as.dee, rr.booking.id))).toBe('NOT_FOUND');
    expect(await codeOf(rr.core.cancelBookingAsHost(rr.as.dee, { bookingId: rr.booking.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(rr.core.getBooking(rr.stranger, rr.booking.id))).toBe('NOT_FOUND');
  });

  it('lists a team booking on the dashboards of its host, its co-hosts and the link owner only', async () => {
    const rr = await teamWorld('round_robin');
    const ids = async (who: { workspaceId: string; hostId: string }) =>
      (await rr.core.listBookings(who, { filter: 'upcoming' })).bookings.map((b) => b.id);
    expect(await ids(rr.as.ana)).toEqual([rr.booking.id]);
    expect(await ids(rr.as.ben)).toEqual([rr.booking.id]);
    expect(await ids(rr.as.dee)).toEqual([]);
    expect(await ids(rr.stranger)).toEqual([]);

    const co = await teamWorld('collective');
    expect(
      (await co.core.listBookings(co.as.dee, { filter: 'upcoming' })).bookings.map((b) => b.id),
    ).toEqual([co.booking.id]);
  });

  it('a host action locks the booking’s hosts, not the caller', async () => {
    const t = await teamWorld('collective');
    const locks = recordLocks(t.store);
    await t.core.cancelBookingAsHost(t.as.ana, { bookingId: t.booking.id, reason: 'Moved' });
    expect(locks).toEqual([[t.ben.id, t.dee.id].sort()]);
    expect((await t.core.getBooking(t.as.dee, t.booking.id)).booking.status).toBe('cancelled');

    const rr = await teamWorld('round_robin');
    const rrLocks = recordLocks(rr.store);
    rr.clock.set(MON_9 + 10 * MIN);
    const marked = await rr.core.markNoShow(rr.as.ana, rr.booking.id);
    expect(marked.noShow).toBe(true);
    expect(rrLocks).toEqual([[rr.ben.id]]);
  });

  it('takes the lock again when the meeting changed hands before the lock was held', async () => {
    const rr = await teamWorld('round_robin');
    // Between the read and the lock, the meeting goes to Dee (as a reschedule could hand it over).
    const locks = recordLocks(rr.store, async (call) => {
      if (call !== 1) return;
      await rr.store.transaction(async (tx) => {
        const now = (await tx.findBooking('ws_a', rr.booking.id)) as Booking;
        await tx.updateBooking({ ...now, hostId: rr.dee.id });
      });
    });
    await rr.core.cancelBookingAsHost(rr.as.ana, { bookingId: rr.booking.id });
    expect(locks).toEqual([[rr.ben.id], [rr.dee.id]]);
  });

  it('the attendee’s cancel locks every host of the meeting', async () => {
    const t = await teamWorld('collective');
    const locks = recordLocks(t.store);
    await t.core.cancel({ token: t.tokens.cancel });
    expect(locks).toEqual([[t.ben.id, t.dee.id].sort()]);
  });
});

describe('team bookings: who the views show', () => {
  it('the dashboard shows the member the meeting went to, and a collective meeting’s co-hosts', async () => {
    const co = await teamWorld('collective');
    const ben = { id: co.ben.id, name: 'Ben', email: 'ben@example.com' };
    const dee = { id: co.dee.id, name: 'Dee', email: 'dee@example.com' };
    const [row] = (await co.core.listBookings(co.as.ana, { filter: 'upcoming' })).bookings;
    expect(row).toMatchObject({ host: ben, coHosts: [dee] });
    expect(await co.core.getBooking(co.as.dee, co.booking.id)).toMatchObject({
      host: ben,
      coHosts: [dee],
    });

    const rr = await teamWorld('round_robin');
    const [rrRow] = (await rr.core.listBookings(rr.as.ana, { filter: 'upcoming' })).bookings;
    expect(rrRow).toMatchObject({
      host: { id: rr.ben.id, name: 'Ben', email: 'ben@example.com' },
      coHosts: [],
    });
  });

  it('reads the hosts once per page, not once per row', async () => {
    const rr = await teamWorld('round_robin');
    const more = [1, 2, 3].map((i) =>
      makeBooking(rr.link, {
        hostId: i % 2 === 0 ? rr.ben.id : rr.dee.id,
        start: MON_9 + i * HOUR,
        end: MON_9 + i * HOUR + 30 * MIN,
        blockedStart: MON_9 + i * HOUR,
        blockedEnd: MON_9 + i * HOUR + 30 * MIN,
      }),
    );
    await rr.store.transaction(async (tx) => {
      for (const b of more) await tx.insertBooking(b);
    });
    let reads = 0;
    const transaction = rr.store.transaction.bind(rr.store);
    rr.store.transaction = <T>(fn: (tx: StoreTx) => Promise<T>) =>
      transaction((tx) =>
        fn(
          new Proxy(tx, {
            get(target, prop, receiver) {
              if (prop === 'listHosts' || prop === 'findHost') reads++;
              const value: unknown = Reflect.get(target, prop, receiver);
              return typeof value === 'function' ? value.bind(target) : value;
            },
          }),
        ),
      );
    const page = await rr.core.listBookings(rr.as.ana, { filter: 'upcoming' });
    expect(page.bookings.map((b) => b.host?.name)).toEqual(['Ben', 'Dee', 'Ben', 'Dee']);
    expect(reads).toBe(1);
  });

  it('the attendee sees the assigned member (and a collective meeting’s co-hosts) by either token', async () => {
    const rr = await teamWorld('round_robin');
    expect(
      await rr.core.publicBooking({ token: rr.tokens.cancel, purpose: 'cancel' }),
    ).toMatchObject({
      hostName: 'Ben',
      coHostNames: [],
      // Ben's own zone for the link, and his Microsoft calendar asks for the meeting link.
      hostTimeZone: 'Asia/Tokyo',
      meetingLinkRequested: true,
    });
    expect(await rr.core.viewToken({ token: rr.tokens.cancel, purpose: 'cancel' })).toMatchObject({
      hostName: 'Ben',
      coHostNames: [],
      booking: { meetingLinkRequested: true },
    });

    const co = await teamWorld('collective');
    expect(
      await co.core.publicBooking({ token: co.tokens.reschedule, purpose: 'reschedule' }),
    ).toMatchObject({ hostName: 'Ben', coHostNames: ['Dee'] });
    expect(await co.core.viewToken({ token: co.tokens.cancel, purpose: 'cancel' })).toMatchObject({
      hostName: 'Ben',
      coHostNames: ['Dee'],
    });
    // What the attendee's .ics download is built from: organizer Ben, Dee invited too.
    const opened = await co.core.tokenBooking({ token: co.tokens.cancel, purpose: 'cancel' });
    expect(opened.host.name).toBe('Ben');
    expect(opened.coHosts.map((h) => h.name)).toEqual(['Dee']);
    const rrOpened = await rr.core.tokenBooking({ token: rr.tokens.cancel, purpose: 'cancel' });
    expect([rrOpened.host.name, rrOpened.coHosts]).toEqual(['Ben', []]);
  });
});

describe('team bookings: follow-ups', () => {
  it('hands a collective booking’s co-hosts to the handlers', async () => {
    const co = await teamWorld('collective');
    const seen: FollowUp<'email.host-notice'>[] = [];
    const handlers = createFollowUpHandlers({
      store: co.store,
      handlers: { 'email.host-notice': async (f) => void seen.push(f) },
    });
    await handlers['email.host-notice']?.(await jobOf(co.store, 'email.host-notice'));
    expect(seen[0]?.host.name).toBe('Ben');
    expect(seen[0]?.coHosts.map((h) => h.name)).toEqual(['Dee']);
  });

  it('puts a round-robin meeting into the assigned member’s calendar, at its provider', async () => {
    const rr = await teamWorld('round_robin');
    const handlers = createFollowUpHandlers({
      store: rr.store,
      handlers: calendarFollowUpHandlers(rr.calendar),
    });
    // The team link itself has no calendar; Ben's provider queues the calendar job.
    await handlers['calendar.create']?.(await jobOf(rr.store, 'calendar.create'));
    const [event] = rr.calendar.listEvents();
    expect(event?.connection).toEqual({ hostId: rr.ben.id, provider: 'microsoft' });
    expect(event?.event).toMatchObject({
      organizer: { name: 'Ben', email: 'ben@example.com' },
      attendees: [{ name: 'Ada Attendee', email: 'ada@example.com' }],
      timeZone: 'Asia/Tokyo',
      conferencing: true,
    });
    expect(event?.meetingUrl).not.toBeNull();
    const stored = (await rr.core.getBooking(rr.as.ben, rr.booking.id)).booking;
    expect(stored.externalRefs.calendar).toMatchObject({ provider: 'microsoft' });
    expect(stored.meetingUrl).toBe(event?.meetingUrl);
  });

  it('invites a collective meeting’s co-hosts to the host’s event', async () => {
    const co = await teamWorld('collective');
    const handlers = createFollowUpHandlers({
      store: co.store,
      handlers: calendarFollowUpHandlers(co.calendar),
    });
    await handlers['calendar.create']?.(await jobOf(co.store, 'calendar.create'));
    const [event] = co.calendar.listEvents();
    expect(event?.connection).toEqual({ hostId: co.ben.id, provider: 'microsoft' });
    expect(event?.event.attendees).toEqual([
      { name: 'Ada Attendee', email: 'ada@example.com' },
      { name: 'Dee', email: 'dee@example.com' },
    ]);
    expect(co.calendar.listEvents()).toHaveLength(1);
  });

  it('keeps an event at the provider of its reference', async () => {
    const rr = await teamWorld('round_robin');
    await rr.store.transaction((tx) =>
      tx.setExternalRef('ws_a', rr.booking.id, 'calendar', { provider: 'google', id: 'evt_x' }, 0),
    );
    const handlers = createFollowUpHandlers({
      store: rr.store,
      handlers: calendarFollowUpHandlers(rr.calendar),
    });
    await handlers['calendar.create']?.(await jobOf(rr.store, 'calendar.create'));
    expect(rr.calendar.listEvents()[0]?.connection).toEqual({
      hostId: rr.ben.id,
      provider: 'google',
    });
  });

  it('notes in the CRM who has a team meeting; a solo link’s note stays as it was', async () => {
    const rr = await teamWorld('round_robin');
    const crm = createMemoryCrm();
    const handlers = createFollowUpHandlers({
      store: rr.store,
      handlers: crmFollowUpHandlers(crm),
    });
    await handlers['crm.sync']?.(await jobOf(rr.store, 'crm.sync'));
    expect(crm.listNotes().map((n) => n.note)).toEqual([
      'Booked "Team call" (2026-11-02T09:00:00.000Z)\nAssigned to Ben',
    ]);

    const co = await teamWorld('collective');
    const coCrm = createMemoryCrm();
    const coHandlers = createFollowUpHandlers({
      store: co.store,
      handlers: crmFollowUpHandlers(coCrm),
    });
    await coHandlers['crm.sync']?.(await jobOf(co.store, 'crm.sync'));
    expect(coCrm.listNotes()[0]?.note).toMatch(/\nAssigned to Ben, Dee$/);

    const solo = await world();
    await solo.link();
    await solo.core.book(solo.attendee(MON_9));
    const soloCrm = createMemoryCrm();
    const soloHandlers = createFollowUpHandlers({
      store: solo.store,
      handlers: crmFollowUpHandlers(soloCrm),
    });
    await soloHandlers['crm.sync']?.(await jobOf(solo.store, 'crm.sync'));
    expect(soloCrm.listNotes()[0]?.note).toBe('Booked "Intro call" (2026-11-02T09:00:00.000Z)');
  });
});
