// Connecting Google Calendar through the emulator's OAuth screens, then booking the demo link:
// the busy time is not offered, the follow-up job creates the event with a Meet link, and both the
// attendee's confirmation and the host's dashboard show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startGoogleEmulator, type GoogleEmulator } from '@workestra/calendar-providers/testing';
import type { SlotDay } from '../src/common/types';
import {
  DEMO,
  docScreenshot,
  launchBrowser,
  newPage,
  axeViolations,
  signInAsDemo,
} from './support/browser';
import { startServer, type TestServer } from './support/server';

/** The seeded demo host (apps/server/src/seed.ts), also the emulated Google account. */
const HALF_HOUR = 30 * 60_000;
/** Two more calendars of the Google account: one writable, one read-only. */
const TEAM = 'team@group.calendar.google.com';
const HOLIDAYS = 'holidays@group.v.calendar.google.com';

let google: GoogleEmulator;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  google = await startGoogleEmulator();
  server = await startServer({
    GOOGLE_CLIENT_ID: google.client.clientId,
    GOOGLE_CLIENT_SECRET: google.client.clientSecret,
    GOOGLE_BASE_URL: google.url,
    // A running job runner: the calendar follow-up creates the event and its Meet link.
    JOB_POLL_MS: '200',
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await google?.close();
});

/** The demo link's offered starts in the next two weeks, by date (UTC), from the public API. */
async function demoSlots(): Promise<SlotDay[]> {
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
  const res = await fetch(
    `${server.url}/api/public/links/demo/slots?from=${from}&to=${to}&timeZone=UTC`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { days: SlotDay[] }).days.filter((d) => d.slots.length > 0);
}

/** Opens `date` in the booking page's month view (moving a month on when needed). */
async function openDay(page: Page, date: string): Promise<void> {
  const day = page.locator(`button.day[data-date="${date}"]`);
  await page.locator('button.day').first().waitFor();
  if ((await day.count()) === 0) await page.getByRole('button', { name: 'Next month' }).click();
  await day.click();
  await page.locator('ul.slots button').first().waitFor();
}

