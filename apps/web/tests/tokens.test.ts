// Self-service pages: reschedule and cancel through the token links, and the pages for bad,
// used and cancelled tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BookingCreated, HostBooking } from '../src/common/types';
import { book, createLink, firstSlots, signUpHost, type HostClient } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { downloadCalendarFile, icsValue } from './support/ics';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;
let booked: BookingCreated;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url);
  const link = await createLink(host, { title: 'Support call', slug: 'support' });
  const [start] = await firstSlots(server.url, link.slug, 1);
  booked = await book(server.url, link.slug, start!, {
    name: 'Rafa Reschedule',
    email: 'rafa@example.test',
    timeZone: 'America/Sao_Paulo',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pathOf = (url: string) => new URL(url).pathname;
const hostBooking = async (id: string) =>
  (await host.request<{ booking: HostBooking }>('GET', `/api/host/bookings/${id}`)).booking;

describe('self-service token pages', () => {
  it('reschedules to another slot', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'America/Sao_Paulo' });
    await page.goto(pathOf(booked.rescheduleUrl));
    await page.getByRole('heading', { name: 'Reschedule Support call' }).waitFor();
    await page.locator('button.day.available').first().click();
    const other = page
      .locator(`ul.slots button:not([data-start="${booked.booking.start}"])`)
      .first();
    const newStart = (await other.getAttribute('data-start'))!;
    await other.click();
    await page.getByRole('button', { name: 'Confirm new time' }).click();
    await page.getByRole('heading', { name: 'Your meeting was moved' }).waitFor();
    await screenshot(page, 'token-rescheduled');
    expect((await hostBooking(booked.booking.id)).start).toBe(newStart);
    // "Add to calendar" now gives the updated invite: same UID, the next SEQUENCE, the new time.
    const file = await downloadCalendarFile(page);
    expect(file.name).toBe('support.ics');
    expect(icsValue(file.text, 'UID')).toBe(`${booked.booking.id}@workestra.app`);
    expect(icsValue(file.text, 'SEQUENCE')).toBe('1');
    expect(icsValue(file.text, 'DTSTART')).toBe(newStart.replace(/[-:]|\.\d{3}/g, ''));
    // Tokens rotate on reschedule: the page shows the new links and the old ones say the meeting
    // moved.
    const links = page.getByTestId('new-links');
    const rescheduleUrl = (await links
      .getByRole('link', { name: 'Reschedule' })
      .getAttribute('href'))!;
    const cancelUrl = (await links.getByRole('link', { name: 'cancel' }).getAttribute('href'))!;
    expect(rescheduleUrl).not.toBe(booked.rescheduleUrl);
    await page.goto(pathOf(booked.rescheduleUrl));
    await page.getByRole('heading', { name: 'This meeting was moved' }).waitFor();
    await page.goto(pathOf(booked.cancelUrl));
    await page.getByRole('heading', { name: 'This meeting was moved' }).waitFor();
    await page.goto(pathOf(rescheduleUrl));
    await page.getByRole('heading', { name: 'Reschedule Support call' }).waitFor();
    booked = { ...booked, rescheduleUrl, cancelUrl };
    await page.context().close();
  });

  it('cancels with a reason, then shows the cancelled page for both links', async () => {
    const page = await newPage(browser, server.url);
    await page.goto(pathOf(booked.cancelUrl));
    await page.getByRole('heading', { name: 'Cancel Support call?' }).waitFor();
    await page.getByLabel(/Reason/).fill('Something came up');
    await screenshot(page, 'token-cancel');
    await page.getByRole('button', { name: 'Cancel meeting' }).click();
    await page.getByRole('heading', { name: 'Your meeting is cancelled' }).waitFor();
    const after = await hostBooking(booked.booking.id);
    expect(after).toMatchObject({ status: 'cancelled', cancelReason: 'Something came up' });

    await page.goto(pathOf(booked.cancelUrl));
    await page.getByRole('heading', { name: 'This meeting was cancelled' }).waitFor();
    await page.goto(pathOf(booked.rescheduleUrl));
    await page.getByRole('heading', { name: 'This meeting was cancelled' }).waitFor();
    await screenshot(page, 'token-already-cancelled');
    await page.context().close();
  });

  it('shows a clear page for an unknown token', async () => {
    const page = await newPage(browser, server.url);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/book/reschedule/not-a-real-token');
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await page.goto('/book/cancel/not-a-real-token');
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await screenshot(page, 'token-invalid');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
