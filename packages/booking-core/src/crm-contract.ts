import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmBridge, CrmDealInput, CrmMeeting } from './crm-bridge.js';
import { FIXTURE_EPOCH } from './fixtures.js';

/**
 * What {@link describeCrmContract} needs per test: an empty CRM adapter, read-backs of what it
 * holds (from the CRM's API, its emulator or its tables), a way to make it fail, and `close`.
 *
 * @example
 * ```ts
 * const factory: CrmFactory = async () => {
 *   const crm = createMemoryCrm();
 *   return {
 *     crm,
 *     deal: async (id) => crm.listDeals().find((d) => d.dealId === id) ?? null,
 *     notes: async (contactId) => crm.listNotes().filter((n) => n.contactId === contactId).map((n) => n.note),
 *     fail: () => crm.setUnavailable(true),
 *     close: async () => {},
 *   };
 * };
 * ```
 */
export type CrmFactory = () => Promise<{
  crm: CrmBridge;
  /** The deal as the CRM holds it, or null. */
  deal(dealId: string): Promise<(CrmDealInput & { contactId: string }) | null>;
  /** The notes of a contact, oldest first. */
  notes(contactId: string): Promise<string[]>;
  /** From now on every call must fail as when the CRM is down. */
  fail(): void | Promise<void>;
  close(): Promise<void>;
}>;

const WS = 'ws_contract';
const meeting = (status: CrmMeeting['status'] = 'scheduled'): CrmMeeting => ({
  start: FIXTURE_EPOCH + 9 * 3_600_000,
  end: FIXTURE_EPOCH + 9.5 * 3_600_000,
  status,
  meetingUrl: null,
});
const ada = { email: 'ada@example.com', name: 'Ada Lovelace', timeZone: 'Europe/London' };

/**
 * The contract every `CrmBridge` adapter must pass: contacts are found or created by email
 * (case-insensitively, per workspace), a deal is created once per key, `updateDeal` sets the
 * meeting (and refuses an unknown deal with `DEAL_NOT_FOUND`), a note is added once per key, and
 * failures reject.
 *
 * @example
 * ```ts
 * import { createMemoryCrm } from '@workestra/booking-core';
 * import { describeCrmContract } from '@workestra/booking-core/testing';
 * describeCrmContract('memory', async () => {
 *   const crm = createMemoryCrm();
 *   return {
 *     crm,
 *     deal: async (id) => crm.listDeals().find((d) => d.dealId === id) ?? null,
 *     notes: async (contactId) => crm.listNotes().filter((n) => n.contactId === contactId).map((n) => n.note),
 *     fail: () => crm.setUnavailable(true),
 *     close: async () => {},
 *   };
 * });
 * ```
 */
export function describeCrmContract(name: string, factory: CrmFactory): void {
  describe(`CrmBridge contract: ${name}`, () => {
    let f: Awaited<ReturnType<CrmFactory>>;

    beforeEach(async () => {
      f = await factory();
    });
    afterEach(async () => {
      await f.close();
    });

    it('finds or creates a contact by email, case-insensitively and per workspace', async () => {
      const first = await f.crm.findOrCreateContact({ workspaceId: WS, contact: ada });
      const again = await f.crm.findOrCreateContact({
        workspaceId: WS,
        contact: { ...ada, email: 'ADA@Example.com' },
      });
      const bob = await f.crm.findOrCreateContact({
        workspaceId: WS,
        contact: { ...ada, email: 'bob@example.com' },
      });
      const elsewhere = await f.crm.findOrCreateContact({ workspaceId: 'ws_other', contact: ada });
      expect(again.contactId).toBe(first.contactId);
      expect(new Set([first.contactId, bob.contactId, elsewhere.contactId]).size).toBe(3);
    });

    it('creates a deal once per key, linked to its contact', async () => {
      const { contactId } = await f.crm.findOrCreateContact({ workspaceId: WS, contact: ada });
      const deal: CrmDealInput = {
        title: 'Intro call with Ada',
        stage: 'New leads',
        valueMinor: 50_000,
        currency: 'EUR',
        meeting: meeting(),
      };
      const first = await f.crm.createDeal({ workspaceId: WS, key: 'b_1:deal', contactId, deal });
      const again = await f.crm.createDeal({ workspaceId: WS, key: 'b_1:deal', contactId, deal });
      const other = await f.crm.createDeal({ workspaceId: WS, key: 'b_2:deal', contactId, deal });
      expect(again.dealId).toBe(first.dealId);
      expect(other.dealId).not.toBe(first.dealId);
      expect(await f.deal(first.dealId)).toMatchObject({ ...deal, contactId });
    });

    it('updates a deal’s meeting idempotently and refuses an unknown deal', async () => {
      const { contactId } = await f.crm.findOrCreateContact({ workspaceId: WS, contact: ada });
      const { dealId } = await f.crm.createDeal({
        workspaceId: WS,
        key: 'b_1:deal',
        contactId,
        deal: {
          title: 'Intro',
          stage: 'New',
          valueMinor: null,
          currency: null,
          meeting: meeting(),
        },
      });
      const update = { workspaceId: WS, key: 'u1', dealId, meeting: meeting('cancelled') };
      await f.crm.updateDeal(update);
      await f.crm.updateDeal(update);
      expect(await f.deal(dealId)).toMatchObject({ stage: 'New', meeting: meeting('cancelled') });
      await expect(
        f.crm.updateDeal({
          workspaceId: WS,
          key: 'u2',
          dealId: 'no-such-deal',
          meeting: meeting(),
        }),
      ).rejects.toMatchObject({ code: 'DEAL_NOT_FOUND' });
    });

    it('moves a deal to the stage an update names', async () => {
      const { contactId } = await f.crm.findOrCreateContact({ workspaceId: WS, contact: ada });
      const { dealId } = await f.crm.createDeal({
        workspaceId: WS,
        key: 'b_1:deal',
        contactId,
        deal: {
          title: 'Intro',
          stage: 'New',
          valueMinor: 9_900,
          currency: 'USD',
          meeting: meeting(),
        },
      });
      await f.crm.updateDeal({
        workspaceId: WS,
        key: 'u1',
        dealId,
        meeting: meeting('cancelled'),
        stage: 'Lost',
      });
      expect(await f.deal(dealId)).toMatchObject({
        stage: 'Lost',
        valueMinor: 9_900,
        currency: 'USD',
        meeting: meeting('cancelled'),
      });
    });

    it('adds a note once per key, in order', async () => {
      const { contactId } = await f.crm.findOrCreateContact({ workspaceId: WS, contact: ada });
      await f.crm.annotate({ workspaceId: WS, key: 'n1', contactId, dealId: null, note: 'Booked' });
      await f.crm.annotate({ workspaceId: WS, key: 'n1', contactId, dealId: null, note: 'Booked' });
      await f.crm.annotate({
        workspaceId: WS,
        key: 'n2',
        contactId,
        dealId: null,
        note: 'Cancelled',
      });
      expect(await f.notes(contactId)).toEqual(['Booked', 'Cancelled']);
    });

    it('rejects when the CRM fails', async () => {
      await f.fail();
      await expect(f.crm.findOrCreateContact({ workspaceId: WS, contact: ada })).rejects.toThrow();
    });
  });
}
