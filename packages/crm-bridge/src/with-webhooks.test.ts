// withWebhooks over the in-memory CRM passes the CRM contract when everything the contract reads
// back comes from what a real HTTP receiver got and verified: every change travels as a signed
// delivery, once.
import { createMemoryCrm, type CrmDealInput } from '@workestra/booking-core';
import { describeCrmContract } from '@workestra/booking-core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhook } from './deliver.js';
import type { WebhookDeal, WebhookDealChange, WebhookDelivery, WebhookMeeting } from './payload.js';
import { startWebhookReceiver, type WebhookReceiver } from './testing/receiver.js';
import { bookingFixture, T0 } from './test-utils.js';
import { webhookDeliveryIdFor, withWebhooks, type WebhookOutbox } from './with-webhooks.js';

const SECRET = 'whsec_contract';

/**
 * An outbox that keeps deliveries in memory (each id once) and sends each new one at once with
 * `deliverWebhook` to `receiver`; a delivery the receiver does not accept makes the call reject.
 */
function sendingOutbox(receiver: WebhookReceiver, events?: readonly string[]) {
  const recorded = new Map<string, string>();
  let failing = false;
  const outbox: WebhookOutbox = {
    subscriptionsFor: async (_workspaceId, event) => {
      if (failing) throw new Error('outbox down');
      return events === undefined || events.includes(event) ? [{ id: 'whs_all' }] : [];
    },
    recordDelivery: async (input) => {
      if (failing) throw new Error('outbox down');
      if (recorded.has(input.id)) return;
      recorded.set(input.id, input.payload);
      const result = await deliverWebhook({
        url: receiver.url,
        secret: SECRET,
        delivery: JSON.parse(input.payload) as WebhookDelivery,
      });
      if (!result.ok) throw new Error(`receiver refused ${input.id}: ${result.status}`);
    },
  };
  return { outbox, recorded, fail: () => void (failing = true) };
}

const ms = (m: WebhookMeeting) => ({ ...m, start: Date.parse(m.start), end: Date.parse(m.end) });

/** The deals and notes a receiver mirrors from the deliveries it accepted, in arrival order. */
function mirror(deliveries: readonly WebhookDelivery[]) {
  const deals = new Map<string, CrmDealInput & { contactId: string }>();
  const notes: { contactId: string; text: string }[] = [];
  for (const d of deliveries) {
    if (d.event === 'deal.created') {
      const deal = d.data.deal as WebhookDeal;
      deals.set(deal.id, {
        title: deal.title,
        stage: deal.stage,
        valueMinor: deal.valueMinor,
        currency: deal.currency,
        contactId: deal.contactId,
        meeting: ms(deal.meeting),
      });
    } else if (d.event === 'deal.updated') {
      const change = d.data.deal as WebhookDealChange;
      const deal = deals.get(change.id);
      if (deal)
        deals.set(change.id, {
          ...deal,
          meeting: ms(change.meeting),
          ...(change.stage === undefined ? {} : { stage: change.stage }),
        });
    } else if (d.data.note && d.data.contact)
      notes.push({ contactId: d.data.contact.id, text: d.data.note.text });
  }
  return { deals, notes };
}

describeCrmContract('webhooks', async () => {
  const receiver = await startWebhookReceiver({ secret: SECRET });
  const inner = createMemoryCrm();
  const { outbox, fail } = sendingOutbox(receiver);
  return {
    crm: withWebhooks(inner, { outbox }),
    deal: async (id) => mirror(receiver.deliveries).deals.get(id) ?? null,
    notes: async (contactId) =>
      mirror(receiver.deliveries)
        .notes.filter((n) => n.contactId === contactId)
        .map((n) => n.text),
    fail: () => {
      inner.setUnavailable(true);
      fail();
    },
    close: async () => {
      // Every request the receiver got was verified and accepted once: no bad signature, no replay.
      expect(receiver.attempts.every((a) => a.outcome === 'accepted')).toBe(true);
      await receiver.close();
    },
  };
});

