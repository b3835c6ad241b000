// The booking page's state in its address (month, day, time), Back/Forward/reload, the phone
// layout bringing the times into view, the confirmation's own address, and the reschedule page's
// current time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  book,
  createLink,
  firstSlots,
  signUpHost,
  type HostClient,
  bookFirstSlot,
} from './support/api';
import { launchBrowser, newPage, screenshot, axeViolations } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: 'Uma Url', timeZone: 'Europe/Berlin' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Waits until the address has `name` = `value` (null: absent). */
const waitParam = (page: Page, name: string, value: string | null) =>
  page.waitForFunction(([n, v]) => new URLSearchParams(location.search).get(n!) === v, [
    name,
    value,
  ] as const);

describe('booking page state in the URL', () => {
  it('on a phone, tapping a day scrolls its times into view and focuses them', async () => {
    const link = await createLink(host, { title: 'Phone call', slug: 'phone-call' });
    const page = await newPage(browser, server.url, {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Europe/Berlin',
    });
    await page.goto(`/book/${link.slug}`);
    const days = page.locator('button.day.available');
    await days.first().waitFor();
    // The first time is below the fold before the tap: the test fails if the page does not scroll.
    const firstTime = await page.locator('ul.slots button').first().boundingBox();
    expect(firstTime!.y + firstTime!.height).toBeGreaterThan(740);
    await days.nth((await days.count()) > 1 ? 1 : 0).tap();
    await page.waitForFunction(() => {
      const list = document.querySelector('[data-testid="slot-list"]')!.getBoundingClientRect();
      const time = document.querySelector('ul.slots button')!.getBoundingClientRect();
      return list.top >= 0 && time.height > 0 && time.bottom <= innerHeight;
    });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('slots-heading');
    await page.locator('ul.slots button').first().waitFor();
    await screenshot(page, 'booking-mobile-day');
    await page.context().close();
  });

  it('preselects the first free day and steps through month, day and time with Back/Forward', async () => {
    const link = await createLink(host, { title: 'Url call', slug: 'url-call' });
    const page = await newPage(browser, server.url, { timezoneId: 'Asia/Tokyo' });
    await page.goto(`/book/${link.slug}?name=Ann%20Url`);
    const days = page.locator('button.day.available');
    await days.first().waitFor();
    const first = (await days.first().getAttribute('data-date'))!;
    // No "Pick a day": the first day with times is open, and the address says so.
    await waitParam(page, 'date', first);
    expect(await page.locator('#slots-heading').isVisible()).toBe(true);
    expect(await days.first().getAttribute('aria-pressed')).toBe('true');
    expect(param(page, 'name')).toBe('Ann Url');

    const second = (await days.nth(1).getAttribute('data-date'))!;
    await days.nth(1).click();
    await waitParam(page, 'date', second);
    const slot = page.locator('ul.slots button').first();
    const start = (await slot.getAttribute('data-start'))!;
    await slot.click();
    await waitParam(page, 'slot', start);
    await page.getByLabel('Your name').waitFor();
    // The details step names the zone of the time it shows.
    expect(await page.getByTestId('selected-time').textContent()).toContain('Asia/Tokyo');

    // Back returns to the day's times, on the page, with focus on the time chosen.
    await page.goBack();
    await waitParam(page, 'slot', null);
    await page.locator('ul.slots').waitFor();
    expect(param(page, 'date')).toBe(second);
    expect(new URL(page.url()).pathname).toBe(`/book/${link.slug}`);
    await page.waitForFunction(
      (s) => (document.activeElement as HTMLElement | null)?.dataset.start === s,
      start,
    );
    // Forward goes to the details again.
    await page.goForward();
    await page.getByLabel('Your name').waitFor();
    expect(param(page, 'slot')).toBe(start);

    // A reload keeps the step, the time and the pre-filled name.
    await page.reload();
    await page.getByLabel('Your name').waitFor();
    expect(await page.getByLabel('Your name').inputValue()).toBe('Ann Url');
    expect(await page.getByTestId('selected-time').textContent()).toContain('Asia/Tokyo');

    // The page's own Back button steps back too, and Back again reaches the first day.
    await page.getByRole('button', { name: 'Back' }).click();
    await waitParam(page, 'slot', null);
    await page.goBack();
    await waitParam(page, 'date', first);
    await page.waitForFunction(
      (d) => document.querySelector(`button.day[data-date="${d}"]`)?.getAttribute('aria-pressed'),
      first,
    );
    expect(await days.first().getAttribute('aria-pressed')).toBe('true');

    // A month change is a step of its own.
    const month = first.slice(0, 7);
    await page.getByRole('button', { name: 'Next month' }).click();
    await page.waitForFunction((m) => {
      const v = new URLSearchParams(location.search).get('month');
      return v !== null && v > m;
    }, month);
    await page.goBack();
    await waitParam(page, 'month', month);
    await page.locator(`button.day[data-date="${first}"]`).waitFor();
    await page.context().close();
  });

  it('opens ?date= on that day, and a ?slot= no longer offered on its day with a notice', async () => {
    const link = await createLink(host, { title: 'Deep link', slug: 'deep-link' });
    const starts = await firstSlots(server.url, link.slug, 500);
    const [, , third] = [...new Set(starts.map((s) => s.slice(0, 10)))];
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await page.goto(`/book/${link.slug}?date=${third}`);
    await page.locator('#slots-heading').waitFor();
    expect(
      await page.locator(`button.day[data-date="${third}"]`).getAttribute('aria-pressed'),
    ).toBe('true');
    const offered = (await page.locator('ul.slots button').first().getAttribute('data-start'))!;
    // One minute past an offered start is never offered.
    const gone = new Date(Date.parse(offered) + 60_000).toISOString();
    await page.goto(`/book/${link.slug}?slot=${encodeURIComponent(gone)}`);
    await page.getByText('no longer available').waitFor();
    expect(await page.locator('#slots-heading').isVisible()).toBe(true);
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid),
    ).toBe('notice');
    await waitParam(page, 'slot', null);
    expect(param(page, 'date')).toBe(third);

    // A slot still offered goes straight to the details.
    await page.goto(`/book/${link.slug}?slot=${encodeURIComponent(offered)}`);
    await page.getByLabel('Your name').waitFor();
    await page.context().close();
  });

  it('moves the confirmation to an address that survives a reload', async () => {
    const link = await createLink(host, { title: 'Keep it', slug: 'keep-it' });
    const page = await newPage(browser, server.url, { timezoneId: 'America/Los_Angeles' });
    await page.goto(`/book/${link.slug}?name=Lee&email=lee@example.test`);
    const slot = page.locator('ul.slots button').first();
    await slot.waitFor();
    const start = (await slot.getAttribute('data-start'))!;
    await slot.click();
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByTestId('confirmation').waitFor();
    await page.waitForURL(/\/book\/booking\/[^/?]+$/);

    await page.reload();
    await page.getByTestId('confirmation').waitFor();
    expect(await page.title()).toBe('Booked · Keep it');
    expect(await axeViolations(page)).toEqual([]);
    const when = await page.getByTestId('attendee-time').textContent();
    expect(when).toContain('America/Los Angeles');
    const google = new URL(
      (await page.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href'))!,
    );
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    expect(google.searchParams.get('dates')).toBe(`${compact(start)}/${compact(end)}`);
    const outlook = new URL(
      (await page.getByRole('link', { name: 'Add to Outlook' }).getAttribute('href'))!,
    );
    expect(outlook.searchParams.get('startdt')).toBe(start.replace(/\.\d{3}Z$/, 'Z'));
    expect(outlook.searchParams.get('subject')).toContain('Keep it');
    expect(await page.getByRole('link', { name: 'Book another time' }).getAttribute('href')).toBe(
      `/book/${link.slug}`,
    );
    // The cancel link is a different token, kept in the history entry across the reload.
    expect(await page.getByRole('link', { name: 'cancel' }).getAttribute('href')).toMatch(
      /\/book\/cancel\//,
    );

    // Opened afresh (another tab, another device): the host's time too, and where to cancel.
    const fresh = await newPage(browser, server.url, { timezoneId: 'America/Los_Angeles' });
    await fresh.goto(new URL(page.url()).pathname);
    await fresh.getByTestId('confirmation').waitFor();
    expect(await fresh.getByTestId('host-time').textContent()).toContain('Europe/Berlin');
    expect(await fresh.getByRole('link', { name: 'cancel' }).count()).toBe(0);
    expect(await fresh.getByTestId('confirmation').textContent()).toContain(
      'cancel it with the link in your confirmation email',
    );
    expect(await axeViolations(fresh)).toEqual([]);
    await fresh.context().close();
    await page.context().close();
  });

  it('marks the current time on the reschedule page and does not let it be picked', async () => {
    const link = await createLink(host, { title: 'Move me', slug: 'move-me' });
    const { start, created } = await bookFirstSlot(server.url, link.slug, {
      name: 'Rita',
      email: 'rita@example.test',
    });
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await page.goto(`/book/reschedule/${created.rescheduleToken}`);
    const current = page.locator(`ul.slots button[data-start="${start}"]`);
    await current.waitFor();
    expect(await current.isDisabled()).toBe(true);
    expect(await current.textContent()).toContain('Your current time');
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.title()).toBe('Reschedule · Move me');
    await page.context().close();
  });

  it('explains an old link of a moved meeting and offers the booking page', async () => {
    const link = await createLink(host, { title: 'Moved', slug: 'moved-meeting' });
    const [first, second] = await firstSlots(server.url, link.slug, 2);
    const booked = await book(server.url, link.slug, first!, {
      name: 'Mo Ved',
      email: 'mo@example.test',
    });
    const moved = await fetch(
      `${server.url}/api/public/tokens/${booked.rescheduleToken}/reschedule`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ start: second }),
      },
    );
    expect(moved.status).toBe(200);
    // The link from the first confirmation email, now superseded.
    const page = await newPage(browser, server.url);
    await page.goto(`/book/reschedule/${booked.rescheduleToken}`);
    await page.getByRole('heading', { name: 'This meeting was moved' }).waitFor();
    await page.getByText('use the link in your latest email').waitFor();
    expect(
      await page.getByRole('link', { name: 'Go to the booking page' }).getAttribute('href'),
    ).toBe(`/book/${link.slug}`);
    await page.context().close();
  });
});
