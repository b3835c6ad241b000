// "Schedule a call" end to end: a booking on the demo link (made an auto-create-deal link through
// the link form) makes a deal; on /crm the host opens the deal, clicks "Schedule a call", the
// link's booking page opens in a new tab pre-filled with the contact, the attendee books another
// time there, and back in /crm the same deal (still the only one) shows the new meeting. Then the
// /crm page's setting for the stage of a cancelled first meeting is saved and read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { book, firstSlots } from './support/api';
import { launchBrowser, newPage, axeViolations, signInAsDemo } from './support/browser';
import { startServer, type TestServer } from './support/server';

const ATTENDEE = { name: 'Sam Schedule', email: 'sam@example.test' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // A running job runner: crm.sync makes the deal, then moves its meeting.
  server = await startServer({ JOB_POLL_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface DealRow {
  id: string;
  meeting: { start: string };
}

/** The attendee's deals as the signed-in page's API answers them. */
function attendeeDeals(page: Page): Promise<DealRow[]> {
  return page.evaluate(async (email) => {
    const r = await fetch(`/api/host/crm/deals?search=${encodeURIComponent(email)}`);
    return ((await r.json()) as { deals: DealRow[] }).deals;
  }, ATTENDEE.email);
}

/** Waits (bounded, not timed) until the attendee's deals satisfy `done`. */
async function dealsWhen(page: Page, done: (deals: DealRow[]) => boolean): Promise<DealRow[]> {
  for (let round = 0; round < 1800; round++) {
    const deals = await attendeeDeals(page);
    if (done(deals)) return deals;
    await page.waitForTimeout(100);
  }
  throw new Error('crm.sync did not get there');
}

/** Waits (bounded, not timed) until the deal tracks the meeting at `start` and has two notes. */
async function dealSynced(page: Page, dealId: string, start: string): Promise<void> {
  for (let round = 0; round < 1800; round++) {
    const done = await page.evaluate(
      async ([id, at]) => {
        const r = await fetch(`/api/host/crm/deals/${encodeURIComponent(id!)}`);
        const body = (await r.json()) as { deal: DealRow; notes: unknown[] };
        return body.deal.meeting.start === at && body.notes.length === 2;
      },
      [dealId, start],
    );
    if (done) return;
    await page.waitForTimeout(100);
  }
  throw new Error('crm.sync did not attach the call to the deal');
}

/** Picks `start` on the booking page shown in `pub`. */
async function pickSlot(pub: Page, start: string): Promise<void> {
  const day = pub.locator(`button.day[data-date="${start.slice(0, 10)}"]`);
  await pub.locator('button.day').first().waitFor();
  if ((await day.count()) === 0) await pub.getByRole('button', { name: 'Next month' }).click();
  await day.click();
  await pub.locator(`ul.slots button[data-start="${start}"]`).click();
}

describe('Schedule a call from a deal', () => {
  it('opens the pre-filled booking page and the booking made there becomes the deal’s meeting', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInAsDemo(page);

    // The demo link creates a deal per booking.
    await page.getByRole('link', { name: 'Booking links' }).click();
    await page.getByRole('button', { name: 'Edit 30-minute intro call' }).click();
    await page.getByLabel(/Auto-create a deal/).check();
    await page.getByLabel('Default deal stage').fill('Qualified');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('“30-minute intro call” was saved.').waitFor();

    const [first, second] = await firstSlots(server.url, 'demo', 2);
    await book(server.url, 'demo', first!, ATTENDEE);
    const [deal] = await dealsWhen(page, (deals) => deals.length === 1);

    // /crm → Deals → the deal.
    await page.getByRole('link', { name: 'CRM' }).click();
    await page.getByRole('tab', { name: 'Deals' }).click();
    const row = page.getByRole('table', { name: 'Deals' }).locator('tbody tr', {
      hasText: ATTENDEE.name,
    });
    await row.getByRole('link').click();
    await page.waitForURL(/\/crm\/deals\//);
    const schedule = page.getByRole('region', { name: 'Schedule a call' });
    // The link that made the deal is the default.
    const select = schedule.getByLabel('Booking link');
    await select.waitFor();
    expect(await select.locator('option:checked').textContent()).toBe('30-minute intro call');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    // The booking page opens in a new tab, pre-filled with the contact.
    const opened = page.context().waitForEvent('page');
    await schedule.getByRole('button', { name: 'Schedule a call' }).click();
    const pub = await opened;
    await pub.waitForURL(/\/book\/demo\?/);
    const url = new URL(pub.url());
    expect(url.searchParams.get('name')).toBe(ATTENDEE.name);
    expect(url.searchParams.get('email')).toBe(ATTENDEE.email);
    expect(url.searchParams.get('dealToken')).toBeTruthy();
    await schedule.getByTestId('schedule-url').waitFor();

    await pickSlot(pub, second!);
    expect(await pub.getByLabel('Your name').inputValue()).toBe(ATTENDEE.name);
    expect(await pub.getByLabel('Email').inputValue()).toBe(ATTENDEE.email);
    await pub.getByRole('button', { name: 'Confirm booking' }).click();
    await pub.getByTestId('confirmation').waitFor();

    // Still one deal, now tracking the new meeting, with the new call's note (added after the move).
    await dealSynced(page, deal!.id, new Date(second!).toISOString());
    expect((await attendeeDeals(page)).map((d) => d.id)).toEqual([deal!.id]);
    await page.reload();
    const facts = page.locator('dl[aria-label="Deal"]');
    await facts.waitFor();
    expect(await facts.locator('time').getAttribute('datetime')).toBe(
      new Date(second!).toISOString(),
    );
    const notes = page.getByRole('region', { name: 'Notes' });
    expect(await notes.locator('li').count()).toBe(2);

    // The deals list still shows one deal for the attendee.
    await page.getByRole('link', { name: '← All contacts and deals' }).click();
    await page.getByRole('tab', { name: 'Deals' }).click();
    await row.waitFor();
    expect(await row.count()).toBe(1);

    // The workspace setting on /crm: the stage a cancelled first meeting moves its deal to.
    const stage = page.getByLabel('Stage for a cancelled first meeting');
    await stage.fill('Lost');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page
      .getByRole('region', { name: 'Settings' })
      .getByRole('button', { name: 'Save' })
      .waitFor();
    expect(await stage.inputValue()).toBe('Lost');
    await page.context().close();
  }, 300_000);
});
