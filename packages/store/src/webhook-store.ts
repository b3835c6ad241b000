import type { EpochMs } from '@workestra/booking-core';

/**
 * The states of a webhook delivery, declared once for the table's check constraint: `pending`
 * (not sent yet, or due again at `nextAttemptAt`), `delivered` (a 2xx answer) and `failed` (no
 * attempt left).
 *
 * @example
 * ```ts
 * WEBHOOK_DELIVERY_STATUSES.includes('failed'); // true
 * ```
 */
export const WEBHOOK_DELIVERY_STATUSES = Object.freeze(['pending', 'delivered', 'failed'] as const);

/**
 * One of {@link WEBHOOK_DELIVERY_STATUSES}.
 *
 * @example
 * ```ts
 * const status: WebhookDeliveryStatus = 'pending';
 * ```
 */
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * The most rows one `listDeliveries` or `dueDeliveries` call returns; a larger `limit` is lowered to it.
 *
 * @example
 * ```ts
 * const page = await handle.webhooks.listDeliveries({ workspaceId, limit: WEBHOOK_PAGE_LIMIT_MAX });
 * ```
 */
export const WEBHOOK_PAGE_LIMIT_MAX = 200;

/**
 * How many deliveries of one subscription may end `failed` in a row before the system turns the
 * subscription off (`active: false` with {@link WEBHOOK_AUTO_DISABLED_REASON}); a delivered one
 * starts the count again, and so does turning the subscription back on.
 *
 * @example
 * ```ts
 * const sub = await handle.webhooks.getSubscription({ workspaceId, subscriptionId: 'whs_1' });
 * (sub?.failureStreak ?? 0) >= WEBHOOK_AUTO_DISABLE_AFTER_FAILURES; // it has been turned off
 * ```
 */
export const WEBHOOK_AUTO_DISABLE_AFTER_FAILURES = 20;

/**
 * The `disabledReason` of a subscription the system turned off after
 * {@link WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} failed deliveries in a row.
 *
 * @example
 * ```ts
 * const sub = await handle.webhooks.getSubscription({ workspaceId, subscriptionId: 'whs_1' });
 * sub?.disabledReason === WEBHOOK_AUTO_DISABLED_REASON; // turned off by the system
 * ```
 */
export const WEBHOOK_AUTO_DISABLED_REASON = `${WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} deliveries in a row failed`;

/**
 * A workspace's webhook subscription. `events` are event names as the caller gave them (the store
 * does not know the event list; the caller validates them). `secretSealed` is the signing secret
 * as the caller sealed it: the store keeps the text it is given.
 *
 * @example
 * ```ts
 * const subscriptions: readonly WebhookSubscriptionRecord[] = await handle.webhooks.listSubscriptions('ws_1');
 * subscriptions[0]?.events; // ['booking.created']
 * ```
 */
export interface WebhookSubscriptionRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secretSealed: string;
  readonly description: string | null;
  readonly active: boolean;
  /** Why the subscription was turned off by the system (e.g. too many failures); null otherwise. */
  readonly disabledReason: string | null;
  /**
   * Deliveries that ended `failed` in a row since the last delivered one (or since it was turned
   * back on); at {@link WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} the system turns it off.
   */
  readonly failureStreak: number;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * One delivery of one event to one subscription. `id` is the delivery id the receiver deduplicates
 * on; `payload` is the exact raw body sent, so every retry signs the same bytes.
 *
 * @example
 * ```ts
 * const { items } = await handle.webhooks.listDeliveries({ workspaceId, limit: 20 });
 * const last: WebhookDeliveryRecord | undefined = items[0];
 * last?.status; // 'delivered'
 * ```
 */
export interface WebhookDeliveryRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly subscriptionId: string;
  readonly event: string;
  readonly payload: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  /** When a `pending` delivery is due (again); null once delivered or failed. */
  readonly nextAttemptAt: EpochMs | null;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
  readonly deliveredAt: EpochMs | null;
}

/**
 * What `createSubscription` takes. `active` defaults to true, `description` to null.
 *
 * @example
 * ```ts
 * const input: NewWebhookSubscription = { workspaceId: 'ws_1', url: 'https://hooks.example.com/in', events: ['booking.created'], secretSealed: 'v1.sealed' };
 * ```
 */
