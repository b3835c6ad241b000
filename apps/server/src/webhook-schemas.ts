import { WEBHOOK_EVENTS } from '@workestra/crm-bridge';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_PAGE_LIMIT_MAX } from '@workestra/store';
import { z } from 'zod';
import { ID_SHAPE } from './http/validate.js';

/*
 * The HTTP shapes of `/api/host/webhooks/*` (server README, "Webhooks"): body and query schemas
 * parse requests, response schemas describe the answers for the OpenAPI document and are parsed
 * in tests. Event names are checked by the route (400 UNKNOWN_WEBHOOK_EVENT), not here.
 */

/** The page size of the delivery log when `limit` is not given. */
export const WEBHOOK_DELIVERY_PAGE_DEFAULT = 20;

const instant = z.iso.datetime();

const url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .describe('Where deliveries are POSTed: https (http only where private URLs are allowed)');
const events = z
  .array(z.string().max(100))
  .min(1)
  .max(50)
  .describe(`Event names, each one of: ${WEBHOOK_EVENTS.join(', ')}`);
const description = z.string().trim().max(500).nullable();

export const createWebhookBodySchema = z.object({
  url,
  events,
  description: description.optional(),
});
export const updateWebhookBodySchema = z.object({
  url: url.optional(),
  events: events.optional(),
  description: description.optional(),
  active: z.boolean().optional(),
});
export const webhookDeliveriesQuerySchema = z.object({
  subscriptionId: z
    .string()
    .regex(ID_SHAPE, 'must be a subscription id')
    .optional()
    .describe("Only this subscription's deliveries"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(WEBHOOK_PAGE_LIMIT_MAX)
    .default(WEBHOOK_DELIVERY_PAGE_DEFAULT)
    .describe(
      `Page size: default ${WEBHOOK_DELIVERY_PAGE_DEFAULT}, at most ${WEBHOOK_PAGE_LIMIT_MAX}`,
    ),
  after: z
    .string()
    .regex(ID_SHAPE, 'must be the next of the previous page')
    .optional()
    .describe('The `next` of the previous page (opaque)'),
});

export const webhookSubscriptionSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  disabledReason: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export const webhookDeliverySchema = z.object({
  id: z.string().describe('The `Workestra-Delivery-Id` the receiver deduplicates on'),
  subscriptionId: z.string(),
  event: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: instant.nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
});
const secret = z
  .string()
  .startsWith('whsec_')
  .describe('The signing secret: shown once, never again');

export const webhookSubscriptionsResponseSchema = z.object({
  subscriptions: z.array(webhookSubscriptionSchema),
});
export const webhookCreatedResponseSchema = z.object({
  subscription: webhookSubscriptionSchema,
  secret,
});
export const webhookSubscriptionResponseSchema = z.object({
  subscription: webhookSubscriptionSchema,
});
export const webhookSecretResponseSchema = z.object({ secret });
export const webhookDeliveryResponseSchema = z.object({ delivery: webhookDeliverySchema });
export const webhookEventsResponseSchema = z.object({ events: z.array(z.string()) });
export const webhookDeliveriesResponseSchema = z.object({
  items: z.array(webhookDeliverySchema),
  next: z.string().nullable(),
});
