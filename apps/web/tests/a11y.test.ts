// axe-core on every surface (light and dark), and the booking page at 360 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BookingCreated } from '../src/common/types';
import { addDays } from '../src/common/time';
import {
  book,
  createLink,
  firstSlots,
  signUpHost,
  uniqueEmail,
  type HostClient,
} from './support/api';
import { launchBrowser, newPage, screenshot, axeViolations, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;
let booked: BookingCreated;
/** UTC midnight a week from now: the host's time off starts then. */
let inAWeek: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: 'Axel Axe' });
  const link = await createLink(host, {
    title: 'Accessible call',
    slug: 'a11y',
    description: 'For everyone.',
  });
  await createLink(host, { title: 'Off', slug: 'off' }).then((l) =>
    host.request('POST', `/api/host/links/${l.id}/disable`),
  );
  await host.request('POST', '/api/host/webhooks', {
    url: 'https://crm.example.test/hooks/workestra',
    events: ['booking.created'],
    description: 'Our CRM',
  });
  inAWeek = Date.UTC(
    new Date().getUTCFullYear(),
    new Date().getUTCMonth(),
    new Date().getUTCDate() + 7,
  );
  await host.request('POST', '/api/host/time-off', {
    start: new Date(inAWeek).toISOString(),
    end: new Date(inAWeek + 2 * 86_400_000).toISOString(),
    note: 'Conference',
  });
  const [start] = await firstSlots(server.url, link.slug, 1);
  booked = await book(server.url, link.slug, start!, {
    name: 'Ana Attendee',
    email: 'ana@example.test',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function audit(page: Page, name: string) {
  const violations = await axeViolations(page);
  expect(violations, `${name}:\n${violations.join('\n')}`).toEqual([]);
}

const schemes = ['light', 'dark'] as const;

describe.each(schemes)('axe-core, %s scheme', (colorScheme) => {
  it('public booking surfaces have no axe violations of any impact', async () => {
    const page = await newPage(browser, server.url, { colorScheme });
    await page.goto('/book/a11y');
    await page.locator('button.day.available').first().click();
    await page.locator('ul.slots button').first().waitFor();
    await audit(page, 'booking: pick');
    await page.getByRole('button', { name: /Time zone/ }).click();
    await audit(page, 'booking: time zone picker');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('ul.slots button').first().click();
    await audit(page, 'booking: details');
    await page.getByLabel('Your name').fill('Axe Tester');
    await page.getByLabel('Email').fill(`axe-${colorScheme}@example.test`);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByTestId('confirmation').waitFor();
    await audit(page, 'booking: confirmation');
    await screenshot(page, `a11y-confirmation-${colorScheme}`);
    await page.goto('/book/nope');
    await page.getByRole('heading', { name: /not found/ }).waitFor();
    await audit(page, 'booking: 404');
    await page.goto('/book/off');
    await page.getByRole('heading', { name: 'This link is no longer active' }).waitFor();
    await audit(page, 'booking: inactive');
    await page.goto(new URL(booked.rescheduleUrl).pathname);
    await page.locator('button.day.available').first().click();
    await audit(page, 'reschedule');
    await page.goto(new URL(booked.cancelUrl).pathname);
    await page.getByRole('button', { name: 'Cancel meeting' }).waitFor();
    await audit(page, 'cancel');
    await page.goto('/book/cancel/bogus');
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await audit(page, 'token invalid');
    await page.context().close();
  });

  it('host surfaces have no axe violations of any impact', async () => {
    const page = await newPage(browser, server.url, { colorScheme });
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await audit(page, 'login');
    await page.goto('/signup');
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await audit(page, 'signup');
    await signInPage(page, server.url, host.cookie);
    await page.goto('/settings/booking-links');
    await page.locator('li.link-item').first().waitFor();
    await audit(page, 'links');
    await page.getByRole('button', { name: 'Delete Off' }).click();
    await page.getByRole('dialog').waitFor();
    await audit(page, 'links: delete dialog');
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByLabel('Title').waitFor();
    // This server has no calendar provider configured: the form offers none but "None".
    await page.locator('#f-provider option').first().waitFor({ state: 'attached' });
    expect(await page.locator('#f-provider option').allTextContents()).toEqual(['None']);
    // With deals on, the currency select shows too.
    await page.getByLabel(/Auto-create a deal/).check();
    await page.getByLabel('Currency').waitFor();
    await audit(page, 'link form');
    await screenshot(page, `a11y-link-form-${colorScheme}`);
    // A team link: the member picker with a weight and a calendar per member.
    await page.getByRole('radio', { name: 'Round robin' }).check();
    await page.getByTestId('team-members').getByRole('checkbox').first().check();
    await page.getByLabel('Weight of Axel Axe').waitFor();
    await audit(page, 'link form: round robin members');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: /Embed Accessible call/ }).click();
    await page.getByRole('heading', { name: /Embed/ }).waitFor();
    await audit(page, 'embed');
    await page.goto('/settings/calendars');
    await page
      .getByRole('heading', { name: 'No calendar provider is set up on this server' })
      .waitFor();
    await page.getByText('GOOGLE_CLIENT_ID').waitFor();
    await audit(page, 'calendars: no provider');
    await page.goto('/settings/time-off');
    await page.getByTestId('time-off-item').getByText('Conference').waitFor();
    await audit(page, 'time off');
    await page.getByRole('button', { name: /^Delete time off/ }).click();
    await page.getByRole('dialog').waitFor();
    await audit(page, 'time off: delete dialog');
    await page.getByRole('button', { name: 'Keep it' }).click();
    const firstDay = new Date(inAWeek).toISOString().slice(0, 10);
    await page.getByLabel('First day').fill(firstDay);
    await page.getByLabel('Last day').fill(addDays(firstDay, -1));
    await page.getByRole('button', { name: 'Add time off' }).click();
    await page.locator('#to-lastDay-error').waitFor();
    await audit(page, 'time off: field error');
    await page.goto('/settings/webhooks');
    await page.locator('li.webhook').first().waitFor();
    await page.getByRole('checkbox', { name: 'booking.created' }).waitFor();
    await audit(page, 'webhooks');
    await page
      .getByRole('button', { name: /^Rotate secret/ })
      .first()
      .click();
    await page.getByRole('dialog').waitFor();
    await audit(page, 'webhooks: rotate dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByTestId('webhook-secret').waitFor();
    await audit(page, 'webhooks: secret shown once');
    await screenshot(page, `a11y-webhooks-${colorScheme}`);
    await page.goto('/settings/members');
    await page.getByTestId('members').getByText('Axel Axe').waitFor();
    await page
      .getByRole('form', { name: 'Invite a teammate' })
      .getByLabel('Email')
      .fill(uniqueEmail('a11y-teammate'));
    await page.getByRole('button', { name: 'Send invite' }).click();
    await page.getByTestId('invite-url').waitFor();
    await audit(page, 'members: invite url shown once');
    await page.goto('/calendar');
    await page.locator('table.meetings tbody tr').first().waitFor();
    await audit(page, 'calendar');
    await screenshot(page, `a11y-calendar-${colorScheme}`);
    await page.context().close();
  });
});

describe('small screens', () => {
  it('booking page and dashboard fit 360 px without horizontal scrolling', async () => {
    const page = await newPage(browser, server.url, { viewport: { width: 360, height: 740 } });
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
    await page.goto('/book/a11y');
    await page.locator('button.day.available').first().click();
    await page.locator('ul.slots button').first().waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'mobile-booking');
    await page.getByRole('button', { name: /Time zone/ }).click();
    expect(await overflow()).toBe(0);
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    await page.locator('table.meetings tbody tr').first().waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'mobile-dashboard');
    await page.goto('/settings/booking-links');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByLabel('Title').waitFor();
    await page.getByLabel(/Auto-create a deal/).check();
    await page.getByLabel('Currency').waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'mobile-link-form');
    await page.goto('/settings/webhooks');
    await page.locator('li.webhook').first().waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'mobile-webhooks');
    await page.goto('/settings/time-off');
    await page.getByTestId('time-off-item').first().waitFor();
    expect(await overflow()).toBe(0);
    await page.goto('/settings/members');
    await page.getByTestId('members').waitFor();
    expect(await overflow()).toBe(0);
    await screenshot(page, 'mobile-time-off');
    await page.context().close();
  });
});
