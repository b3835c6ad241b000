// The Time off page end to end: the demo host adds a whole day off that /book/demo offers times
// on, sees it listed (also after a reload), sees the day leave the public booking page and the
// slots API, then deletes it and sees the times come back. A range over the limit is refused at
// the Last day field. The host's zone (Pacific/Auckland) is not the browser's (UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Host, SlotDay } from '../src/common/types';
import { addDays, formatPlainDate, zonedParts } from '../src/common/time';
import { launchBrowser, newPage, axeViolations, signInAsDemo } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // The demo host takes the server's zone: far from the browser's UTC, so a day in the host's
  // zone is not a UTC day.
  server = await startServer({ TZ: 'Pacific/Auckland' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** One fixed window for every slots read, so the answers before and after compare. */
const FROM = new Date().toISOString();
const TO = new Date(Date.now() + 14 * 86_400_000).toISOString();

/** The demo link's days in `zone` that offer at least one time, from the public slots API. */
async function demoDays(zone: string): Promise<SlotDay[]> {
  const res = await fetch(
    `${server.url}/api/public/links/demo/slots?from=${FROM}&to=${TO}&timeZone=${encodeURIComponent(zone)}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { days: SlotDay[] }).days.filter((d) => d.slots.length > 0);
}

/**
 * Whether `date` offers times on the public booking page, read in the month view once the month
 * holding `date` has loaded: `other`, a day of the same month that offers times throughout, turns
 * available only with that month's answer (never in a frame still showing the previous month's).
 */
async function bookingDayOffered(page: Page, date: string, other: string): Promise<boolean> {
  await page.goto('/book/demo');
  // The month the page lands on (the first with times) is loaded once a day in it is available.
  await page.locator('table.month[aria-busy="false"] button.day.available').first().waitFor();
  const otherDay = page.locator(`button.day[data-date="${other}"]`);
  if ((await otherDay.count()) === 0)
    await page.getByRole('button', { name: 'Next month' }).click();
  await page.locator(`button.day.available[data-date="${other}"]`).waitFor();
  const day = page.locator(`button.day[data-date="${date}"]`);
  return (await day.getAttribute('class'))?.split(' ').includes('available') ?? false;
}

/**
 * Two days that offer times in the same month, neither of them today (whose times run out as the
 * day goes on): the one to take off and one that stays.
 */
function pickDays(days: SlotDay[], today: string): { day: SlotDay; other: SlotDay } {
  const later = days.filter((d) => d.date !== today);
  const [first, second, third] = later;
  if (first && second && first.date.slice(0, 7) === second.date.slice(0, 7))
    return { other: first, day: second };
  // The first is the last of its month: the next two share the following month.
  return { other: second!, day: third! };
}

describe('time off page', () => {
  it('adds a day off, which leaves the booking page, and deletes it, which brings it back', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInAsDemo(page);
    const session = await page.request.get('/api/auth/session');
    const { timeZone: zone } = ((await session.json()) as { host: Host }).host;
    expect(zone).toBe('Pacific/Auckland');

    const before = await demoDays(zone);
    const { day, other } = pickDays(before, zonedParts(new Date(), zone).date);
    expect(day.date.slice(0, 7)).toBe(other.date.slice(0, 7));

    await page.getByRole('link', { name: 'Time off' }).click();
    await page.waitForURL(/\/settings\/time-off$/);
    await page.getByRole('heading', { name: 'Time off', level: 1 }).waitFor();
    await page.getByText('No time off ahead').waitFor();

    // Over the limit: the API's answer is shown at the Last day field, nothing is added.
    await page.getByLabel('First day').fill(day.date);
    await page.getByLabel('Last day').fill(addDays(day.date, 400));
    await page.getByRole('button', { name: 'Add time off' }).click();
    const lastDay = page.getByLabel('Last day');
    await page
      .locator('#to-lastDay-error')
      .getByText(/at most 366 days/)
      .waitFor();
    expect(await lastDay.getAttribute('aria-invalid')).toBe('true');
    expect(await lastDay.getAttribute('aria-describedby')).toContain('to-lastDay-error');
    expect(await page.getByTestId('time-off-item').count()).toBe(0);

    // One whole day with a note.
    await page.getByLabel('Last day').fill(day.date);
    await page.getByLabel(/Note/).fill('Team offsite');
    await page.getByRole('button', { name: 'Add time off' }).click();
    await page
      .getByTestId('time-off-status')
      .getByText(/was added/)
      .waitFor();
    const item = page.getByTestId('time-off-item');
    await item.getByText('Team offsite').waitFor();
    expect(await page.locator('#to-lastDay-error').count()).toBe(0);
    expect(await page.getByLabel('First day').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);

    // Stored as the zone's midnight to the next midnight.
    const listed = await page.request.get(
      `/api/host/time-off?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`,
    );
    const [range] = ((await listed.json()) as { timeOff: { start: string; end: string }[] })
      .timeOff;
    expect(range).toBeDefined();
    expect(zonedParts(range!.start, zone)).toEqual({ date: day.date, minutes: 0 });
    expect(zonedParts(range!.end, zone)).toEqual({ date: addDays(day.date, 1), minutes: 0 });
    // Listed as that one day in the host's zone.
    await item
      .getByRole('heading', {
        name: formatPlainDate(day.date, {
          weekday: 'short',
          month: 'short',
          day: 'numeric',
          year: 'numeric',
        }),
      })
      .waitFor();

    // The server serves the page on reload, and the range is still listed.
    await page.reload();
    await page.getByTestId('time-off-item').getByText('Team offsite').waitFor();

    // The day is gone from the slots API and the booking page; the other days are not.
    const during = await demoDays(zone);
    expect(during.map((d) => d.date)).not.toContain(day.date);
    expect(during.find((d) => d.date === other.date)?.slots).toEqual(other.slots);
    const attendee = await newPage(browser, server.url, { timezoneId: zone });
    expect(await bookingDayOffered(attendee, day.date, other.date)).toBe(false);

    // Delete, confirmed in a dialog.
    await page.getByRole('button', { name: /^Delete time off/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete time off' }).click();
    await page
      .getByTestId('time-off-status')
      .getByText(/was deleted/)
      .waitFor();
    await page.getByText('No time off ahead').waitFor();

    // The times are back.
    const after = await demoDays(zone);
    expect(after.find((d) => d.date === day.date)?.slots).toEqual(day.slots);
    expect(await bookingDayOffered(attendee, day.date, other.date)).toBe(true);

    await attendee.context().close();
    await page.context().close();
  });
});
