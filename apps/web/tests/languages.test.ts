// The attendee side in another language, end to end: a German browser gets the booking page in
// German (week from Monday, 24-hour clock), books, and gets its confirmation email in German with
// the same clock; the switcher re-renders a page in place (nothing typed is lost), keeps the
// choice in the address, and the page has no accessibility violations in Japanese.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLink, signUpHost, type HostClient } from './support/api';
import { axeViolations, docScreenshot, launchBrowser, newPage } from './support/browser';
import { startServer, webRoot, type TestServer } from './support/server';

type Catalog = Record<string, string>;
const catalog = (path: string): Catalog => JSON.parse(readFileSync(path, 'utf8')) as Catalog;
const page_ = (lang: string) => catalog(`${webRoot}/src/locales/${lang}.json`);
const email_ = (lang: string) =>
  catalog(`${webRoot}/../../packages/notifications/src/locales/${lang}.json`);
const de = page_('de');
const ja = page_('ja');
const deMail = email_('de');

let server: TestServer;
let browser: Browser;
let host: HostClient;

beforeAll(async () => {
  // A running job runner: the confirmation email is sent into the dev outbox.
  [server, browser] = await Promise.all([startServer({ JOB_POLL_MS: '50' }), launchBrowser()]);
  host = await signUpHost(server.url, { name: 'Lena Lang' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The text of a message up to its first placeholder or tag: what a page shows of it verbatim. */
const lead = (message: string): string => message.split(/[{<]/)[0]!.trim();

interface OutboxEntry {
  id: string;
  subject: string;
}

/** Waits (bounded by rounds, not time) for the outbox to hold a message to `to`; returns its id and subject. */
async function sentTo(page: Page, to: string): Promise<OutboxEntry> {
  for (let round = 0; round < 600; round++) {
    const html = await (await fetch(`${server.url}/dev/outbox`)).text();
    const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .map((m) => m[1]!)
      .find((r) => r.includes(to) && r.includes('/dev/outbox/'));
    const id = row?.match(/href="\/dev\/outbox\/([0-9a-f-]+)"/)?.[1];
    if (id) {
      const detail = await (await fetch(`${server.url}/dev/outbox/${id}`)).text();
      const subject = detail.match(/<h1>([\s\S]*?)<\/h1>/)?.[1] ?? '';
      return { id, subject };
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no email to ${to} was sent`);
}

describe('languages', () => {
  it('a German visitor books in German on a 24-hour clock and gets a German email', async () => {
    const link = await createLink(host, { title: 'Erstgespräch', slug: 'erstgespraech' });
    const page = await newPage(browser, server.url, {
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    await page.goto(`/book/${link.slug}`);
    await page.locator('ul.slots button').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de-DE');
    expect(await page.getByLabel(de['language.label']!).inputValue()).toBe('de');
    expect(await page.locator('table.month thead th').first().textContent()).toMatch(/^Mo/);
    expect(await page.getByRole('region', { name: de['book.pickTime'] }).count()).toBe(1);
    // Times on the locale's 24-hour clock: no AM/PM, and the afternoon counts on past 12.
    const times = (await page.locator('ul.slots button').allTextContents()).map((t) => t.trim());
    for (const time of times) expect(time).toMatch(/^\d{1,2}:\d{2}$/);
    expect(times).toContain('13:00');
    await docScreenshot(page, 'booking-page-de');

    // Book the 13:00 one: the email must say 13:00 too.
    await page.locator('ul.slots button', { hasText: /^\s*13:00\s*$/ }).click();
    await page.getByRole('heading', { name: de['book.detailsHeading'] }).waitFor();
    await page.getByLabel(de['details.name']!).fill('Greta Gast');
    await page.getByLabel(de['details.email']!).fill('greta@example.test');
    await page.getByRole('button', { name: de['details.confirm'] }).click();
    await page.getByRole('heading', { name: de['confirm.heading'] }).waitFor();
    expect(await page.getByRole('link', { name: de['confirm.addGoogle'] }).count()).toBe(1);
    await docScreenshot(page, 'confirmation-de');

    // The booking keeps the attendee's language and clock...
    const { bookings } = await host.request<{
      bookings: { attendeeEmail: string; attendeeLocale: string; attendeeHourCycle: string }[];
    }>('GET', '/api/host/bookings?filter=upcoming');
    const booking = bookings.find((b) => b.attendeeEmail === 'greta@example.test');
    expect(booking).toMatchObject({ attendeeLocale: 'de-DE', attendeeHourCycle: 'h23' });

    // ...so the confirmation email speaks German, on the same clock as the page.
    const mail = await sentTo(page, 'greta@example.test');
    expect(mail.subject).toContain(lead(deMail['confirmation.subject']!));
    const html = await (await fetch(`${server.url}/dev/outbox/${mail.id}/html`)).text();
    expect(html).toContain('lang="de-DE"');
    expect(html).toContain(lead(deMail['confirmation.heading']!));
    expect(html).toContain('13:00');
    expect(html).not.toMatch(/\b(AM|PM)\b/);
    await page.context().close();
  });

  it('the switcher changes the page in place, keeps what was typed, and the address keeps it', async () => {
    const link = await createLink(host, { title: 'Switch', slug: 'switch-language' });
    const page = await newPage(browser, server.url, { timezoneId: 'Asia/Tokyo' });
    await page.goto(`/book/${link.slug}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await page.locator('ul.slots button').first().click();
    await page.getByLabel('Your name').fill('Aoi Ito');

    await page.getByLabel('Language').selectOption('ja');
    await page.getByRole('heading', { name: ja['book.detailsHeading'] }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.getByLabel(ja['details.name']!).inputValue()).toBe('Aoi Ito');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ja');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { name: ja['book.detailsHeading'] }).waitFor();
    expect(await page.getByLabel(ja['language.label']!).inputValue()).toBe('ja');
    await page.context().close();
  });
});
