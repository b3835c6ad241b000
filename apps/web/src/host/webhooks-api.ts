// The host's webhook subscriptions and their deliveries (`/api/host/webhooks`): the types the
// Webhooks page reads, the calls, and the pure helpers that decide how a delivery reads.
import { ApiError, api, query } from '../common/api';

/**
 * A webhook subscription. The signing secret is never part of it: the API shows it once, when
 * the subscription is created or its secret rotated.
 *
 * @example
 * ```ts
 * const { subscriptions } = await fetchWebhooks();
 * subscriptions.filter((s: WebhookSubscription) => !s.active);
 * ```
 */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  /** Why the server turned it off (e.g. too many failed deliveries); null otherwise. */
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The states of a delivery, declared once: the type and the labels derive from it.
 *
 * @example
 * ```ts
 * DELIVERY_STATUSES.includes('failed'); // true
 * ```
 */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * One of {@link DELIVERY_STATUSES}.
 *
 * @example
 * ```ts
 * const status: DeliveryStatus = 'delivered';
 * ```
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event sent (or being sent) to one subscription, with its attempt bookkeeping.
 *
 * @example
 * ```ts
 * const { delivery } = await sendTestWebhook(id);
 * delivery.status === 'delivered' && delivery.lastStatusCode; // 200
 * ```
 */