export interface NewWebhookSubscription {
  readonly workspaceId: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secretSealed: string;
  readonly description?: string | null;
  readonly active?: boolean;
}

/**
 * The fields `updateSubscription` may change; absent ones are kept. Setting `active: true` clears
 * `disabledReason` unless one is given, and starts the failure count again.
 *
 * @example
 * ```ts
 * const patch: WebhookSubscriptionPatch = { active: false, disabledReason: 'too many failures' };
 * ```
 */
export interface WebhookSubscriptionPatch {
  readonly url?: string;
  /** A new sealed secret (a rotation). */
  readonly secretSealed?: string;
  readonly events?: readonly string[];
  readonly active?: boolean;
  readonly description?: string | null;
  readonly disabledReason?: string | null;
}

/**
 * What `recordDelivery` takes: the delivery id (`whd_...`, made by the caller) and the exact body.
 *
 * @example
 * ```ts
 * const input: NewWebhookDelivery = { id: 'whd_1', workspaceId: 'ws_1', subscriptionId: 'whs_1', event: 'booking.created', payload: '{"id":"whd_1"}' };
 * ```
 */
export interface NewWebhookDelivery {
  readonly id: string;
  readonly workspaceId: string;
  readonly subscriptionId: string;
  readonly event: string;
  readonly payload: string;
  /** When it is recorded (its `createdAt`, and due then); defaults to the store's clock. */
  readonly now?: EpochMs;
}

/**
 * The outcome of one delivery attempt, for `markDeliveryAttempt`: `ok` makes it `delivered`;
 * otherwise it stays `pending` until `nextAttemptAt`, or is `failed` when that is null.
 *
 * @example
 * ```ts
 * const outcome: WebhookAttemptOutcome = { workspaceId: 'ws_1', deliveryId: 'whd_1', ok: false, statusCode: 503, error: 'HTTP 503', nextAttemptAt: Date.now() + 60_000, now: Date.now() };
 * ```
 */
export interface WebhookAttemptOutcome {
  readonly workspaceId: string;
  readonly deliveryId: string;
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly nextAttemptAt: EpochMs | null;
  readonly now: EpochMs;
}

/**
 * One page of deliveries, newest first; pass `next` as `after` for the following page (null: no more).
 *
 * @example
 * ```ts
 * const first: WebhookDeliveryPage = await handle.webhooks.listDeliveries({ workspaceId, limit: 20 });
 * const second = first.next === null ? null : await handle.webhooks.listDeliveries({ workspaceId, limit: 20, after: first.next });
 * ```
 */
export interface WebhookDeliveryPage {
  readonly items: readonly WebhookDeliveryRecord[];
  readonly next: string | null;
}

/**
 * Webhook subscriptions and their deliveries (`handle.webhooks`), on SQLite and PostgreSQL alike.
 * Every call but `dueDeliveries` (the worker's, across workspaces) is scoped to one workspace; an
 * id of another workspace is as unknown as one that does not exist. Deleting a subscription
 * deletes its deliveries. URL policy and event names are the caller's to check.
 *
 * @example
 * ```ts
 * const { webhooks } = handle;
 * const sub = await webhooks.createSubscription({ workspaceId, url: 'https://hooks.example.com/in', events: ['booking.created'], secretSealed: 'v1.sealed' });
 * const delivery = await webhooks.recordDelivery({ id: 'whd_1', workspaceId, subscriptionId: sub.id, event: 'booking.created', payload: '{}' });
 * ```
 */
