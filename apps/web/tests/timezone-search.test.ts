// The time zone picker finds zones the way people name them: abbreviation, city, offset, region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLink, signUpHost } from './support/api';
import { launchBrowser, newPage, axeViolations, docScreenshot } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const host = await signUpHost(server.url);
  await createLink(host, { title: 'Zones', slug: 'zones' });
  page = await newPage(browser, server.url, { timezoneId: 'Europe/Paris' });
  await page.goto('/book/zones');
  await page.locator('button.day.available').first().waitFor();
  await page.getByRole('button', { name: /^Time zone/ }).click();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The option values shown for a search, once the index has them. */
async function search(typed: string, expected: RegExp): Promise<string[]> {
  await page.getByLabel('Search time zones').fill(typed);
  await page.waitForFunction(
    (source) =>
      [...document.querySelectorAll<HTMLOptionElement>('#tz-list option')].some((o) =>
        new RegExp(source).test(o.value),
      ),
    expected.source,
  );
  return page
    .locator('#tz-list option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
}

describe('time zone search', () => {
  it('keeps the detected zone on top and shows each zone’s local time', async () => {
    const first = page.locator('#tz-list option').first();
    expect(await first.getAttribute('value')).toBe('Europe/Paris');
    expect(await first.textContent()).toMatch(/\d{1,2}:\d{2}/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds Tokyo by "JST" and by "GMT+9", India by "kolkata", Los Angeles by "pacific"', async () => {
    const jst = await search('JST', /^Asia\/Tokyo$/);
    expect(jst).not.toContain('Europe/Berlin');
    const gmt9 = await search('GMT+9', /^Asia\/Tokyo$/);
    // Whole offsets only: +9:30 (Adelaide, Darwin) is another offset.
    expect(gmt9).not.toContain('Australia/Darwin');
    expect(await search('+09:00', /^Asia\/Tokyo$/)).toContain('Asia/Seoul');
    const kolkata = await search('kolkata', /^Asia\/(Kolkata|Calcutta)$/);
    expect(kolkata[0]).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    await search('JST', /^Asia\/Tokyo$/);
    await docScreenshot(page, 'timezone-search');
    expect(await search('pacific', /^America\/Los_Angeles$/)).not.toContain('Asia/Tokyo');
    expect(await search('UTC-8', /^America\/Los_Angeles$|^Pacific\/Pitcairn$/)).not.toContain(
      'Asia/Tokyo',
    );
  });

  it('picks the best match with Enter', async () => {
    await page.getByLabel('Search time zones').fill('JST');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="tz-value"]')?.textContent === 'Asia/Tokyo',
    );
  });
});
