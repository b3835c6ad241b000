// A call booked onto an existing deal (`book`'s preset `crm-deal` reference) attaches to it: no
// new deal, the deal's meeting becomes the new booking, a "Booked" note on the deal. Cancelling the
// booking that created a deal moves the deal to the stage `stageOnFirstCancel` names; cancelling an
// attached call never does.
import { describe, expect, it } from 'vitest';
import {
  bookingIdOfCrmDealKey,
  crmDealKey,
  crmFollowUpHandlers,
  type CrmFollowUpOptions,
} from './crm-follow-ups.js';
import { createFollowUpHandlers } from './follow-up-seam.js';
import { createMemoryCrm } from './memory-crm.js';
import { HOUR, MON_9, world } from './test-utils.js';

async function crmWorld(options: CrmFollowUpOptions = {}) {
  const w = await world();
  await w.link({ autoCreateDeal: true, defaultDealStage: 'New leads' });
  const crm = createMemoryCrm();
  const handlers = createFollowUpHandlers({
    store: w.store,
    handlers: crmFollowUpHandlers(crm, options),
  });
  const done = new Set<string>();
  /** Runs every job not run yet, in queue order. */
  const drain = async () => {
    for (const job of await w.store.listJobs()) {
      if (done.has(job.id)) continue;
      done.add(job.id);
      await handlers[job.kind]?.(job);
    }
  };
  return { ...w, crm, drain };
}

describe('a call booked onto an existing deal', () => {
  it('attaches: no second deal, the meeting becomes the new booking, a note on the deal', async () => {
    const { core, host, attendee, crm, drain } = await crmWorld();
    const first = await core.book(attendee(MON_9));
    await drain();
    const [deal] = crm.listDeals();
    const [contact] = crm.listContacts();
    const second = await core.book(attendee(MON_9 + 2 * HOUR), {
      externalRefs: {
        'crm-deal': { provider: 'memory', id: deal!.dealId },
        'crm-contact': { provider: 'memory', id: contact!.contactId },
      },
    });
    expect(second.booking.externalRefs['crm-deal']).toEqual({
      provider: 'memory',
      id: deal!.dealId,
      preset: true,
    });
    await drain();
    expect(crm.listDeals()).toHaveLength(1);
    expect(crm.listDeals()[0]?.meeting).toMatchObject({
      start: MON_9 + 2 * HOUR,
      status: 'scheduled',
    });
    const notes = crm.listNotes().filter((n) => n.dealId === deal!.dealId);
    expect(notes.map((n) => n.note)).toEqual([
      `Booked "Intro call" (${new Date(MON_9).toISOString()})`,
      `Booked "Intro call" (${new Date(MON_9 + 2 * HOUR).toISOString()})`,
    ]);
    const stored = (await core.getBooking(host, second.booking.id)).booking;
    expect(stored.externalRefs['crm-deal']?.id).toBe(deal!.dealId);
    expect(stored.externalRefs['crm-contact']?.id).toBe(contact!.contactId);
    expect(first.booking.externalRefs).toEqual({});
  });

  it('never takes references from the input (a request body): only from the caller’s options', async () => {
    const { core, attendee } = await crmWorld();
    const { booking } = await core.book({
      ...attendee(MON_9),
      externalRefs: { 'crm-deal': { provider: 'memory', id: 'forged' } },
    });
    expect(booking.externalRefs).toEqual({});
  });

  it('an attached booking with another email gets its own contact, the deal still its meeting', async () => {
    const { core, attendee, crm, drain } = await crmWorld();
    await core.book(attendee(MON_9));
    await drain();
    const [deal] = crm.listDeals();
    await core.book(
      { ...attendee(MON_9 + HOUR), email: 'grace@example.com' },
      { externalRefs: { 'crm-deal': { provider: 'memory', id: deal!.dealId } } },
    );
    await drain();
    expect(crm.listDeals()).toHaveLength(1);
    expect(crm.listContacts().map((c) => c.email)).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
    expect(crm.listDeals()[0]?.meeting.start).toBe(MON_9 + HOUR);
  });
});

describe('the stage for a cancelled first meeting', () => {
  it('moves the deal when the booking that created it is cancelled', async () => {
    const asked: string[] = [];
    const { core, attendee, crm, drain } = await crmWorld({
      stageOnFirstCancel: async (workspaceId) => {
        asked.push(workspaceId);
        return 'Lost';
      },
    });
    const { tokens } = await core.book(attendee(MON_9));
    await drain();
    expect(crm.listDeals()[0]?.stage).toBe('New leads');
    await core.cancel({ token: tokens.cancel });
    await drain();
    expect(crm.listDeals()[0]).toMatchObject({
      stage: 'Lost',
      meeting: { status: 'cancelled' },
    });
    expect(asked).toEqual(['ws_a']);
  });

  it('leaves the stage when the setting is null, and for a cancelled attached call', async () => {
    let stage: string | null = null;
    const { core, attendee, crm, drain } = await crmWorld({
      stageOnFirstCancel: async () => stage,
    });
    const first = await core.book(attendee(MON_9));
    await drain();
    await core.cancel({ token: first.tokens.cancel });
    await drain();
    expect(crm.listDeals()[0]?.stage).toBe('New leads');

    stage = 'Lost';
    const [deal] = crm.listDeals();
    const attached = await core.book(attendee(MON_9 + HOUR), {
      externalRefs: { 'crm-deal': { provider: 'memory', id: deal!.dealId } },
    });
    await drain();
    await core.cancel({ token: attached.tokens.cancel });
    await drain();
    expect(crm.listDeals()).toHaveLength(1);
    expect(crm.listDeals()[0]).toMatchObject({
      stage: 'New leads',
      meeting: { start: MON_9 + HOUR, status: 'cancelled' },
    });
  });

  it('without the option a cancellation never moves the stage', async () => {
    const { core, attendee, crm, drain } = await crmWorld();
    const { tokens } = await core.book(attendee(MON_9));
    await drain();
    await core.cancel({ token: tokens.cancel });
    await drain();
    expect(crm.listDeals()[0]?.stage).toBe('New leads');
  });
});

describe('the deal key of a booking', () => {
  it('names the booking that created the deal, and nothing else', () => {
    expect(crmDealKey('b_1')).toBe('b_1:deal');
    expect(bookingIdOfCrmDealKey(crmDealKey('b:with:colons'))).toBe('b:with:colons');
    for (const key of [':deal', 'b_1', 'b_1:deal:x', 'job_1:crm.sync:0'])
      expect(bookingIdOfCrmDealKey(key)).toBeNull();
  });
});
