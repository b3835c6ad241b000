// Signed webhooks end to end: the crm.sync job of each booking change records deliveries for the
// workspace's subscriptions (withWebhooks over the SQL CRM), the sender sends them to a receiver
// that verifies every signature, retries on the backoff (driven by the injected clock) keep the
// delivery id, a retried job records nothing new, and the routes keep to the host's workspace,
// show a secret only when made, and refuse URLs that reach private networks.
import { WEBHOOK_EVENTS, type WebhookHostLookup } from '@workestra/crm-bridge';
import { startWebhookReceiver, type WebhookReceiver } from '@workestra/crm-bridge/testing';
import {
  WEBHOOK_AUTO_DISABLE_AFTER_FAILURES,
  WEBHOOK_AUTO_DISABLED_REASON,
} from '@workestra/store';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  bookOne,
  type Client,
  expectError,
  expectStatus,
  signUpHost,
} from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';
import {
  webhookCreatedResponseSchema,
  webhookDeliveriesResponseSchema,
  webhookDeliveryResponseSchema,
  webhookEventsResponseSchema,
  webhookSubscriptionResponseSchema,
  webhookSubscriptionsResponseSchema,
} from './webhook-schemas.js';

const PRIVATE_OK = { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' };
const HOUR = 3_600_000;

async function drain(server: TestServer): Promise<number> {
  let ran = 0;
  for (let round = 0; round < 20; round++) {
    const { claimed } = await server.runtime.runner.runOnce();
    if (claimed === 0) return ran;
    ran += claimed;
  }
  throw new Error('jobs kept coming');
}

/** Sender passes until one sends nothing (what is due now); the outcomes of all of them. */
async function send(server: TestServer) {
  const all = [];
  for (let round = 0; round < 20; round++) {
    const outcomes = await server.runtime.webhookSender.runOnce();
    if (outcomes.length === 0) return all;
    all.push(...outcomes);
  }
  throw new Error('deliveries kept coming');
}

/**
 * Subscribes `host` to `events` and points the subscription at a fresh receiver that verifies with
 * the secret the creation answered (and the server's clock).
 */
async function subscribe(
  server: TestServer,
  host: Client,
  events: readonly string[] = WEBHOOK_EVENTS,
): Promise<{ id: string; secret: string; receiver: WebhookReceiver }> {
  const created = await host.post('/api/host/webhooks', {
    body: { url: 'https://placeholder.example/hook', events, description: 'CRM mirror' },
  });
  expectStatus(created, 201);
  const { subscription, secret } = webhookCreatedResponseSchema.parse(created.body);
  const receiver = await startWebhookReceiver({ secret, now: () => server.clock.now() });
  const moved = await host.patch(`/api/host/webhooks/${subscription.id}`, {
    body: { url: receiver.url },
  });
  expectStatus(moved, 200);
  return { id: subscription.id, secret, receiver };
}

/** As if the worker that ran the job died before completing it: running, its lease over. */
async function rewindJob(server: TestServer, idempotencyKey: string): Promise<void> {
  const past = server.clock.now() - 1;
  const { handle } = server;
  if (handle.dialect === 'postgres')
    await handle.pool.query(
      `UPDATE jobs SET status = 'running', locked_by = 'ghost', locked_until = $1 WHERE idempotency_key = $2`,
      [past, idempotencyKey],
    );
  else {
    const db = new Database(handle.filename, { timeout: 5000 });
    try {
      db.prepare(
        `UPDATE jobs SET status = 'running', locked_by = 'ghost', locked_until = ? WHERE idempotency_key = ?`,
      ).run(past, idempotencyKey);
    } finally {
      db.close();
    }
  }
}

describe.each(DIALECTS)('webhooks (%s)', (dialect) => {
  it('reports a booking, its deal and its changes as signed deliveries', async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, {
      email: `wh-e2e-${dialect}@example.com`,
      link: {
        title: 'Discovery',
        slug: 'discovery',
        autoCreateDeal: true,
        defaultDealStage: 'New leads',
        defaultDealValueMinor: 150_050,
      },
    });
    const { id: subscriptionId, receiver } = await subscribe(server, host);
    await using _r = receiver;
    const events = () => receiver.deliveries.map((d) => d.event);

    const booked = await bookOne(server, 'discovery', '2026-11-04T10:00:00Z', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    await drain(server);
    expect((await send(server)).every((o) => o.status === 'delivered')).toBe(true);
    expect([...events()].sort()).toEqual(['booking.created', 'deal.created', 'deal.updated']);
    const dealCreated = receiver.deliveries.find((d) => d.event === 'deal.created');
    expect(dealCreated?.data).toMatchObject({
      booking: { id: booked.booking.id, attendee: { email: 'ada@example.com' } },
      deal: {
        title: 'Discovery with Ada Lovelace',
        stage: 'New leads',
        valueMinor: 150_050,
        meeting: { start: '2026-11-04T10:00:00.000Z', status: 'scheduled' },
      },
    });
    const bookingCreated = receiver.deliveries.find((d) => d.event === 'booking.created');
    expect(bookingCreated?.data.note?.text).toBeTruthy();
    expect(bookingCreated?.data.contact?.id).toBe(dealCreated?.data.contact?.id);

    const moved = await new (host.constructor as typeof Client)(server.url).post(
      `/api/public/tokens/${booked.rescheduleToken}/reschedule`,
      { body: { start: '2026-11-04T11:00:00Z' } },
    );
    expectStatus(moved, 200);
    await drain(server);
    await send(server);
    expect(events().slice(3).sort()).toEqual(['booking.rescheduled', 'deal.updated']);
    const rescheduled = receiver.deliveries.find((d) => d.event === 'booking.rescheduled');
    expect(rescheduled?.data.booking?.start).toBe('2026-11-04T11:00:00.000Z');

    expectStatus(
      await host.post(`/api/host/bookings/${booked.booking.id}/cancel`, { body: {} }),
      200,
    );
    await drain(server);
    await send(server);
    expect(events().slice(5).sort()).toEqual(['booking.cancelled', 'deal.updated']);

    const second = await bookOne(server, 'discovery', '2026-11-04T13:00:00Z', {
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    await drain(server);
    await send(server);
    server.clock.set(Date.parse(second.booking.end));
    expectStatus(await host.post(`/api/host/bookings/${second.booking.id}/no-show`), 200);
    await drain(server);
    await send(server);
    expect(events()).toContain('booking.no_show');
    const noShow = receiver.deliveries.find((d) => d.event === 'booking.no_show');
    expect(noShow?.data.booking).toMatchObject({ id: second.booking.id, noShow: true });

    // Every request was signed right and accepted once; the log shows every delivery delivered.
    expect(receiver.attempts.every((a) => a.outcome === 'accepted')).toBe(true);
    expect(new Set(receiver.deliveries.map((d) => d.id)).size).toBe(receiver.deliveries.length);
    const log = webhookDeliveriesResponseSchema.parse(
      (await host.get(`/api/host/webhooks/deliveries?subscriptionId=${subscriptionId}&limit=200`))
        .body,
    );
    expect(log.items).toHaveLength(receiver.deliveries.length);
    expect(log.items.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
    expect(new Set(log.items.map((d) => d.id))).toEqual(
      new Set(receiver.deliveries.map((d) => d.id)),
    );
  });

  it('sends at once when the running sender is woken by a recorded delivery', async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, {
      email: `wh-loop-${dialect}@example.com`,
      link: { title: 'Loop', slug: 'loop' },
    });
    const { receiver } = await subscribe(server, host, ['booking.created']);
    await using _r = receiver;
    const sender = server.runtime.webhookSender;
    // A poll far away: only the wake-up of the crm.sync job's recording can send it.
    sender.start(3_600_000);
    try {
      await bookOne(server, 'loop', '2026-11-04T10:00:00Z');
      await drain(server);
      await receiver.waitForAttempts(1);
    } finally {
      await sender.stop();
    }
    expect(receiver.attempts.map((a) => [a.event, a.outcome])).toEqual([
      ['booking.created', 'accepted'],
    ]);
  });

  it('retries a failing receiver until it accepts, with the same delivery id every time', async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, {
      email: `wh-retry-${dialect}@example.com`,
      link: { title: 'Intro', slug: 'intro' },
    });
    const { receiver } = await subscribe(server, host, ['booking.created']);
    await using _r = receiver;
    receiver.failNext(2, 503);
    await bookOne(server, 'intro', '2026-11-04T10:00:00Z');
    await drain(server);

    expect((await send(server)).map((o) => o.status)).toEqual(['retrying']);
    expect(await send(server)).toEqual([]); // not due again yet
    server.clock.set(server.clock.now() + HOUR);
    expect((await send(server)).map((o) => o.status)).toEqual(['retrying']);
    server.clock.set(server.clock.now() + HOUR);
    expect((await send(server)).map((o) => o.status)).toEqual(['delivered']);
    server.clock.set(server.clock.now() + 48 * HOUR);
    expect(await send(server)).toEqual([]);

    expect(receiver.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'accepted']);
    expect(new Set(receiver.attempts.map((a) => a.deliveryId)).size).toBe(1);
    expect(receiver.deliveries).toHaveLength(1);
    const log = webhookDeliveriesResponseSchema.parse(
      (await host.get('/api/host/webhooks/deliveries')).body,
    );
    expect(log.items).toEqual([
      expect.objectContaining({
        id: receiver.attempts[0]?.deliveryId,
        event: 'booking.created',
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 200,
        lastError: null,
        nextAttemptAt: null,
      }),
    ]);
  });

  it('records nothing new when a crm.sync job runs again', async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, {
      email: `wh-rerun-${dialect}@example.com`,
      link: { title: 'Deal', slug: 'deal', autoCreateDeal: true },
    });
    const { receiver } = await subscribe(server, host);
    await using _r = receiver;
    const booked = await bookOne(server, 'deal', '2026-11-04T10:00:00Z');
    await drain(server);
    await send(server);
    expect(receiver.deliveries).toHaveLength(3);

    const jobs = await server.handle.jobs.listJobs();
    const sync = jobs.filter(
      (j) => j.kind === 'crm.sync' && j.payload.bookingId === booked.booking.id,
    );
    expect(sync).toHaveLength(1);
    await rewindJob(server, sync[0]!.idempotencyKey);
    expect(await drain(server)).toBe(1);
    expect(await server.handle.jobs.findJobByKey(sync[0]!.idempotencyKey)).toMatchObject({
      status: 'done',
      attempts: 2,
    });
    expect(await send(server)).toEqual([]);
    expect(receiver.attempts).toHaveLength(3);
    const log = webhookDeliveriesResponseSchema.parse(
      (await host.get('/api/host/webhooks/deliveries')).body,
    );
    expect(log.items).toHaveLength(3);
  });

  it('keeps subscriptions to the workspace, shows secrets once, sends test deliveries', async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, { email: `wh-a-${dialect}@example.com` });
    const { host: other } = await signUpHost(server, {
      email: `wh-b-${dialect}@example.com`,
      link: { title: 'Other', slug: 'other' },
    });
    const events = webhookEventsResponseSchema.parse(
      (await host.get('/api/host/webhooks/events')).body,
    );
    expect(events.events).toEqual([...WEBHOOK_EVENTS]);

    const { id, secret, receiver } = await subscribe(server, host, [
      'booking.created',
      'booking.created',
      'note.added',
    ]);
    await using _r = receiver;
    expect(secret).toMatch(/^whsec_/);
    const listed = await host.get('/api/host/webhooks');
    const subs = webhookSubscriptionsResponseSchema.parse(listed.body).subscriptions;
    expect(subs).toEqual([
      expect.objectContaining({
        id,
        url: receiver.url,
        events: ['booking.created', 'note.added'],
        description: 'CRM mirror',
        active: true,
        disabledReason: null,
      }),
    ]);
    expect(listed.text).not.toContain('whsec_');
    expect(listed.text).not.toContain('secret');

    // Another workspace sees none of it and reaches none of it.
    expect((await other.get('/api/host/webhooks')).body.subscriptions).toEqual([]);
    const nf = 'WEBHOOK_SUBSCRIPTION_NOT_FOUND';
    expectError(
      await other.patch(`/api/host/webhooks/${id}`, { body: { active: false } }),
      404,
      nf,
    );
    expectError(await other.delete(`/api/host/webhooks/${id}`), 404, nf);
    expectError(await other.post(`/api/host/webhooks/${id}/secret`), 404, nf);
    expectError(await other.post(`/api/host/webhooks/${id}/test`), 404, nf);
    expectError(await host.post('/api/host/webhooks/whs_nope/test'), 404, nf);
    expectError(await host.patch('/api/host/webhooks/%20bad', { body: {} }), 404, nf);

    // A test delivery is sent at once; its outcome is the answer, a failure is not an error.
    const tested = webhookDeliveryResponseSchema.parse(
      (await host.post(`/api/host/webhooks/${id}/test`)).body,
    );
    expect(tested.delivery).toMatchObject({
      subscriptionId: id,
      event: 'webhook.test',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(receiver.deliveries.map((d) => d.event)).toEqual(['webhook.test']);
    receiver.failNext(1, 500);
    const failing = await host.post(`/api/host/webhooks/${id}/test`);
    expectStatus(failing, 200);
    expect(webhookDeliveryResponseSchema.parse(failing.body).delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
    });
    expect(
      (await other.get(`/api/host/webhooks/deliveries?subscriptionId=${id}`)).body.items,
    ).toEqual([]);

    // Rotation: a new secret, shown once; deliveries are signed with it from now on.
    const rotated = await host.post(`/api/host/webhooks/${id}/secret`);
    expectStatus(rotated, 200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    await using fresh = await startWebhookReceiver({
      secret: rotated.body.secret,
      now: () => server.clock.now(),
    });
    const patched = await host.patch(`/api/host/webhooks/${id}`, {
      body: { url: fresh.url, description: null, active: true },
    });
    expect(webhookSubscriptionResponseSchema.parse(patched.body).subscription).toMatchObject({
      url: fresh.url,
      description: null,
    });
    expect(patched.text).not.toContain('whsec_');
    const viaNew = await host.post(`/api/host/webhooks/${id}/test`);
    expect(viaNew.body.delivery.status).toBe('delivered');
    expect(fresh.attempts.map((a) => a.outcome)).toEqual(['accepted']);

    // Bad input.
    const bad = (body: unknown) => host.post('/api/host/webhooks', { body });
    expectError(await bad({ url: fresh.url, events: [] }), 400, 'VALIDATION_FAILED');
    expectError(await bad({ events: ['booking.created'] }), 400, 'VALIDATION_FAILED');
    expectError(
      await bad({ url: fresh.url, events: ['booking.deleted'] }),
      400,
      'UNKNOWN_WEBHOOK_EVENT',
    );
    expectError(
      await bad({ url: fresh.url, events: ['webhook.test'] }),
      400,
      'UNKNOWN_WEBHOOK_EVENT',
    );
    expectError(
      await host.patch(`/api/host/webhooks/${id}`, { body: { events: ['nope'] } }),
      400,
      'UNKNOWN_WEBHOOK_EVENT',
    );
    expectError(await host.get('/api/host/webhooks/deliveries?limit=0'), 400, 'VALIDATION_FAILED');

    expectStatus(await host.delete(`/api/host/webhooks/${id}`), 204);
    expectError(await host.delete(`/api/host/webhooks/${id}`), 404, nf);
    expect((await host.get('/api/host/webhooks')).body.subscriptions).toEqual([]);
  });

  it('resends a failed delivery now with the same id and body; not a delivered one', async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, { email: `wh-resend-${dialect}@example.com` });
    const { host: other } = await signUpHost(server, {
      email: `wh-resend-b-${dialect}@example.com`,
      link: { title: 'Other', slug: 'other' },
    });
    const { id, receiver } = await subscribe(server, host, ['booking.created']);
    await using _r = receiver;
    receiver.failNext(1, 410);
    const failed = webhookDeliveryResponseSchema.parse(
      (await host.post(`/api/host/webhooks/${id}/test`)).body,
    ).delivery;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });
    const retry = (client: Client, deliveryId: string) =>
      client.post(`/api/host/webhooks/deliveries/${deliveryId}/retry`);

    expectError(await retry(other, failed.id), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expectError(await retry(host, 'whd_nope'), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expectError(await retry(host, '%20bad'), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expect(receiver.attempts).toHaveLength(1);

    server.clock.set(server.clock.now() + HOUR);
    const resent = await retry(host, failed.id);
    expectStatus(resent, 200);
    expect(webhookDeliveryResponseSchema.parse(resent.body).delivery).toMatchObject({
      id: failed.id,
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      createdAt: failed.createdAt,
      deliveredAt: new Date(server.clock.now()).toISOString(),
    });
    // The same delivery: its id and its body as first sent (created then, not now).
    expect(receiver.deliveries).toHaveLength(1);
    expect(receiver.deliveries[0]).toMatchObject({
      id: failed.id,
      event: 'webhook.test',
      createdAt: failed.createdAt,
    });
    expectError(await retry(host, failed.id), 409, 'WEBHOOK_DELIVERY_DELIVERED');
    expect(receiver.attempts).toHaveLength(2);
    expect(await send(server)).toEqual([]);

    // A resend that fails again is booked as usual: a retryable answer is due on the backoff.
    receiver.failNext(1, 410);
    const second = webhookDeliveryResponseSchema.parse(
      (await host.post(`/api/host/webhooks/${id}/test`)).body,
    ).delivery;
    receiver.failNext(1, 503);
    const again = webhookDeliveryResponseSchema.parse((await retry(host, second.id)).body);
    expect(again.delivery).toMatchObject({ id: second.id, status: 'pending', attempts: 2 });
    expect(again.delivery.nextAttemptAt).not.toBeNull();
  });

  it(`turns a subscription off after ${WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} failed deliveries in a row, until turned on`, async () => {
    await using server = await startTestServer(dialect, PRIVATE_OK);
    const { host } = await signUpHost(server, { email: `wh-off-${dialect}@example.com` });
    const { id, receiver } = await subscribe(server, host, ['booking.created']);
    await using _r = receiver;
    const subscription = async () =>
      webhookSubscriptionsResponseSchema
        .parse((await host.get('/api/host/webhooks')).body)
        .subscriptions.find((s) => s.id === id);
    const test = async () =>
      webhookDeliveryResponseSchema.parse((await host.post(`/api/host/webhooks/${id}/test`)).body)
        .delivery;

    // One short of the limit, then a delivered one: the count starts again.
    receiver.failNext(WEBHOOK_AUTO_DISABLE_AFTER_FAILURES - 1, 410);
    for (let i = 0; i < WEBHOOK_AUTO_DISABLE_AFTER_FAILURES - 1; i++)
      expect((await test()).status).toBe('failed');
    expect(await subscription()).toMatchObject({ active: true, disabledReason: null });
    expect((await test()).status).toBe('delivered');

    receiver.failNext(WEBHOOK_AUTO_DISABLE_AFTER_FAILURES, 410);
    for (let i = 0; i < WEBHOOK_AUTO_DISABLE_AFTER_FAILURES; i++)
      expect((await test()).status).toBe('failed');
    expect(await subscription()).toMatchObject({
      active: false,
      disabledReason: WEBHOOK_AUTO_DISABLED_REASON,
    });
    const attempts = receiver.attempts.length;

    // Off: a pending delivery fails without a request, saying why.
    const refused = await test();
    expect(refused).toMatchObject({ status: 'failed', lastStatusCode: null });
    expect(refused.lastError).toBe(
      `SUBSCRIPTION_DISABLED: the subscription was turned off by the system (${WEBHOOK_AUTO_DISABLED_REASON})`,
    );
    expect(receiver.attempts).toHaveLength(attempts);

    // Turned back on: the reason goes, and the refused delivery can be sent again.
    const on = await host.patch(`/api/host/webhooks/${id}`, { body: { active: true } });
    expect(webhookSubscriptionResponseSchema.parse(on.body).subscription).toMatchObject({
      active: true,
      disabledReason: null,
    });
    const resent = await host.post(`/api/host/webhooks/deliveries/${refused.id}/retry`);
    expect(webhookDeliveryResponseSchema.parse(resent.body).delivery).toMatchObject({
      id: refused.id,
      status: 'delivered',
    });
    // One failure after turning on does not turn it off again.
    receiver.failNext(1, 410);
    expect((await test()).status).toBe('failed');
    expect((await subscription())?.active).toBe(true);
  });

  it('refuses URLs that reach private networks, when saved and again when sent', async () => {
    const answers = new Map([
      ['hooks.example.test', '93.184.216.34'],
      ['inside.example.test', '10.0.0.7'],
    ]);
    const lookup: WebhookHostLookup = async (name) => {
      const address = answers.get(name);
      if (address === undefined) throw new Error(`ENOTFOUND ${name}`);
      return [{ address, family: 4 }];
    };
    const requested: string[] = [];
    const fetchSpy: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response(null, { status: 204 });
    };
    // PUBLIC_URL is not loopback in tests: private URLs are not allowed by default.
    await using server = await startTestServer(
      dialect,
      {},
      {
        webhooks: { lookup, fetch: fetchSpy },
      },
    );
    expect(server.runtime.config.webhookAllowPrivateUrls).toBe(false);
    const { host } = await signUpHost(server, { email: `wh-ssrf-${dialect}@example.com` });
    const create = (url: string) =>
      host.post('/api/host/webhooks', { body: { url, events: ['booking.created'] } });
    for (const url of [
      'http://hooks.example.test/in',
      'https://127.0.0.1/in',
      'https://localhost./in',
      'https://10.1.2.3/in',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.1.1/in',
      'https://[::1]/in',
      'https://[::ffff:192.168.1.1]/in',
      'https://[fe80::1]/in',
      'https://224.0.0.1/in',
      'https://0.0.0.0/in',
      'https://inside.example.test/in',
      'https://nowhere.example.test/in',
      'ftp://hooks.example.test/in',
    ])
      expectError(await create(url), 400, 'WEBHOOK_URL_NOT_ALLOWED');
    const created = await create('https://hooks.example.test/in');
    expectStatus(created, 201);
    const id = created.body.subscription.id as string;
    expectError(
      await host.patch(`/api/host/webhooks/${id}`, { body: { url: 'https://[::1]:8443/' } }),
      400,
      'WEBHOOK_URL_NOT_ALLOWED',
    );

    const sent = await host.post(`/api/host/webhooks/${id}/test`);
    expect(sent.body.delivery.status).toBe('delivered');
    expect(requested).toEqual(['https://hooks.example.test/in']);

    // The name now resolves inside: the next attempt fails for good, without a request.
    answers.set('hooks.example.test', '127.0.0.1');
    const refused = webhookDeliveryResponseSchema.parse(
      (await host.post(`/api/host/webhooks/${id}/test`)).body,
    );
    expect(refused.delivery).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(refused.delivery.lastError).toMatch(/^URL_REFUSED/);
    expect(requested).toHaveLength(1);
  });
});
