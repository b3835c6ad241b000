import { randomUUID } from 'node:crypto';
import type { TokenSealer } from '@workestra/booking-core';
import {
  WEBHOOK_API_VERSION,
  WEBHOOK_EVENTS,
  WEBHOOK_TEST_EVENT,
  checkWebhookUrl,
  createWebhookSecret,
  isWebhookEvent,
  type WebhookDelivery,
  type WebhookHostLookup,
} from '@workestra/crm-bridge';
import {
  isStoreError,
  type WebhookDeliveryRecord,
  type WebhookStore,
  type WebhookSubscriptionRecord,
} from '@workestra/store';
import { Router } from 'express';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { ID_SHAPE, jsonBody, param, parse } from '../http/validate.js';
import { iso } from '../serialize.js';
import {
  createWebhookBodySchema,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
} from '../webhook-schemas.js';
import type { WebhookSender } from '../webhooks.js';

/**
 * What {@link hostWebhookRoutes} needs: the store's webhooks, the server's sealer (secrets are
 * stored sealed), the sender (the test delivery is sent at once), the URL policy and the clock.
 */
export interface HostWebhookRouteOptions {
  readonly webhooks: WebhookStore;
  readonly sealer: TokenSealer;
  readonly sender: Pick<WebhookSender, 'sendNow' | 'resend'>;
  readonly allowPrivateUrls: boolean;
  readonly lookup?: WebhookHostLookup;
  readonly now?: () => number;
}

/**
 * A subscription as the API shows it: never its secret.
 *
 * @example
 * ```ts
 * res.json({ subscription: webhookSubscriptionJson(sub) });
 * ```
 */