describe('withWebhooks', () => {
  let receiver: WebhookReceiver;
  afterEach(async () => receiver?.close());

  const meeting = {
    start: T0,
    end: T0 + 1_800_000,
    status: 'scheduled' as const,
    meetingUrl: null,
  };
  const booking = bookingFixture();
  const context = (change: 'created' | 'cancelled') => ({
    change,
    booking,
    link: { slug: 'intro-call', title: 'Intro call' },
  });

  it('names events by call and change, with the booking when there is one, once per key', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { outbox, recorded } = sendingOutbox(receiver);
    const crm = withWebhooks(createMemoryCrm(), { outbox, now: () => T0 });
    const { contactId } = await crm.findOrCreateContact({
      workspaceId: 'ws_1',
      contact: { email: 'ada@example.com', name: 'Ada', timeZone: 'UTC' },
    });
    expect(recorded.size).toBe(0);
    const deal = {
      title: 'Intro',
      stage: 'New',
      valueMinor: 100,
      currency: 'EUR',
      meeting,
    };
    for (let i = 0; i < 2; i++) {
      const { dealId } = await crm.createDeal({
        workspaceId: 'ws_1',
        key: 'b_1:deal',
        contactId,
        deal,
        context: context('created'),
      });
      await crm.updateDeal({
        workspaceId: 'ws_1',
        key: 'job_2:deal',
        dealId,
        meeting: { ...meeting, status: 'cancelled' },
        context: context('cancelled'),
      });
      await crm.annotate({
        workspaceId: 'ws_1',
        key: 'job_2',
        contactId,
        dealId,
        note: 'Cancelled',
        context: context('cancelled'),
      });
      await crm.annotate({ workspaceId: 'ws_1', key: 'n_1', contactId, dealId: null, note: 'Hi' });
    }
    expect(receiver.deliveries.map((d) => d.event)).toEqual([
      'deal.created',
      'deal.updated',
      'booking.cancelled',
      'note.added',
    ]);
    expect(receiver.attempts).toHaveLength(4);
    const [created, , cancelled, note] = receiver.deliveries;
    expect(created?.id).toBe(
      webhookDeliveryIdFor('whs_all', 'createDeal:b_1:deal', 'deal.created'),
    );
    expect(created?.createdAt).toBe(new Date(T0).toISOString());
    expect(created?.data.booking).toMatchObject({
      id: 'b_1',
      attendee: { email: 'ada@example.com' },
    });
    expect(cancelled?.data).toMatchObject({
      contact: { id: contactId },
      note: { text: 'Cancelled' },
    });
    expect(note?.data.booking).toBeUndefined();
    expect(JSON.stringify(receiver.deliveries)).not.toContain('uid-secret');
  });

  it('records nothing when no subscription listens, or when the inner CRM refuses', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { outbox, recorded } = sendingOutbox(receiver, ['deal.created']);
    const crm = withWebhooks(createMemoryCrm(), { outbox });
    await crm.annotate({ workspaceId: 'ws_1', key: 'n', contactId: 'c', dealId: null, note: 'x' });
    await expect(
      crm.updateDeal({ workspaceId: 'ws_1', key: 'u', dealId: 'nope', meeting }),
    ).rejects.toMatchObject({ code: 'DEAL_NOT_FOUND' });
    expect(recorded.size).toBe(0);
  });

  it('calls onRecorded after recording, and makes ids differ by subscription, key and event', async () => {
    let woken = 0;
    const outbox: WebhookOutbox = {
      subscriptionsFor: async () => [{ id: 'whs_a' }, { id: 'whs_b' }],
      recordDelivery: async () => undefined,
    };
    const crm = withWebhooks(createMemoryCrm(), { outbox, onRecorded: () => void woken++ });
    await crm.annotate({ workspaceId: 'ws', key: 'k', contactId: 'c', dealId: null, note: 'x' });
    expect(woken).toBe(1);
    const ids = new Set([
      webhookDeliveryIdFor('whs_a', 'k', 'note.added'),
      webhookDeliveryIdFor('whs_b', 'k', 'note.added'),
      webhookDeliveryIdFor('whs_a', 'k2', 'note.added'),
      webhookDeliveryIdFor('whs_a', 'k', 'deal.updated'),
    ]);
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^whd_[A-Za-z0-9_-]{32}$/);
  });
});
