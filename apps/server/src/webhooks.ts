import type { TokenSealer } from '@workestra/booking-core';
import {
  sendDueWebhooks,
  sendWebhookDelivery,
  type WebhookHostLookup,
  type WebhookSendOutcome,
  type WebhookSenderOptions,
} from '@workestra/crm-bridge';
import type { WebhookDeliveryRecord, WebhookStore } from '@workestra/store';
import type { Logger } from 'pino';

/** How long a claimed delivery is left to the sender that claimed it (several attempt timeouts). */
const LEASE_MS = 60_000;

/**
 * The server's webhook sender: passes of `sendDueWebhooks` over the store's deliveries. `wake()`
 * asks for a pass now (a delivery was recorded in this process); `start(pollMs)` also runs one
 * every `pollMs` (retries that came due, deliveries other instances recorded); `stop()` waits for
 * the pass in flight. Tests call `runOnce()` and `sendNow()` and never start it.
 *
 * @example
 * ```ts
 * const sender = createWebhookSender({ store: handle.webhooks, sealer, allowPrivateUrls: false, logger });
 * sender.start(5000);
 * await sender.stop();
 * ```
 */
export interface WebhookSender {
  /** One pass: claims the due deliveries and sends each once. */
  runOnce(): Promise<readonly WebhookSendOutcome<WebhookDeliveryRecord>[]>;
  /**
   * Sends one delivery of the workspace now, when it is due and no other sender holds it; resolves
   * with the delivery as booked, or null when it was not claimed.
   */
  sendNow(workspaceId: string, deliveryId: string): Promise<WebhookDeliveryRecord | null>;
  /**
   * Sends a `failed` or `pending` delivery of the workspace again now (same id and body, one
   * attempt, booked as usual) and resolves with it as booked; a `delivered` one is returned
   * unchanged and unsent (`alreadyDelivered`). When another sender claims it first, resolves with
   * it as reopened. Rejects with the store's `WEBHOOK_DELIVERY_NOT_FOUND`.
   */
  resend(
    workspaceId: string,
    deliveryId: string,
  ): Promise<{ readonly delivery: WebhookDeliveryRecord; readonly alreadyDelivered: boolean }>;
  /** Asks the running loop for a pass as soon as the current one ends (no-op when not started). */
  wake(): void;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

/**
 * Builds the {@link WebhookSender} over the store's webhooks and the server's sealer (which opens
 * the subscriptions' sealed secrets).
 *
 * @example
 * ```ts
 * const sender = createWebhookSender({ store: handle.webhooks, sealer, allowPrivateUrls: config.webhookAllowPrivateUrls, logger });
 * await sender.runOnce();
 * ```
 */
export function createWebhookSender(options: {
  readonly store: WebhookStore;
  readonly sealer: TokenSealer;
  readonly allowPrivateUrls: boolean;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  readonly lookup?: WebhookHostLookup;
}): WebhookSender {
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ component: 'webhooks' });
  const send: WebhookSenderOptions<WebhookDeliveryRecord> = {
    store: options.store,
    openSecret: (sealed) => options.sealer.open(sealed),
    allowPrivateUrls: options.allowPrivateUrls,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  };
  const runOnce = async () => {
    const outcomes = await sendDueWebhooks({ ...send, leaseMs: LEASE_MS });
    for (const o of outcomes)
      if (o.status !== 'delivered')
        logger.info(
          { deliveryId: o.deliveryId, status: o.status, statusCode: o.statusCode, error: o.error },
          'webhook delivery not delivered',
        );
    return outcomes;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let inFlight: Promise<void> | null = null;
  let pollMs = 0;
  const pass = () => {
    if (!running) return;
    if (inFlight) {
      again = true;
      return;
    }
    clearTimeout(timer);
    inFlight = (async () => {
      try {
        // A full page may mean more are due: go on until a pass takes fewer.
        for (let round = 0; round < 20; round++) if ((await runOnce()).length < 50) break;
      } catch (error) {
        logger.warn({ err: error }, 'webhook sender pass failed; trying again at the next one');
      } finally {
        inFlight = null;
        if (running) {
          if (again) {
            again = false;
            setImmediate(pass);
          } else timer = setTimeout(pass, pollMs).unref();
        }
      }
    })();
  };

  const sendNow = async (workspaceId: string, deliveryId: string) => {
    const claimed = await options.store.claimDelivery({
      workspaceId,
      deliveryId,
      now: now(),
      leaseMs: LEASE_MS,
    });
    if (claimed === null) return null;
    return (await sendWebhookDelivery(claimed, send)).booked;
  };

  return {
    runOnce,
    sendNow,
    async resend(workspaceId, deliveryId) {
      const reopened = await options.store.reopenDelivery({ workspaceId, deliveryId, now: now() });
      if (reopened.status === 'delivered') return { delivery: reopened, alreadyDelivered: true };
      const sent = await sendNow(workspaceId, deliveryId);
      return { delivery: sent ?? reopened, alreadyDelivered: false };
    },
    wake: pass,
    start(ms) {
      if (running) return;
      running = true;
      pollMs = ms;
      pass();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
