import type { EpochMs } from '@workestra/booking-core';
import { webhookBackoff } from './backoff.js';
import { deliverWebhook, DEFAULT_WEBHOOK_TIMEOUT_MS } from './deliver.js';
import type { WebhookDelivery } from './payload.js';
import { checkWebhookUrl, createGuardedFetch, type WebhookHostLookup } from './url-guard.js';

/**
 * A stored delivery as the sender reads it: its ids, the exact body, and the attempts so far
 * (structurally a row of the store's `handle.webhooks`).
 *
 * @example
 * ```ts
 * const queued: QueuedWebhookDelivery = { id: 'whd_1', workspaceId: 'ws_1', subscriptionId: 'whs_1', event: 'booking.created', payload: '{"id":"whd_1"}', attempts: 0 };
 * ```
 */
export interface QueuedWebhookDelivery {
  readonly id: string;
  readonly workspaceId: string;
  readonly subscriptionId: string;
  readonly event: string;
  readonly payload: string;
  readonly attempts: number;
}

/**
 * The storage the sender works on, structurally satisfied by the store's `handle.webhooks`:
 * claim due deliveries (each claimed by one sender only, for `leaseMs`), read a subscription,
 * and book each attempt's outcome.
 *
 * @example
 * ```ts
 * const queue: WebhookDeliveryQueue = handle.webhooks;
 * ```
 */
export interface WebhookDeliveryQueue<Booked = unknown> {
  /**
   * Takes up to `limit` pending deliveries due at `now` and makes them due again only at
   * `now + leaseMs` (so a sender that dies mid-attempt leaves them to another pass), atomically
   * against other senders.
   */
  claimDueDeliveries(input: {
    readonly now: EpochMs;
    readonly limit: number;
    readonly leaseMs: number;
  }): Promise<readonly QueuedWebhookDelivery[]>;
  getSubscription(input: {
    readonly workspaceId: string;
    readonly subscriptionId: string;
  }): Promise<{
    readonly url: string;
    readonly secretSealed: string;
    readonly active: boolean;
    /** Why the system turned it off (e.g. too many failures), when it did. */
    readonly disabledReason?: string | null;
  } | null>;
  markDeliveryAttempt(outcome: {
    readonly workspaceId: string;
    readonly deliveryId: string;
    readonly ok: boolean;
    readonly statusCode: number | null;
    readonly error: string | null;
    readonly nextAttemptAt: EpochMs | null;
    readonly now: EpochMs;
  }): Promise<Booked>;
}

/**
 * How the sender sends: the storage, how to open a sealed secret, the URL policy (see
 * `checkWebhookUrl`), and the clock, `fetch` and DNS lookup (tests pass their own).
 *
 * @example
 * ```ts
 * const options: WebhookSenderOptions = { store: handle.webhooks, openSecret: (s) => sealer.open(s), allowPrivateUrls: false };
 * ```
 */
export interface WebhookSenderOptions<Booked = unknown> {
  readonly store: WebhookDeliveryQueue<Booked>;
  /** Turns a subscription's `secretSealed` back into the signing secret. */
  readonly openSecret: (sealed: string) => string;
  /** Whether http and private, loopback or link-local hosts may be reached. */
  readonly allowPrivateUrls: boolean;
  /** Defaults to `createGuardedFetch` with the same policy (the URL is checked again on connecting). */
  readonly fetch?: typeof fetch;
  readonly lookup?: WebhookHostLookup;
  /** Defaults to `Date.now`. */
  readonly now?: () => EpochMs;
  /** Per attempt; defaults to {@link DEFAULT_WEBHOOK_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** The jitter source of the backoff; defaults to `Math.random`. */
  readonly random?: () => number;
}

/**
 * What one attempt came to: `delivered`, `retrying` (pending again, due at `nextAttemptAt`) or
 * `failed` (for good: no attempt left, a non-retryable answer, a refused URL, a subscription gone
 * or turned off: `SUBSCRIPTION_INACTIVE`, or `SUBSCRIPTION_DISABLED` with the reason when the
 * system turned it off).
 *
 * @example
 * ```ts
 * const outcome: WebhookSendOutcome = { deliveryId: 'whd_1', booked: null, status: 'retrying', statusCode: 503, error: 'DELIVERY_REJECTED: the receiver answered 503', nextAttemptAt: Date.now() + 60_000 };
 * ```
 */
export interface WebhookSendOutcome<Booked = unknown> {
  readonly deliveryId: string;
  /** What `markDeliveryAttempt` returned (the store: the delivery as booked). */
  readonly booked: Booked;
  readonly status: 'delivered' | 'retrying' | 'failed';
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly nextAttemptAt: EpochMs | null;
}

