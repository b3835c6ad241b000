// Host pages polish (issue 17): link form errors at their day, unsaved edits, the first-link
// guide, the dashboard's tab and week in the URL, week events with details, no-show confirm and
// undo, and a deleted link's meetings keeping its title.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BookingCreated, FollowUp, HostBooking } from '../src/common/types';
import { book, createLink, firstSlots, signUpHost, type HostClient } from './support/api';
import { launchBrowser, newPage, axeViolations, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;
let booked: BookingCreated;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: 'Hana Host' });
  const link = await createLink(host, { title: 'Team sync', slug: 'hana-sync' });
  const [slot] = await firstSlots(server.url, link.slug, 1);
  booked = await book(server.url, link.slug, slot!, { name: 'Ada Lovelace', email: 'ada@x.test' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('host pages', () => {
  it('shows a server error at its day, focused, with a summary by the button; asks before leaving unsaved edits', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    await page.getByRole('link', { name: 'Booking links' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('heading', { level: 1, name: 'New booking link' }).waitFor();
    await page.getByLabel('Title').fill('Overlapping hours');
    // Two Tuesday windows that overlap: only the server's rules catch it.
    await page.getByRole('button', { name: 'Add a Tuesday window' }).click();
    await page.getByLabel('Tuesday window 1 end').fill('12:00');
    await page.getByLabel('Tuesday window 2 start').fill('11:00');
    await page.getByLabel('Tuesday window 2 end').fill('13:00');
    await page.getByRole('button', { name: 'Create link' }).click();

    const tuesday = page.locator('[data-weekday="tuesday"]');
    await tuesday.getByText('Tuesday: windows of one day must not overlap').waitFor();
    expect(await tuesday.getAttribute('class')).toContain('invalid');
    expect(await page.locator('[data-weekday="monday"]').getAttribute('class')).not.toContain(
      'invalid',
    );
    // Focus went up to the day's first time, described by the message.
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement;
      return {
        label: el.closest('label')?.textContent?.trim(),
        invalid: el.getAttribute('aria-invalid'),
        describedBy: document.getElementById(el.getAttribute('aria-describedby') ?? '')
          ?.textContent,
      };
    });
    expect(focused).toEqual({
      label: 'Tuesday window 1 start',
      invalid: 'true',
      describedBy: 'Tuesday: windows of one day must not overlap',
    });
    expect(await page.getByRole('alert').filter({ hasText: 'Please fix' }).textContent()).toBe(
      'Please fix 1 field. Tuesday: windows of one day must not overlap',
    );
    expect(await axeViolations(page)).toEqual([]);

    // Unsaved edits: leaving through the menu asks; refusing keeps the form.
    let asked = 0;
    page.once('dialog', (d) => {
      asked++;
      void d.dismiss();
    });
    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    expect(asked).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/settings/booking-links');
    expect(await page.getByLabel('Title').inputValue()).toBe('Overlapping hours');
    // Back (to /calendar) asks too; refusing puts the form's URL back and keeps the edits.
    const backAsked = page.waitForEvent('dialog');
    await page.evaluate(() => history.back());
    const question = await backAsked;
    asked++;
    await question.dismiss();
    await page.waitForFunction(() => location.pathname === '/settings/booking-links');
    expect(asked).toBe(2);
    expect(await page.getByLabel('Title').inputValue()).toBe('Overlapping hours');
    page.once('dialog', (d) => {
      asked++;
      void d.accept();
    });
    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.waitForURL(/\/calendar$/);
    expect(asked).toBe(3);
    await page.context().close();
  });

  it('guides a host without links to its first one, on the dashboard and the links page', async () => {
    const fresh = await signUpHost(server.url, { name: 'Nora Newcomer' });
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, fresh.cookie);
    await page.goto('/calendar');
    const guide = page.getByTestId('first-link-guide');
    await guide.getByRole('heading', { name: 'Create your first booking link' }).waitFor();
    expect(await guide.locator('li').count()).toBe(3);
    await guide.getByRole('button', { name: 'Create your first booking link' }).click();
    await page.waitForURL(/\/settings\/booking-links$/);
    await page.getByRole('heading', { level: 1, name: 'New booking link' }).waitFor();
    // Cancel goes back to the list, whose guide opens the form again.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByTestId('first-link-guide')
      .getByRole('button', { name: 'Create your first booking link' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'New booking link' }).waitFor();
    await page.context().close();
  });

  it('keeps the tab and the week in the URL through Back and reload; week events open their details', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    await page.locator('table.meetings').waitFor();

    await page.getByRole('tab', { name: 'Past' }).click();
    await page.waitForURL(/\/calendar\?tab=past$/);
    await page.getByRole('tab', { name: 'Cancellations' }).click();
    await page.waitForURL(/\/calendar\?tab=cancelled$/);
    await page.goBack();
    await page.waitForURL(/\/calendar\?tab=past$/);
    expect(await page.getByRole('tab', { name: 'Past' }).getAttribute('aria-selected')).toBe(
      'true',
    );

    const week = page.getByTestId('week-view');
    const thisWeek = await page.getByTestId('week-range').textContent();
    await week.getByRole('button', { name: /Next week/ }).click();
    await page.waitForURL(/week=\d{4}-\d{2}-\d{2}/);
    const nextWeek = await page.getByTestId('week-range').textContent();
    expect(nextWeek).not.toBe(thisWeek);
    await page.reload();
    await page.getByTestId('week-range').getByText(nextWeek!).waitFor();
    expect(await page.getByRole('tab', { name: 'Past' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.goBack();
    await page.getByTestId('week-range').getByText(thisWeek!).waitFor();

    // The scroll area is reachable by keyboard and named.
    const region = page.getByRole('region', { name: /Meetings of the week of/ });
    expect(await region.getAttribute('tabindex')).toBe('0');

    // The details show a follow-up that waits for its retry: the server's answer gains one here
    // (the server's side: apps/server host-bookings.test.ts and outside-faults.test.ts).
    await page.route(new RegExp(`/api/host/bookings/${booked.booking.id}$`), async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { followUps: FollowUp[] };
      const retrying: FollowUp = {
        id: 'job_retrying',
        kind: 'calendar.create',
        status: 'pending',
        attempts: 1,
        maxAttempts: 8,
        lastError: 'Google Calendar answered 503',
        nextAttemptAt: '2026-11-04T09:05:00.000Z',
        updatedAt: '2026-11-04T09:00:00.000Z',
      };
      await route.fulfill({ json: { ...body, followUps: [...body.followUps, retrying] } });
    });
    // A link to the meeting's week (any day of it) opens that week.
    await page.goto(`/calendar?week=${booked.booking.start.slice(0, 10)}`);
    const event = page
      .getByTestId('week-view')
      .locator(`[data-booking-id="${booked.booking.id}"] button`);
    await event.waitFor();
    expect(await event.getAttribute('aria-label')).toMatch(
      /^\d\d:\d\d to \d\d:\d\d, Ada Lovelace, Team sync\. Show details$/,
    );
    await event.click();
    const dialog = page.getByRole('dialog', { name: 'Meeting with Ada Lovelace' });
    await dialog.getByText('ada@x.test').waitFor();
    await dialog.getByRole('heading', { name: 'History' }).waitFor();
    await dialog.getByText(/Booked/).waitFor();
    await dialog.getByRole('heading', { name: 'Follow-ups' }).waitFor();
    // The next try in the host's zone, whichever it is.
    expect(await dialog.getByTestId('follow-ups').textContent()).toMatch(
      /^Calendar event: retrying after an error \(attempt 2 of 8\): Google Calendar answered 503; next try \w{3}, Nov \d, \d/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await event.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.context().close();
  });

  it('asks before marking a no-show and offers Undo, which sends DELETE /no-show', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, host.cookie);
    // The server's clock is real and every bookable time is ahead: the list is the server's with
    // Ada's meeting moved a day back (started), and the no-show calls are answered here, recorded.
    // The server's side of both calls is covered in apps/server (host-bookings.test.ts).
    const DAY = 86_400_000;
    const shift = (b: HostBooking): HostBooking =>
      b.id === booked.booking.id
        ? {
            ...b,
            start: new Date(Date.now() - DAY).toISOString(),
            end: new Date(Date.now() - DAY + 30 * 60_000).toISOString(),
          }
        : b;
    await page.route(/\/api\/host\/bookings\?/, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { bookings: HostBooking[]; nextCursor: string | null };
      await route.fulfill({ json: { ...body, bookings: body.bookings.map(shift) } });
    });
    const calls: string[] = [];
    let current: HostBooking | null = null;
    await page.route(/\/api\/host\/bookings\/[^/]+\/no-show$/, async (route) => {
      calls.push(route.request().method());
      await route.fulfill({
        json: { booking: { ...current!, noShow: route.request().method() === 'POST' } },
      });
    });
    await page.goto('/calendar');
    const row = page.locator(`table.meetings tr[data-booking-id="${booked.booking.id}"]`);
    await row.waitFor();
    current = shift(
      await page.evaluate(
        async (id) =>
          ((await (await fetch(`/api/host/bookings/${id}`)).json()) as { booking: HostBooking })
            .booking,
        booked.booking.id,
      ),
    );

    // Keep it: nothing sent.
    await row.getByRole('button', { name: 'Mark no-show for Ada Lovelace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark Ada Lovelace as a no-show?' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(calls).toEqual([]);

    await row.getByRole('button', { name: 'Mark no-show for Ada Lovelace' }).click();
    await dialog.getByRole('button', { name: 'Mark no-show' }).click();
    await page.getByText('Marked Ada Lovelace as a no-show.').waitFor();
    expect(calls).toEqual(['POST']);
    await page.getByRole('button', { name: 'Undo the no-show of Ada Lovelace' }).click();
    await page.getByText('Ada Lovelace is no longer marked as a no-show.').waitFor();
    expect(calls).toEqual(['POST', 'DELETE']);
    expect(await page.getByRole('button', { name: /Undo the no-show/ }).count()).toBe(0);
    // The week grid's reads may still be in flight through the route.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  });

  it("keeps a deleted link's title on its meetings, marked deleted", async () => {
    const owner = await signUpHost(server.url, { name: 'Del Deleter' });
    const link = await createLink(owner, { title: 'Old consult', slug: 'old-consult' });
    const [slot] = await firstSlots(server.url, link.slug, 1);
    await book(server.url, link.slug, slot!, { name: 'Bea Booker', email: 'bea@x.test' });
    await owner.request('DELETE', `/api/host/links/${link.id}`);

    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, owner.cookie);
    await page.goto('/calendar');
    const row = page.locator('table.meetings tbody tr', { hasText: 'Bea Booker' });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('Old consult (deleted)');
    expect(await row.textContent()).not.toContain('Deleted link');
    await page.context().close();
  });
});
