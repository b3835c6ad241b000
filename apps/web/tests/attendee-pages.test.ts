// The attendee's other pages: "Keep my meeting" on the cancel page, the moved page's end time,
// zone and new calendar file, and a retry when the times fail to load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  book,
  createLink,
  firstSlots,
  signUpHost,
  type HostClient,
  bookFirstSlot,
} from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('attendee pages', () => {
  it('keeps the meeting from the cancel page, back on the confirmation it came from', async () => {
    const link = await createLink(host, { title: 'Stay', slug: 'stay' });
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await page.goto(`/book/${link.slug}?name=Kai&email=kai@example.test`);
    await page.locator('ul.slots button').first().click();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.waitForURL(/\/book\/booking\//);
    const confirmation = page.url();
    await page.getByRole('link', { name: 'cancel' }).click();
    await page.waitForURL(/\/book\/cancel\//);
    await page.waitForFunction(() => document.title === 'Cancel · Stay');
    await page.getByRole('link', { name: 'Keep my meeting' }).click();
    await page.waitForURL(confirmation);
    await page.getByTestId('confirmation').waitFor();
    await page.context().close();
  });

  it('says nothing changed when a cancel link opened on its own is not used', async () => {
    const link = await createLink(host, { title: 'Stay put', slug: 'stay-put' });
    const { start, created } = await bookFirstSlot(server.url, link.slug, {
      name: 'Noa',
      email: 'noa@example.test',
    });
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await page.goto(new URL(created.cancelUrl).pathname);
    await page.getByRole('button', { name: 'Keep my meeting' }).click();
    await page.getByRole('heading', { name: 'Your meeting stays booked' }).waitFor();
    const { bookings } = await host.request<{ bookings: { start: string }[] }>(
      'GET',
      '/api/host/bookings?filter=upcoming',
    );
    expect(bookings.map((b) => b.start)).toContain(start);
    await page.context().close();
  });

  it('shows the moved meeting with its end, zone and new calendar file', async () => {
    const link = await createLink(host, { title: 'Shift', slug: 'shift' });
    const [first, , third] = await firstSlots(server.url, link.slug, 3);
    const created = await book(server.url, link.slug, first!, {
      name: 'Ode',
      email: 'ode@example.test',
      timeZone: 'Asia/Tokyo',
    });
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await page.goto(new URL(created.rescheduleUrl).pathname);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(
      new Date(third!),
    );
    await page.locator(`button.day[data-date="${day}"]`).click();
    await page.locator(`ul.slots button[data-start="${third}"]`).click();
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    const moved = page.getByTestId('new-time');
    await moved.waitFor();
    const text = (await moved.textContent())!;
    const hm = (iso: string) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'Asia/Tokyo',
        hour: 'numeric',
        minute: '2-digit',
      }).format(new Date(iso));
    const end = new Date(Date.parse(third!) + 30 * 60_000).toISOString();
    expect(text.replace(/\s/g, ' ')).toContain(hm(end).replace(/\s/g, ' '));
    expect(text).toContain('Asia/Tokyo');
    const ics = await page
      .getByRole('link', { name: 'Add to calendar (.ics)' })
      .getAttribute('href');
    expect(ics).not.toContain(created.rescheduleToken);
    await page.context().close();
  });

  it('offers a retry when the times fail to load', async () => {
    const link = await createLink(host, { title: 'Flaky', slug: 'flaky' });
    const page = await newPage(browser, server.url);
    let failed = false;
    // The first slot request fails as a dropped connection would; the retry reaches the server.
    await page.route('**/api/public/links/flaky/slots*', (route) => {
      if (failed) return route.continue();
      failed = true;
      return route.abort('connectionreset');
    });
    await page.goto(`/book/${link.slug}`);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('ul.slots button').first().waitFor();
    expect(await page.getByTestId('slots-error').count()).toBe(0);
    await page.context().close();
  });
});
