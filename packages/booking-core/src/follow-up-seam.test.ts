import { describe, expect, it } from 'vitest';
import { calendarFollowUpHandlers } from './calendar-follow-ups.js';
import { crmFollowUpHandlers } from './crm-follow-ups.js';
import type { Job, JobKind } from './domain.js';
import { BOOKING_ERROR_CODES } from './errors.js';
import { createFollowUpHandlers, type FollowUp } from './follow-up-seam.js';
import { BOOKING_ERROR_HTTP_STATUS } from './http-status.js';
import { createMemoryCalendar } from './memory-calendar.js';
import { createMemoryCrm } from './memory-crm.js';
import type { MemoryStore } from './memory-store.js';
import type { BookingStore } from './ports.js';
import { HOUR, MON_9, world } from './test-utils.js';

const jobsOf = async (store: MemoryStore, kind?: JobKind): Promise<Job[]> =>
  (await store.listJobs()).filter((j) => kind === undefined || j.kind === kind);

async function calendarWorld() {
  const calendar = createMemoryCalendar();
  const w = await world({ calendar });
  await w.link({
    calendarProvider: 'google',
    autoMeetingLink: true,
    autoCreateDeal: true,
    weeklyHours: { monday: [{ start: '09:00', end: '17:00' }] },
  });
  return { ...w, calendar };
}

describe('CRM jobs on every change', () => {
  it('queues crm.sync on create, reschedule, cancel, no-show and its undo, each with its change', async () => {
    const { core, store, host, attendee, clock } = await calendarWorld();
    const { booking, tokens } = await core.book(attendee(MON_9));
    await core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR });
    const other = await core.book(attendee(MON_9 + 3 * HOUR));
    await core.cancel({ token: tokens.cancel });
    clock.set(MON_9 + 4 * HOUR);
    await core.markNoShow(host, other.booking.id);
    await core.markNoShow(host, other.booking.id);
    // An undo reaches the CRM, and so does marking again after it.
    await core.undoNoShow(host, other.booking.id);
    await core.markNoShow(host, other.booking.id);
    const crm = await jobsOf(store, 'crm.sync');
    const events = (await core.getBooking(host, other.booking.id)).events.slice(1);
    expect(events.map((e) => e.type)).toEqual(['no_show', 'no_show_undone', 'no_show']);
    const [marked, undone, again] = events.map((e) => e.id);
    expect(crm.map((j) => [j.idempotencyKey, j.payload['change']])).toEqual([
      [`${booking.id}:crm.sync:0`, 'created'],
      [`${booking.id}:crm.sync:1`, 'rescheduled'],
      [`${other.booking.id}:crm.sync:0`, 'created'],
      [`${booking.id}:crm.sync:2`, 'cancelled'],
      [`${other.booking.id}:crm.sync:0:no_show:${marked}`, 'no_show'],
      [`${other.booking.id}:crm.sync:0:no_show_undone:${undone}`, 'no_show_undone'],
      [`${other.booking.id}:crm.sync:0:no_show:${again}`, 'no_show'],
    ]);
  });

  it('puts the time before the move into the reschedule notice', async () => {
    const { core, store, attendee } = await calendarWorld();
    const { tokens } = await core.book(attendee(MON_9));
    await core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR });
    const [notice] = await jobsOf(store, 'email.reschedule');
    expect(notice?.payload['previous']).toEqual({ start: MON_9, end: MON_9 + HOUR / 2 });
  });
});

describe('createFollowUpHandlers (the seam)', () => {
  it('hands a handler the parsed payload and the booking, link and host, loaded', async () => {
    const { core, store, host, attendee } = await calendarWorld();
    const { booking } = await core.book(attendee(MON_9));
    const seen: FollowUp<'crm.sync'>[] = [];
    const handlers = createFollowUpHandlers({
      store,
      handlers: { 'crm.sync': async (f) => void seen.push(f) },
    });
    expect(Object.keys(handlers)).toEqual(['crm.sync']);
    const [job] = await jobsOf(store, 'crm.sync');
    await handlers['crm.sync']?.(job!);
    expect(seen[0]).toMatchObject({
      kind: 'crm.sync',
      payload: { bookingId: booking.id, sequence: 0, change: 'created' },
      booking: { id: booking.id, attendeeEmail: 'ada@example.com' },
      link: { id: booking.linkId, title: 'Intro call' },
      host: { id: host.hostId, name: 'Ana' },
    });
  });

  it('loads through a transaction when the store has no findBookingContext', async () => {
    const { core, store, host, attendee } = await calendarWorld();
    const { booking } = await core.book(attendee(MON_9));
    const seen: FollowUp<'crm.sync'>[] = [];
    // Only the required port methods: findBookingContext is optional.
    const bare: BookingStore = {
      transaction: (fn) => store.transaction(fn),
      withHostLock: (ws, id, fn) => store.withHostLock(ws, id, fn),
      withHostsLock: (ws, ids, fn) => store.withHostsLock(ws, ids, fn),
    };
    const handlers = createFollowUpHandlers({
      store: bare,
      handlers: { 'crm.sync': async (f) => void seen.push(f) },
    });
    const [job] = await jobsOf(store, 'crm.sync');
    await handlers['crm.sync']?.(job!);
    expect(seen[0]).toMatchObject({
      booking: { id: booking.id },
      link: { id: booking.linkId },
      host: { id: host.hostId },
    });
    expect({ booking: seen[0]?.booking, link: seen[0]?.link, host: seen[0]?.host }).toEqual(
      await store.findBookingContext(booking.workspaceId, booking.id),
    );
  });

  it('skips a superseded job, runs cancellation steps once cancelled, and CRM syncs always', async () => {
    const { core, store, attendee } = await calendarWorld();
    const { tokens } = await core.book(attendee(MON_9));
    await core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR });
    await core.cancel({ token: tokens.cancel });
    const ran: string[] = [];
    const record = async (f: { job: Job }) => void ran.push(f.job.idempotencyKey);
    const handlers = createFollowUpHandlers({
      store,
      handlers: {
        'crm.sync': record,
        'calendar.create': record,
        'calendar.update': record,
        'calendar.delete': record,
        'email.confirmation': record,
        'email.reschedule': record,
        'email.cancellation': record,
      },
    });
    for (const job of await store.listJobs()) await handlers[job.kind]?.(job);
    expect(ran.map((k) => k.split(':').slice(1).join(':'))).toEqual([
      'crm.sync:0',
      'crm.sync:1',
      'crm.sync:2',
      'calendar.delete:2',
      'email.cancellation:2',
    ]);
  });

  it('refuses a payload that does not fit its kind with BAD_PAYLOAD', async () => {
    const { core, store, attendee } = await calendarWorld();
    await core.book(attendee(MON_9));
    const [job] = await jobsOf(store, 'crm.sync');
    const handlers = createFollowUpHandlers({ store, handlers: { 'crm.sync': async () => {} } });
    await expect(
      handlers['crm.sync']?.({ ...job!, payload: { bookingId: 42 } }),
    ).rejects.toMatchObject({ name: 'FollowUpError', code: 'BAD_PAYLOAD' });
  });

  it('skips the jobs of a booking that is gone', async () => {
    const { core, store, attendee } = await calendarWorld();
    await core.book(attendee(MON_9));
    const [job] = await jobsOf(store, 'crm.sync');
    let ran = false;
    const handlers = createFollowUpHandlers({
      store,
      handlers: { 'crm.sync': async () => void (ran = true) },
    });
    await handlers['crm.sync']?.({ ...job!, payload: { ...job!.payload, bookingId: 'gone' } });
    expect(ran).toBe(false);
  });
});

