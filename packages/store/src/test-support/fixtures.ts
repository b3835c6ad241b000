// Row builders for the store's own tests: booking-core's fixtures (the ones its contract suite
// uses), with defaults that exercise more columns (overrides, deal fields, a non-UTC zone).
import { randomUUID } from 'node:crypto';
import type { Booking, BookingLink, Host } from '@workestra/booking-core';
import {
  makeBooking as coreBooking,
  makeHost as coreHost,
  makeLink as coreLink,
} from '@workestra/booking-core/testing';

export const T0 = Date.UTC(2026, 2, 2, 9, 0); // a Monday, 09:00 UTC
export const MINUTE = 60_000;

/** A host with a unique id and email (credentials need unique emails). */
export function makeHost(overrides: Partial<Host> = {}): Host {
  const id = randomUUID();
  return coreHost({
    id,
    email: `host-${id.slice(0, 8)}@example.com`,
    name: 'Ada Host',
    timeZone: 'Europe/Berlin',
    createdAt: T0,
    ...overrides,
  });
}

/** A live link of `host` whose JSON and deal columns are all filled, so round trips prove them. */
export function makeLink(host: Host, overrides: Partial<BookingLink> = {}): BookingLink {
  return coreLink(host, {
    maxDaysAhead: 60,
    timeZone: host.timeZone,
    dateOverrides: [{ date: '2026-12-24', windows: [] }],
    recurringOverrides: [
      { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start: '2026-01-02', windows: [] },
    ],
    autoCreateDeal: true,
    defaultDealStage: 'qualified',
    defaultDealValueMinor: 150_00,
    defaultDealCurrency: 'EUR',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });
}

/** A confirmed booking of `link` at `start`, 30 minutes, no buffers unless overridden. */
export function makeBooking(
  link: BookingLink,
  start: number,
  overrides: Partial<Booking> = {},
): Booking {
  const end = start + 30 * MINUTE;
  return coreBooking(link, {
    start,
    end,
    blockedStart: start,
    blockedEnd: end,
    attendeeName: 'Grace Attendee',
    attendeeEmail: 'grace@example.com',
    attendeeTimeZone: 'America/New_York',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });
}
