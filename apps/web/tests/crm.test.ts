// The /crm page end to end: the demo link made a deal link through the link form, an attendee books
// /book/demo, the running job runner's crm.sync fills the CRM, and /crm shows the contact (also
// through the search), its upcoming meeting and the deal with the link's stage and value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstSlots } from './support/api';
import { launchBrowser, newPage, axeViolations, signInAsDemo } from './support/browser';
import { startServer, type TestServer } from './support/server';

/** The seeded demo host (apps/server/src/seed.ts). */
const ATTENDEE = { name: 'Cora Contact', email: 'cora@example.test' };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // A running job runner: crm.sync puts the attendee and the deal in the CRM.
  server = await startServer({ JOB_POLL_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function audit(page: Page, name: string) {
  const violations = await axeViolations(page);
  expect(violations, `${name}:\n${violations.join('\n')}`).toEqual([]);
}

/** Waits (bounded, not timed) until the signed-in page's CRM has the attendee as a contact. */
async function contactSynced(page: Page): Promise<void> {
  for (let round = 0; round < 1800; round++) {
    const count = await page.evaluate(async (email) => {
      const r = await fetch(`/api/host/crm/deals?search=${encodeURIComponent(email)}`);
      return ((await r.json()) as { deals: unknown[] }).deals.length;
    }, ATTENDEE.email);
    if (count > 0) return;
    await page.waitForTimeout(100);
  }
  throw new Error('crm.sync did not add the deal');
}

describe('/crm', () => {
  it('shows the booked attendee, finds it by search and shows the deal with its meeting', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInAsDemo(page);

    // Before any booking: the empty states.
    await page.getByRole('link', { name: 'CRM' }).click();
    await page.waitForURL(/\/crm$/);
    await page.getByText('No contacts yet: every booking adds its attendee here.').waitFor();
    await audit(page, 'crm: empty');

    // The demo link creates a deal per booking, in a stage, with a value.
    await page.getByRole('link', { name: 'Booking links' }).click();
    await page.getByRole('button', { name: 'Edit 30-minute intro call' }).click();
    await page.getByLabel(/Auto-create a deal/).check();
    await page.getByLabel('Default deal stage').fill('Qualified');
    await page.getByLabel('Default deal value').fill('1500.50');
    // The currency starts at the browser locale's (en-US).
    expect(await page.getByLabel('Currency').inputValue()).toBe('USD');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('“30-minute intro call” was saved.').waitFor();

    // The attendee books the first offered time on /book/demo.
    const [start] = await firstSlots(server.url, 'demo', 1);
    const pub = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await pub.goto(
      `/book/demo?name=${encodeURIComponent(ATTENDEE.name)}&email=${encodeURIComponent(ATTENDEE.email)}`,
    );
    const date = start!.slice(0, 10);
    const day = pub.locator(`button.day[data-date="${date}"]`);
    await pub.locator('button.day').first().waitFor();
    if ((await day.count()) === 0) await pub.getByRole('button', { name: 'Next month' }).click();
    await day.click();
    await pub.locator(`ul.slots button[data-start="${start}"]`).click();
    await pub.getByRole('button', { name: 'Confirm booking' }).click();
    await pub.getByTestId('confirmation').waitFor();
    await contactSynced(page);

    // /crm lists the contact; the search finds it and leaves out what does not match.
    await page.getByRole('link', { name: 'CRM' }).click();
    const contacts = page.getByRole('table', { name: 'Contacts' });
    await contacts.getByRole('link', { name: ATTENDEE.name }).waitFor();
    const search = page.getByLabel('Search contacts and deals');
    await search.fill('nobody-here');
    await page.getByText('No contacts match “nobody-here”.').waitFor();
    await search.fill('CORA');
    await contacts.getByRole('link', { name: ATTENDEE.name }).waitFor();
    expect(await contacts.locator('tbody tr').count()).toBe(1);
    await audit(page, 'crm: contacts');

    // The Deals tab: the stage and the value (minor units shown as money in the link's currency).
    await page.getByRole('tab', { name: 'Deals' }).click();
    const deals = page.getByRole('table', { name: 'Deals' });
    const row = deals.locator('tbody tr', { hasText: ATTENDEE.name });
    await row.waitFor();
    expect(await row.textContent()).toContain('Qualified');
    expect(await row.textContent()).toContain('$1,500.50');
    await audit(page, 'crm: deals');

    // The contact: the deal's meeting is upcoming, nothing past.
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await contacts.getByRole('link', { name: ATTENDEE.name }).click();
    await page.getByRole('heading', { level: 1, name: ATTENDEE.name }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming meetings' });
    await upcoming.getByRole('link', { name: /30-minute intro call/ }).waitFor();
    expect(await upcoming.locator('time').getAttribute('datetime')).toBe(
      new Date(start!).toISOString(),
    );
    expect(await upcoming.textContent()).toContain('Scheduled');
    expect(await page.getByRole('region', { name: 'Past meetings' }).textContent()).toContain(
      'No past meetings.',
    );
    expect(await page.getByRole('region', { name: 'Notes' }).textContent()).toContain('Booked');
    await audit(page, 'crm: contact');

    // The deal: stage, value, contact and the upcoming meeting.
    await upcoming.getByRole('link', { name: /30-minute intro call/ }).click();
    await page.waitForURL(/\/crm\/deals\//);
    const facts = page.locator('dl[aria-label="Deal"]');
    await facts.waitFor();
    const text = (await facts.textContent()) ?? '';
    expect(text).toContain('Qualified');
    expect(text).toContain('$1,500.50');
    expect(text).toContain(ATTENDEE.email);
    expect(text).toContain('Upcoming meeting');
    await audit(page, 'crm: deal');

    // A reload of a deal's address serves the app (a registered page), and an unknown id says so.
    await page.reload();
    await facts.waitFor();
    await page.goto('/crm/deals/unknown-deal');
    expect(await page.getByRole('alert').textContent()).toContain('No such deal');
    await Promise.all([page.context().close(), pub.context().close()]);
  }, 300_000);
});