describe('calendar connection (Google emulator)', () => {
  it('connects through the consent screens, hides busy time and shows the Meet link to both sides', async () => {
    // Before any connection the demo link reads no calendar: pick two times it offers on its
    // second bookable day and make one busy in the primary calendar, one in a second calendar.
    const before = await demoSlots();
    const busyDay = before[1]!;
    const busyStart = busyDay.slots[0]!.start;
    const teamBusyStart = busyDay.slots[2]!.start;
    const halfHourFrom = (start: string) => ({
      start: { dateTime: start },
      end: { dateTime: new Date(Date.parse(start) + HALF_HOUR).toISOString() },
    });
    google.addCalendar(DEMO.email, { id: TEAM, name: 'Team' });
    google.addCalendar(DEMO.email, { id: HOLIDAYS, name: 'Holidays', canWrite: false });
    google.seed(DEMO.email, { summary: 'Dentist', ...halfHourFrom(busyStart) });
    google.seed(DEMO.email, { summary: 'Team sync', ...halfHourFrom(teamBusyStart) }, TEAM);

    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInAsDemo(page);

    // Calendars: connect Google through the emulator's consent page.
    await page.getByRole('link', { name: 'Calendars' }).click();
    await page.waitForURL(/\/settings\/calendars$/);
    const card = page.getByTestId('connection-google');
    await card.getByText('Not connected.').waitFor();
    await card.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${google.url}/o/oauth2/v2/auth`));
    await page.getByLabel('Account').fill(DEMO.email);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/calendars');
    await page.getByText('Google Calendar is connected.', { exact: false }).waitFor();
    // The notice is shown once: the page then drops `?connected=` from its address (after render).
    await page.waitForURL((url) => url.search === '' && url.pathname === '/settings/calendars');
    expect(page.url()).toBe(`${server.url}/settings/calendars`);
    expect(await card.getByTestId('state').textContent()).toBe('Working');
    expect(await card.getByTestId('account').textContent()).toBe(DEMO.email);
    // The primary calendar is checked and written into by default; the team calendar is added to
    // the ones checked, and only writable calendars can be written into.
    const primary = card.getByRole('checkbox', { name: /\(primary\)/ });
    expect(await primary.isChecked()).toBe(true);
    expect(await card.getByRole('checkbox', { name: 'Team' }).isChecked()).toBe(false);
    const write = card.getByLabel('Write bookings into');
    expect(await write.inputValue()).toBe('primary');
    expect(await write.locator('option').allTextContents()).toEqual([
      `${DEMO.email} (primary)`,
      'Team',
    ]);
    await card.getByRole('checkbox', { name: 'Team' }).check();
    await card.getByRole('button', { name: 'Save calendars' }).click();
    await page.getByText('Saved the Google Calendar calendars.').waitFor();
    const stored = await page.evaluate(async () => {
      const r = await fetch('/api/host/calendar-connections');
      return ((await r.json()) as { connections: Record<string, unknown>[] }).connections[0]!;
    });
    expect(stored).toMatchObject({ calendarsToCheck: ['primary', TEAM], writeCalendar: 'primary' });
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    await docScreenshot(page, 'calendars');

    // The demo link on Google with a meeting link, through the link form.
    await page.getByRole('link', { name: 'Booking links' }).click();
    await page.getByRole('button', { name: 'Edit 30-minute intro call' }).click();
    await page.getByLabel('Calendar provider').selectOption('google');
    await page.getByText(`Uses ${DEMO.email}.`).waitFor();
    await page.getByLabel(/Auto-generate a meeting link/).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('“30-minute intro call” was saved.').waitFor();

    // The attendee: the busy times of both checked calendars are gone, the rest of that day is
    // still offered.
    const pub = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await pub.goto('/book/demo?name=Bea%20Booker&email=bea@example.test');
    await openDay(pub, busyDay.date);
    for (const busy of [busyStart, teamBusyStart])
      expect(await pub.locator(`ul.slots button[data-start="${busy}"]`).count()).toBe(0);
    const free = busyDay.slots[1]!.start;
    await pub.locator(`ul.slots button[data-start="${free}"]`).click();
    await pub.getByRole('button', { name: 'Confirm booking' }).click();
    await pub.getByTestId('confirmation').waitFor();

    // The follow-up job creates the event; the confirmation re-reads the booking until the link
    // is there (and offers "Check again" once its bounded backoff is spent).
    const link = pub.getByTestId('meeting-link');
    const again = pub.getByRole('button', { name: 'Check again' });
    await link.or(again).waitFor({ timeout: 90_000 });
    if (await again.isVisible()) {
      await again.click();
      await link.waitFor({ timeout: 90_000 });
    }
    const meetUrl = await link.getByRole('link').getAttribute('href');
    expect(meetUrl).toMatch(new RegExp(`^${google.url}/meet/`));
    const created = google.events(DEMO.email).filter((e) => e.summary !== 'Dentist');
    expect(created).toHaveLength(1);
    expect(created[0]!.hangoutLink).toBe(meetUrl);
    expect(Date.parse(created[0]!.start.dateTime!)).toBe(Date.parse(free));

    // The host's dashboard shows the same link.
    await page.getByRole('link', { name: 'Calendar', exact: true }).click();
    const row = page.locator('table.meetings tbody tr', { hasText: 'Bea Booker' });
    await row.waitFor();
    expect(await row.getByTestId('meeting-link').getAttribute('href')).toBe(meetUrl);

    // Disconnect, confirmed in the dialog: the card offers to connect again.
    await page.getByRole('link', { name: 'Calendars' }).click();
    await card.getByRole('button', { name: 'Disconnect Google Calendar' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Google Calendar was disconnected.').waitFor();
    await card.getByRole('button', { name: 'Connect Google Calendar' }).waitFor();
    await Promise.all([page.context().close(), pub.context().close()]);
  }, 300_000);

  it('brings the browser back to Calendars with the reason when a consent cannot be used', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInAsDemo(page);
    // A callback this session never started (a stale tab, a forged link): nothing is stored.
    await page.goto('/api/host/calendar-connections/google/callback?state=forged&code=forged');
    await page.waitForURL((url) => url.pathname === '/settings/calendars');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'Google Calendar was not connected: the consent expired or was started in another session.',
    );
    await page
      .getByTestId('connection-google')
      .getByRole('button', { name: 'Connect Google Calendar' })
      .waitFor();
    await page.context().close();
  }, 120_000);
});
