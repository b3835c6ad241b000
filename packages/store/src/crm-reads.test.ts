import type { CrmDealInput } from '@workestra/booking-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlCrm } from './crm-store.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';

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
    crm = (await db.open()).crm;
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
});
