import type { EpochMs } from '@workestra/booking-core';
import { WebhookError } from './errors.js';
import type { WebhookDelivery } from './payload.js';
import { signatureHeader, WEBHOOK_HEADERS } from './signature.js';

/** How long one attempt waits for the receiver's answer by default: ten seconds. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** The longest delay `setTimeout` keeps (about 24.8 days); longer ones would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;
/** What a delivery id may hold to travel as a header value. */
const HEADER_SAFE = /^[\x21-\x7e]{1,200}$/;

/**
 * One attempt at one URL, as {@link deliverWebhook} takes it.
 *
 * @example
 * ```ts
 * import { buildWebhookDelivery } from '@workestra/crm-bridge';
 * const delivery = buildWebhookDelivery({ event: 'booking.created', workspaceId, createdAt: now, booking, link: { slug: 'intro', title: 'Intro' } });
 * const options: DeliverWebhookOptions = { url: 'https://crm.example.com/hooks', secret: 'whsec_test', delivery };
 * ```
 */
export interface DeliverWebhookOptions {
  /** An absolute `http:` or `https:` URL; anything else is refused without a request. */
  readonly url: string;
  /** The subscription's secret, or several while one rotates (one `v1` each). */
  readonly secret: string | readonly string[];
  readonly delivery: WebhookDelivery;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Defaults to {@link DEFAULT_WEBHOOK_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Clock in epoch ms, for the signed timestamp and `durationMs`; defaults to `Date.now`. */
  readonly now?: () => EpochMs;
}

/**
 * The outcome of one attempt, plain data to store with the delivery. `retryable` says whether
 * another attempt may succeed (408, 429, 5xx, network, timeout); `retryAfterMs` is the receiver's
 * `Retry-After` when it sent one, for the job runner to wait at least that long.
 *
 * @example
 * ```ts
 * const result: WebhookAttemptResult = { ok: false, status: 503, durationMs: 12, retryable: true, retryAfterMs: 30_000, error: null };
 * ```
 */
export interface WebhookAttemptResult {
  readonly ok: boolean;
  /** The receiver's HTTP status, or null when none came. */
  readonly status: number | null;
  readonly durationMs: number;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  /** Why it failed (`DELIVERY_*` or `URL_REFUSED`); null when `ok`. */
  readonly error: WebhookError | null;
}

/**
 * Sends one delivery once: a signed JSON POST (`Workestra-Signature`, `Workestra-Delivery-Id`,
 * `Workestra-Event`). Retries belong to the caller's job runner, which keeps the delivery (and so
 * its id and body) across attempts. Never throws for what the receiver or the network does; the
 * result says whether to retry (a bad `timeoutMs` or delivery id throws: those are the caller's
 * mistakes). Redirects are not followed (a 3xx is a non-retryable failure), so a
 * subscription cannot be bounced to another host.
 *
 * @example
 * ```ts
 * import { buildWebhookDelivery, deliverWebhook } from '@workestra/crm-bridge';
 * const delivery = buildWebhookDelivery({ event: 'booking.created', workspaceId, createdAt: now, booking, link: { slug: 'intro', title: 'Intro' } });
 * const result = await deliverWebhook({ url: 'https://crm.example.com/hooks', secret: 'whsec_test', delivery });
 * if (!result.ok && result.retryable) console.log('try again later', result.retryAfterMs);
 * ```
 */
export async function deliverWebhook(
  options: DeliverWebhookOptions,
): Promise<WebhookAttemptResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const done = (
    fields: Pick<WebhookAttemptResult, 'ok' | 'status' | 'retryable' | 'error'> & {
      retryAfterMs?: number | null;
    },
  ): WebhookAttemptResult => ({
    retryAfterMs: null,
    ...fields,
    durationMs: Math.max(0, now() - started),
  });

  if (!isHttpUrl(options.url))
    return done({
      ok: false,
      status: null,
      retryable: false,
      error: new WebhookError('URL_REFUSED', 'the webhook URL must be an absolute http(s) URL'),
    });

  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  // Caller mistakes, not delivery outcomes: a retry would fail the same way.
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS)
    throw new RangeError(`timeoutMs must be a whole number of ms from 1 to ${MAX_TIMEOUT_MS}`);
  if (!HEADER_SAFE.test(options.delivery.id))
    throw new TypeError(
      'delivery.id must be 1-200 visible ASCII characters (it is sent as a header)',
    );
  const body = JSON.stringify(options.delivery);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      redirect: 'manual',
      signal: abort.signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Workestra-Webhooks/1',
        [WEBHOOK_HEADERS.signature]: signatureHeader(
          options.secret,
          body,
          Math.floor(started / 1000),
        ),
        [WEBHOOK_HEADERS.deliveryId]: options.delivery.id,
        [WEBHOOK_HEADERS.event]: options.delivery.event,
      },
      body,
    });
    // The answer's body is not used; drop it so the connection is freed.
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if (status >= 200 && status < 300)
      return done({ ok: true, status, retryable: false, error: null });
    const retryable = status === 408 || status === 429 || status >= 500;
    return done({
      ok: false,
      status,
      retryable,
      retryAfterMs: retryable ? parseRetryAfter(response.headers.get('retry-after'), now()) : null,
      error: new WebhookError('DELIVERY_REJECTED', `the receiver answered ${status}`, { status }),
    });
  } catch (cause) {
    const timedOut = abort.signal.aborted;
    return done({
      ok: false,
      status: null,
      retryable: true,
      error: timedOut
        ? new WebhookError('DELIVERY_TIMEOUT', `no answer within ${timeoutMs} ms`, { cause })
        : new WebhookError('DELIVERY_NETWORK', 'the request failed before an answer', { cause }),
    });
  } finally {
    clearTimeout(timer);
  }
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A `Retry-After` value in ms from `now`: delay-seconds or an HTTP date; null when absent or
 * unreadable. A date in the past gives 0.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from '@workestra/crm-bridge';
 * parseRetryAfter('120', now); // 120000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: EpochMs): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (!Number.isFinite(at) || !/[a-z]/i.test(text)) return null;
  return Math.max(0, at - now);
}
