// Keyboard-only booking: Tab to the calendar, arrows between days, Enter, Tab to the slots,
// arrows between times, Enter, type the details, Enter. No mouse anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLink, signUpHost } from './support/api';
import { launchBrowser, newPage, screenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName ?? '',
      date: el?.dataset.date ?? null,
      start: el?.dataset.start ?? null,
      id: el?.id ?? '',
      text: el?.textContent ?? '',
    };
  });

/** Waits for focus to leave `from` (effects run after the key event), then reads it. */
async function focusMoved(page: Page, from: Awaited<ReturnType<typeof focused>>) {
  await page.waitForFunction((f) => {
    const el = document.activeElement as HTMLElement | null;
    return (el?.dataset.date ?? null) !== f.date || (el?.dataset.start ?? null) !== f.start;
  }, from);
  return focused(page);
}

async function tabUntil(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error('focus never reached the expected element');
}

describe('keyboard-only booking', () => {
  it('books a slot end to end with Tab, arrows and Enter', async () => {
    const host = await signUpHost(server.url);
    const link = await createLink(host, { title: 'Keyboard call', slug: 'keys' });
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Paris' });
    await page.goto(`/book/${link.slug}`);
    await page.locator('button.day.available').first().waitFor();
    const firstAvailable = await page
      .locator('button.day.available')
      .first()
      .getAttribute('data-date');

    // The calendar has one tab stop: the first day with slots.
    const day = await tabUntil(page, (f) => f.date !== null);
    expect(day.date).toBe(firstAvailable);
    await page.keyboard.press('ArrowRight');
    const next = await focusMoved(page, day);
    expect(next.date).not.toBe(day.date);
    expect(Date.parse(next.date!) - Date.parse(day.date!)).toBe(86_400_000);
    await page.keyboard.press('ArrowLeft');
    expect((await focusMoved(page, next)).date).toBe(day.date);
    await page.keyboard.press('Enter');
    await page.locator('ul.slots button').first().waitFor();

    // Tab leaves the grid straight into the slot list; arrows move between times.
    const first = await tabUntil(page, (f) => f.start !== null);
    await page.keyboard.press('ArrowDown');
    const second = await focusMoved(page, first);
    expect(second.start).not.toBe(first.start);
    await page.keyboard.press('ArrowUp');
    expect((await focusMoved(page, second)).start).toBe(first.start);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    // Details: the name field has focus.
    await page.getByLabel('Your name').waitFor();
    expect((await focused(page)).id).toBe('name');
    await page.keyboard.type('Kim Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kim@example.test');
    await page.keyboard.press('Enter');

    await page.getByTestId('confirmation').waitFor();
    expect((await focused(page)).text).toBe("You're booked");
    const { bookings } = await host.request<{
      bookings: { start: string; attendeeName: string }[];
    }>('GET', '/api/host/bookings?filter=upcoming');
    expect(bookings).toEqual([
      expect.objectContaining({ start: second.start, attendeeName: 'Kim Keys' }),
    ]);
    await screenshot(page, 'keyboard-booking');
    await page.context().close();
  });

  it('switches the time zone with the keyboard through the searchable picker', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Paris' });
    await page.goto('/book/keys');
    await page.locator('button.day.available').first().waitFor();
    await tabUntil(page, (f) => f.text.startsWith('Time zone'));
    await page.keyboard.press('Enter');
    expect((await focused(page)).tag).toBe('BUTTON');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('tz-search');
    await page.keyboard.type('kolkata');
    await page.keyboard.press('Enter');
    // Chromium's zone list may still call it Asia/Calcutta; the search knows both names.
    await page.waitForFunction(() =>
      /Kolkata|Calcutta/.test(
        document.querySelector('[data-testid="tz-value"]')?.textContent ?? '',
      ),
    );
    expect((await focused(page)).text).toMatch(/Time zone: Asia\/(Kolkata|Calcutta)/);
    // Slot times follow the new zone (India has no DST: +05:30 all year).
    const slot = page.locator('button.day.available').first();
    await slot.click();
    const first = page.locator('ul.slots button').first();
    const start = (await first.getAttribute('data-start'))!;
    const expected = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Kolkata',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(start));
    expect((await first.textContent())?.replace(/\s/g, ' ')).toBe(expected.replace(/\s/g, ' '));
    await page.context().close();
  });
});
