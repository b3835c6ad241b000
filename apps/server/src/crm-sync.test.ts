// The reference server's crm.sync runs over the store's SQL CRM: a booking makes its attendee a
// contact (one per email, whatever its case), a link with "auto-create deal" makes one deal per
// booking in the link's stage with its value and currency, and a cancellation moves the deal's meeting and
// adds a note. A link without the option makes the contact only.
import { describe, expect, it } from 'vitest';
import { hostBookingResponseSchema } from './api-schemas.js';
import { bookOne, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer } from './test-support/server.js';

describe.each(DIALECTS)('crm.sync over the SQL CRM (%s)', (dialect) => {
  it('makes one contact per attendee and one deal per booking, and records a cancellation', async () => {
    await using server = await startTestServer(dialect);
    const { host } = await signUpHost(server, {
      email: `crm-${dialect}@example.com`,
      link: {
        title: 'Discovery',
        slug: 'discovery',
        autoCreateDeal: true,
        defaultDealStage: 'New leads',
        defaultDealValueMinor: 150_050,
        defaultDealCurrency: 'EUR',
      },
    });
    expectStatus(
      await host.post('/api/host/links', {
        body: {
          title: 'Coffee',
          slug: 'coffee',
          timeZone: 'UTC',
          durationMinutes: 30,
          weeklyHours: { wednesday: [{ start: '09:00', end: '17:00' }] },
        },
      }),
      201,
    );
    const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;
    const first = await bookOne(server, 'discovery', '2026-11-04T10:00:00Z', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const second = await bookOne(server, 'discovery', '2026-11-04T11:00:00Z', {
      name: 'Ada Lovelace',
      email: 'ADA@Example.com',
    });
    await bookOne(server, 'coffee', '2026-11-04T14:00:00Z', {
      name: 'Bob',
      email: 'bob@example.com',
    });
    const drain = async () => {
      for (let round = 0; round < 20; round++)
        if ((await server.runtime.runner.runOnce()).claimed === 0) return;
      throw new Error('jobs kept coming');
    };
    await drain();

    const contacts = await server.handle.crm.listContacts({ workspaceId, limit: 10 });
    expect(contacts.items.map((c) => c.email).sort()).toEqual([
      'ada@example.com',
      'bob@example.com',
    ]);
    const ada = contacts.items.find((c) => c.email === 'ada@example.com')!;
    const deals = await server.handle.crm.listDeals({ workspaceId, limit: 10 });
    // Two bookings on the deal link, one deal each; none for the coffee link.
    expect(deals.items).toHaveLength(2);
    for (const deal of deals.items)
      expect(deal).toMatchObject({
        contactId: ada.id,
        title: 'Discovery with Ada Lovelace',
        stage: 'New leads',
        valueMinor: 150_050,
        currency: 'EUR',
        meeting: { status: 'scheduled' },
      });

    const id = first.booking.id as string;
    const seen = hostBookingResponseSchema.parse((await host.get(`/api/host/bookings/${id}`)).body);
    const dealRef = seen.booking.externalRefs['crm-deal'];
    expect(dealRef?.provider).toBe('workestra');
    expect(seen.booking.externalRefs['crm-contact']?.id).toBe(ada.id);

    expectStatus(await host.post(`/api/host/bookings/${id}/cancel`, { body: {} }), 200);
    await drain();
    const deal = await server.handle.crm.getDeal({ workspaceId, dealId: dealRef?.id ?? '' });
    expect(deal?.meeting.status).toBe('cancelled');
    expect(deal?.notes.map((n) => n.note)).toEqual([
      'Booked "Discovery" (2026-11-04T10:00:00.000Z)',
      'Cancelled "Discovery" (2026-11-04T10:00:00.000Z)',
    ]);
    const other = deals.items.find((d) => d.id !== dealRef?.id)!;
    expect(
      (await server.handle.crm.getDeal({ workspaceId, dealId: other.id }))?.meeting.status,
    ).toBe('scheduled');
    expect(second.booking.id).not.toBe(id);
    expect(await server.handle.jobs.listJobs({ status: 'failed' })).toEqual([]);
  });
});
