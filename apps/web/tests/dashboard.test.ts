// The /calendar dashboard: tabs, the week grid, cancelling a meeting as the host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { zonedParts } from '../src/common/time';
import type { BookingCreated } from '../src/common/types';
import { book, createLink, firstSlots, signUpHost, type HostClient } from './support/api';
import { docScreenshot, launchBrowser, newPage, screenshot, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;
let bookings: BookingCreated[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: 'Dana Dashboard' });
  const link = await createLink(host, { title: 'Weekly sync', slug: 'sync' });
  const slots = await firstSlots(server.url, link.slug, 12);
  const people = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];
  bookings = [];
  for (const [i, name] of people.entries())
    bookings.push(
      await book(server.url, link.slug, slots[i * 4]!, {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@example.test`,
      }),
    );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('calendar dashboard', () => {
  it('lists meetings by tab, places them on the week grid, and cancels one', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    await page.getByRole('heading', { name: 'Calendar' }).waitFor();

    const rows = page.locator('table.meetings tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    const first = rows.filter({ hasText: 'Ada Lovelace' });
    expect(await first.textContent()).toContain('Weekly sync');
    expect(await first.textContent()).toContain('Confirmed');

    // Week view: the week holding the first meeting (the week lives in the address as any day of
    // it), then step back and forth.
    const week = page.getByTestId('week-view');
    const firstId = bookings[0]!.booking.id;
    const firstStart = new Date(bookings[0]!.booking.start);
    await page.goto(`/calendar?week=${zonedParts(firstStart, 'Europe/Berlin').date}`);
    const block = week.locator(`[data-booking-id="${firstId}"]`);
    await block.waitFor();
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(firstStart);
    expect(await block.textContent()).toContain(local);
    // Placed by time: 08:00 Berlin sits 40 px per hour below the grid's first hour.
    const top = await block.evaluate((el) => parseFloat((el as HTMLElement).style.top));
    const [h, m] = local.split(':').map(Number) as [number, number];
    expect(top).toBe(((h * 60 + m - 8 * 60) / 60) * 40);
    const range = (await page.getByTestId('week-range').textContent())!;
    const rangeIs = (want: string, same: boolean) =>
      page.waitForFunction(
        ([w, s]) => (document.querySelector('[data-testid="week-range"]')?.textContent === w) === s,
        [want, same] as const,
      );
    await week.getByRole('button', { name: /Next week/ }).click();
    await rangeIs(range, false);
    await expect(block.count()).resolves.toBe(0);
    await week.getByRole('button', { name: /Previous week/ }).click();
    await rangeIs(range, true);
    await block.waitFor();
    await docScreenshot(page, 'dashboard');

    // Cancel Grace's meeting from the Upcoming tab.
    await rows
      .filter({ hasText: 'Grace Hopper' })
      .getByRole('button', { name: /Cancel/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason/).fill('Double-booked');
    await dialog.getByRole('button', { name: 'Cancel meeting' }).click();
    await page.getByText('Cancelled the meeting with Grace Hopper.').waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('table.meetings tbody tr').length === 2,
    );

    await page.getByRole('tab', { name: 'Cancellations' }).click();
    await rows.filter({ hasText: 'Grace Hopper' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Double-booked');
    expect(await rows.first().textContent()).toContain('Cancelled');
    await screenshot(page, 'dashboard-cancellations');

    // Keyboard on the tab list: arrows move between tabs.
    await page.getByRole('tab', { name: 'Cancellations' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'No-shows' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.getByText('No meetings here.').waitFor();
    await page.getByRole('tab', { name: 'Past' }).click();
    await page.getByText('No meetings here.').waitFor();
    await screenshot(page, 'dashboard-past');
    await page.context().close();
  });

  it('shows a long tab a page at a time, with "Load more" until every meeting is listed', async () => {
    // 30 meetings: more than one page of 25 in the table.
    const busy = await signUpHost(server.url, { name: 'Paula Pages' });
    const link = await createLink(busy, { title: 'Office hours', slug: 'office-hours' });
    const slots = await firstSlots(server.url, link.slug, 30);
    expect(slots).toHaveLength(30);
    for (const [i, start] of slots.entries())
      await book(server.url, link.slug, start, {
        name: `Guest ${i + 1}`,
        email: `g${i}@example.test`,
      });

    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, busy.cookie);
    await page.goto('/calendar');
    const rows = page.locator('table.meetings tbody tr');
    const footer = page.getByTestId('meetings-footer');
    await footer.getByText('Showing 25 meetings; there are more.').waitFor();
    expect(await rows.count()).toBe(25);

    await page.getByRole('button', { name: 'Load more' }).click();
    await footer.getByText('Showing 30 meetings.').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    // Soonest first, each meeting once, across both pages.
    const ids = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.getAttribute('data-booking-id')),
    );
    expect(new Set(ids).size).toBe(30);
    const names = await rows.locator('td:first-child strong').allTextContents();
    expect(names).toEqual(slots.map((_, i) => `Guest ${i + 1}`));

    // Changing tab starts that tab from its first page.
    await page.getByRole('tab', { name: 'Cancellations' }).click();
    await page.getByText('No meetings here.').waitFor();
    await page.getByRole('tab', { name: 'Upcoming' }).click();
    await footer.getByText('Showing 25 meetings; there are more.').waitFor();
    await page.context().close();
  });

  it('lists the emails whose delivery is undecided, and says nothing when there are none', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, host.cookie);
    // None yet on this server: no notice.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/host/uncertain-emails'));
    await page.goto('/calendar');
    expect(await (await answered).json()).toEqual({ emails: [] });
    await page.locator('table.meetings').waitFor();
    expect(await page.getByRole('heading', { name: /may not have been delivered/ }).count()).toBe(
      0,
    );

    // The server's answer for a host with one undecided confirmation (that answer itself is
    // covered by the server's tests): the dashboard names it and the Message-ID to look up.
    await page.route('**/api/host/uncertain-emails', (route) =>
      route.fulfill({
        json: {
          emails: [
            {
              bookingId: bookings[0]!.booking.id,
              kind: 'email.confirmation',
              recipient: 'Ada Lovelace <ada@example.test>',
              messageId: '<b1.email.confirmation.0.attendee@workestra.test>',
              status: 'unknown',
              error: 'connection closed after DATA',
              since: '2026-11-02T09:30:00.000Z',
            },
          ],
        },
      }),
    );
    await page.reload();
    const notice = page.getByRole('region', { name: 'One email may not have been delivered' });
    await notice.waitFor();
    const text = await notice.textContent();
    expect(text).toContain('confirmation to Ada Lovelace <ada@example.test>');
    expect(text).toContain('<b1.email.confirmation.0.attendee@workestra.test>');
    await page.close();
  });
});