export interface WebhookStore {
  /** Adds a subscription (id `whs_...`). */
  createSubscription(input: NewWebhookSubscription): Promise<WebhookSubscriptionRecord>;
  /** The workspace's subscriptions, oldest first. */
  listSubscriptions(workspaceId: string): Promise<readonly WebhookSubscriptionRecord[]>;
  /** One subscription, or null. */
  getSubscription(input: {
    readonly workspaceId: string;
    readonly subscriptionId: string;
  }): Promise<WebhookSubscriptionRecord | null>;
  /** Changes a subscription; `WEBHOOK_SUBSCRIPTION_NOT_FOUND` when the workspace has no such one. */
  updateSubscription(input: {
    readonly workspaceId: string;
    readonly subscriptionId: string;
    readonly patch: WebhookSubscriptionPatch;
  }): Promise<WebhookSubscriptionRecord>;
  /** Deletes a subscription and its deliveries; false when the workspace had no such one. */
  deleteSubscription(input: {
    readonly workspaceId: string;
    readonly subscriptionId: string;
  }): Promise<boolean>;
  /** The workspace's active subscriptions whose events include `event`, oldest first. */
  subscriptionsFor(
    workspaceId: string,
    event: string,
  ): Promise<readonly WebhookSubscriptionRecord[]>;
  /**
   * Records a `pending` delivery, due now. Idempotent by id: a second call with the same id
   * changes nothing and returns the row the first one wrote. `WEBHOOK_SUBSCRIPTION_NOT_FOUND` when
   * the workspace has no such subscription; `WEBHOOK_DELIVERY_ID_TAKEN` when another workspace
   * holds the id.
   */
  recordDelivery(input: NewWebhookDelivery): Promise<WebhookDeliveryRecord>;
  /**
   * Books one attempt of a `pending` delivery (attempts + 1, last status code and error) and
   * returns it. A delivery already `delivered` or `failed` is returned unchanged (a late report of
   * a duplicate attempt does not reopen it). `WEBHOOK_DELIVERY_NOT_FOUND` when the workspace has no
   * such delivery. A delivery that ends `delivered` sets its subscription's `failureStreak` to 0;
   * one that ends `failed` adds 1, and an active subscription reaching
   * {@link WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} is turned off with
   * {@link WEBHOOK_AUTO_DISABLED_REASON}.
   */
  markDeliveryAttempt(outcome: WebhookAttemptOutcome): Promise<WebhookDeliveryRecord>;
  /**
   * Makes a `failed` or `pending` delivery `pending` and due at `now` again, with the same id and
   * body (a resend: claim it with {@link claimDelivery} and send it). Its attempts and last error
   * are kept. A `delivered` one is returned unchanged; `WEBHOOK_DELIVERY_NOT_FOUND` when the
   * workspace has no such delivery. A pending one another sender holds may be sent twice; the
   * receiver deduplicates on the id.
   */
  reopenDelivery(input: {
    readonly workspaceId: string;
    readonly deliveryId: string;
    readonly now: EpochMs;
  }): Promise<WebhookDeliveryRecord>;
  /**
   * Deliveries newest first (`createdAt`, then id), of the workspace or of one subscription. The
   * cursor is the last delivery id of the previous page; an unknown cursor gives an empty page.
   */
  listDeliveries(query: {
    readonly workspaceId: string;
    readonly subscriptionId?: string;
    /** 1 to {@link WEBHOOK_PAGE_LIMIT_MAX}. */
    readonly limit: number;
    readonly after?: string;
  }): Promise<WebhookDeliveryPage>;
  /** `pending` deliveries of any workspace due at `now`, soonest first: what a retry worker sends. */
  dueDeliveries(input: {
    readonly now: EpochMs;
    readonly limit: number;
  }): Promise<readonly WebhookDeliveryRecord[]>;
  /**
   * Claims up to `limit` `pending` deliveries of any workspace due at `now`, soonest first: each
   * is made due again only at `now + leaseMs` in the same statement, so concurrent senders (other
   * instances) claim disjoint deliveries, and one whose sender died is retried after the lease.
   * Returns the claimed rows (their `nextAttemptAt` the end of the lease).
   */
  claimDueDeliveries(input: {
    readonly now: EpochMs;
    readonly limit: number;
    readonly leaseMs: number;
  }): Promise<readonly WebhookDeliveryRecord[]>;
  /**
   * Claims one `pending` delivery of the workspace due at `now` as {@link claimDueDeliveries}
   * does (e.g. to send it at once after recording it), or returns null when it is not due (another
   * sender holds it) or not pending.
   */
  claimDelivery(input: {
    readonly workspaceId: string;
    readonly deliveryId: string;
    readonly now: EpochMs;
    readonly leaseMs: number;
  }): Promise<WebhookDeliveryRecord | null>;
}