export function webhookSubscriptionJson(s: WebhookSubscriptionRecord) {
  return {
    id: s.id,
    url: s.url,
    events: [...s.events],
    description: s.description,
    active: s.active,
    disabledReason: s.disabledReason,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

/**
 * A delivery as the API shows it: its state, not its body.
 *
 * @example
 * ```ts
 * res.json({ delivery: webhookDeliveryJson(d) });
 * ```
 */
export function webhookDeliveryJson(d: WebhookDeliveryRecord) {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt === null ? null : iso(d.nextAttemptAt),
    createdAt: iso(d.createdAt),
    deliveredAt: d.deliveredAt === null ? null : iso(d.deliveredAt),
  };
}

const notFound = () =>
  new HttpError(404, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', 'No such webhook subscription');
const deliveryNotFound = () =>
  new HttpError(404, 'WEBHOOK_DELIVERY_NOT_FOUND', 'No such webhook delivery');

/** The events as given, each once, or `400 UNKNOWN_WEBHOOK_EVENT` naming the unknown ones. */
function knownEvents(events: readonly string[]): string[] {
  const unknown = events.filter((e) => !isWebhookEvent(e));
  if (unknown.length > 0)
    throw new HttpError(
      400,
      'UNKNOWN_WEBHOOK_EVENT',
      `Unknown webhook event ${unknown.map((e) => JSON.stringify(e)).join(', ')}; known: ${WEBHOOK_EVENTS.join(', ')}`,
    );
  return [...new Set(events)];
}

/**
 * `/api/host/webhooks/*`: the signed-in host's workspace's webhook subscriptions and their
 * delivery log, where a failed delivery can be resent (mounted behind session + CSRF checks). Another workspace's id answers 404, as an
 * unknown one. URLs are checked against server-side request forgery when saved (and again by the
 * sender before each attempt); the signing secret is shown only when created or rotated.
 *
 * @example
 * ```ts
 * api.use('/host/webhooks', hostWebhookRoutes({ webhooks: handle.webhooks, sealer, sender, allowPrivateUrls: false }));
 * ```
 */
export function hostWebhookRoutes(options: HostWebhookRouteOptions): Router {
  const { webhooks, sealer } = options;
  const now = options.now ?? Date.now;
  const router = Router();

  const allowedUrl = async (url: string): Promise<string> => {
    const verdict = await checkWebhookUrl(url, {
      allowPrivate: options.allowPrivateUrls,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    if (!verdict.ok) throw new HttpError(400, 'WEBHOOK_URL_NOT_ALLOWED', verdict.error.message);
    return url;
  };
  const subscriptionOf = async (workspaceId: string, id: string) => {
    const found = ID_SHAPE.test(id)
      ? await webhooks.getSubscription({ workspaceId, subscriptionId: id })
      : null;
    if (found === null) throw notFound();
    return found;
  };
  /** Store calls that name a subscription: its not-found is this route's 404. */
  const orNotFound = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (isStoreError(error, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND')) throw notFound();
      throw error;
    }
  };

  router.get('/', async (_req, res) => {
    const { workspaceId } = signedIn(res).host;
    const subs = await webhooks.listSubscriptions(workspaceId);
    res.json({ subscriptions: subs.map(webhookSubscriptionJson) });
  });

  router.get('/events', (_req, res) => {
    res.json({ events: [...WEBHOOK_EVENTS] });
  });

  router.get('/deliveries', async (req, res) => {
    const { subscriptionId, limit, after } = parse(webhookDeliveriesQuerySchema, req.query);
    const { workspaceId } = signedIn(res).host;
    const page = await webhooks.listDeliveries({
      workspaceId,
      limit,
      ...(subscriptionId ? { subscriptionId } : {}),
      ...(after ? { after } : {}),
    });
    res.json({ items: page.items.map(webhookDeliveryJson), next: page.next });
  });

  router.post('/deliveries/:id/retry', async (req, res) => {
    const { workspaceId } = signedIn(res).host;
    const id = param(req, 'id');
    if (!ID_SHAPE.test(id)) throw deliveryNotFound();
    let resent: Awaited<ReturnType<typeof options.sender.resend>>;
    try {
      resent = await options.sender.resend(workspaceId, id);
    } catch (error) {
      if (isStoreError(error, 'WEBHOOK_DELIVERY_NOT_FOUND')) throw deliveryNotFound();
      throw error;
    }
    if (resent.alreadyDelivered)
      throw new HttpError(
        409,
        'WEBHOOK_DELIVERY_DELIVERED',
        'This webhook delivery was delivered already; it is not sent again',
      );
    res.json({ delivery: webhookDeliveryJson(resent.delivery) });
  });

  router.post('/', async (req, res) => {
    const body = parse(createWebhookBodySchema, jsonBody(req));
    const { workspaceId } = signedIn(res).host;
    const events = knownEvents(body.events);
    const url = await allowedUrl(body.url);
    const secret = createWebhookSecret();
    const subscription = await webhooks.createSubscription({
      workspaceId,
      url,
      events,
      secretSealed: sealer.seal(secret),
      description: body.description ?? null,
    });
    res.status(201).json({ subscription: webhookSubscriptionJson(subscription), secret });
  });

  router.patch('/:id', async (req, res) => {
    const body = parse(updateWebhookBodySchema, jsonBody(req));
    const { workspaceId } = signedIn(res).host;
    const subscriptionId = (await subscriptionOf(workspaceId, param(req, 'id'))).id;
    const events = body.events === undefined ? undefined : knownEvents(body.events);
    const url = body.url === undefined ? undefined : await allowedUrl(body.url);
    const subscription = await orNotFound(
      webhooks.updateSubscription({
        workspaceId,
        subscriptionId,
        patch: {
          ...(url !== undefined && { url }),
          ...(events !== undefined && { events }),
          ...(body.description !== undefined && { description: body.description }),
          ...(body.active !== undefined && { active: body.active }),
        },
      }),
    );
    res.json({ subscription: webhookSubscriptionJson(subscription) });
  });

  router.delete('/:id', async (req, res) => {
    const { workspaceId } = signedIn(res).host;
    const id = param(req, 'id');
    const gone = ID_SHAPE.test(id)
      ? await webhooks.deleteSubscription({ workspaceId, subscriptionId: id })
      : false;
    if (!gone) throw notFound();
    res.status(204).end();
  });

  router.post('/:id/secret', async (req, res) => {
    const { workspaceId } = signedIn(res).host;
    const subscriptionId = (await subscriptionOf(workspaceId, param(req, 'id'))).id;
    const secret = createWebhookSecret();
    await orNotFound(
      webhooks.updateSubscription({
        workspaceId,
        subscriptionId,
        patch: { secretSealed: sealer.seal(secret) },
      }),
    );
    res.json({ secret });
  });

  router.post('/:id/test', async (req, res) => {
    const { workspaceId } = signedIn(res).host;
    const subscriptionId = (await subscriptionOf(workspaceId, param(req, 'id'))).id;
    const at = now();
    const body: WebhookDelivery = {
      id: `whd_${randomUUID()}`,
      apiVersion: WEBHOOK_API_VERSION,
      event: WEBHOOK_TEST_EVENT,
      createdAt: new Date(at).toISOString(),
      workspaceId,
      data: { test: { message: 'A test delivery sent from the webhook settings' } },
    };
    const recorded = await orNotFound(
      webhooks.recordDelivery({
        id: body.id,
        workspaceId,
        subscriptionId,
        event: body.event,
        payload: JSON.stringify(body),
        now: at,
      }),
    );
    const sent = await options.sender.sendNow(workspaceId, recorded.id);
    res.json({ delivery: webhookDeliveryJson(sent ?? recorded) });
  });

  return router;
}
