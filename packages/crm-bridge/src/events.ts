import { CRM_CHANGES, type CrmChange } from '@workestra/booking-core';

/**
 * Every event a webhook subscription can receive: one per booking change a CRM hears of (booking
 * core's `CRM_CHANGES`, so a new change is a new event), then the deal and note events. A receiver should ignore events it does not know: later versions may add some.
 *
 * @example
 * ```ts
 * import { WEBHOOK_EVENTS } from '@workestra/crm-bridge';
 * WEBHOOK_EVENTS.includes('booking.created'); // true
 * ```
 */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = Object.freeze([
  ...CRM_CHANGES.map((change) => `booking.${change}` as const),
  'deal.created',
  'deal.updated',
  'note.added',
] as const);

/**
 * One of {@link WEBHOOK_EVENTS}: `booking.<change>` for each of booking-core's `CRM_CHANGES`, and
 * the deal and note events.
 */
export type WebhookEvent = `booking.${CrmChange}` | 'deal.created' | 'deal.updated' | 'note.added';

/**
 * Whether `value` names one of {@link WEBHOOK_EVENTS}, e.g. to check a subscription's event filter.
 *
 * @example
 * ```ts
 * import { isWebhookEvent } from '@workestra/crm-bridge';
 * isWebhookEvent('booking.cancelled'); // true
 * isWebhookEvent('booking.deleted'); // false
 * ```
 */
export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

/**
 * The version of the payload's JSON shape, sent as `apiVersion` in every delivery. It changes only
 * when a field is removed or changes meaning; new fields may appear without a new version.
 *
 * @example
 * ```ts
 * import { WEBHOOK_API_VERSION } from '@workestra/crm-bridge';
 * WEBHOOK_API_VERSION; // '2026-12-01'
 * ```
 */
export const WEBHOOK_API_VERSION = '2026-12-01';

/**
 * The event of a test delivery a host sends from the settings page to check a receiver. It is not
 * one of {@link WEBHOOK_EVENTS}: nobody subscribes to it, it goes to one subscription on request.
 *
 * @example
 * ```ts
 * import { WEBHOOK_TEST_EVENT, isWebhookEvent } from '@workestra/crm-bridge';
 * isWebhookEvent(WEBHOOK_TEST_EVENT); // false
 * ```
 */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/**
 * What a delivery's `event` may be: one of {@link WEBHOOK_EVENTS}, or {@link WEBHOOK_TEST_EVENT}.
 */
export type WebhookDeliveryEvent = WebhookEvent | typeof WEBHOOK_TEST_EVENT;
