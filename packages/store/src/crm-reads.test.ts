import type { CrmDealInput } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlCrm } from './crm-store.js';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { makeBooking, makeHost, makeLink, T0 } from './test-support/fixtures.js';

const deal = (title: string): CrmDealInput => ({
  title,
  stage: null,
  valueMinor: null,
  currency: null,
  meeting: { start: T0, end: T0 + 1_800_000, status: 'scheduled', meetingUrl: null },
});

/** Every item of a list, page by page (`limit` each), with the pages' sizes. */
async function allPages<T extends { id: string }>(
  list: (after: string | undefined) => Promise<{ items: readonly T[]; next: string | null }>,
) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 20; guard += 1) {
    const page = await list(after);
    ids.push(...page.items.map((i) => i.id));
    sizes.push(page.items.length);
    if (page.next === null) return { ids, sizes };
    after = page.next;
  }
  throw new Error('paging did not end');
}

describe.each(DIALECTS)('SQL CRM reads on %s', (dialect) => {
  let db: TestDatabase;
  let crm: SqlCrm;
  let store: StoreHandle['store'];
  const WS = 'ws_reads';
  const OTHER = 'ws_other';
  const people = [
    { email: 'ada@example.com', name: 'Ada Lovelace' },
    { email: 'Grace@Navy.mil', name: 'Grace Hopper' },
    { email: 'alan@example.org', name: 'Alan Turing' },
    { email: 'edsger@example.nl', name: 'Edsger 100% Dijkstra' },
    { email: 'barbara@example.com', name: 'Barbara_Liskov' },
  ];
  const ids: string[] = [];
  let adaDeal = '';
  let otherAda = '';

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const handle = await db.open();
    crm = handle.crm;
    store = handle.store;
    for (const p of people) {
      const { contactId } = await crm.findOrCreateContact({
        workspaceId: WS,
        contact: { ...p, timeZone: 'UTC' },
      });
      ids.push(contactId);
    }
    const adaId = ids[0] ?? '';
    ({ dealId: adaDeal } = await crm.createDeal({
      workspaceId: WS,
      key: 'b_1:deal',
      contactId: adaId,
      deal: deal('Intro call'),
    }));
    await crm.createDeal({
      workspaceId: WS,
      key: 'b_2:deal',
      contactId: adaId,
      deal: deal('Demo'),
    });
    await crm.createDeal({
      workspaceId: WS,
      key: 'b_3:deal',
      contactId: ids[1] ?? '',
      deal: deal('Renewal'),
    });
    await crm.annotate({
      workspaceId: WS,
      key: 'n1',
      contactId: adaId,
      dealId: null,
      note: 'Hello',
    });
    await crm.annotate({
      workspaceId: WS,
      key: 'n2',
      contactId: adaId,
      dealId: adaDeal,
      note: 'Booked',
    });
    // The same person in another workspace: a separate contact, deal and note.
    ({ contactId: otherAda } = await crm.findOrCreateContact({
      workspaceId: OTHER,
      contact: { ...people[0]!, timeZone: 'UTC' },
    }));
    await crm.createDeal({
      workspaceId: OTHER,
      key: 'b_1:deal',
      contactId: otherAda,
      deal: deal('Secret'),
    });
    await crm.annotate({
      workspaceId: OTHER,
      key: 'n1',
      contactId: otherAda,
      dealId: null,
      note: 'Private',
    });
  });
  afterAll(async () => db.drop());

  it('pages contacts newest first, each once', async () => {
    const { ids: paged, sizes } = await allPages((after) =>
      crm.listContacts({ workspaceId: WS, limit: 2, ...(after ? { after } : {}) }),
    );
    expect(sizes).toEqual([2, 2, 1]);
    expect(paged).toEqual([...ids].reverse());
  });

  it('searches contacts by name or email, case-insensitively, wildcards literal', async () => {
    const names = async (search: string) =>
      (await crm.listContacts({ workspaceId: WS, search, limit: 50 })).items.map((c) => c.name);
    expect(await names('HOPPER')).toEqual(['Grace Hopper']);
    expect(await names('navy.MIL')).toEqual(['Grace Hopper']);
    expect(await names('example.com')).toEqual(['Barbara_Liskov', 'Ada Lovelace']);
    expect(await names('100%')).toEqual(['Edsger 100% Dijkstra']);
    // As a wildcard, `_` would match "Ada Lovelace" too.
    expect(await names('A_L')).toEqual(['Barbara_Liskov']);
    expect(await names('   ')).toHaveLength(people.length);
  });

  it('gets a contact with its deals (newest first) and notes (oldest first)', async () => {
    const contact = await crm.getContact({ workspaceId: WS, contactId: ids[0] ?? '' });
    expect(contact?.email).toBe('ada@example.com');
    expect(contact?.deals.map((d) => d.title)).toEqual(['Demo', 'Intro call']);
    expect(contact?.notes.map((n) => [n.note, n.dealId])).toEqual([
      ['Hello', null],
      ['Booked', adaDeal],
    ]);
    expect(contact).not.toHaveProperty('emailKey');
  });

  it('lists and searches deals with their contacts; gets a deal with its own notes', async () => {
    const all = await crm.listDeals({ workspaceId: WS, limit: 50 });
    expect(all.items.map((d) => [d.title, d.contact.name])).toEqual([
      ['Renewal', 'Grace Hopper'],
      ['Demo', 'Ada Lovelace'],
      ['Intro call', 'Ada Lovelace'],
    ]);
    const titles = async (q: Parameters<SqlCrm['listDeals']>[0]) =>
      (await crm.listDeals(q)).items.map((d) => d.title);
    expect(await titles({ workspaceId: WS, search: 'lovelace', limit: 50 })).toEqual([
      'Demo',
      'Intro call',
    ]);
    expect(await titles({ workspaceId: WS, search: 'RENEW', limit: 50 })).toEqual(['Renewal']);
    expect(await titles({ workspaceId: WS, contactId: ids[1] ?? '', limit: 50 })).toEqual([
      'Renewal',
    ]);
    const paged = await allPages((after) =>
      crm.listDeals({ workspaceId: WS, limit: 2, ...(after ? { after } : {}) }),
    );
    expect(paged.ids).toEqual(all.items.map((d) => d.id));
    const detail = await crm.getDeal({ workspaceId: WS, dealId: adaDeal });
    expect(detail?.contact.email).toBe('ada@example.com');
    expect(detail?.notes.map((n) => n.note)).toEqual(['Booked']);
  });

  it('never shows one workspace’s CRM to another', async () => {
    expect(otherAda).not.toBe(ids[0]);
    const mine = await crm.listContacts({ workspaceId: OTHER, limit: 50 });
    expect(mine.items.map((c) => c.id)).toEqual([otherAda]);
    expect(
      (await crm.listDeals({ workspaceId: OTHER, limit: 50 })).items.map((d) => d.title),
    ).toEqual(['Secret']);
    expect(await crm.listContacts({ workspaceId: OTHER, search: 'hopper', limit: 50 })).toEqual({
      items: [],
      next: null,
    });
    expect(await crm.getContact({ workspaceId: OTHER, contactId: ids[0] ?? '' })).toBeNull();
    expect(await crm.getDeal({ workspaceId: OTHER, dealId: adaDeal })).toBeNull();
    expect(
      (await crm.getContact({ workspaceId: OTHER, contactId: otherAda }))?.notes.map((n) => n.note),
    ).toEqual(['Private']);
    await expect(
      crm.updateDeal({
        workspaceId: OTHER,
        key: 'u',
        dealId: adaDeal,
        meeting: { ...deal('x').meeting, status: 'cancelled' },
      }),
    ).rejects.toMatchObject({ code: 'DEAL_NOT_FOUND' });
    expect((await crm.getDeal({ workspaceId: WS, dealId: adaDeal }))?.meeting.status).toBe(
      'scheduled',
    );
    await expect(
      crm.createDeal({
        workspaceId: OTHER,
        key: 'steal',
        contactId: ids[0] ?? '',
        deal: deal('x'),
      }),
    ).rejects.toMatchObject({ code: 'CRM_CONTACT_NOT_FOUND' });
    await expect(
      crm.annotate({
        workspaceId: OTHER,
        key: 'steal',
        contactId: otherAda,
        dealId: adaDeal,
        note: 'x',
      }),
    ).rejects.toMatchObject({ code: 'DEAL_NOT_FOUND' });
  });

  it('keeps named pipeline stages per workspace, in order, added once', async () => {
    expect(await crm.listStages(WS)).toEqual([]);
    await crm.ensureStages({ workspaceId: WS, names: ['New leads', 'Qualified', 'New leads'] });
    const stages = await crm.ensureStages({ workspaceId: WS, names: ['Won', ' Qualified ', ''] });
    expect(stages).toEqual([
      { name: 'New leads', position: 0 },
      { name: 'Qualified', position: 1 },
      { name: 'Won', position: 2 },
    ]);
    expect(await crm.listStages(OTHER)).toEqual([]);
  });

  it('keeps CRM settings per workspace: defaults, replaced by a save, cleared with null', async () => {
    expect(await crm.getSettings(WS)).toEqual({ cancelledFirstMeetingStage: null });
    expect(
      await crm.putSettings({ workspaceId: WS, settings: { cancelledFirstMeetingStage: 'Lost' } }),
    ).toEqual({ cancelledFirstMeetingStage: 'Lost' });
    await crm.putSettings({ workspaceId: WS, settings: { cancelledFirstMeetingStage: 'No-show' } });
    expect(await crm.getSettings(WS)).toEqual({ cancelledFirstMeetingStage: 'No-show' });
    expect(await crm.getSettings(OTHER)).toEqual({ cancelledFirstMeetingStage: null });
    await crm.putSettings({ workspaceId: WS, settings: { cancelledFirstMeetingStage: null } });
    expect(await crm.getSettings(WS)).toEqual({ cancelledFirstMeetingStage: null });
  });

  it('lowers a page size out of range to 1..200', async () => {
    expect((await crm.listContacts({ workspaceId: WS, limit: 0 })).items).toHaveLength(1);
    expect((await crm.listContacts({ workspaceId: WS, limit: 10_000 })).items).toHaveLength(
      people.length,
    );
  });

  it('keeps one meeting per booking as it is now, listed on its contact and its deal', async () => {
    const host = makeHost({ workspaceId: WS });
    const link = makeLink(host, { title: 'Intro call' });
    const ada = ids[0] ?? '';
    const first = makeBooking(link, T0 + 86_400_000, { id: 'b_meet_1' });
    const later = makeBooking(link, T0 + 3 * 86_400_000, { id: 'b_meet_2' });
    await store.transaction(async (tx) => {
      await tx.insertHost(host);
      await tx.insertLink(link);
      await tx.insertBooking(later);
    });
    const note = (key: string, booking: typeof first, dealId: string | null) =>
      crm.annotate({
        workspaceId: WS,
        key,
        contactId: ada,
        dealId,
        note: key,
        context: { change: 'created', booking, link: { slug: link.slug, title: link.title } },
      });
    await note('m1', later, adaDeal);
    await note('m2', first, null);
    // A retried note and a later change of the same booking update the one row.
    await note('m2', first, null);
    await note('m3', { ...first, status: 'cancelled' }, null);
    // The calendar job writes the event back after the CRM heard of the booking: the reads show it.
    const event = { provider: 'google', id: 'evt_1' };
    const url = 'https://meet.example.test/abc';
    await store.transaction((tx) =>
      tx.setExternalRef(WS, later.id, 'calendar', { ...event, meetingUrl: url }, 0),
    );
    const meeting = (booking: typeof first, dealId: string | null, status: string) => ({
      bookingId: booking.id,
      contactId: ada,
      dealId,
      title: 'Intro call',
      start: booking.start,
      end: booking.end,
      status,
      meetingUrl: booking === later ? url : null,
      calendarEvent: booking === later ? expect.objectContaining(event) : null,
      updatedAt: expect.any(Number),
    });
    const contact = await crm.getContact({ workspaceId: WS, contactId: ada });
    expect(contact?.meetings).toEqual([
      meeting(first, null, 'cancelled'),
      meeting(later, adaDeal, 'scheduled'),
    ]);
    expect((await crm.getDeal({ workspaceId: WS, dealId: adaDeal }))?.meetings).toEqual([
      meeting(later, adaDeal, 'scheduled'),
    ]);
    expect((await crm.getContact({ workspaceId: OTHER, contactId: otherAda }))?.meetings).toEqual(
      [],
    );
    // A meeting for another workspace's contact is refused like a note would be.
    await expect(
      crm.annotate({
        workspaceId: OTHER,
        key: 'm4',
        contactId: ada,
        dealId: null,
        note: 'x',
        context: { change: 'created', booking: first, link },
      }),
    ).rejects.toThrow();
  });
});