export interface WebhookDeliveryView {
  id: string;
  subscriptionId: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the next retry runs (pending only). */
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/**
 * One page of deliveries, newest first; `next` goes back as `after` (null: no more).
 *
 * @example
 * ```ts
 * const page: DeliveriesPage = await fetchDeliveries({});
 * if (page.next) await fetchDeliveries({ after: page.next });
 * ```
 */
export interface DeliveriesPage {
  items: WebhookDeliveryView[];
  next: string | null;
}

/**
 * What a new subscription is made of.
 *
 * @example
 * ```ts
 * const input: NewWebhook = { url: 'https://crm.example.com/hooks', events: ['booking.created'] };
 * ```
 */
export interface NewWebhook {
  url: string;
  events: string[];
  description?: string | null;
}

/**
 * How each delivery status reads on the page; a new status is a compile error until it has one.
 *
 * @example
 * ```ts
 * DELIVERY_STATUS_LABELS.failed; // 'Failed'
 * ```
 */
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/**
 * Deliveries per page on the Webhooks page.
 *
 * @example
 * ```ts
 * await fetchDeliveries({ limit: DELIVERIES_PAGE_SIZE });
 * ```
 */
export const DELIVERIES_PAGE_SIZE = 20;

const BASE = '/api/host/webhooks';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/**
 * The host's subscriptions.
 *
 * @example
 * ```ts
 * const { subscriptions } = await fetchWebhooks();
 * ```
 */
export function fetchWebhooks(): Promise<{ subscriptions: WebhookSubscription[] }> {
  return api('GET', BASE);
}

/**
 * Every event a subscription can ask for, as the server knows them (never listed by the app).
 *
 * @example
 * ```ts
 * const events = await fetchWebhookEvents(); // ['booking.created', ...]
 * ```
 */
export async function fetchWebhookEvents(): Promise<string[]> {
  return (await api<{ events: string[] }>('GET', `${BASE}/events`)).events;
}

/**
 * Creates a subscription; the answer carries its signing secret, the one time it is shown.
 *
 * @example
 * ```ts
 * const { subscription, secret } = await createWebhook({ url, events: ['booking.created'] });
 * ```
 */
export function createWebhook(
  input: NewWebhook,
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  return api('POST', BASE, input);
}

/**
 * Changes a subscription (here: turns it on or off; `active: true` also clears `disabledReason`).
 *
 * @example
 * ```ts
 * const { subscription } = await updateWebhook(id, { active: false });
 * ```
 */
export function updateWebhook(
  id: string,
  patch: Partial<Pick<WebhookSubscription, 'url' | 'events' | 'description' | 'active'>>,
): Promise<{ subscription: WebhookSubscription }> {
  return api('PATCH', one(id), patch);
}

/**
 * Deletes a subscription; nothing more is sent to it.
 *
 * @example
 * ```ts
 * await deleteWebhook(id);
 * ```
 */
export function deleteWebhook(id: string): Promise<void> {
  return api<void>('DELETE', one(id));
}

/**
 * Replaces the signing secret; the answer is the new secret, the one time it is shown.
 *
 * @example
 * ```ts
 * const { secret } = await rotateWebhookSecret(id);
 * ```
 */
export function rotateWebhookSecret(id: string): Promise<{ secret: string }> {
  return api('POST', `${one(id)}/secret`);
}

/**
 * Sends a test event now; the delivery says how the endpoint answered.
 *
 * @example
 * ```ts
 * const { delivery } = await sendTestWebhook(id);
 * describeDelivery(delivery); // 'Delivered (HTTP 200)'
 * ```
 */
export function sendTestWebhook(id: string): Promise<{ delivery: WebhookDeliveryView }> {
  return api('POST', `${one(id)}/test`);
}

/**
 * Sends a failed (or pending) delivery again now, with the same id and body; the answer is the
 * delivery as that attempt left it. A delivered one answers 409 `WEBHOOK_DELIVERY_DELIVERED`.
 *
 * @example
 * ```ts
 * const { delivery } = await resendDelivery(failed.id);
 * describeDelivery(delivery); // 'Delivered (HTTP 200)'
 * ```
 */
export function resendDelivery(id: string): Promise<{ delivery: WebhookDeliveryView }> {
  return api('POST', `${BASE}/deliveries/${encodeURIComponent(id)}/retry`);
}

/**
 * One page of deliveries, newest first, of one subscription or of all.
 *
 * @example
 * ```ts
 * const page = await fetchDeliveries({ subscriptionId: id, after: previous.next ?? undefined });
 * ```
 */
export function fetchDeliveries(opts: {
  subscriptionId?: string;
  after?: string;
  limit?: number;
}): Promise<DeliveriesPage> {
  return api(
    'GET',
    `${BASE}/deliveries${query({
      subscriptionId: opts.subscriptionId,
      after: opts.after,
      limit: String(opts.limit ?? DELIVERIES_PAGE_SIZE),
    })}`,
  );
}

/**
 * A delivery's outcome in words: the status, the endpoint's HTTP status and the last error.
 *
 * @example
 * ```ts
 * describeDelivery({ status: 'failed', lastStatusCode: 500, lastError: 'Internal' }); // 'Failed (HTTP 500): Internal'
 * describeDelivery({ status: 'delivered', lastStatusCode: 204, lastError: null }); // 'Delivered (HTTP 204)'
 * ```
 */
export function describeDelivery(
  d: Pick<WebhookDeliveryView, 'status' | 'lastStatusCode' | 'lastError'>,
): string {
  const code = d.lastStatusCode === null ? '' : ` (HTTP ${d.lastStatusCode})`;
  const error = d.status !== 'delivered' && d.lastError ? `: ${d.lastError}` : '';
  return `${DELIVERY_STATUS_LABELS[d.status]}${code}${error}`;
}

/**
 * A refreshed first page laid over what is shown: updated rows replace theirs, new ones come
 * first, rows further down (after "Load more") stay, and so does the cursor past them.
 *
 * @example
 * ```ts
 * const shown = mergeFirstPage(current, await fetchDeliveries({}));
 * ```
 */
export function mergeFirstPage(shown: DeliveriesPage, first: DeliveriesPage): DeliveriesPage {
  const fresh = new Set(first.items.map((d) => d.id));
  const rest = shown.items.filter((d) => !fresh.has(d.id));
  const loadedMore = shown.items.length > first.items.length;
  return {
    items: [...first.items, ...(loadedMore ? rest : [])],
    next: loadedMore ? shown.next : first.next,
  };
}

/**
 * The page with one delivery replaced by its newer state (after a resend); other rows and the
 * cursor stay.
 *
 * @example
 * ```ts
 * setPage((shown) => shown && withDelivery(shown, delivery));
 * ```
 */
export function withDelivery(page: DeliveriesPage, delivery: WebhookDeliveryView): DeliveriesPage {
  return { ...page, items: page.items.map((d) => (d.id === delivery.id ? delivery : d)) };
}

/**
 * Which form field an API error is about: `url` for a refused or invalid URL, `events` for an
 * unknown or missing event, null for anything else (shown as an alert).
 *
 * @example
 * ```ts
 * errorField(new ApiError(400, 'WEBHOOK_URL_NOT_ALLOWED', 'Private address')); // 'url'
 * ```
 */
export function errorField(err: unknown): 'url' | 'events' | 'description' | null {
  if (!(err instanceof ApiError)) return null;
  if (err.code.startsWith('WEBHOOK_URL')) return 'url';
  if (err.code === 'UNKNOWN_WEBHOOK_EVENT') return 'events';
  const first = err.details[0];
  if (!first) return null;
  const key = String(Array.isArray(first.path) ? first.path[0] : first.path.split('.')[0]);
  return key === 'url' || key === 'events' || key === 'description' ? key : null;
}
