import { afterEach, describe, expect, it } from 'vitest';
import {
  sendDueWebhooks,
  type QueuedWebhookDelivery,
  type WebhookDeliveryQueue,
} from './sender.js';
import { startWebhookReceiver, type WebhookReceiver } from './testing/receiver.js';
import { deliveryFixture, T0 } from './test-utils.js';
import {
  checkWebhookUrl,
  createGuardedFetch,
  isPublicAddress,
  type WebhookHostLookup,
} from './url-guard.js';

const SECRET = 'whsec_sender';

interface Row extends QueuedWebhookDelivery {
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: number | null;
  lastError: string | null;
}

/** A queue over an array, with the store's semantics (claims lease, marks book). */
function memoryQueue(url: string, active = true, disabledReason: string | null = null) {
  const rows: Row[] = [];
  const sub = { url, secretSealed: `sealed:${SECRET}`, active, disabledReason };
  const queue: WebhookDeliveryQueue<Row> = {
    claimDueDeliveries: async ({ now, limit, leaseMs }) => {
      const due = rows
        .filter((r) => r.status === 'pending' && (r.nextAttemptAt ?? Infinity) <= now)
        .slice(0, limit);
      for (const r of due) r.nextAttemptAt = now + leaseMs;
      return due.map((r) => ({ ...r }));
    },
    getSubscription: async () => sub,
    markDeliveryAttempt: async (o) => {
      const row = rows.find((r) => r.id === o.deliveryId);
      if (!row) throw new Error('no row');
      Object.assign(row, {
        attempts: row.attempts + 1,
        status: o.ok ? 'delivered' : o.nextAttemptAt === null ? 'failed' : 'pending',
        nextAttemptAt: o.ok ? null : o.nextAttemptAt,
        lastError: o.error,
      });
      return { ...row };
    },
  };
  const add = (id: string) => {
    const delivery = deliveryFixture(id);
    rows.push({
      id,
      workspaceId: 'ws_1',
      subscriptionId: 'whs_1',
      event: delivery.event,
      payload: JSON.stringify(delivery),
      attempts: 0,
      status: 'pending',
      nextAttemptAt: T0,
      lastError: null,
    });
  };
  return { queue, rows, sub, add };
}

const openSecret = (sealed: string) => sealed.replace(/^sealed:/, '');

describe('sendDueWebhooks', () => {
  let receiver: WebhookReceiver;
  afterEach(async () => receiver?.close());

  it('retries a failing receiver on the backoff until it accepts, same id each time, once', async () => {
    let now = T0;
    receiver = await startWebhookReceiver({ secret: SECRET, now: () => now });
    const { queue, rows, add } = memoryQueue(receiver.url);
    add('whd_retry');
    receiver.failNext(2, 503);
    const pass = () =>
      sendDueWebhooks({
        store: queue,
        openSecret,
        allowPrivateUrls: true,
        now: () => now,
        random: () => 0,
      });
    expect((await pass()).map((o) => o.status)).toEqual(['retrying']);
    expect(rows[0]?.nextAttemptAt).toBe(now + 60_000);
    now += 59_999;
    expect(await pass()).toEqual([]);
    now += 1;
    expect((await pass()).map((o) => o.status)).toEqual(['retrying']);
    now += 300_000;
    const third = await pass();
    expect(third.map((o) => [o.status, o.booked.attempts])).toEqual([['delivered', 3]]);
    now += 86_400_000;
    expect(await pass()).toEqual([]);
    expect(receiver.attempts.map((a) => [a.deliveryId, a.outcome])).toEqual([
      ['whd_retry', 'failed'],
      ['whd_retry', 'failed'],
      ['whd_retry', 'accepted'],
    ]);
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('fails for good on a non-retryable answer and after the last attempt', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { queue, rows, add } = memoryQueue(receiver.url);
    add('whd_gone');
    receiver.failNext(1, 410);
    const [outcome] = await sendDueWebhooks({ store: queue, openSecret, allowPrivateUrls: true });
    expect(outcome).toMatchObject({ status: 'failed', statusCode: 410, nextAttemptAt: null });
    expect(rows[0]?.status).toBe('failed');

    add('whd_last');
    const last = rows[1] as Row;
    last.attempts = 7;
    receiver.failNext(1, 500);
    const [final] = await sendDueWebhooks({ store: queue, openSecret, allowPrivateUrls: true });
    expect(final).toMatchObject({ deliveryId: 'whd_last', status: 'failed', statusCode: 500 });
  });

  it('checks the URL again before sending: a name now resolving to a private address fails it', async () => {
    let answer = '93.184.216.34';
    const lookup: WebhookHostLookup = async () => [{ address: answer, family: 4 }];
    const requests: string[] = [];
    const fetchSpy: typeof fetch = async (input) => {
      requests.push(String(input));
      return new Response(null, { status: 204 });
    };
    const { queue, rows, add } = memoryQueue('https://hooks.example.test/in');
    add('whd_public');
    const send = () =>
      sendDueWebhooks({
        store: queue,
        openSecret,
        allowPrivateUrls: false,
        lookup,
        fetch: fetchSpy,
      });
    expect((await send()).map((o) => o.status)).toEqual(['delivered']);
    answer = '10.1.2.3';
    add('whd_rebound');
    const [refused] = await send();
    expect(refused).toMatchObject({ status: 'failed', statusCode: null });
    expect(refused?.error).toMatch(/^URL_REFUSED: .*10\.1\.2\.3/);
    expect(requests).toEqual(['https://hooks.example.test/in']);
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'failed']);
  });

  it('fails deliveries of a subscription turned off, without a request', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { queue, add } = memoryQueue(receiver.url, false);
    add('whd_off');
    const [outcome] = await sendDueWebhooks({ store: queue, openSecret, allowPrivateUrls: true });
    expect(outcome).toMatchObject({
      status: 'failed',
      error: 'SUBSCRIPTION_INACTIVE: the subscription is turned off',
    });
    expect(receiver.attempts).toHaveLength(0);
  });

  it('fails deliveries of a subscription the system turned off, naming the reason', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { queue, rows, add } = memoryQueue(receiver.url, false, 'too many failures');
    add('whd_disabled');
    const [outcome] = await sendDueWebhooks({ store: queue, openSecret, allowPrivateUrls: true });
    expect(outcome).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(rows[0]?.lastError).toBe(
      'SUBSCRIPTION_DISABLED: the subscription was turned off by the system (too many failures)',
    );
    expect(receiver.attempts).toHaveLength(0);
  });

  it('fails a delivery whose secret cannot be opened, and goes on with the others', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { queue, add } = memoryQueue(receiver.url);
    add('whd_sealed_elsewhere');
    const outcomes = await sendDueWebhooks({
      store: queue,
      openSecret: () => {
        throw new Error('not a sealed value');
      },
      allowPrivateUrls: true,
    });
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'failed',
        error: expect.stringMatching(/^SECRET_UNREADABLE/),
      }),
    ]);
    expect(receiver.attempts).toHaveLength(0);
  });
});

