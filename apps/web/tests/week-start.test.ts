// The month grid follows the visitor's locale: its first weekday and its weekday names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createLink, signUpHost } from './support/api';
import { launchBrowser, newPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let slug: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const host = await signUpHost(server.url, { name: 'Wanda Week', timeZone: 'Europe/Berlin' });
  slug = (await createLink(host, { title: 'Week start', slug: 'week-start' })).slug;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The column heads and the column (0-6) the month's first day sits in. */
async function grid(locale: string) {
  const page = await newPage(browser, server.url, { locale, timezoneId: 'UTC' });
  await page.goto(`/book/${slug}`);
  await page.locator('button.day').first().waitFor();
  const heads = await page.locator('table.month thead th').allTextContents();
  const firstRow = page.locator('table.month tbody tr').first();
  const cells = await firstRow
    .locator('td')
    .evaluateAll((tds) =>
      tds.map((td) => td.querySelector('button')?.getAttribute('data-date') ?? null),
    );
  const month = (await page.locator('button.day').first().getAttribute('data-date'))!.slice(0, 7);
  await page.context().close();
  return { heads, firstColumn: cells.indexOf(`${month}-01`), month };
}

describe('month grid week', () => {
  it('starts on Sunday for en-US and on Monday for de-DE, with the locale’s names', async () => {
    const us = await grid('en-US');
    const de = await grid('de-DE');
    expect(us.heads).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(de.heads[0]).toMatch(/^Mo/);
    expect(de.heads[6]).toMatch(/^So/);
    // The 1st sits in the column of its weekday: one further right on a Sunday-first grid
    // (wrapping Sunday from the last column to the first).
    const [y, m] = us.month.split('-').map(Number) as [number, number];
    const sundayBased = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    expect(us.firstColumn).toBe(sundayBased);
    expect(de.firstColumn).toBe((sundayBased + 6) % 7);
  });
});
