// The public booking page against the real server: another time zone, the race for one slot,
// the 404 and inactive pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLink, signUpHost, type HostClient } from './support/api';
import { docScreenshot, launchBrowser, newPage, screenshot } from './support/browser';
import { downloadCalendarFile, icsValue } from './support/ics';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: 'Hana Host', timeZone: 'Europe/Berlin' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** Selects the first day with slots and returns the page's first slot button's start. */
async function openFirstDay(page: Page): Promise<string> {
  const day = page.locator('button.day.available').first();
  await day.waitFor();
  await day.click();
  const slot = page.locator('ul.slots button').first();
  await slot.waitFor();
  return (await slot.getAttribute('data-start'))!;
}

describe('public booking page', () => {
  it('books a slot from Tokyo and shows the time in both zones', async () => {
    const link = await createLink(host, {
      title: 'Tokyo-friendly intro',
      slug: 'tokyo-intro',
      description: 'Thirty minutes, any day.',
    });
    const page = await newPage(browser, server.url, { timezoneId: 'Asia/Tokyo' });
    await page.goto(`/book/${link.slug}?name=Aiko%20Sato&email=aiko@example.test`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Tokyo-friendly intro',
    );
    expect(await page.getByTestId('tz-value').textContent()).toBe('Asia/Tokyo');
    await page.getByRole('button', { name: '24h' }).click();
    const start = await openFirstDay(page);
    await docScreenshot(page, 'booking-page');
    const slotButton = page.locator(`ul.slots button[data-start="${start}"]`);
    expect((await slotButton.textContent())?.trim()).toBe(hhmm(start, 'Asia/Tokyo'));
    await slotButton.click();

    // Pre-filled from ?name=&email=
    expect(await page.getByLabel('Your name').inputValue()).toBe('Aiko Sato');
    expect(await page.getByLabel('Email').inputValue()).toBe('aiko@example.test');
    await page.getByRole('button', { name: 'Confirm booking' }).click();

    const confirmation = page.getByTestId('confirmation');
    await confirmation.waitFor();
    expect(await page.getByRole('region', { name: 'Pick a time' }).isVisible()).toBe(false);
    const mine = await page.getByTestId('attendee-time').textContent();
    const hosts = await page.getByTestId('host-time').textContent();
    expect(mine).toContain(hhmm(start, 'Asia/Tokyo'));
    expect(mine).toContain('Asia/Tokyo');
    expect(hosts).toContain(hhmm(start, 'Europe/Berlin'));
    expect(hosts).toContain('Europe/Berlin');

    // "Add to calendar" is the server's copy of the emailed invite: the booking's UID and current
    // SEQUENCE, so importing it and accepting the email gives one event, not two.
    const file = await downloadCalendarFile(page);
    expect(file.name).toBe('tokyo-intro.ics');
    expect(file.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(icsValue(file.text, 'SEQUENCE')).toBe('0');
    expect(icsValue(file.text, 'METHOD')).toBe('REQUEST');
    expect(icsValue(file.text, 'DTSTART')).toBe(start.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    expect(icsValue(file.text, 'SUMMARY')).toBe('Tokyo-friendly intro: Hana Host and Aiko Sato');

    const bookings = await host.request<{
      bookings: { id: string; start: string; attendeeTimeZone: string }[];
    }>('GET', '/api/host/bookings?filter=upcoming');
    expect(bookings.bookings).toContainEqual(
      expect.objectContaining({ start, attendeeTimeZone: 'Asia/Tokyo' }),
    );
    const booked = bookings.bookings.find((b) => b.start === start);
    expect(icsValue(file.text, 'UID')).toBe(`${booked?.id}@workestra.app`);
    expect(await page.getByRole('link', { name: 'Reschedule' }).getAttribute('href')).toMatch(
      /\/book\/reschedule\//,
    );
    await screenshot(page, 'booking-confirmation-tokyo');
    await page.context().close();
  });

  it('lets one of two racing attendees win and shows the other "just taken" with fresh slots', async () => {
    const link = await createLink(host, { title: 'Race', slug: 'race' });
    const [a, b] = await Promise.all([
      newPage(browser, server.url, { timezoneId: 'Europe/London' }),
      newPage(browser, server.url, { timezoneId: 'America/New_York' }),
    ]);
    await Promise.all([a.goto(`/book/${link.slug}`), b.goto(`/book/${link.slug}`)]);
    const [startA, startB] = await Promise.all([openFirstDay(a), openFirstDay(b)]);
    // Both pages offer the same earliest instant whatever the zone shows.
    const start = startA < startB ? startA : startB;
    for (const [page, i] of [
      [a, 1],
      [b, 2],
    ] as const) {
      await page.locator(`ul.slots button[data-start="${start}"]`).click();
      await page.getByLabel('Your name').fill(`Racer ${i}`);
      await page.getByLabel('Email').fill(`racer${i}@example.test`);
    }
    await Promise.all([
      a.getByRole('button', { name: 'Confirm booking' }).click(),
      b.getByRole('button', { name: 'Confirm booking' }).click(),
    ]);
    const outcome = async (page: Page) => {
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="confirmation"]') ||
          document.querySelector('[data-testid="notice"]')?.textContent?.includes('just taken'),
      );
      return (await page.getByTestId('confirmation').count()) ? 'won' : 'lost';
    };
    const results = await Promise.all([outcome(a), outcome(b)]);
    expect([...results].sort()).toEqual(['lost', 'won']);
    const loser = results[0] === 'lost' ? a : b;
    expect(await loser.getByTestId('notice').textContent()).toContain('That time was just taken');
    expect(await loser.getByTestId('notice').getAttribute('aria-live')).toBe('assertive');
    // Back on the slot list, refreshed: the taken instant is gone, others are offered.
    await loser.locator('ul.slots button').first().waitFor();
    await loser.waitForFunction(
      (s) => !document.querySelector(`ul.slots button[data-start="${s}"]`),
      start,
    );
    expect(await loser.locator('ul.slots button').count()).toBeGreaterThan(0);
    await screenshot(loser, 'booking-race-loser');
    await screenshot(results[0] === 'won' ? a : b, 'booking-race-winner');
    await Promise.all([a.context().close(), b.context().close()]);
  });

  it('shows a 404 page for an unknown slug and an inactive page for a disabled link', async () => {
    const page = await newPage(browser, server.url);
    const res = await page.goto('/book/no-such-link');
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { name: /Page not found/ }).waitFor();
    await screenshot(page, 'booking-404');

    const link = await createLink(host, { title: 'Paused', slug: 'paused' });
    await host.request('POST', `/api/host/links/${link.id}/disable`);
    await page.goto(`/book/${link.slug}`);
    await page.getByRole('heading', { name: 'This link is no longer active' }).waitFor();
    await screenshot(page, 'booking-inactive');
    await page.context().close();
  });

  it('has a favicon the page links to', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/book/no-such-link');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await page.request.get(href!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toMatch(/^<svg /);
    await page.context().close();
  });
});