/**
 * Sends one stored delivery once (its stored body, signed now) and books the outcome with
 * `markDeliveryAttempt`: a 2xx is delivered; a retryable failure is due again after
 * `webhookBackoff(attempts, retryAfter)`, or failed once the schedule is used up; anything else
 * failed. The URL is checked again first (a name may resolve to a private address by now): a
 * refused URL fails the delivery without a request. Never throws for what the receiver does.
 *
 * @example
 * ```ts
 * import { sendWebhookDelivery } from '@workestra/crm-bridge';
 * const [delivery] = await handle.webhooks.claimDueDeliveries({ now: Date.now(), limit: 1, leaseMs: 60_000 });
 * if (delivery) {
 *   const outcome = await sendWebhookDelivery(delivery, { store: handle.webhooks, openSecret: (s) => sealer.open(s), allowPrivateUrls: false });
 *   outcome.status; // 'delivered', 'retrying' or 'failed'
 * }
 * ```
 */
export async function sendWebhookDelivery<Booked = unknown>(
  delivery: QueuedWebhookDelivery,
  options: WebhookSenderOptions<Booked>,
): Promise<WebhookSendOutcome<Booked>> {
  const now = options.now ?? Date.now;
  const attempt = delivery.attempts + 1;
  const book = async (
    statusCode: number | null,
    error: string | null,
    retry: { retryAfterMs: number | null } | null,
  ): Promise<WebhookSendOutcome<Booked>> => {
    const ok = error === null;
    const wait =
      ok || retry === null
        ? null
        : webhookBackoff(attempt, {
            retryAfterMs: retry.retryAfterMs,
            ...(options.random ? { random: options.random } : {}),
          });
    const at = now();
    const nextAttemptAt = wait === null ? null : at + wait;
    const booked = await options.store.markDeliveryAttempt({
      workspaceId: delivery.workspaceId,
      deliveryId: delivery.id,
      ok,
      statusCode,
      error,
      nextAttemptAt,
      now: at,
    });
    return {
      deliveryId: delivery.id,
      booked,
      status: ok ? 'delivered' : nextAttemptAt === null ? 'failed' : 'retrying',
      statusCode,
      error,
      nextAttemptAt,
    };
  };

  const sub = await options.store.getSubscription({
    workspaceId: delivery.workspaceId,
    subscriptionId: delivery.subscriptionId,
  });
  if (sub === null || !sub.active)
    return book(
      null,
      sub?.disabledReason
        ? `SUBSCRIPTION_DISABLED: the subscription was turned off by the system (${sub.disabledReason})`
        : 'SUBSCRIPTION_INACTIVE: the subscription is turned off',
      null,
    );
  const verdict = await checkWebhookUrl(sub.url, {
    allowPrivate: options.allowPrivateUrls,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  if (!verdict.ok)
    return book(
      null,
      `${verdict.error.code}: ${verdict.error.message}`,
      verdict.reason === 'unresolved' ? { retryAfterMs: null } : null,
    );
  let secret: string;
  try {
    secret = options.openSecret(sub.secretSealed);
  } catch {
    // Sealed with another key (the server's key changed): no attempt can ever be signed.
    return book(null, 'SECRET_UNREADABLE: the signing secret cannot be opened', null);
  }
  const result = await deliverWebhook({
    url: sub.url,
    secret,
    delivery: JSON.parse(delivery.payload) as WebhookDelivery,
    timeoutMs: options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    now,
    // By default the connection itself goes through the URL policy (no DNS rebinding).
    fetch:
      options.fetch ??
      createGuardedFetch({
        allowPrivate: options.allowPrivateUrls,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      }),
  });
  if (result.ok) return book(result.status, null, null);
  const error = result.error
    ? `${result.error.code}: ${result.error.message}`
    : `HTTP ${result.status}`;
  return book(
    result.status,
    error,
    result.retryable ? { retryAfterMs: result.retryAfterMs } : null,
  );
}

/**
 * One pass of the webhook sender: claims up to `limit` due deliveries (each for `leaseMs`, so
 * concurrent passes on other instances take other ones) and sends each once with
 * {@link sendWebhookDelivery}, `concurrency` at a time. Resolves with the outcomes; an error of
 * the storage rejects (the caller's loop logs it and tries again at its next pass).
 *
 * @example
 * ```ts
 * import { sendDueWebhooks } from '@workestra/crm-bridge';
 * const outcomes = await sendDueWebhooks({ store: handle.webhooks, openSecret: (s) => sealer.open(s), allowPrivateUrls: false });
 * outcomes.filter((o) => o.status === 'retrying').length;
 * ```
 */
export async function sendDueWebhooks<Booked = unknown>(
  options: WebhookSenderOptions<Booked> & {
    /** Defaults to 50. */
    readonly limit?: number;
    /** Defaults to 4. */
    readonly concurrency?: number;
    /** How long a claimed delivery is left to this pass; defaults to 6 attempt timeouts. */
    readonly leaseMs?: number;
  },
): Promise<readonly WebhookSendOutcome<Booked>[]> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const claimed = await options.store.claimDueDeliveries({
    now: now(),
    limit: options.limit ?? 50,
    leaseMs: options.leaseMs ?? timeoutMs * 6,
  });
  const outcomes: WebhookSendOutcome<Booked>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++] as QueuedWebhookDelivery;
      outcomes.push(await sendWebhookDelivery(delivery, options));
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 4, claimed.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return outcomes;
}
