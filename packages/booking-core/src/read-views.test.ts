import { describe, expect, it } from 'vitest';
import { createMemoryCalendar } from './memory-calendar.js';
import { codeOf, MON_9, world } from './test-utils.js';

describe('publicBooking', () => {
  it('shows a booking to its attendee by either token, also once it is cancelled', async () => {
    const { core, link, attendee } = await world();
    await link();
    const { booking, tokens } = await core.book(attendee(MON_9));
    const expected = {
      id: booking.id,
      status: 'confirmed',
      start: MON_9,
      end: MON_9 + 30 * 60_000,
      attendeeName: 'Ada Lovelace',
      attendeeEmail: 'ada@example.com',
      attendeeTimeZone: 'Europe/London',
      hostName: 'Ana',
      coHostNames: [],
      hostTimeZone: 'UTC',
      linkTitle: 'Intro call',
      linkSlug: 'intro-call',
      meetingUrl: null,
      meetingLinkRequested: false,
    };
    expect(await core.publicBooking({ token: tokens.reschedule, purpose: 'reschedule' })).toEqual(
      expected,
    );

    await core.cancel({ token: tokens.cancel });
    expect(await core.publicBooking({ token: tokens.cancel, purpose: 'cancel' })).toEqual({
      ...expected,
      status: 'cancelled',
    });
  });

  it('says a meeting link is asked for, and shows it to both token views once written back', async () => {
    const { core, store, link, attendee } = await world({ calendar: createMemoryCalendar() });
    await link({ calendarProvider: 'google', autoMeetingLink: true });
    const { booking, tokens } = await core.book(attendee(MON_9));
    const before = await core.publicBooking({ token: tokens.cancel, purpose: 'cancel' });
    expect(before).toMatchObject({ meetingUrl: null, meetingLinkRequested: true });
    const meet = 'https://meet.example.test/abc';
    await store.transaction((tx) =>
      tx.setExternalRef(
        booking.workspaceId,
        booking.id,
        'calendar',
        { provider: 'google', id: 'evt_1', meetingUrl: meet },
        0,
      ),
    );
    expect(await core.publicBooking({ token: tokens.cancel, purpose: 'cancel' })).toMatchObject({
      meetingUrl: meet,
      meetingLinkRequested: true,
    });
    expect(
      (await core.viewToken({ token: tokens.cancel, purpose: 'cancel' })).booking,
    ).toMatchObject({ meetingUrl: meet, meetingLinkRequested: true });
  });

  it('asks for no meeting link when the link does not want one', async () => {
    const { core, link, attendee } = await world({ calendar: createMemoryCalendar() });
    await link({ calendarProvider: 'google', autoMeetingLink: false });
    const { tokens } = await core.book(attendee(MON_9));
    expect(
      (await core.viewToken({ token: tokens.cancel, purpose: 'cancel' })).booking,
    ).toMatchObject({ meetingUrl: null, meetingLinkRequested: false });
  });

  it('refuses an unknown token, a token of the other purpose, and malformed input', async () => {
    const { core, link, attendee } = await world();
    await link();
    const { tokens } = await core.book(attendee(MON_9));
    expect(await codeOf(core.publicBooking({ token: tokens.cancel, purpose: 'reschedule' }))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(core.publicBooking({ token: 'x'.repeat(43), purpose: 'cancel' }))).toBe(
      'TOKEN_INVALID',
    );
    expect(await codeOf(core.publicBooking({ token: tokens.cancel }))).toBe('VALIDATION_FAILED');
  });
});

describe('the host reads with links', () => {
  it('lists bookings with their link, null once the link is deleted', async () => {
    const { core, host, link, attendee } = await world();
    const intro = await link();
    const { booking } = await core.book(attendee(MON_9));
    const page = await core.listBookings(host, { filter: 'upcoming' });
    expect(page.bookings).toEqual([
      {
        ...booking,
        link: { id: intro.id, title: 'Intro call', slug: 'intro-call', deleted: false },
        host: { id: host.hostId, name: 'Ana', email: 'ana@example.com' },
        coHosts: [],
        followUpFailures: [],
      },
    ]);
    expect((await core.getBooking(host, booking.id)).link).toEqual({
      id: intro.id,
      title: 'Intro call',
      slug: 'intro-call',
      deleted: false,
    });

    // A deleted link keeps its title on its meetings, marked deleted.
    await core.deleteLink(host, intro.id);
    const deleted = { id: intro.id, title: 'Intro call', slug: 'intro-call', deleted: true };
    expect((await core.listBookings(host, { filter: 'upcoming' })).bookings[0]?.link).toEqual(
      deleted,
    );
    expect((await core.getBooking(host, booking.id)).link).toEqual(deleted);
  });

  it('takes a query as unknown data and validates it', async () => {
    const { core, host, link, attendee } = await world();
    await link();
    await core.book(attendee(MON_9));
    await core.book(attendee(MON_9 + 30 * 60_000));
    // A query string's text: the page size and instants as digits.
    const page = await core.listBookings(host, {
      filter: 'upcoming',
      limit: '1',
      from: String(MON_9),
    });
    expect(page.bookings.map((b) => b.start)).toEqual([MON_9]);
    expect(page.nextCursor).not.toBeNull();
    expect(await codeOf(core.listBookings(host, { filter: 'someday' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(core.listBookings(host, 'upcoming'))).toBe('VALIDATION_FAILED');
  });
});
