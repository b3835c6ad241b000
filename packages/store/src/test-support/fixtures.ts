import { randomUUID } from 'node:crypto';
import type { Booking, BookingLink, Host } from '@workestra/booking-core';

export const T0 = Date.UTC(2026, 2, 2, 9, 0); // a Monday, 09:00 UTC
export const MINUTE = 60_000;

export function makeHost(overrides: Partial<Host> = {}): Host {
  const id = randomUUID();
  return {
    id,
    workspaceId: randomUUID(),
    email: `host-${id.slice(0, 8)}@example.com`,
    name: 'Ada Host',
    timeZone: 'Europe/Berlin',
    createdAt: T0,
    ...overrides,
  };
}

export function makeLink(host: Host, overrides: Partial<BookingLink> = {}): BookingLink {
  const id = randomUUID();
  return {
    id,
    workspaceId: host.workspaceId,
    hostId: host.id,
    title: 'Intro call',
    description: null,
    slug: `intro-${id.slice(0, 8)}`,
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeHours: 0,
    maxDaysAhead: 60,
    timeZone: host.timeZone,
    weeklyHours: { monday: [{ start: '09:00', end: '17:00' }] },
    dateOverrides: [{ date: '2026-12-24', windows: [] }],
    recurringOverrides: [
      { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start: '2026-01-02', windows: [] },
    ],
    dailyCap: null,
    calendarProvider: 'none',
    autoMeetingLink: false,
    autoCreateDeal: true,
    defaultDealStage: 'qualified',
    defaultDealValueMinor: 150_00,
    active: true,
    deletedAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A confirmed booking of `link` at `start`, 30 minutes, no buffers unless overridden. */
export function makeBooking(
  link: BookingLink,
  start: number,
  overrides: Partial<Booking> = {},
): Booking {
  const id = randomUUID();
  const end = start + 30 * MINUTE;
  return {
    id,
    workspaceId: link.workspaceId,
    linkId: link.id,
    hostId: link.hostId,
    status: 'confirmed',
    start,
    end,
    blockedStart: start,
    blockedEnd: end,
    attendeeName: 'Grace Attendee',
    attendeeEmail: 'grace@example.com',
    attendeeTimeZone: 'America/New_York',
    noShow: false,
    cancelReason: null,
    icalUid: `${id}@workestra`,
    icalSequence: 0,
    meetingUrl: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}
