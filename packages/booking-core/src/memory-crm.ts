import type { CrmBridge, CrmContactInput, CrmDealInput, CrmMeeting } from './crm-bridge.js';
import { FollowUpError } from './follow-up-error.js';

/**
 * A contact as {@link MemoryCrm} keeps it.
 *
 * @example
 * ```ts
 * const crm = createMemoryCrm();
 * const [contact]: readonly MemoryCrmContact[] = crm.listContacts();
 * ```
 */
export interface MemoryCrmContact extends CrmContactInput {
  readonly contactId: string;
  readonly workspaceId: string;
}

/**
 * A deal as {@link MemoryCrm} keeps it.
 *
 * @example
 * ```ts
 * const crm = createMemoryCrm();
 * const [deal]: readonly MemoryCrmDeal[] = crm.listDeals();
 * deal?.meeting.status; // 'scheduled'
 * ```
 */
export interface MemoryCrmDeal extends CrmDealInput {
  readonly dealId: string;
  readonly workspaceId: string;
  readonly contactId: string;
  readonly key: string;
}

/**
 * A note as {@link MemoryCrm} keeps it.
 *
 * @example
 * ```ts
 * const crm = createMemoryCrm();
 * crm.listNotes().map((n: MemoryCrmNote) => n.note); // ['Booked "Intro call" (2026-11-02T09:00:00.000Z)']
 * ```
 */
export interface MemoryCrmNote {
  readonly workspaceId: string;
  readonly key: string;
  readonly contactId: string;
  readonly dealId: string | null;
  readonly note: string;
}

/**
 * The in-memory REFERENCE CRM: a {@link CrmBridge} for tests, demos and as the executable
 * definition of the CRM contract (it passes `describeCrmContract`). It talks to no CRM; what it
 * holds is readable with `listContacts`, `listDeals` and `listNotes`. `setUnavailable(true)` makes
 * every call fail as an outage would.
 *
 * @example
 * ```ts
 * import { createMemoryCrm, crmFollowUpHandlers } from '@workestra/booking-core';
 * const crm = createMemoryCrm();
 * const handlers = crmFollowUpHandlers(crm);
 * ```
 */
export class MemoryCrm implements CrmBridge {
  readonly name = 'memory';
  private readonly contacts = new Map<string, MemoryCrmContact>();
  private readonly deals = new Map<string, MemoryCrmDeal>();
  private readonly notes = new Map<string, MemoryCrmNote>();
  private seq = 0;
  private unavailable = false;

  /** While `true`, every call throws `FollowUpError('PROVIDER_UNAVAILABLE')`. */
  setUnavailable(unavailable: boolean): void {
    this.unavailable = unavailable;
  }

  /** Contacts, oldest first. */
  listContacts(): readonly MemoryCrmContact[] {
    return [...this.contacts.values()];
  }

  /** Deals, oldest first. */
  listDeals(): readonly MemoryCrmDeal[] {
    return [...this.deals.values()];
  }

  /** Notes, oldest first. */
  listNotes(): readonly MemoryCrmNote[] {
    return [...this.notes.values()];
  }

  async findOrCreateContact(input: {
    readonly workspaceId: string;
    readonly contact: CrmContactInput;
  }): Promise<{ contactId: string }> {
    this.check();
    const slot = `${input.workspaceId}\u0000${input.contact.email.toLowerCase()}`;
    const existing = this.contacts.get(slot);
    if (existing !== undefined) return { contactId: existing.contactId };
    const contactId = `contact_${++this.seq}`;
    this.contacts.set(slot, { ...input.contact, contactId, workspaceId: input.workspaceId });
    return { contactId };
  }

  async createDeal(input: {
    readonly workspaceId: string;
    readonly key: string;
    readonly contactId: string;
    readonly deal: CrmDealInput;
  }): Promise<{ dealId: string }> {
    this.check();
    const existing = [...this.deals.values()].find(
      (d) => d.workspaceId === input.workspaceId && d.key === input.key,
    );
    if (existing !== undefined) return { dealId: existing.dealId };
    const dealId = `deal_${++this.seq}`;
    this.deals.set(dealId, {
      ...input.deal,
      dealId,
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      key: input.key,
    });
    return { dealId };
  }

  async updateDeal(input: {
    readonly workspaceId: string;
    readonly key: string;
    readonly dealId: string;
    readonly meeting: CrmMeeting;
    readonly stage?: string;
  }): Promise<void> {
    this.check();
    const deal = this.deals.get(input.dealId);
    if (deal === undefined || deal.workspaceId !== input.workspaceId)
      throw new FollowUpError('DEAL_NOT_FOUND', `no deal ${input.dealId}`);
    this.deals.set(input.dealId, {
      ...deal,
      meeting: { ...input.meeting },
      stage: input.stage ?? deal.stage,
    });
  }

  async annotate(input: {
    readonly workspaceId: string;
    readonly key: string;
    readonly contactId: string;
    readonly dealId: string | null;
    readonly note: string;
  }): Promise<void> {
    this.check();
    const slot = `${input.workspaceId}\u0000${input.key}`;
    if (!this.notes.has(slot)) this.notes.set(slot, { ...input });
  }

  private check(): void {
    if (this.unavailable)
      throw new FollowUpError('PROVIDER_UNAVAILABLE', 'the memory CRM is set unavailable');
  }
}

/**
 * A new, empty {@link MemoryCrm} (the reference CRM adapter).
 *
 * @example
 * ```ts
 * import { createMemoryCrm } from '@workestra/booking-core';
 * const crm = createMemoryCrm();
 * ```
 */
export function createMemoryCrm(): MemoryCrm {
  return new MemoryCrm();
}
