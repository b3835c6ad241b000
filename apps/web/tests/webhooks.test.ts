// The Webhooks page end to end: a receiver in this process checks every delivery's
// `Workestra-Signature` with the secret the page showed once; the host adds a subscription, sends a
// test, books a meeting and sees booking.created delivered, pages through the deliveries, rotates
// the secret and deletes the subscription.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { verifySignature } from '@workestra/crm-bridge';
import { book, createLink, firstSlots, signUpHost } from './support/api';
import { launchBrowser, newPage, axeViolations, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

/** One request the receiver got: its event and whether its signature held under the secret. */
interface Received {
  event: string;
  deliveryId: string;
  verified: boolean;
}

/**
 * A webhook endpoint on 127.0.0.1: answers 200 to a delivery signed with `secret`, 401 otherwise,
 * and lets the test wait for a verified delivery of an event (no polling, no sleeps).
 */
interface Receiver {
  url: string;
  secret: string | null;
  received: Received[];
  /** Resolves with the first verified delivery of `event` (already received or still to come). */
  next(event: string): Promise<Received>;
  close(): Promise<void>;
}

function startReceiver(): Promise<Receiver> {
  const waiters: { event: string; resolve(r: Received): void }[] = [];
  const receiver: Receiver = {
    url: '',
    secret: null,
    received: [],
    next(event) {
      const seen = receiver.received.find((r) => r.event === event && r.verified);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ event, resolve }));
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const verified =
        receiver.secret !== null &&
        verifySignature({
          secret: receiver.secret,
          rawBody,
          header: req.headers['workestra-signature'],
        }).ok;
      let body: { id?: string; event?: string } = {};
      try {
        body = JSON.parse(rawBody) as typeof body;
      } catch {
        // not JSON: recorded as an unknown event
      }
      const got: Received = {
        event: body.event ?? '',
        deliveryId: body.id ?? '',
        verified,
      };
      receiver.received.push(got);
      res.writeHead(verified ? 200 : 401, { 'Content-Type': 'text/plain' }).end();
      if (!verified) return;
      for (const w of waiters.filter((x) => x.event === got.event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(got);
      }
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      receiver.url = `http://127.0.0.1:${port}/hooks/workestra`;
      ok(receiver);
    });
  });
}

let server: TestServer;
let browser: Browser;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  server = await startServer({
    // A running job runner: the booking's follow-up records and sends the webhook delivery.
    JOB_POLL_MS: '200',
    // The receiver listens on 127.0.0.1 (also the default for a loopback PUBLIC_URL).
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
});

