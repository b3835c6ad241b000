import { describe, expect, it } from 'vitest';
import type { CalendarBusySource } from './ports.js';
import { codeOf, DAY, HOUR, MIN, slotStarts, world } from './test-utils.js';

/** Monday 2026-11-09, a week after "now", so reminders are due in the future. */
const MON2_9 = Date.parse('2026-11-09T09:00:00Z');
const MON2 = ['2026-11-09T00:00:00Z', '2026-11-10T00:00:00Z'] as const;

async function booked(options: Parameters<typeof world>[0] = {}, linkInput = {}) {
  const w = await world(options);
  await w.link(linkInput);
  const result = await w.core.book(w.attendee(MON2_9));
  return { ...w, ...result };
}

describe('reschedule', () => {
  it('moves the booking: same UID, SEQUENCE + 1, rescheduled event, reminder replaced, jobs queued', async () => {
    const { core, store, host, booking, tokens, clock } = await booked();
    const { booking: moved } = await core.reschedule({
      token: tokens.reschedule,
      start: '2026-11-09T11:00:00Z',
    });
    const start = Date.parse('2026-11-09T11:00:00Z');
    expect(moved).toMatchObject({
      id: booking.id,
      icalUid: booking.icalUid,
      icalSequence: 1,
      start,
      end: start + 30 * MIN,
      blockedStart: start,
      blockedEnd: start + 30 * MIN,
      status: 'confirmed',
    });
    const { events } = await core.getBooking(host, booking.id);
    expect(events.map((e) => e.type)).toEqual(['created', 'rescheduled']);
    expect(events[1]?.data).toEqual({
      previousStart: MON2_9,
      previousEnd: MON2_9 + 30 * MIN,
      start,
      end: start + 30 * MIN,
    });
    expect((await store.findJobByKey(`${booking.id}:email.reminder:0`))?.status).toBe('cancelled');
    expect(await store.findJobByKey(`${booking.id}:email.reminder:1`)).toMatchObject({
      status: 'pending',
      runAt: start - DAY,
    });
    expect((await store.findJobByKey(`${booking.id}:email.reschedule:1`))?.runAt).toBe(clock.now());
    expect(await store.findJobByKey(`${booking.id}:calendar.update:1`)).toBeNull(); // no calendar on this link
    expect(await slotStarts(core, 'intro-call', ...MON2)).toContain('2026-11-09T09:00:00.000Z');
    expect(await slotStarts(core, 'intro-call', ...MON2)).not.toContain('2026-11-09T11:00:00.000Z');
    // The token keeps working for the next change.
    expect(
      (await core.reschedule({ token: tokens.reschedule, start: '2026-11-09T10:00:00Z' })).booking
        .icalSequence,
    ).toBe(2);
  });

  it('takes a new language and clock when the reschedule names them, and keeps them otherwise', async () => {
    const w = await world();
    await w.link();
    const { booking, tokens } = await w.core.book({
      ...w.attendee(MON2_9),
      locale: 'de-ch',
      hourCycle: 'h23',
    });
    expect(booking).toMatchObject({ attendeeLocale: 'de-CH', attendeeHourCycle: 'h23' });
    const kept = await w.core.reschedule({
      token: tokens.reschedule,
      start: '2026-11-09T10:00:00Z',
    });
    expect(kept.booking).toMatchObject({ attendeeLocale: 'de-CH', attendeeHourCycle: 'h23' });
    const switched = await w.core.reschedule({
      token: tokens.reschedule,
      start: '2026-11-09T11:00:00Z',
      locale: 'pt-br',
      hourCycle: 'h12',
    });
    expect(switched.booking).toMatchObject({ attendeeLocale: 'pt-BR', attendeeHourCycle: 'h12' });
    // Only the language: the clock stays as it was.
    const language = await w.core.reschedule({
      token: tokens.reschedule,
      start: '2026-11-09T10:30:00Z',
      locale: 'fr',
    });
    expect(language.booking).toMatchObject({ attendeeLocale: 'fr', attendeeHourCycle: 'h12' });
    expect(
      await w.store.transaction((tx) => tx.findBooking(booking.workspaceId, booking.id)),
    ).toMatchObject({ attendeeLocale: 'fr', attendeeHourCycle: 'h12', icalSequence: 3 });
    expect(
      await codeOf(
        w.core.reschedule({ token: tokens.reschedule, start: '2026-11-09T09:30:00Z', locale: '' }),
      ),
    ).toBe('VALIDATION_FAILED');
  });

  it('does not count the booking itself as busy', async () => {
    const w = await world();
    await w.link({ durationMinutes: 60, bufferAfterMinutes: 30 });
    const { tokens } = await w.core.book(w.attendee(MON2_9)); // blocks 09:00-10:30
    // For anyone else 10:00 is taken by the buffer; for this booking it is free.
    expect(
      await codeOf(w.core.book({ ...w.attendee('2026-11-09T10:00:00Z'), email: 'b@example.com' })),
    ).toBe('SLOT_TAKEN');
    const { booking: moved } = await w.core.reschedule({
      token: tokens.reschedule,
      start: '2026-11-09T10:00:00Z',
    });
    expect(moved).toMatchObject({ start: MON2_9 + HOUR, blockedEnd: MON2_9 + 2.5 * HOUR });
  });

  it('tells the calendar to leave the booking’s own event out of busy', async () => {
    const calls: { excludeIcalUid?: string }[] = [];
    const calendar: CalendarBusySource = {
      busy: async (input) => {
        calls.push(input);
        return [];
      },
    };
    const { core, store, booking, tokens } = await booked(
      { calendar },
      { calendarProvider: 'google' },
    );
    await core.reschedule({ token: tokens.reschedule, start: '2026-11-09T11:00:00Z' });
    expect(calls.at(-1)?.excludeIcalUid).toBe(booking.icalUid);
    expect(await store.findJobByKey(`${booking.id}:calendar.update:1`)).not.toBeNull();
  });

  it('runs the race guard: SLOT_TAKEN for a taken time, SLOT_UNAVAILABLE outside hours', async () => {
    const { core, attendee, tokens } = await booked();
    await core.book({ ...attendee('2026-11-09T10:00:00Z'), email: 'b@example.com' });
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: '2026-11-09T10:00:00Z' })),
    ).toBe('SLOT_TAKEN');
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: '2026-11-10T10:00:00Z' })),
    ).toBe('SLOT_UNAVAILABLE');
  });

  it('only works with the reschedule token, while the link takes bookings', async () => {
    const { core, host, tokens } = await booked();
    expect(
      await codeOf(core.reschedule({ token: tokens.cancel, start: '2026-11-09T10:00:00Z' })),
    ).toBe('TOKEN_INVALID');
    expect(
      await codeOf(core.reschedule({ token: 'x'.repeat(43), start: '2026-11-09T10:00:00Z' })),
    ).toBe('TOKEN_INVALID');
    expect(await codeOf(core.reschedule({ token: 'short', start: '2026-11-09T10:00:00Z' }))).toBe(
      'TOKEN_INVALID',
    );
    expect(
      await codeOf(
        core.reschedule({
          token: '../../etc/passwd%00aaaaaaaaaaaaaaaaaa',
          start: '2026-11-09T10:00:00Z',
        }),
      ),
    ).toBe('TOKEN_INVALID');
    const [link] = await core.listLinks(host);
    await core.disableLink(host, link!.id);
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: '2026-11-09T10:00:00Z' })),
    ).toBe('LINK_INACTIVE');
  });
});

