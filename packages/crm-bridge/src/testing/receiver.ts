import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EpochMs } from '@workestra/booking-core';
import type { WebhookDelivery } from '../payload.js';
import { verifySignature } from '../signature.js';

/** Bodies above this are answered 413 unread. */
const MAX_BODY_BYTES = 1_048_576;

/**
 * One request the receiver got, and what it answered: `accepted` (first time this delivery id was
 * seen with a valid signature), `replay` (a valid repeat of an accepted id, answered 200 again),
 * `rejected` (bad signature or body, 4xx), `failed` (told to fail it), `hung` (never answered).
 *
 * @example
 * ```ts
 * const attempt: ReceivedAttempt = { deliveryId: 'whd_1', event: 'booking.created', outcome: 'accepted', status: 200, errorCode: null };
 * ```
 */
export interface ReceivedAttempt {
  readonly deliveryId: string | null;
  readonly event: string | null;
  readonly outcome: 'accepted' | 'replay' | 'rejected' | 'failed' | 'hung';
  /** The status answered, or null for a hung request. */
  readonly status: number | null;
  /** The error code answered (a `WebhookErrorCode` for signature failures). */
  readonly errorCode: string | null;
}

/**
 * How to start a {@link WebhookReceiver}: the secret(s) it verifies with, and its clock.
 *
 * @example
 * ```ts
 * const options: WebhookReceiverOptions = { secret: 'whsec_test', toleranceSeconds: 300 };
 * ```
 */
export interface WebhookReceiverOptions {
  readonly secret?: string;
  readonly secrets?: readonly string[];
  /** Defaults to `Date.now`; pass the sender's clock when it is not the real one. */
  readonly now?: () => EpochMs;
  readonly toleranceSeconds?: number;
}

/**
 * A local webhook endpoint for tests and demos: verifies every request with `verifySignature` on
 * the raw body, keeps each delivery once (deduplicated on `Workestra-Delivery-Id`, replays counted),
 * and can be told to fail or hang the next requests.
 *
 * @example
 * ```ts
 * import { startWebhookReceiver } from '@workestra/crm-bridge/testing';
 * const receiver: WebhookReceiver = await startWebhookReceiver({ secret: 'whsec_test' });
 * receiver.failNext(2, 503);
 * await receiver.close();
 * ```
 */
export interface WebhookReceiver extends AsyncDisposable {
  /** `http://127.0.0.1:<port>/webhooks`. */
  readonly url: string;
  /** Accepted deliveries, each id once, in arrival order. */
  readonly deliveries: readonly WebhookDelivery[];
  /** Every request so far, in arrival order. */
  readonly attempts: readonly ReceivedAttempt[];
  /** Valid repeats of accepted deliveries: of one id, or of all. */
  replays(deliveryId?: string): number;
  /** Answers the next `count` requests with `status` (and `Retry-After`, when given), unverified. */
  failNext(count: number, status: number, retryAfter?: string): void;
  /** Leaves the next `count` requests unanswered until `close()`. */
  hangNext(count?: number): void;
  /** Resolves when the receiver has answered (or hung) its `count`-th request in all. */
  waitForAttempts(count: number): Promise<void>;
  /** Stops the server; hung requests are cut. */
  close(): Promise<void>;
}

/**
 * Starts a {@link WebhookReceiver} on a free port of 127.0.0.1.
 *
 * @example
 * ```ts
 * import { buildWebhookDelivery, deliverWebhook } from '@workestra/crm-bridge';
 * import { startWebhookReceiver } from '@workestra/crm-bridge/testing';
 * await using receiver = await startWebhookReceiver({ secret: 'whsec_test' });
 * const delivery = buildWebhookDelivery({ event: 'booking.created', workspaceId, createdAt: now, booking, link: { slug: 'intro', title: 'Intro' } });
 * await deliverWebhook({ url: receiver.url, secret: 'whsec_test', delivery });
 * receiver.deliveries.length; // 1
 * ```
 */
