// Team links end to end: the link form's "Who is booked" (round robin with weights, collective),
// the links list's summary, the public page naming the members and the confirmation naming the
// member booked, and the dashboard naming the member of a team booking. Needs booking-core's team
// links and the store's link members (they pass once those are merged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Link } from '../src/common/types';
import { addMember, book, firstSlots, signUpHost } from './support/api';
import { launchBrowser, newPage, axeViolations, signInPage } from './support/browser';
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

describe('team links', () => {
  it('creates a round-robin link with members and weights, shows it in the list and on the public page', async () => {
    const ana = await signUpHost(server.url, { name: 'Ana Admin' });
    const bea = await addMember(server.url, ana, { name: 'Bea Member' });

    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, ana.cookie);
    await page.goto('/settings/booking-links');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByLabel('Title').fill('Team intro');

    // Just me: the link's own calendar select; a team link hides it.
    await page.getByLabel('Calendar provider').waitFor();
    await page.getByRole('radio', { name: 'Round robin' }).check();
    expect(await page.getByLabel('Calendar provider').count()).toBe(0);
    const picker = page.getByTestId('team-members');
    await picker.getByText('Bea Member').waitFor();

    // No member picked: said, nothing sent.
    await page.getByRole('button', { name: 'Create link' }).click();
    await picker.getByText('Pick at least one member.').waitFor();

    await picker.getByRole('checkbox', { name: /Ana Admin/ }).check();
    await picker.getByRole('checkbox', { name: /Bea Member/ }).check();
    await picker.getByLabel('Weight of Bea Member').fill('2');
    expect(await picker.getByLabel('Calendar of Bea Member').inputValue()).toBe('none');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    await page.getByRole('button', { name: 'Create link' }).click();

    const item = page.locator('li.link-item', { hasText: 'Team intro' });
    await item.getByTestId('team-summary').getByText('Round robin · 2 members').waitFor();

    const { links } = await ana.request<{ links: Link[] }>('GET', '/api/host/links');
    const link = links.find((l) => l.title === 'Team intro')!;
    expect(link.kind).toBe('round_robin');
    expect(link.members.map((m) => [m.hostId, m.weight, m.calendarProvider])).toEqual([
      [expect.any(String), 1, 'none'],
      [bea.id, 2, 'none'],
    ]);

    // Editing keeps the kind and members; collective drops the weights.
    await item.getByRole('button', { name: /Edit/ }).click();
    expect(await page.getByRole('radio', { name: 'Round robin' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Collective' }).check();
    expect(await page.getByLabel('Weight of Bea Member').count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await item.getByTestId('team-summary').getByText('Collective · 2 members').waitFor();

    // The public page names the members under the title.
    const booking = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await booking.goto(`/book/${link.slug}`);
    await booking
      .getByTestId('team-members')
      .getByText(/Ana Admin.*Bea Member/)
      .waitFor();
    await booking.close();
    await page.close();
  });

  it('names the member booked on the confirmation and on the dashboard', async () => {
    const ana = await signUpHost(server.url, { name: 'Ana Admin' });
    const bea = await addMember(server.url, ana, { name: 'Bea Member' });
    const { link } = await ana.request<{ link: Link }>('POST', '/api/host/links', {
      title: 'Bea only',
      kind: 'round_robin',
      members: [{ hostId: bea.id }],
      minNoticeHours: 2,
      weeklyHours: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
          d,
          [{ start: '08:00', end: '18:00' }],
        ]),
      ),
    });
    const [start] = await firstSlots(server.url, link.slug, 1);
    const created = await book(server.url, link.slug, start!, {
      name: 'Carl Client',
      email: 'carl@example.test',
    });
    // The public booking answer names the member the booking went to.
    expect(created.booking.hostName).toBe('Bea Member');

    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, ana.cookie);
    await page.goto('/calendar');
    const row = page.locator(`tr[data-booking-id="${created.booking.id}"]`);
    await row.getByTestId('booked-host').getByText('With Bea Member').waitFor();
    await page.close();
  });
});