describe('cancel', () => {
  it('cancels: status, reason, SEQUENCE + 1, event, reminder cancelled, calendar/email jobs queued, slot freed', async () => {
    const { core, store, host, booking, tokens, attendee } = await booked(
      { calendar: { busy: async () => [] } },
      { calendarProvider: 'google' },
    );
    const cancelled = await core.cancel({ token: tokens.cancel, reason: 'Something came up' });
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Something came up',
      icalSequence: 1,
      icalUid: booking.icalUid,
    });
    const { events } = await core.getBooking(host, booking.id);
    expect(events.map((e) => [e.type, e.actor])).toEqual([
      ['created', 'attendee'],
      ['cancelled', 'attendee'],
    ]);
    expect((await store.findJobByKey(`${booking.id}:email.reminder:0`))?.status).toBe('cancelled');
    expect(await store.findJobByKey(`${booking.id}:calendar.delete:1`)).not.toBeNull();
    expect(await store.findJobByKey(`${booking.id}:email.cancellation:1`)).not.toBeNull();
    expect(
      (await core.listBookings(host, { filter: 'cancelled' })).bookings.map((b) => b.id),
    ).toEqual([booking.id]);
    await expect(
      core.book({ ...attendee(MON2_9), email: 'next@example.com' }),
    ).resolves.toBeDefined();
  });

  it('stops both tokens once cancelled: BOOKING_CANCELLED', async () => {
    const { core, tokens } = await booked();
    await core.cancel({ token: tokens.cancel });
    expect(await codeOf(core.cancel({ token: tokens.cancel }))).toBe('BOOKING_CANCELLED');
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: '2026-11-09T10:00:00Z' })),
    ).toBe('BOOKING_CANCELLED');
    expect(await codeOf(core.viewToken({ token: tokens.cancel, purpose: 'cancel' }))).toBe(
      'BOOKING_CANCELLED',
    );
  });

  it('still works after the link was deleted: the meeting exists either way', async () => {
    const { core, host, tokens } = await booked();
    const [link] = await core.listLinks(host);
    await core.deleteLink(host, link!.id);
    expect((await core.cancel({ token: tokens.cancel })).status).toBe('cancelled');
  });
});