describe('webhooks page', () => {
  it('adds a subscription, shows its secret once, tests it and shows booking.created delivered', async () => {
    const host = await signUpHost(server.url, { name: 'Wanda Webhook', timeZone: 'Asia/Tokyo' });
    const link = await createLink(host, { title: 'Webhook call', slug: 'webhook-call' });
    const { events } = await host.request<{ events: string[] }>('GET', '/api/host/webhooks/events');
    expect(events).toContain('booking.created');

    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
    await page.getByText('No webhooks yet.', { exact: false }).waitFor();

    // The form offers exactly the server's events.
    const form = page.getByRole('form', { name: 'Add a webhook' });
    await form.getByRole('checkbox', { name: 'booking.created' }).waitFor();
    expect(await form.getByRole('checkbox').count()).toBe(events.length);

    // No event chosen: said next to the events, nothing sent.
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await form.getByText('Choose at least one event.').waitFor();

    // A URL the server refuses (not http or https): the error is shown at the field.
    await form.getByRole('checkbox', { name: 'booking.created' }).check();
    await form.getByLabel('Endpoint URL').fill('ftp://127.0.0.1/hooks');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const urlError = form.locator('#wh-url-error');
    await urlError.waitFor();
    expect(await form.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');

    // Added: the secret is shown once, with how to verify it.
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel(/Description/).fill('Our CRM');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secretText = page.getByTestId('webhook-secret');
    await secretText.waitFor();
    const secret = (await secretText.textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    receiver.secret = secret;
    await page.getByText('you won’t see it again').waitFor();
    await page.getByText('Workestra-Signature', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Copy the signing secret' }).waitFor();
    const card = page.locator('li.webhook', { hasText: receiver.url });
    await card.getByText('Our CRM').waitFor();
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    // Gone after a reload; the subscription stays.
    await page.reload();
    await card.waitFor();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // Send test: delivered to the receiver, which verified the signature and answered 200.
    await card.getByRole('button', { name: `Send test to ${receiver.url}` }).click();
    await card.getByTestId('test-result').getByText('Test event: Delivered (HTTP 200)').waitFor();
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received.every((r) => r.verified)).toBe(true);

    // A booking: booking.created reaches the receiver, then shows as delivered on the page.
    const [start] = await firstSlots(server.url, link.slug, 1);
    await book(server.url, link.slug, start!, { name: 'Ben Booker', email: 'ben@example.test' });
    const created = await receiver.next('booking.created');
    await page.getByRole('button', { name: 'Refresh deliveries' }).click();
    const row = page.locator(`tr[data-delivery-id="${created.deliveryId}"]`);
    await page
      .locator(`tr[data-delivery-id="${created.deliveryId}"][data-status="delivered"]`)
      .waitFor();
    expect(await row.locator('td').first().textContent()).toBe('booking.created');
    expect(await row.getByText('Delivered', { exact: true }).count()).toBe(1);
    // Its time is in the host's zone (Asia/Tokyo), not the browser's (UTC).
    const { items } = await host.request<{ items: { id: string; createdAt: string }[] }>(
      'GET',
      '/api/host/webhooks/deliveries',
    );
    const createdAt = items.find((d) => d.id === created.deliveryId)!.createdAt;
    const inTokyo = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat(undefined, {
          timeZone: 'Asia/Tokyo',
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        }).format(new Date(iso)),
      createdAt,
    );
    expect(await row.locator('td.created').textContent()).toBe(inTokyo);

    // Paging: twenty more test deliveries (through the API) make a second page.
    const id = (await card.getAttribute('data-webhook-id'))!;
    for (let i = 0; i < 20; i++)
      await host.request('POST', `/api/host/webhooks/${encodeURIComponent(id)}/test`);
    const rows = page.locator('tr[data-delivery-id]');
    await page.getByRole('button', { name: 'Refresh deliveries' }).click();
    await rows.nth(19).waitFor();
    await page.getByRole('button', { name: 'Load more deliveries' }).click();
    await rows.nth(21).waitFor();
    expect(await rows.count()).toBe(22);
    expect(await page.getByRole('button', { name: 'Load more deliveries' }).count()).toBe(0);
    expect(await rows.locator('td:first-child').allTextContents()).toContain('booking.created');
    // One webhook's deliveries: the same rows, without the Webhook column.
    await page.getByLabel('Show deliveries to').selectOption(id);
    await page.getByRole('columnheader', { name: 'Webhook' }).waitFor({ state: 'detached' });
    await rows.nth(19).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Webhook' }).count()).toBe(0);

    // Rotating: after the confirmation the new secret is shown once; the old one no longer
    // verifies (the receiver answers 401), the new one does.
    await card.getByRole('button', { name: `Rotate secret of ${receiver.url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('heading', { name: /New signing secret for/ }).waitFor();
    const rotated = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    const result = card.getByTestId('test-result');
    await card.getByRole('button', { name: `Send test to ${receiver.url}` }).click();
    await result.getByText(/^Test event: (Pending|Failed) \(HTTP 401\)/).waitFor();
    receiver.secret = rotated;
    await card.getByRole('button', { name: `Send test to ${receiver.url}` }).click();
    await result.getByText('Test event: Delivered (HTTP 200)').waitFor();
    await page.getByRole('button', { name: 'I have saved the secret' }).click();
    expect(await page.getByTestId('webhook-secret').count()).toBe(0);

    // Switched off, and still off after a reload.
    const active = card.getByRole('switch', { name: `Active: ${receiver.url}` });
    // The switch shows the server's state: it flips once the change is saved.
    await active.click();
    await page.getByText(`The webhook to ${receiver.url} is now inactive.`).waitFor();
    expect(await active.isChecked()).toBe(false);
    await page.reload();
    await card.waitFor();
    expect(await active.isChecked()).toBe(false);

    // Deleted after the confirmation.
    await card.getByRole('button', { name: `Delete ${receiver.url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByText(`The webhook to ${receiver.url} was deleted.`).waitFor();
    await page.getByText('No webhooks yet.', { exact: false }).waitFor();
    expect(
      (await host.request<{ subscriptions: unknown[] }>('GET', '/api/host/webhooks')).subscriptions,
    ).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('resends a failed delivery from the list and shows its new outcome', async () => {
    const host = await signUpHost(server.url, { name: 'Rhea Resend', timeZone: 'UTC' });
    const endpoint = await startReceiver();
    try {
      // The receiver does not know the secret yet: it answers 401, which fails the test delivery.
      const { subscription, secret } = await host.request<{
        subscription: { id: string };
        secret: string;
      }>('POST', '/api/host/webhooks', { url: endpoint.url, events: ['booking.created'] });
      const { delivery } = await host.request<{ delivery: { id: string; status: string } }>(
        'POST',
        `/api/host/webhooks/${encodeURIComponent(subscription.id)}/test`,
      );
      expect(delivery.status).toBe('failed');

      const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
      await signInPage(page, server.url, host.cookie);
      await page.goto('/settings/webhooks');
      const failedRow = page.locator(`tr[data-delivery-id="${delivery.id}"][data-status="failed"]`);
      await failedRow.waitFor();
      // Only failed rows offer it.
      expect(await page.getByRole('button', { name: /^Resend/ }).count()).toBe(1);

      endpoint.secret = secret;
      await failedRow.getByRole('button', { name: /^Resend webhook\.test delivery/ }).click();
      await page
        .locator(`tr[data-delivery-id="${delivery.id}"][data-status="delivered"]`)
        .waitFor();
      await page
        .getByTestId('resend-result')
        .getByText('Resent webhook.test: Delivered (HTTP 200)')
        .waitFor();
      const row = page.locator(`tr[data-delivery-id="${delivery.id}"]`);
      expect(await row.locator('td').nth(3).textContent()).toBe('2');
      expect(await row.getByRole('button').count()).toBe(0);
      // The same delivery id reached the receiver both times; the second one verified.
      expect(endpoint.received.map((r) => [r.deliveryId, r.verified])).toEqual([
        [delivery.id, false],
        [delivery.id, true],
      ]);
      const violations = await axeViolations(page);
      expect(violations, violations.join('\n')).toEqual([]);
      await page.context().close();
    } finally {
      await endpoint.close();
    }
  }, 120_000);
});
