// A round-robin link across calendar providers, as a team sets it up: the owner (Google) invites a
// colleague who connects Microsoft 365, the owner builds the link in the form with both members
// and their calendars, and two visitors book through the page: each member gets one meeting, the
// confirmation names that member, the dashboard shows who got which, and each member's own
// calendar (on its own provider's emulator) holds its event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  startGoogleEmulator,
  startMicrosoftEmulator,
  type GoogleEmulator,
  type MicrosoftEmulator,
} from '@workestra/calendar-providers/testing';
import type { Link } from '../src/common/types';
import { addMember, firstSlots, signUpHost, type HostClient } from './support/api';
import { launchBrowser, newPage, axeViolations, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let google: GoogleEmulator;
let graph: MicrosoftEmulator;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  google = await startGoogleEmulator();
  graph = await startMicrosoftEmulator();
  server = await startServer({
    GOOGLE_CLIENT_ID: google.client.clientId,
    GOOGLE_CLIENT_SECRET: google.client.clientSecret,
    GOOGLE_BASE_URL: google.url,
    MICROSOFT_CLIENT_ID: graph.client.clientId,
    MICROSOFT_CLIENT_SECRET: graph.client.clientSecret,
    MICROSOFT_BASE_URL: graph.url,
    // A running job runner: the calendar follow-ups write the events.
    JOB_POLL_MS: '200',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
  await google?.close();
});

/** Connects `label`'s calendar for the host signed in on `page`, through the emulator's consent. */
async function connect(page: Page, provider: 'google' | 'microsoft', account: string) {
  const label = provider === 'google' ? 'Google Calendar' : 'Microsoft 365';
  const emulatorUrl = provider === 'google' ? google.url : graph.url;
  await page.goto('/settings/calendars');
  const card = page.getByTestId(`connection-${provider}`);
  await card.getByRole('button', { name: `Connect ${label}` }).click();
  await page.waitForURL((url) => url.href.startsWith(emulatorUrl));
  await page.getByLabel('Account').fill(account);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.pathname === '/settings/calendars');
  await page.getByText(`${label} is connected.`, { exact: false }).waitFor();
}

/** Books `start` on `/book/<slug>` as a new visitor; the name the confirmation says it is with. */
async function bookThroughPage(slug: string, start: string, visitor: string): Promise<string> {
  const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
  const email = `${visitor.toLowerCase()}@example.test`;
  await page.goto(`/book/${slug}?name=${visitor}&email=${email}`);
  const date = start.slice(0, 10);
  const day = page.locator(`button.day[data-date="${date}"]`);
  await page.locator('button.day').first().waitFor();
  if ((await day.count()) === 0) await page.getByRole('button', { name: 'Next month' }).click();
  await day.click();
  await page.locator(`ul.slots button[data-start="${start}"]`).click();
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  const confirmation = page.getByTestId('confirmation');
  await confirmation.waitFor();
  const text = (await confirmation.textContent()) ?? '';
  await page.context().close();
  return text;
}

describe('round-robin across Google and Microsoft members', () => {
  it('rotates two bookings between the members, each in its own provider’s calendar', async () => {
    const ana: HostClient = await signUpHost(server.url, { name: 'Ana Admin', timeZone: 'UTC' });
    const bea = await addMember(server.url, ana, { name: 'Bea Member', timeZone: 'UTC' });

    // Each member connects its own calendar, signed in as itself.
    const anaPage = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(anaPage, server.url, ana.cookie);
    await connect(anaPage, 'google', ana.email);
    const beaPage = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(beaPage, server.url, bea.cookie);
    await connect(beaPage, 'microsoft', bea.email);

    // The owner builds the link in the form: round robin, both members, each with its calendar.
    await anaPage.goto('/settings/booking-links');
    await anaPage.getByRole('button', { name: 'Create link' }).click();
    await anaPage.getByLabel('Title').fill('Sales team');
    await anaPage.getByRole('radio', { name: 'Round robin' }).check();
    const picker = anaPage.getByTestId('team-members');
    await picker.getByRole('checkbox', { name: /Ana Admin/ }).check();
    await picker.getByRole('checkbox', { name: /Bea Member/ }).check();
    await picker.getByLabel('Calendar of Ana Admin').selectOption('google');
    await picker.getByLabel('Calendar of Bea Member').selectOption('microsoft');
    const violations = await axeViolations(anaPage);
    expect(violations, violations.join('\n')).toEqual([]);
    await anaPage.getByRole('button', { name: 'Create link' }).click();
    const item = anaPage.locator('li.link-item', { hasText: 'Sales team' });
    await item.getByTestId('team-summary').getByText('Round robin · 2 members').waitFor();
    const { links } = await ana.request<{ links: Link[] }>('GET', '/api/host/links');
    const link = links.find((l) => l.title === 'Sales team')!;
    expect(link.members.map((m) => [m.hostId, m.calendarProvider])).toEqual([
      [expect.any(String), 'google'],
      [bea.id, 'microsoft'],
    ]);

    // Bea sees the link among hers, as a member: no settings of it to change.
    await beaPage.goto('/settings/booking-links');
    const beaItem = beaPage.locator('li.link-item', { hasText: 'Sales team' });
    await beaItem.getByTestId('member-of').getByText('you are a member').waitFor();
    expect(await beaItem.getByRole('button', { name: /Edit/ }).count()).toBe(0);
    await beaPage.context().close();

    // Two visitors book the same first slot: both members are free, so each gets one.
    const [start] = await firstSlots(server.url, link.slug, 1);
    const first = await bookThroughPage(link.slug, start!, 'Carl');
    const second = await bookThroughPage(link.slug, start!, 'Dora');
    const carlWith = first.includes('Ana Admin') ? 'Ana Admin' : 'Bea Member';
    const doraWith = second.includes('Ana Admin') ? 'Ana Admin' : 'Bea Member';
    expect([carlWith, doraWith].sort()).toEqual(['Ana Admin', 'Bea Member']);
    // The first in member order is first in the rotation.
    expect(carlWith).toBe('Ana Admin');

    // Each member's calendar gets its own meeting, on its own provider.
    await expect
      .poll(() => google.events(ana.email).length, { timeout: 90_000, interval: 200 })
      .toBe(1);
    await expect
      .poll(() => graph.events(bea.email).length, { timeout: 90_000, interval: 200 })
      .toBe(1);
    expect(Date.parse(google.events(ana.email)[0]!.start.dateTime!)).toBe(Date.parse(start!));

    // The owner's dashboard lists both meetings with the member each went to.
    await anaPage.goto('/calendar');
    for (const [visitor, member] of [
      ['Carl', carlWith],
      ['Dora', doraWith],
    ]) {
      const row = anaPage.locator('table.meetings tbody tr', { hasText: visitor! });
      await row.waitFor();
      expect(await row.getByTestId('booked-host').textContent()).toContain(member);
    }
    await anaPage.context().close();
  }, 300_000);
});
