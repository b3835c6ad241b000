// The host app: sign up, sign out, sign in, and the whole life of a booking link through the
// settings UI, checked against the public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startGoogleEmulator, type GoogleEmulator } from '@workestra/calendar-providers/testing';
import { createLink, signUpHost, uniqueEmail } from './support/api';
import { launchBrowser, newPage, screenshot, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let google: GoogleEmulator;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Google is configured (against the emulator), so the link form offers it.
  google = await startGoogleEmulator();
  server = await startServer({
    GOOGLE_CLIENT_ID: google.client.clientId,
    GOOGLE_CLIENT_SECRET: google.client.clientSecret,
    GOOGLE_BASE_URL: google.url,
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await google?.close();
});

describe('host app', () => {
  it('previews transliterated slugs and offers a free slug in one click when the slug is taken', async () => {
    // Another account already holds /book/product-demo: slugs are one public namespace.
    const other = await signUpHost(server.url, { name: 'Olga Other' });
    await createLink(other, { title: 'Product demo', slug: 'product-demo' });

    const me = await signUpHost(server.url, { name: 'Nina New' });
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, me.cookie);
    await page.goto('/settings/booking-links');
    await page.getByRole('button', { name: 'Create link' }).click();

    await page.getByLabel('Title').fill('Łódź intro');
    expect(await page.getByLabel('Slug').inputValue()).toBe('lodz-intro');
    await page.getByLabel('Title').fill('Straße');
    expect(await page.getByLabel('Slug').inputValue()).toBe('strasse');
    await page.getByLabel('Title').fill('Встреча');
    expect(await page.getByLabel('Slug').inputValue()).toBe('vstrecha');

    await page.getByLabel('Title').fill('Product demo');
    expect(await page.getByLabel('Slug').inputValue()).toBe('product-demo');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page
      .getByText('/book/product-demo is already used by another link. product-demo-2 is free.')
      .waitFor();
    await screenshot(page, 'settings-slug-suggestion');
    await page.getByRole('button', { name: 'Use product-demo-2 as the slug and save' }).click();

    const item = page.locator('li.link-item', { hasText: 'Product demo' });
    await item.waitFor();
    expect(await item.locator('.url').textContent()).toBe(`${server.url}/book/product-demo-2`);
    await page.context().close();
  });

  it('redirects signed-out visitors to /login', async () => {
    const page = await newPage(browser, server.url);
    await page.goto('/settings/booking-links');
    await page.waitForURL(/\/login\?next=%2Fsettings%2Fbooking-links$/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.context().close();
  });

  it('signs up, creates, edits, disables, re-enables and deletes a link', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'America/Chicago' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const email = uniqueEmail('ui');
    const password = 'a-long-password';

    await page.goto('/signup');
    await page.getByLabel('Name').fill('Uma UI');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(/\/calendar$/);

    // Sign out and back in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/calendar$/);

    await page.getByRole('link', { name: 'Booking links' }).click();
    await page.waitForURL(/\/settings\/booking-links$/);
    await page.getByRole('button', { name: 'Create link' }).click();

    // Identity: the slug follows the title until edited.
    await page.getByLabel('Title').fill('Discovery Call: Café Edition');
    expect(await page.getByLabel('Slug').inputValue()).toBe('discovery-call-cafe-edition');
    await page.getByLabel('Slug').fill('discovery');
    await page.getByLabel('Title').fill('Discovery call');
    expect(await page.getByLabel('Slug').inputValue()).toBe('discovery');
    await page.getByLabel('Description').fill('Let us see if we fit.');
    // Availability: the browser's zone is the default.
    expect(await page.getByLabel('Timezone').inputValue()).toBe('America/Chicago');
    await page.getByLabel('Duration (minutes)').fill('45');
    await page.getByLabel('Buffer before (minutes)').fill('10');
    await page.getByLabel('Buffer after (minutes)').fill('5');
    await page.getByLabel('Minimum notice (hours)').fill('1');
    await page.getByLabel('Max days ahead').fill('20');
    // Weekly hours: Saturday on, a second Monday window added, Friday off.
    await page.locator('[data-weekday="saturday"] input[type="checkbox"]').check();
    await page.getByRole('button', { name: 'Add a Monday window' }).click();
    await page.getByLabel('Monday window 1 end').fill('12:00');
    await page.getByLabel('Monday window 2 start').fill('13:00');
    await page.getByLabel('Monday window 2 end').fill('17:00');
    await page.getByRole('button', { name: 'Add a Tuesday window' }).click();
    await page.getByRole('button', { name: 'Remove Tuesday window 2' }).click();
    await page.locator('[data-weekday="friday"] input[type="checkbox"]').uncheck();
    // Calendar: only None and the configured provider are offered; not connected yet, the form
    // says so and points to the Calendars page.
    await page
      .locator('#f-provider option', { hasText: 'Google Calendar' })
      .waitFor({ state: 'attached' });
    expect(await page.locator('#f-provider option').allTextContents()).toEqual([
      'None',
      'Google Calendar',
    ]);
    await page.getByLabel('Calendar provider').selectOption('google');
    const note = page.locator('#f-provider-note');
    await note.getByText('Your Google Calendar is not connected yet', { exact: false }).waitFor();
    expect(
      await note.getByRole('link', { name: 'Connect it in Calendars' }).getAttribute('href'),
    ).toBe('/settings/calendars');
    await page.getByLabel(/Auto-generate a meeting link/).check();
    // CRM.
    expect(await page.locator('#f-currency').count()).toBe(0);
    await page.getByLabel(/Auto-create a deal/).check();
    await page.getByLabel('Default deal stage').fill('New leads');
    await page.getByLabel('Default deal value').fill('1500.50');
    // The currency shows once deals are on, starting at the browser locale's (en-US).
    expect(await page.getByLabel('Currency').inputValue()).toBe('USD');
    await page.getByLabel('Currency').selectOption('EUR');
    await screenshot(page, 'settings-link-form');
    // Focus back in the form after the full-page screenshot: without it, the next click on
    // "Create link" here focused the button without submitting.
    await page.getByLabel('Currency').focus();
    await page.getByRole('button', { name: 'Create link' }).click();

    const item = page.locator('li.link-item', { hasText: 'Discovery call' });
    await item.waitFor();
    expect(await item.locator('.url').textContent()).toBe(`${server.url}/book/discovery`);

    // What the server stored.
    const stored = await page.evaluate(async () => {
      const r = await fetch('/api/host/links');
      return ((await r.json()) as { links: Record<string, unknown>[] }).links[0]!;
    });
    expect(stored).toMatchObject({
      title: 'Discovery call',
      slug: 'discovery',
      description: 'Let us see if we fit.',
      durationMinutes: 45,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 5,
      minNoticeHours: 1,
      maxDaysAhead: 20,
      timeZone: 'America/Chicago',
      calendarProvider: 'google',
      autoMeetingLink: true,
      autoCreateDeal: true,
      defaultDealStage: 'New leads',
      defaultDealValueMinor: 150050,
      defaultDealCurrency: 'EUR',
    });
    const week = stored.weeklyHours as Record<string, { start: string; end: string }[]>;
    expect(week.monday).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(week.tuesday).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(week.friday ?? []).toEqual([]);
    expect(week.saturday).toEqual([{ start: '09:00', end: '17:00' }]);

    // Copy to clipboard.
    await item.getByRole('button', { name: 'Copy link to Discovery call' }).click();
    await item.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${server.url}/book/discovery`,
    );
    // The status clears after a few seconds: the button reads as ready again.
    await item.getByText('Copied').waitFor({ state: 'detached' });

    // Edit.
    await item.getByRole('button', { name: 'Edit Discovery call' }).click();
    expect(await page.getByLabel('Duration (minutes)').inputValue()).toBe('45');
    await page.getByLabel('Title').fill('Discovery call (new)');
    expect(await page.getByLabel('Slug').inputValue()).toBe('discovery');
    await page.getByLabel('Description').fill('Updated description.');
    expect(await page.getByLabel('Default deal value').inputValue()).toBe('1500.50');
    expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
    // Yen have no minor unit: the field steps by whole yen, so 12.5 does not validate; 1500 is
    // stored as 1500.
    await page.getByLabel('Currency').selectOption('JPY');
    await page.getByLabel('Default deal value').fill('12.5');
    expect(
      await page
        .getByLabel('Default deal value')
        .evaluate((input) => (input as HTMLInputElement).validity.stepMismatch),
    ).toBe(true);
    await page.getByLabel('Default deal value').fill('1500');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const edited = page.locator('li.link-item', { hasText: 'Discovery call (new)' });
    await edited.waitFor();
    const yen = await page.evaluate(async () => {
      const r = await fetch('/api/host/links');
      return ((await r.json()) as { links: Record<string, unknown>[] }).links[0]!;
    });
    expect(yen).toMatchObject({ defaultDealValueMinor: 1500, defaultDealCurrency: 'JPY' });

    const pub = await newPage(browser, server.url);
    await pub.goto('/book/discovery');
    await pub.getByRole('heading', { name: 'Discovery call (new)' }).waitFor();
    await pub.getByText('Updated description.').waitFor();
    // On Google but not connected: the page says the host's calendar cannot be read and offers no
    // times (503 CALENDAR_UNAVAILABLE), rather than a generic error.
    await pub.getByText("The host's calendar cannot be read right now", { exact: false }).waitFor();
    expect(await pub.locator('button.day.available').count()).toBe(0);

    // Disable: the public page says so; re-enable restores it.
    const active = edited.getByRole('switch', { name: 'Active: Discovery call (new)' });
    expect(await active.getAttribute('aria-checked')).toBe('true');
    await active.click();
    await edited.getByText('Inactive', { exact: true }).waitFor();
    expect(await active.getAttribute('aria-checked')).toBe('false');
    await pub.reload();
    await pub.getByRole('heading', { name: 'This link is no longer active' }).waitFor();
    await screenshot(page, 'settings-links-inactive');
    await active.click();
    await edited.getByText('Active', { exact: true }).waitFor();
    expect(await active.getAttribute('aria-checked')).toBe('true');
    await pub.reload();
    await pub.getByRole('heading', { name: 'Discovery call (new)' }).waitFor();

    // The embed settings page (tests/embed-settings.test.ts covers it).
    await edited.getByRole('link', { name: /Embed/ }).click();
    await page.waitForURL(/\/settings\/booking-links\/[^/]+\/embed$/);
    await page.getByRole('heading', { name: 'Embed “Discovery call (new)”' }).waitFor();
    await page.getByRole('link', { name: `${server.url}/book/discovery` }).waitFor();
    await page.getByTestId('snippet').getByText(`${server.url}/book/discovery`).waitFor();
    await screenshot(page, 'settings-embed');
    await page.goBack();

    // Delete with confirmation: Keep first, then Delete.
    await edited.getByRole('button', { name: 'Delete Discovery call (new)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Keep it' }).click();
    expect(await page.locator('li.link-item').count()).toBe(1);
    await edited.getByRole('button', { name: 'Delete Discovery call (new)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete link' }).click();
    await page.getByText('No booking links yet.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'Create your first booking link' }).waitFor();
    const res = await pub.reload();
    expect(res?.status()).toBe(404);
    await pub.getByRole('heading', { name: /Page not found/ }).waitFor();
    await screenshot(page, 'settings-links-empty');
    await Promise.all([page.context().close(), pub.context().close()]);
  });
});