describe('checkWebhookUrl', () => {
  const publicLookup: WebhookHostLookup = async () => [{ address: '93.184.216.34', family: 4 }];
  const strict = { allowPrivate: false, lookup: publicLookup };

  it('refuses other schemes, plain http and credentials unless private URLs are allowed', async () => {
    for (const url of ['ftp://hooks.example.com/', 'not a url', 'http://hooks.example.com/'])
      expect(await checkWebhookUrl(url, strict)).toMatchObject({ ok: false, reason: 'refused' });
    expect(await checkWebhookUrl('https://u:p@hooks.example.com/', strict)).toMatchObject({
      ok: false,
    });
    expect(await checkWebhookUrl('https://hooks.example.com/in', strict)).toEqual({ ok: true });
    expect(await checkWebhookUrl('http://127.0.0.1:8080/in', { allowPrivate: true })).toEqual({
      ok: true,
    });
    expect(await checkWebhookUrl('file:///etc/passwd', { allowPrivate: true })).toMatchObject({
      ok: false,
    });
  });

  it('refuses hosts that are or resolve to loopback, private, link-local, CGNAT, multicast, unspecified', async () => {
    const literals = [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '[::1]',
      '[::]',
      '[fe80::1]',
      '[fd00::1]',
      '[ff02::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:10.0.0.1]',
      '2130706433', // 127.0.0.1 as a number, which URL parsing normalises
    ];
    for (const host of literals)
      expect(await checkWebhookUrl(`https://${host}/in`, strict), host).toMatchObject({
        ok: false,
        reason: 'refused',
        error: { code: 'URL_REFUSED' },
      });
    const mixed: WebhookHostLookup = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:192.168.0.10', family: 6 },
    ];
    expect(
      await checkWebhookUrl('https://rebind.example.com/', { allowPrivate: false, lookup: mixed }),
    ).toMatchObject({ ok: false, reason: 'refused' });
    const none: WebhookHostLookup = async () => {
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    expect(
      await checkWebhookUrl('https://nowhere.example.com/', { allowPrivate: false, lookup: none }),
    ).toMatchObject({ ok: false, reason: 'unresolved' });
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    expect(isPublicAddress('not-an-ip')).toBe(false);
  });
});

describe('createGuardedFetch', () => {
  let receiver: WebhookReceiver;
  afterEach(async () => receiver?.close());

  it('connects only to addresses the policy allows, resolved at connection time', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const port = new URL(receiver.url).port;
    const toLoopback: WebhookHostLookup = async () => [{ address: '127.0.0.1', family: 4 }];
    // A name that resolves inside: refused on connecting, nothing reaches the receiver.
    const strict = createGuardedFetch({ allowPrivate: false, lookup: toLoopback });
    await expect(
      strict(`http://rebind.example.test:${port}/webhooks`, { method: 'POST', body: '{}' }),
    ).rejects.toMatchObject({ code: 'URL_REFUSED' });
    expect(receiver.attempts).toHaveLength(0);
    // Allowed: the same name reaches the receiver through the given lookup, and the answer comes back.
    receiver.failNext(1, 503, '7');
    const open = createGuardedFetch({ allowPrivate: true, lookup: toLoopback });
    const answer = await open(`http://rebind.example.test:${port}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(receiver.attempts).toHaveLength(1);
  });

  it('is what the sender uses by default: deliveries reach the receiver through it', async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    const { queue, add } = memoryQueue(receiver.url);
    add('whd_guarded');
    const [outcome] = await sendDueWebhooks({ store: queue, openSecret, allowPrivateUrls: true });
    expect(outcome?.status).toBe('delivered');
    expect(receiver.deliveries.map((d) => d.id)).toEqual(['whd_guarded']);
  });
});
