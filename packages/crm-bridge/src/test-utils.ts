import type { Booking } from '@workestra/booking-core';
import { buildWebhookDelivery, type WebhookDelivery } from './payload.js';

/** 2026-11-09T09:00:00Z, the instant the fixtures happen at. */
export const T0 = Date.parse('2026-11-09T09:00:00Z');

/** A confirmed booking as booking-core stores it, with `overrides`. */
export function bookingFixture(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'b_1',
    workspaceId: 'ws_1',
    linkId: 'l_1',
    hostId: 'h_1',
    coHostIds: [],
    status: 'confirmed',
    start: T0,
    end: T0 + 30 * 60_000,
    blockedStart: T0 - 10 * 60_000,
    blockedEnd: T0 + 40 * 60_000,
    attendeeName: 'Ada Lovelace',
    attendeeEmail: 'ada@example.com',
    attendeeTimeZone: 'Europe/London',
    attendeeLocale: null,
    attendeeHourCycle: null,
    noShow: false,
    cancelReason: null,
    icalUid: 'uid-secret@workestra',
    icalSequence: 0,
    meetingUrl: 'https://meet.example.com/abc',
    externalRefs: {},
    answers: [],
    createdAt: T0 - 86_400_000,
    updatedAt: T0 - 86_400_000,
    ...overrides,
  };
}

/** A `booking.created` delivery of {@link bookingFixture}, with `id`. */
export function deliveryFixture(id = 'whd_fixture-1'): WebhookDelivery {
  return buildWebhookDelivery({
    id,
    event: 'booking.created',
    workspaceId: 'ws_1',
    createdAt: T0 - 86_400_000,
    booking: bookingFixture(),
    link: { slug: 'intro-call', title: 'Intro call' },
  });
}