export async function startWebhookReceiver(
  options: WebhookReceiverOptions,
): Promise<WebhookReceiver> {
  const secrets = [
    ...(options.secret === undefined ? [] : [options.secret]),
    ...(options.secrets ?? []),
  ];
  if (secrets.length === 0) throw new TypeError('startWebhookReceiver needs a secret or secrets');
  const now = options.now ?? Date.now;
  const deliveries: WebhookDelivery[] = [];
  const accepted = new Set<string>();
  const replayCounts = new Map<string, number>();
  const attempts: ReceivedAttempt[] = [];
  const failures: { status: number; retryAfter: string | undefined }[] = [];
  let hangs = 0;
  const hung: ServerResponse[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const record = (attempt: ReceivedAttempt) => {
    attempts.push(attempt);
    for (const w of waiters.filter((w) => attempts.length >= w.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const answer = (
    res: ServerResponse,
    attempt: Omit<ReceivedAttempt, 'status'>,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
    record({ ...attempt, status });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const deliveryId = headerValue(req, 'workestra-delivery-id');
    const event = headerValue(req, 'workestra-event');
    const base = { deliveryId, event };
    const fail = (code: string, message: string, status: number) =>
      answer(res, { ...base, outcome: 'rejected', errorCode: code }, status, {
        error: { code, message },
      });
    const raw = await readBody(req);
    const injected = failures.shift();
    if (injected !== undefined) {
      const headers: Record<string, string> =
        injected.retryAfter === undefined ? {} : { 'retry-after': injected.retryAfter };
      const error = { code: 'RECEIVER_FAILING', message: 'told to fail this request' };
      answer(
        res,
        { ...base, outcome: 'failed', errorCode: error.code },
        injected.status,
        { error },
        headers,
      );
      return;
    }
    if (hangs > 0) {
      hangs--;
      hung.push(res);
      record({ ...base, outcome: 'hung', status: null, errorCode: null });
      return;
    }
    if (req.method !== 'POST') return fail('METHOD_NOT_ALLOWED', 'POST only', 405);
    if (raw === null) return fail('BODY_TOO_LARGE', `over ${MAX_BODY_BYTES} bytes`, 413);
    const verdict = verifySignature({
      secrets,
      rawBody: raw,
      header: req.headers['workestra-signature'],
      now: now(),
      ...(options.toleranceSeconds === undefined
        ? {}
        : { toleranceSeconds: options.toleranceSeconds }),
    });
    if (!verdict.ok) return fail(verdict.error.code, verdict.error.message, 400);
    let delivery: WebhookDelivery;
    try {
      delivery = JSON.parse(raw.toString('utf8')) as WebhookDelivery;
    } catch {
      return fail('INVALID_BODY', 'the body is not JSON', 400);
    }
    if (deliveryId === null || delivery?.id !== deliveryId)
      return fail('DELIVERY_ID_MISMATCH', 'Workestra-Delivery-Id does not match the body id', 400);
    if (accepted.has(deliveryId)) {
      replayCounts.set(deliveryId, (replayCounts.get(deliveryId) ?? 0) + 1);
      return answer(res, { ...base, outcome: 'replay', errorCode: null }, 200, {
        received: true,
        replay: true,
      });
    }
    accepted.add(deliveryId);
    deliveries.push(delivery);
    answer(res, { ...base, outcome: 'accepted', errorCode: null }, 200, { received: true });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  const close = async () => {
    for (const res of hung.splice(0)) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    deliveries,
    attempts,
    replays: (id) =>
      id === undefined
        ? [...replayCounts.values()].reduce((a, b) => a + b, 0)
        : (replayCounts.get(id) ?? 0),
    failNext: (count, status, retryAfter) => {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfter });
    },
    hangNext: (count = 1) => {
      hangs += count;
    },
    waitForAttempts: (count) =>
      attempts.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/** The raw body, or null when it is larger than {@link MAX_BODY_BYTES}. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