describe.each(DIALECTS)('SQL CRM search beyond ASCII on %s', (dialect) => {
  let db: TestDatabase;
  let crm: SqlCrm;
  const WS = 'ws_unicode';
  const names = async (search: string, on: SqlCrm = crm) =>
    (await on.listContacts({ workspaceId: WS, search, limit: 50 })).items.map((c) => c.name);
  const titles = async (search: string, on: SqlCrm = crm) =>
    (await on.listDeals({ workspaceId: WS, search, limit: 50 })).items.map((d) => d.title);

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    crm = (await db.open()).crm;
    const contact = async (name: string, email: string) =>
      (
        await crm.findOrCreateContact({
          workspaceId: WS,
          contact: { name, email, timeZone: 'UTC' },
        })
      ).contactId;
    const zoe = await contact('Zoë Ångström', 'z.a@example.com');
    await contact('ÉMILE ZOLA', 'emile@example.fr');
    await contact('Zoe Plain', 'plain@example.com');
    await crm.createDeal({
      workspaceId: WS,
      key: 'b_1:deal',
      contactId: zoe,
      deal: deal('Café Ñandú'),
    });
  });
  afterAll(async () => db.drop());

  it('matches letters beyond ASCII in any case, as PostgreSQL and SQLite alike', async () => {
    for (const search of ['zoë', 'ZOË', 'Zoë', 'ångström', 'ÅNGSTRÖM'])
      expect(await names(search), search).toEqual(['Zoë Ångström']);
    // A decomposed ë (e + combining diaeresis) is the same letter after NFKC.
    expect(await names('zoe\u0308')).toEqual(['Zoë Ångström']);
    expect(await names('émile')).toEqual(['ÉMILE ZOLA']);
    expect(await names('zoe')).toEqual(['Zoe Plain']);
    expect(await titles('CAFÉ ñandú')).toEqual(['Café Ñandú']);
    // Deals are found by their contact's name too.
    expect(await titles('ångSTRÖM')).toEqual(['Café Ñandú']);
  });

  it('fills the keys of rows written before them when the store opens', async () => {
    await db.raw('UPDATE crm_contacts SET name_key = NULL');
    await db.raw('UPDATE crm_deals SET title_key = NULL');
    // Search reads only the keys: without them nothing matches by name or title.
    expect(await names('zoë')).toEqual([]);
    expect(await titles('café')).toEqual([]);
    const reopened = (await db.open()).crm;
    expect(await names('ZOË', reopened)).toEqual(['Zoë Ångström']);
    expect(await titles('CAFÉ', reopened)).toEqual(['Café Ñandú']);
    expect(
      (await db.raw('SELECT name_key FROM crm_contacts')).map((r) => String(r.name_key)).sort(),
    ).toEqual(['zoe plain', 'zoë ångström', 'émile zola']);
  });
});
