import { createHash } from 'node:crypto';
import type { CrmBridge, CrmChangeContext, CrmMeeting, EpochMs } from '@workestra/booking-core';
import { WEBHOOK_API_VERSION, type WebhookDeliveryEvent, type WebhookEvent } from './events.js';
import {
  webhookBookingOf,
  type WebhookDelivery,
  type WebhookDeliveryData,
  type WebhookMeeting,
} from './payload.js';

/**
 * Where {@link withWebhooks} records deliveries, structurally satisfied by the store's
 * `handle.webhooks`: the workspace's active subscriptions to an event, and an idempotent
 * `recordDelivery` (a second call with the same id records nothing new).
 *
 * @example
 * ```ts
 * const outbox: WebhookOutbox = handle.webhooks;
 * ```
 */
export interface WebhookOutbox {
  subscriptionsFor(workspaceId: string, event: string): Promise<readonly { readonly id: string }[]>;
  recordDelivery(input: {
    readonly id: string;
    readonly workspaceId: string;
    readonly subscriptionId: string;
    readonly event: string;
    readonly payload: string;
    /** When it is recorded: the decorator's clock (due at once). */
    readonly now: EpochMs;
  }): Promise<unknown>;
}

/**
 * The options of {@link withWebhooks}: the outbox, the clock of the deliveries' `createdAt`, and
 * a hook called after deliveries were recorded (to wake a sender).
 *
 * @example
 * ```ts
 * const options: WithWebhooksOptions = { outbox: handle.webhooks, onRecorded: () => console.log('a delivery is due') };
 * ```
 */
export interface WithWebhooksOptions {
  readonly outbox: WebhookOutbox;
  /** Defaults to `Date.now`. */
  readonly now?: () => EpochMs;
  /** Called after a call recorded at least one delivery. */
  readonly onRecorded?: () => void;
}

/**
 * The delivery id of one event of one CRM call for one subscription: `whd_` and 32 base64url
 * characters of SHA-256 over the three. The same call repeated (a retried `crm.sync` job, same
 * key) gives the same id, so the outbox records it once.
 *
 * @example
 * ```ts
 * import { webhookDeliveryIdFor } from '@workestra/crm-bridge';
 * webhookDeliveryIdFor('whs_1', 'job_1', 'note.added') === webhookDeliveryIdFor('whs_1', 'job_1', 'note.added'); // true
 * ```
 */
export function webhookDeliveryIdFor(
  subscriptionId: string,
  callKey: string,
  event: WebhookDeliveryEvent,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([subscriptionId, callKey, event]))
    .digest('base64url');
  return `whd_${digest.slice(0, 32)}`;
}

const meetingJson = (m: CrmMeeting): WebhookMeeting => ({
  start: new Date(m.start).toISOString(),
  end: new Date(m.end).toISOString(),
  status: m.status,
  meetingUrl: m.meetingUrl,
});

const bookingData = (context: CrmChangeContext | undefined) =>
  context === undefined ? {} : { booking: webhookBookingOf(context.booking, context.link) };

/**
 * Decorates a CRM so every change it makes is also reported as signed webhooks: each call goes to
 * the inner CRM first (its ids, state and errors, such as `DEAL_NOT_FOUND`, are the answer), then
 * one delivery per active subscription to the event is recorded in the outbox, for a sender
 * (`sendDueWebhooks`) to send. Events: `createDeal` gives `deal.created`, `updateDeal`
 * `deal.updated`, `annotate` with a booking change `booking.<change>` (without one,
 * `note.added`); `findOrCreateContact` reports nothing by itself (the contact id travels with the
 * deal and note events). Delivery ids derive from (subscription, call key, event), so a retried
 * call records nothing new. If recording fails the call rejects and the job retries: the inner
 * CRM's calls are idempotent, so nothing is duplicated.
 *
 * @example
 * ```ts
 * import { createMemoryCrm, crmFollowUpHandlers } from '@workestra/booking-core';
 * import { withWebhooks } from '@workestra/crm-bridge';
 * const crm = withWebhooks(createMemoryCrm(), { outbox: handle.webhooks });
 * const handlers = crmFollowUpHandlers(crm);
 * ```
 */
export function withWebhooks(crm: CrmBridge, options: WithWebhooksOptions): CrmBridge {
  const now = options.now ?? Date.now;
  const record = async (
    workspaceId: string,
    callKey: string,
    event: WebhookEvent,
    data: WebhookDeliveryData,
  ) => {
    const subscriptions = await options.outbox.subscriptionsFor(workspaceId, event);
    if (subscriptions.length === 0) return;
    const at = now();
    const createdAt = new Date(at).toISOString();
    for (const sub of subscriptions) {
      const delivery: WebhookDelivery = {
        id: webhookDeliveryIdFor(sub.id, callKey, event),
        apiVersion: WEBHOOK_API_VERSION,
        event,
        createdAt,
        workspaceId,
        data,
      };
      await options.outbox.recordDelivery({
        id: delivery.id,
        workspaceId,
        subscriptionId: sub.id,
        event,
        payload: JSON.stringify(delivery),
        now: at,
      });
    }
    options.onRecorded?.();
  };

  return {
    name: crm.name,
    findOrCreateContact: (input) => crm.findOrCreateContact(input),
    async createDeal(input) {
      const result = await crm.createDeal(input);
      const { deal } = input;
      await record(input.workspaceId, `createDeal:${input.key}`, 'deal.created', {
        ...bookingData(input.context),
        deal: {
          id: result.dealId,
          title: deal.title,
          stage: deal.stage,
          valueMinor: deal.valueMinor,
          currency: deal.currency,
          contactId: input.contactId,
          meeting: meetingJson(deal.meeting),
        },
        contact: { id: input.contactId },
      });
      return result;
    },
    async updateDeal(input) {
      await crm.updateDeal(input);
      await record(input.workspaceId, `updateDeal:${input.key}`, 'deal.updated', {
        ...bookingData(input.context),
        deal: {
          id: input.dealId,
          meeting: meetingJson(input.meeting),
          ...(input.stage === undefined ? {} : { stage: input.stage }),
        },
      });
    },
    async annotate(input) {
      await crm.annotate(input);
      const event: WebhookEvent =
        input.context === undefined ? 'note.added' : `booking.${input.context.change}`;
      await record(input.workspaceId, `annotate:${input.key}`, event, {
        ...bookingData(input.context),
        contact: { id: input.contactId },
        note: { text: input.note, dealId: input.dealId },
      });
    },
  };
}