describe('token expiry', () => {
  it('stops tokens once the meeting has started: TOKEN_EXPIRED', async () => {
    const { core, clock, tokens } = await booked();
    clock.set(MON2_9 - 1);
    await expect(
      core.viewToken({ token: tokens.cancel, purpose: 'cancel' }),
    ).resolves.toBeDefined();
    clock.set(MON2_9);
    expect(await codeOf(core.cancel({ token: tokens.cancel }))).toBe('TOKEN_EXPIRED');
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: '2026-11-16T10:00:00Z' })),
    ).toBe('TOKEN_EXPIRED');
    expect(await codeOf(core.viewToken({ token: tokens.reschedule, purpose: 'reschedule' }))).toBe(
      'TOKEN_EXPIRED',
    );
  });
});

describe('viewToken', () => {
  it('shows the booking, the link and (for reschedule) new slots with the booking itself free', async () => {
    const { core, booking, tokens } = await booked();
    const view = await core.viewToken({
      token: tokens.reschedule,
      purpose: 'reschedule',
      from: MON2[0],
      to: MON2[1],
      timeZone: 'Asia/Tokyo',
    });
    expect(view).toMatchObject({
      purpose: 'reschedule',
      booking: {
        start: booking.start,
        end: booking.end,
        attendeeName: 'Ada Lovelace',
        attendeeTimeZone: 'Europe/London',
      },
      link: { title: 'Intro call', slug: 'intro-call', durationMinutes: 30 },
      hostName: 'Ana',
      linkActive: true,
      timeZone: 'Asia/Tokyo',
    });
    expect(view.slots?.flatMap((d) => d.slots.map((s) => s.start))).toContain(MON2_9);
    expect(view.slots?.[0]?.date).toBe('2026-11-09');
  });

  it('defaults to the next 7 days in the attendee’s zone, and has no slots for cancel', async () => {
    const { core, tokens } = await booked();
    const view = await core.viewToken({ token: tokens.reschedule, purpose: 'reschedule' });
    expect(view.timeZone).toBe('Europe/London');
    expect(view.slots?.map((d) => d.date)).toEqual(['2026-11-02']);
    expect((await core.viewToken({ token: tokens.cancel, purpose: 'cancel' })).slots).toBeNull();
    expect(await codeOf(core.viewToken({ token: tokens.cancel, purpose: 'reschedule' }))).toBe(
      'TOKEN_INVALID',
    );
  });
});
