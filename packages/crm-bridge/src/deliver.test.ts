import { describe, expect, it } from 'vitest';
import { webhookBackoff } from './backoff.js';
import { deliverWebhook } from './deliver.js';
import { isWebhookError } from './errors.js';
import { deliveryFixture } from './test-utils.js';
import { startWebhookReceiver } from './testing/receiver.js';

const SECRET = 'whsec_deliver-test';

describe('deliverWebhook against a local receiver', () => {
  it('delivers a signed POST once; the receiver verifies it and keeps the payload', async () => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    const delivery = deliveryFixture('whd_ok');
    const result = await deliverWebhook({ url: receiver.url, secret: SECRET, delivery });
    expect(result).toMatchObject({ ok: true, status: 200, retryable: false, error: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.deliveries).toEqual([delivery]);
    expect(receiver.attempts).toEqual([
      {
        deliveryId: 'whd_ok',
        event: 'booking.created',
        outcome: 'accepted',
        status: 200,
        errorCode: null,
      },
    ]);
  });

  it('counts a replay of the same delivery id and keeps the delivery once', async () => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    const delivery = deliveryFixture('whd_replayed');
    for (let i = 0; i < 3; i++)
      expect((await deliverWebhook({ url: receiver.url, secret: SECRET, delivery })).ok).toBe(true);
    await deliverWebhook({
      url: receiver.url,
      secret: SECRET,
      delivery: deliveryFixture('whd_other'),
    });
    expect(receiver.deliveries.map((d) => d.id)).toEqual(['whd_replayed', 'whd_other']);
    expect(receiver.replays('whd_replayed')).toBe(2);
    expect(receiver.replays('whd_other')).toBe(0);
    expect(receiver.replays()).toBe(2);
  });

  it.each([408, 429, 500, 502, 503])('calls %i retryable', async (status) => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    receiver.failNext(1, status);
    const result = await deliverWebhook({
      url: receiver.url,
      secret: SECRET,
      delivery: deliveryFixture(),
    });
    expect(result).toMatchObject({ ok: false, status, retryable: true, retryAfterMs: null });
    expect(isWebhookError(result.error, 'DELIVERY_REJECTED')).toBe(true);
    expect(result.error?.status).toBe(status);
    expect(receiver.deliveries).toEqual([]);
  });

  it.each([400, 401, 404, 410, 302])('calls %i final (not retryable)', async (status) => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    receiver.failNext(1, status);
    const result = await deliverWebhook({
      url: receiver.url,
      secret: SECRET,
      delivery: deliveryFixture(),
    });
    expect(result).toMatchObject({ ok: false, status, retryable: false });
    expect(isWebhookError(result.error, 'DELIVERY_REJECTED')).toBe(true);
  });

  it('returns Retry-After, in seconds or as a date', async () => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    const now = () => Date.parse('2026-11-09T09:00:00Z');
    receiver.failNext(1, 429, '30');
    receiver.failNext(1, 503, 'Mon, 09 Nov 2026 09:02:00 GMT');
    const opts = { url: receiver.url, secret: SECRET, delivery: deliveryFixture(), now };
    expect((await deliverWebhook(opts)).retryAfterMs).toBe(30_000);
    // The receiver verifies with the real clock; only the sender's is fixed here.
    expect((await deliverWebhook(opts)).retryAfterMs).toBe(120_000);
  });

  it('is refused by a receiver with another secret: 400, not retryable', async () => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    const result = await deliverWebhook({
      url: receiver.url,
      secret: 'whsec_wrong',
      delivery: deliveryFixture(),
    });
    expect(result).toMatchObject({ ok: false, status: 400, retryable: false });
    expect(receiver.attempts[0]).toMatchObject({
      outcome: 'rejected',
      errorCode: 'SIGNATURE_MISMATCH',
    });
    expect(receiver.deliveries).toEqual([]);
  });

  it('is refused by a receiver whose clock is far from the sender', async () => {
    await using receiver = await startWebhookReceiver({
      secret: SECRET,
      now: () => Date.parse('2026-11-09T09:00:00Z'),
    });
    const result = await deliverWebhook({
      url: receiver.url,
      secret: SECRET,
      delivery: deliveryFixture(),
      now: () => Date.parse('2026-11-09T09:10:00Z'),
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(receiver.attempts[0]?.errorCode).toBe('SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE');
  });

  it('signs with every secret while one rotates', async () => {
    await using receiver = await startWebhookReceiver({ secret: 'whsec_old' });
    const result = await deliverWebhook({
      url: receiver.url,
      secret: ['whsec_new', 'whsec_old'],
      delivery: deliveryFixture(),
    });
    expect(result.ok).toBe(true);
  });

  it('gives up on a receiver that never answers after timeoutMs: DELIVERY_TIMEOUT, retryable', async () => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    receiver.hangNext();
    const result = await deliverWebhook({
      url: receiver.url,
      secret: SECRET,
      delivery: deliveryFixture(),
      timeoutMs: 200,
    });
    expect(result).toMatchObject({ ok: false, status: null, retryable: true });
    expect(isWebhookError(result.error, 'DELIVERY_TIMEOUT')).toBe(true);
    await receiver.waitForAttempts(1);
    expect(receiver.attempts[0]?.outcome).toBe('hung');
  });

  it('reports a refused connection as DELIVERY_NETWORK, retryable', async () => {
    const receiver = await startWebhookReceiver({ secret: SECRET });
    await receiver.close();
    const result = await deliverWebhook({
      url: receiver.url,
      secret: SECRET,
      delivery: deliveryFixture(),
    });
    expect(result).toMatchObject({ ok: false, status: null, retryable: true });
    expect(isWebhookError(result.error, 'DELIVERY_NETWORK')).toBe(true);
  });

  it.each([
    'ftp://example.com/hook',
    'file:///etc/passwd',
    'javascript:alert(1)',
    '/relative',
    'not a url',
  ])('refuses %s without a request', async (url) => {
    const calls: unknown[] = [];
    const fetchSpy: typeof fetch = async (...args) => {
      calls.push(args);
      return new Response(null, { status: 200 });
    };
    const result = await deliverWebhook({
      url,
      secret: SECRET,
      delivery: deliveryFixture(),
      fetch: fetchSpy,
    });
    expect(result).toMatchObject({ ok: false, status: null, retryable: false });
    expect(isWebhookError(result.error, 'URL_REFUSED')).toBe(true);
    expect(calls).toEqual([]);
  });

  it("throws for the caller's mistakes: a timeout setTimeout cannot keep, an id unfit for a header", async () => {
    const base = { url: 'http://127.0.0.1:1/', secret: SECRET, delivery: deliveryFixture() };
    for (const timeoutMs of [0, -1, 1.5, 2 ** 31])
      await expect(deliverWebhook({ ...base, timeoutMs })).rejects.toThrow(RangeError);
    for (const id of ['', 'whd_1\r\nX-Injected: 1', 'whd_ü', 'x'.repeat(201)])
      await expect(deliverWebhook({ ...base, delivery: { ...base.delivery, id } })).rejects.toThrow(
        TypeError,
      );
  });

  it('reaches the receiver exactly once per delivery id through failures and retries', async () => {
    await using receiver = await startWebhookReceiver({ secret: SECRET });
    receiver.failNext(2, 503);
    const delivery = deliveryFixture('whd_retried');
    const waits: (number | null)[] = [];
    let attempt = 0;
    for (;;) {
      attempt++;
      const result = await deliverWebhook({ url: receiver.url, secret: SECRET, delivery });
      if (result.ok || !result.retryable) break;
      // The job runner would wait this long; here the schedule is only checked, not slept.
      waits.push(webhookBackoff(attempt, { random: () => 0, retryAfterMs: result.retryAfterMs }));
    }
    expect(attempt).toBe(3);
    expect(waits).toEqual([60_000, 300_000]);
    expect(receiver.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'accepted']);
    expect(receiver.deliveries.map((d) => d.id)).toEqual(['whd_retried']);
  });
});
