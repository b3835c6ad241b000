import { describe, expect, it } from 'vitest';
import { type BookingError, StoreConflictError } from './errors.js';
import { createBookingCore } from './core.js';
import { hashToken } from './tokens.js';
import type { BookingStore, CalendarBusySource, StoreTx } from './ports.js';
import { codeOf, DAY, HOUR, MIN, MON_9, slotStarts, world } from './test-utils.js';

const MONDAY = ['2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'] as const;

describe('public view and slots', () => {
  it('shows the link and its slots grouped by day in the attendee’s time zone', async () => {
    const { core, link } = await world();
    await link({
      description: 'Say hi',
      weeklyHours: { monday: [{ start: '22:00', end: '23:00' }] },
    });
    expect(await core.getPublicLink('intro-call')).toEqual({
      slug: 'intro-call',
      title: 'Intro call',
      description: 'Say hi',
      durationMinutes: 30,
      kind: 'solo',
      members: [],
      hostName: 'Ana',
      hostTimeZone: 'UTC',
      maxDaysAhead: 30,
      minNoticeHours: 0,
      formFields: [],
    });
    const { timeZone, days } = await core.getPublicSlots({
      slug: 'intro-call',
      from: MONDAY[0],
      to: MONDAY[1],
      timeZone: 'Asia/Tokyo',
    });
    expect(timeZone).toBe('Asia/Tokyo');
    // Monday 22:00 UTC is Tuesday 07:00 in Tokyo.
    expect(days).toEqual([
      {
        date: '2026-11-03',
        slots: [
          { start: Date.parse('2026-11-02T22:00:00Z'), end: Date.parse('2026-11-02T22:30:00Z') },
          { start: Date.parse('2026-11-02T22:30:00Z'), end: Date.parse('2026-11-02T23:00:00Z') },
        ],
      },
    ]);
  });

  it('answers LINK_NOT_FOUND for unknown slugs and VALIDATION_FAILED for bad ranges', async () => {
    const { core, link } = await world();
    await link();
    expect(await codeOf(core.getPublicLink('nope'))).toBe('LINK_NOT_FOUND');
    expect(
      await codeOf(
        core.getPublicSlots({ slug: 'nope', from: MONDAY[0], to: MONDAY[1], timeZone: 'UTC' }),
      ),
    ).toBe('LINK_NOT_FOUND');
    expect(
      await codeOf(
        core.getPublicSlots({
          slug: 'intro-call',
          from: MONDAY[1],
          to: MONDAY[0],
          timeZone: 'UTC',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(
      await codeOf(
        core.getPublicSlots({
          slug: 'intro-call',
          from: MONDAY[0],
          to: MONDAY[1],
          timeZone: 'Nowhere/Land',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(
      await codeOf(
        core.getPublicSlots({
          slug: 'intro-call',
          from: '2026-11-02',
          to: MONDAY[1],
          timeZone: 'UTC',
        }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('honours min notice, max days ahead and several windows a day', async () => {
    const { core, link, clock } = await world();
    await link({
      minNoticeHours: 22,
      maxDaysAhead: 1,
      weeklyHours: {
        monday: [
          { start: '09:00', end: '10:00' },
          { start: '15:00', end: '16:00' },
        ],
      },
    });
    clock.set('2026-11-01T12:00:00Z');
    // 09:00 and 09:30 are within 22 h of now; next Monday is past the horizon.
    expect(
      await slotStarts(core, 'intro-call', '2026-11-01T00:00:00Z', '2026-11-10T00:00:00Z'),
    ).toEqual(['2026-11-02T15:00:00.000Z', '2026-11-02T15:30:00.000Z']);
  });
});

describe('book', () => {
  // A newline in a name would otherwise travel into email headers, .ics lines and log lines;
  // the invite writer escapes it, but it is refused at the edge first.
  it('refuses names with control characters', async () => {
    const { core, link, attendee } = await world();
    await link();
    for (const name of ['Ada\nBcc: x@evil.test', 'Ada\rLovelace', 'Ada\u0000Lovelace']) {
      expect(await codeOf(core.book({ ...attendee('2026-11-09T10:00:00Z'), name }))).toBe(
        'VALIDATION_FAILED',
      );
    }
    expect(
      (await core.book({ ...attendee('2026-11-09T10:00:00Z'), name: 'Ada Ł, "the"; Countess' }))
        .booking.attendeeName,
    ).toBe('Ada Ł, "the"; Countess');
  });

  it('creates the booking, hashed tokens, a created event and the follow-up jobs', async () => {
    const { core, store, host, link, attendee, clock } = await world();
    await link({ bufferBeforeMinutes: 5, bufferAfterMinutes: 10 });
    const { booking, tokens } = await core.book(attendee('2026-11-09T10:00:00Z'));
    const start = Date.parse('2026-11-09T10:00:00Z');
    expect(booking).toMatchObject({
      workspaceId: host.workspaceId,
      hostId: host.hostId,
      status: 'confirmed',
      start,
      end: start + 30 * MIN,
      blockedStart: start - 5 * MIN,
      blockedEnd: start + 40 * MIN,
      attendeeName: 'Ada Lovelace',
      attendeeEmail: 'ada@example.com',
      attendeeTimeZone: 'Europe/London',
      attendeeLocale: null,
      attendeeHourCycle: null,
      noShow: false,
      cancelReason: null,
      icalUid: `${booking.id}@workestra.app`,
      icalSequence: 0,
      meetingUrl: null,
      externalRefs: {},
      createdAt: clock.now(),
    });
    expect(tokens.reschedule).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.cancel).not.toBe(tokens.reschedule);
    await store.transaction(async (tx) => {
      const row = await tx.findToken('cancel', hashToken(tokens.cancel));
      expect(row).toMatchObject({ bookingId: booking.id, purpose: 'cancel' });
      expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(tokens.cancel);
      expect(await tx.findToken('reschedule', hashToken(tokens.cancel))).toBeNull();
    });
    const { events } = await core.getBooking(host, booking.id);
    expect(events.map((e) => [e.type, e.actor])).toEqual([['created', 'attendee']]);
    const jobs = await store.listJobs();
    expect(jobs.map((j) => [j.kind, j.idempotencyKey, j.runAt])).toEqual([
      ['crm.sync', `${booking.id}:crm.sync:0`, clock.now()],
      ['email.confirmation', `${booking.id}:email.confirmation:0`, clock.now()],
      ['email.host-notice', `${booking.id}:email.host-notice:0`, clock.now()],
      ['email.reminder', `${booking.id}:email.reminder:0`, start - DAY],
    ]);
    expect(jobs[0]?.payload).toEqual({
      workspaceId: host.workspaceId,
      bookingId: booking.id,
      linkId: booking.linkId,
      sequence: 0,
      change: 'created',
    });
  });

  it('queues calendar.create with a calendar, and no reminder when the meeting is within 24 h', async () => {
    const calendar: CalendarBusySource = { busy: async () => [] };
    const { core, store, link, attendee } = await world({ calendar });
    await link({ calendarProvider: 'google', autoMeetingLink: true });
    await core.book(attendee(MON_9));
    expect((await store.listJobs()).map((j) => j.kind)).toEqual([
      'crm.sync',
      'calendar.create',
      'email.confirmation',
      'email.host-notice',
    ]);
  });

  it('takes the slot out of the public slots', async () => {
    const { core, link, attendee } = await world();
    await link({ weeklyHours: { monday: [{ start: '09:00', end: '10:30' }] } });
    await core.book(attendee('2026-11-02T09:30:00Z'));
    expect(await slotStarts(core, 'intro-call', ...MONDAY)).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T10:00:00.000Z',
    ]);
  });

  it('answers SLOT_TAKEN for a taken slot and SLOT_UNAVAILABLE for one never offered', async () => {
    const { core, link, attendee, clock } = await world();
    await link({ minNoticeHours: 1 });
    await core.book(attendee(MON_9));
    const taken = await core.book(attendee(MON_9)).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'SLOT_TAKEN', details: { reason: 'BUSY' } });
    expect(await codeOf(core.book(attendee('2026-11-02T09:15:00Z')))).toBe('SLOT_UNAVAILABLE'); // off the grid
    expect(await codeOf(core.book(attendee('2026-11-02T13:00:00Z')))).toBe('SLOT_UNAVAILABLE'); // outside hours
    expect(await codeOf(core.book(attendee('2027-01-04T09:00:00Z')))).toBe('SLOT_UNAVAILABLE'); // beyond max days ahead
    clock.set('2026-11-02T09:10:00Z');
    const soon = await core.book(attendee('2026-11-02T10:00:00Z')).catch((e: unknown) => e);
    expect(soon).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'MIN_NOTICE' } });
  });

  it('lets exactly one of 50 concurrent bookings of one slot win', async () => {
    const { core, store, host, link, attendee } = await world();
    await link();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        core.book({ ...attendee(MON_9), email: `a${i}@example.com` }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const codes = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as BookingError).code] : [],
    );
    expect(won).toHaveLength(1);
    expect(codes).toEqual(Array.from({ length: 49 }, () => 'SLOT_TAKEN'));
    expect((await core.listBookings(host, { filter: 'upcoming' })).bookings).toHaveLength(1);
    expect((await store.listJobs()).filter((j) => j.kind === 'email.confirmation')).toHaveLength(1);
  });

  it('enforces the daily cap as SLOT_TAKEN', async () => {
    const { core, link, attendee } = await world();
    await link({ dailyCap: 1 });
    await core.book(attendee(MON_9));
    const refused = await core.book(attendee('2026-11-02T11:00:00Z')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'SLOT_TAKEN', details: { reason: 'DAILY_CAP_REACHED' } });
    expect(await slotStarts(core, 'intro-call', ...MONDAY)).toEqual([]);
  });

  it('counts the host’s bookings on other links, with their buffers, as busy', async () => {
    const { core, link, attendee } = await world();
    await link();
    await link({ title: 'Long', slug: 'long', durationMinutes: 60, bufferAfterMinutes: 15 });
    await core.book(attendee(MON_9, 'long')); // blocks 09:00-10:15
    expect(await slotStarts(core, 'intro-call', ...MONDAY)).toEqual([
      '2026-11-02T10:30:00.000Z',
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
    expect(await codeOf(core.book(attendee('2026-11-02T10:00:00Z')))).toBe('SLOT_TAKEN');
  });

  it('refuses bookings on disabled and deleted links', async () => {
    const { core, host, link, attendee } = await world();
    const l = await link();
    await core.disableLink(host, l.id);
    expect(await codeOf(core.book(attendee(MON_9)))).toBe('LINK_INACTIVE');
    await core.deleteLink(host, l.id);
    expect(await codeOf(core.book(attendee(MON_9)))).toBe('LINK_NOT_FOUND');
  });

  it('validates the attendee', async () => {
    const { core, link, attendee } = await world();
    await link();
    const error = (await core
      .book({ ...attendee(MON_9), email: 'not-an-email', name: ' ', timeZone: 'Atlantis/Capital' })
      .catch((e: unknown) => e)) as BookingError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as readonly { path: string }[]).map((d) => d.path).sort()).toEqual([
      'email',
      'name',
      'timeZone',
    ]);
  });

  it('keeps the attendee’s language as a canonical tag and their clock', async () => {
    const { core, store, link, attendee } = await world();
    await link();
    const { booking } = await core.book({
      ...attendee('2026-11-09T10:00:00Z'),
      locale: 'de-ch',
      hourCycle: 'h23',
    });
    expect(booking).toMatchObject({ attendeeLocale: 'de-CH', attendeeHourCycle: 'h23' });
    expect(
      await store.transaction((tx) => tx.findBooking(booking.workspaceId, booking.id)),
    ).toMatchObject({ attendeeLocale: 'de-CH', attendeeHourCycle: 'h23' });
    const error = (await core
      .book({ ...attendee('2026-11-09T10:30:00Z'), locale: 'not a tag!', hourCycle: 'h24' })
      .catch((e: unknown) => e)) as BookingError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as readonly { path: string }[]).map((d) => d.path)).toEqual([
      'locale',
      'hourCycle',
    ]);
  });

  it('turns the store’s overlap backstop into SLOT_TAKEN', async () => {
    const { store, clock, link, attendee } = await world();
    await link();
    // A store whose database-level constraint trips (as a concurrent insert on another instance would).
    const tripping: BookingStore = {
      transaction: (fn) => store.transaction(fn),
      withHostLock: (ws, host, fn) =>
        store.withHostLock(ws, host, (tx) =>
          fn({
            ...bind(tx),
            insertBooking: async () => {
              throw new StoreConflictError('booking_overlap');
            },
          }),
        ),
      withHostsLock: (ws, hosts, fn) => store.withHostsLock(ws, hosts, fn),
    };
    const core = createBookingCore({ store: tripping, clock });
    const error = await core.book(attendee(MON_9)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SLOT_TAKEN' });
    expect((error as BookingError).cause).toBeInstanceOf(StoreConflictError);
  });
});

describe('calendar busy', () => {
  it('removes calendar busy time from slots and refuses to book into it', async () => {
    const seen: unknown[] = [];
    const calendar: CalendarBusySource = {
      busy: async (input) => {
        seen.push(input);
        return [{ start: MON_9, end: MON_9 + HOUR }];
      },
    };
    const { core, link, attendee, host } = await world({ calendar });
    await link({ calendarProvider: 'microsoft' });
    expect(await slotStarts(core, 'intro-call', ...MONDAY)).toEqual([
      '2026-11-02T10:00:00.000Z',
      '2026-11-02T10:30:00.000Z',
      '2026-11-02T11:00:00.000Z',
      '2026-11-02T11:30:00.000Z',
    ]);
    expect(seen[0]).toMatchObject({
      workspaceId: host.workspaceId,
      connection: { hostId: host.hostId, provider: 'microsoft' },
    });
    expect(await codeOf(core.book(attendee('2026-11-02T09:30:00Z')))).toBe('SLOT_TAKEN');
  });

  it('treats out-of-office time as busy like any other, and refuses an unknown kind', async () => {
    const calendar: CalendarBusySource = {
      busy: async () => [
        { start: MON_9, end: MON_9 + HOUR, kind: 'out_of_office' },
        { start: MON_9 + 2 * HOUR, end: MON_9 + 3 * HOUR, kind: 'busy' },
      ],
    };
    const { core, link, attendee } = await world({ calendar });
    await link({ calendarProvider: 'google' });
    expect(await slotStarts(core, 'intro-call', ...MONDAY)).toEqual([
      '2026-11-02T10:00:00.000Z',
      '2026-11-02T10:30:00.000Z',
    ]);
    expect(await codeOf(core.book(attendee('2026-11-02T09:00:00Z')))).toBe('SLOT_TAKEN');
    const odd = await world({
      calendar: { busy: async () => [{ start: MON_9, end: MON_9 + HOUR, kind: 'away' }] as never },
    });
    await odd.link({ calendarProvider: 'google' });
    expect(await codeOf(odd.core.book(odd.attendee(MON_9 + 2 * HOUR)))).toBe(
      'CALENDAR_UNAVAILABLE',
    );
  });

  it('never treats a calendar failure as free time: CALENDAR_UNAVAILABLE', async () => {
    const outage = new Error('503 from provider');
    const calendar: CalendarBusySource = {
      busy: async () => {
        throw outage;
      },
    };
    const { core, link, attendee, store } = await world({ calendar });
    await link({ calendarProvider: 'google' });
    const error = await core
      .getPublicSlots({ slug: 'intro-call', from: MONDAY[0], to: MONDAY[1], timeZone: 'UTC' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CALENDAR_UNAVAILABLE' });
    expect((error as BookingError).cause).toBe(outage);
    expect(await codeOf(core.book(attendee(MON_9)))).toBe('CALENDAR_UNAVAILABLE');
    expect(await store.listJobs()).toEqual([]);
  });

  it('answers CALENDAR_UNAVAILABLE when a link needs a calendar and none is configured, or it answers garbage', async () => {
    const { core, link } = await world();
    await link({ calendarProvider: 'google' });
    expect(
      await codeOf(
        core.getPublicSlots({
          slug: 'intro-call',
          from: MONDAY[0],
          to: MONDAY[1],
          timeZone: 'UTC',
        }),
      ),
    ).toBe('CALENDAR_UNAVAILABLE');
    const garbage = await world({
      calendar: { busy: async () => [{ start: 'soon', end: 'later' }] as never },
    });
    await garbage.link({ calendarProvider: 'google' });
    expect(
      await codeOf(
        garbage.core.getPublicSlots({
          slug: 'intro-call',
          from: MONDAY[0],
          to: MONDAY[1],
          timeZone: 'UTC',
        }),
      ),
    ).toBe('CALENDAR_UNAVAILABLE');
  });
});

/** A plain object with `tx`'s methods bound, so single methods can be replaced. */
function bind(tx: StoreTx): StoreTx {
  const out: Record<string, unknown> = {};
  let proto: object | null = tx;
  while (proto !== null && proto !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const value = (tx as unknown as Record<string, unknown>)[key];
      if (key !== 'constructor' && typeof value === 'function' && !(key in out))
        out[key] = value.bind(tx);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return out as unknown as StoreTx;
}