describe('calendar and CRM handlers over the reference adapters', () => {
  it('writes the event id and meeting URL back; a later reschedule keeps them', async () => {
    const { core, store, host, attendee, calendar } = await calendarWorld();
    const crm = createMemoryCrm();
    const handlers = createFollowUpHandlers({
      store,
      handlers: { ...calendarFollowUpHandlers(calendar), ...crmFollowUpHandlers(crm) },
    });
    const { booking, tokens } = await core.book(attendee(MON_9));
    for (const job of await store.listJobs()) await handlers[job.kind]?.(job);
    const [event] = calendar.listEvents();
    const written = (await core.getBooking(host, booking.id)).booking;
    expect(written.meetingUrl).toBe(event?.meetingUrl);
    expect(written.externalRefs).toEqual({
      calendar: { provider: 'google', id: event?.eventId },
      'crm-contact': { provider: 'memory', id: crm.listContacts()[0]?.contactId },
      'crm-deal': { provider: 'memory', id: crm.listDeals()[0]?.dealId },
    });
    const { booking: moved } = await core.reschedule({
      token: tokens.reschedule,
      start: MON_9 + HOUR,
    });
    expect((await core.getBooking(host, moved.id)).booking).toMatchObject({
      icalSequence: 1,
      meetingUrl: written.meetingUrl,
      externalRefs: written.externalRefs,
    });
  });

  it('a create overtaken by a reschedule: the update creates the event once, at the new time', async () => {
    const { core, store, attendee, calendar } = await calendarWorld();
    const handlers = createFollowUpHandlers({
      store,
      handlers: calendarFollowUpHandlers(calendar),
    });
    const { tokens } = await core.book(attendee(MON_9));
    await core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR });
    for (const job of await store.listJobs()) await handlers[job.kind]?.(job);
    expect(calendar.listEvents().map((e) => [e.event.start, e.event.sequence])).toEqual([
      [MON_9 + HOUR, 1],
    ]);
  });

  it('a create whose booking was cancelled while it ran deletes its event again', async () => {
    const { core, store, attendee, calendar } = await calendarWorld();
    let cancelNow: () => Promise<unknown> = async () => {};
    // The create reaches the provider only after the cancellation and its delete job ran.
    const slowCalendar = Object.assign(Object.create(calendar) as typeof calendar, {
      createEvent: async (input: Parameters<typeof calendar.createEvent>[0]) => {
        await cancelNow();
        return calendar.createEvent(input);
      },
    });
    const handlers = createFollowUpHandlers({
      store,
      handlers: calendarFollowUpHandlers(slowCalendar),
    });
    const { tokens } = await core.book(attendee(MON_9));
    cancelNow = async () => {
      await core.cancel({ token: tokens.cancel });
      const [remove] = await jobsOf(store, 'calendar.delete');
      await handlers['calendar.delete']?.(remove!); // runs before the event id is written back
    };
    const [create] = await jobsOf(store, 'calendar.create');
    await handlers['calendar.create']?.(create!);
    expect(calendar.listEvents()).toEqual([]);
  });
});

describe('BOOKING_ERROR_HTTP_STATUS', () => {
  it('names every error code, with a 4xx or 503', () => {
    expect(Object.keys(BOOKING_ERROR_HTTP_STATUS).sort()).toEqual([...BOOKING_ERROR_CODES].sort());
    for (const status of Object.values(BOOKING_ERROR_HTTP_STATUS))
      expect(status === 503 || (status >= 400 && status < 500)).toBe(true);
  });
});
