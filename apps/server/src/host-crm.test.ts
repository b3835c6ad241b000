// The /crm page's reads: the signed-in host sees its workspace's contacts and deals (filled by the
// crm.sync job), searchable and paged; another workspace's ids are 404 with stable codes.
import { describe, expect, it } from 'vitest';
import {
  crmContactResponseSchema,
  crmContactsResponseSchema,
  crmDealResponseSchema,
  crmDealsResponseSchema,
} from './crm-schemas.js';
import { bookOne, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

async function drain(server: TestServer): Promise<void> {
  for (let round = 0; round < 20; round++)
    if ((await server.runtime.runner.runOnce()).claimed === 0) return;
  throw new Error('jobs kept coming');
}

describe.each(DIALECTS)('/api/host/crm (%s)', (dialect) => {
  it('lists, searches, pages and shows contacts and deals of the host workspace only', async () => {
    await using server = await startTestServer(dialect);
    const { host } = await signUpHost(server, {
      email: `crm-page-${dialect}@example.com`,
      link: {
        title: 'Discovery',
        slug: 'discovery',
        autoCreateDeal: true,
        defaultDealStage: 'New leads',
        defaultDealValueMinor: 150_050,
      },
    });
    const { host: other } = await signUpHost(server, {
      email: `crm-other-${dialect}@example.com`,
      link: { title: 'Other', slug: 'other-crm' },
    });
    await bookOne(server, 'discovery', '2026-11-04T10:00:00Z', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    await bookOne(server, 'discovery', '2026-11-04T11:00:00Z', {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    await bookOne(server, 'other-crm', '2026-11-04T10:00:00Z', {
      name: 'Zed Other',
      email: 'zed@example.com',
    });
    await drain(server);

    // All contacts, newest first, then one at a time with the cursor.
    const all = crmContactsResponseSchema.parse((await host.get('/api/host/crm/contacts')).body);
    expect(all.contacts.map((c) => c.email)).toEqual(['grace@example.com', 'ada@example.com']);
    expect(all.next).toBeNull();
    const first = crmContactsResponseSchema.parse(
      (await host.get('/api/host/crm/contacts?limit=1')).body,
    );
    expect(first.contacts.map((c) => c.email)).toEqual(['grace@example.com']);
    expect(first.next).not.toBeNull();
    const second = crmContactsResponseSchema.parse(
      (await host.get(`/api/host/crm/contacts?limit=1&after=${first.next}`)).body,
    );
    expect(second.contacts.map((c) => c.email)).toEqual(['ada@example.com']);

    const found = crmContactsResponseSchema.parse(
      (await host.get('/api/host/crm/contacts?search=LOVEL')).body,
    );
    expect(found.contacts.map((c) => c.name)).toEqual(['Ada Lovelace']);
    const ada = found.contacts[0]!;

    const contact = crmContactResponseSchema.parse(
      (await host.get(`/api/host/crm/contacts/${ada.id}`)).body,
    );
    expect(contact.contact.email).toBe('ada@example.com');
    expect(contact.deals).toHaveLength(1);
    expect(contact.deals[0]).toMatchObject({
      title: 'Discovery with Ada Lovelace',
      stage: 'New leads',
      valueMinor: 150_050,
      meeting: { start: '2026-11-04T10:00:00.000Z', status: 'scheduled' },
    });
    const dealId = contact.deals[0]!.id;

    const deals = crmDealsResponseSchema.parse(
      (await host.get(`/api/host/crm/deals?contactId=${ada.id}`)).body,
    );
    expect(deals.deals.map((d) => d.id)).toEqual([dealId]);
    const searched = crmDealsResponseSchema.parse(
      (await host.get('/api/host/crm/deals?search=grace')).body,
    );
    expect(searched.deals.map((d) => d.contact.email)).toEqual(['grace@example.com']);

    const deal = crmDealResponseSchema.parse(
      (await host.get(`/api/host/crm/deals/${dealId}`)).body,
    );
    expect(deal.deal.contact.id).toBe(ada.id);
    expect(deal.notes.map((n) => n.note)).toEqual([
      'Booked "Discovery" (2026-11-04T10:00:00.000Z)',
    ]);
    const booked = {
      dealId,
      title: 'Discovery',
      start: '2026-11-04T10:00:00.000Z',
      end: '2026-11-04T10:30:00.000Z',
      status: 'scheduled',
      meetingUrl: null,
      calendarEvent: null,
    };
    expect(deal.meetings).toEqual([{ ...booked, bookingId: expect.any(String) }]);
    expect(contact.meetings).toEqual(deal.meetings);

    // The other workspace sees only its own contact, and none of these ids.
    const theirs = crmContactsResponseSchema.parse(
      (await other.get('/api/host/crm/contacts')).body,
    );
    expect(theirs.contacts.map((c) => c.email)).toEqual(['zed@example.com']);
    expectError(await other.get(`/api/host/crm/contacts/${ada.id}`), 404, 'CRM_CONTACT_NOT_FOUND');
    expectError(await other.get(`/api/host/crm/deals/${dealId}`), 404, 'CRM_DEAL_NOT_FOUND');
    const none = crmDealsResponseSchema.parse(
      (await other.get(`/api/host/crm/deals?contactId=${ada.id}`)).body,
    );
    expect(none.deals).toEqual([]);
  });

  it('finds names and titles beyond ASCII in any case', async () => {
    await using server = await startTestServer(dialect);
    const { host } = await signUpHost(server, {
      email: `crm-unicode-${dialect}@example.com`,
      link: { title: 'Café', slug: 'cafe-crm', autoCreateDeal: true },
    });
    await bookOne(server, 'cafe-crm', '2026-11-04T10:00:00Z', {
      name: 'Zoë Ångström',
      email: 'z.a@example.com',
    });
    await bookOne(server, 'cafe-crm', '2026-11-04T11:00:00Z', {
      name: 'Zoe Plain',
      email: 'plain@example.com',
    });
    await drain(server);
    const contacts = async (search: string) =>
      crmContactsResponseSchema
        .parse((await host.get(`/api/host/crm/contacts?search=${encodeURIComponent(search)}`)).body)
        .contacts.map((c) => c.name);
    expect(await contacts('zoë')).toEqual(['Zoë Ångström']);
    expect(await contacts('ZOË')).toEqual(['Zoë Ångström']);
    // SQLite's lower() leaves Å as it is: only the stored key makes this match there.
    expect(await contacts('ångström')).toEqual(['Zoë Ångström']);
    expect(await contacts('zoe')).toEqual(['Zoe Plain']);
    const deals = crmDealsResponseSchema.parse(
      (await host.get(`/api/host/crm/deals?search=${encodeURIComponent('CAFÉ WITH ZOË')}`)).body,
    );
    expect(deals.deals.map((d) => d.title)).toEqual(['Café with Zoë Ångström']);
  });

  it('answers 404 for unknown ids, 400 for a bad query and 401 without a session', async () => {
    await using server = await startTestServer(dialect);
    const { host } = await signUpHost(server, { email: `crm-bad-${dialect}@example.com` });
    expectError(await host.get('/api/host/crm/contacts/nope'), 404, 'CRM_CONTACT_NOT_FOUND');
    expectError(await host.get('/api/host/crm/contacts/%20x'), 404, 'CRM_CONTACT_NOT_FOUND');
    expectError(await host.get('/api/host/crm/deals/nope'), 404, 'CRM_DEAL_NOT_FOUND');
    expectError(await host.get('/api/host/crm/contacts?limit=0'), 400, 'VALIDATION_FAILED');
    expectError(await host.get('/api/host/crm/contacts?limit=201'), 400, 'VALIDATION_FAILED');
    expectError(await host.get('/api/host/crm/deals?after=a%20b'), 400, 'VALIDATION_FAILED');
    const empty = await host.get('/api/host/crm/contacts');
    expectStatus(empty, 200);
    expect(empty.body).toEqual({ contacts: [], next: null });
    host.cookie = undefined;
    expectError(await host.get('/api/host/crm/deals'), 401, 'UNAUTHENTICATED');
  });
});
