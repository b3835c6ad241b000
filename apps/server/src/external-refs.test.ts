// A booking shows what follow-up handlers wrote back: the meeting URL and the external references.
import { describe, expect, it } from 'vitest';
import { hostBookingResponseSchema } from './api-schemas.js';
import { bookOne, Client, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer } from './test-support/server.js';

describe.each(DIALECTS)('external references over HTTP (%s)', (dialect) => {
  it('shows the meeting URL and references written back, to the host; the URL to the attendee', async () => {
    await using server = await startTestServer(dialect);
    const { host } = await signUpHost(server, {
      email: `refs-${dialect}@example.com`,
      link: { title: 'Refs', slug: 'refs' },
    });
    const booked = await bookOne(server, 'refs', '2026-11-04T10:00:00Z');
    const id = booked.booking.id as string;
    expect(booked.booking.meetingUrl).toBeNull();

    const before = hostBookingResponseSchema.parse(
      (await host.get(`/api/host/bookings/${id}`)).body,
    );
    expect(before.booking).toMatchObject({ meetingUrl: null, externalRefs: {} });
    const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;
    await server.handle.store.transaction(async (tx) => {
      await tx.setExternalRef(
        workspaceId,
        id,
        'calendar',
        { provider: 'google', id: 'evt_1', meetingUrl: 'https://meet.example.test/abc' },
        0,
      );
      await tx.setExternalRef(workspaceId, id, 'crm-deal', { provider: 'memory', id: 'deal_1' }, 0);
    });

    const after = hostBookingResponseSchema.parse(
      (await host.get(`/api/host/bookings/${id}`)).body,
    );
    expect(after.booking).toMatchObject({
      meetingUrl: 'https://meet.example.test/abc',
      externalRefs: {
        calendar: { provider: 'google', id: 'evt_1' },
        'crm-deal': { provider: 'memory', id: 'deal_1' },
      },
    });
    const cancelled = await new Client(server.url).post(
      `/api/public/tokens/${booked.cancelToken as string}/cancel`,
      { body: {} },
    );
    expectStatus(cancelled, 200);
    expect(cancelled.body.booking.meetingUrl).toBe('https://meet.example.test/abc');
  });
});
