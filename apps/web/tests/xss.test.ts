// Hostile text renders as text in the browser. A host named with markup makes a link whose title,
// description and form labels are XSS payloads; an attendee books through the page with a hostile
// name and answers (and SQL-looking ones), another through the API, and one cancels with a hostile
// reason. The booking page, the confirmation, the reschedule and cancel pages, the host's
// dashboard with the meeting's answers and its cancellations, the embed settings page (and its
// preview frame), time off, webhooks and the links list then: fire no dialog, hold no injected element or handler
// or javascript: URL in any frame, and show each payload as visible text.
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Link } from '../src/common/types';
import { book, createLink, firstSlots, signUpHost, type HostClient } from './support/api';
import { launchBrowser, newPage, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';
const TEMPLATE = '{{7*7}}';
const DROP = "'; DROP TABLE bookings; --";
const OR = "' OR 1=1 --";

const HOST_NAME = `Hana ${IMG}`;
const TITLE = `Call ${IMG} ${TEMPLATE}`;
const DESCRIPTION = `${SCRIPT} ${JS_URL}`;
const LABEL = `<b onmouseover=alert(1)>Company</b>`;
const ATTENDEE = `Ada ${SCRIPT}`;
const API_ATTENDEE = `Bo ${IMG}`;
const REASON = `${IMG} ${TEMPLATE}`;

let server: TestServer;
let browser: Browser;
let host: HostClient;
let link: Link;

/** Dialogs any page of this file opened (each dismissed): there must be none. */
const dialogs: string[] = [];

async function open(path: string, signedIn = false): Promise<Page> {
  const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
  page.on('dialog', (d) => {
    dialogs.push(`${path}: ${d.message()}`);
    void d.dismiss();
  });
  if (signedIn) await signInPage(page, server.url, host.cookie);
  await page.goto(path);
  return page;
}

/** What a frame holds that the payloads could have made. */
function injected(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const found: string[] = [];
    for (const img of document.querySelectorAll('img[src="x"]')) found.push(img.outerHTML);
    for (const el of document.querySelectorAll('*'))
      for (const attr of el.getAttributeNames())
        if (/^on/i.test(attr) || /^\s*javascript:/i.test(el.getAttribute(attr) ?? ''))
          found.push(`${el.tagName} ${attr}`);
    for (const s of document.querySelectorAll('script'))
      if ((s.textContent ?? '').includes('alert(1)')) found.push('script alert');
    for (const b of document.querySelectorAll('b'))
      if ((b.textContent ?? '') === 'Company') found.push('b element from a label');
    return found;
  });
}

/**
 * The page shows each of `texts` as visible text (literally: `{{7*7}}` is not evaluated) and no
 * frame holds anything injected; no dialog fired so far.
 */
async function expectInert(page: Page, texts: readonly string[]): Promise<void> {
  for (const text of texts) await page.getByText(text, { exact: false }).first().waitFor();
  for (const frame of page.frames()) expect(await injected(frame), frame.url()).toEqual([]);
  expect(dialogs).toEqual([]);
}

beforeAll(async () => {
  server = await startServer({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: HOST_NAME, timeZone: 'UTC' });
  link = await createLink(host, {
    title: TITLE,
    slug: 'hostile',
    description: DESCRIPTION,
    timeZone: 'UTC',
    formFields: [
      { id: 'company', type: 'short_text', label: LABEL, required: false },
      { id: 'notes', type: 'long_text', label: `Notes ${TEMPLATE}`, required: false },
    ],
  } as Parameters<typeof createLink>[1]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('hostile text in the pages', () => {
  it('has a detector that sees a payload rendered as markup (so its silence means something)', async () => {
    const page = await newPage(browser, server.url);
    const seen: string[] = [];
    page.on('dialog', (d) => {
      seen.push(d.message());
      void d.dismiss();
    });
    const dialog = page.waitForEvent('dialog');
    await page.setContent(`<p>${IMG}</p><div>${LABEL}</div>`);
    await dialog;
    expect(await injected(page.mainFrame())).toEqual(
      expect.arrayContaining(['<img src="x" onerror="alert(1)">', 'IMG onerror', 'B onmouseover']),
    );
    expect(seen).toEqual(['1']);
    await page.context().close();
  });

  it('books through the page with payloads: booking page and confirmation show them as text', async () => {
    const page = await open('/book/hostile');
    await expectInert(page, [TITLE, DESCRIPTION, HOST_NAME]);
    const day = page.locator('button.day.available').first();
    await day.waitFor();
    await day.click();
    await page.locator('ul.slots button').first().click();
    await page.getByLabel('Your name').fill(ATTENDEE);
    await page.getByLabel('Email').fill("o'reilly@example.test");
    await page.locator('#answer-company').fill(DROP);
    await page.locator('#answer-notes').fill(`${OR}\n${SCRIPT}`);
    await expectInert(page, [LABEL, `Notes ${TEMPLATE}`]);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.waitForURL(/\/book\/booking\//);
    await page.getByTestId('confirmation').waitFor();
    await expectInert(page, [TITLE]);
    await page.context().close();

    // Stored verbatim.
    const { bookings } = await host.request<{
      bookings: { attendeeName: string; answers: { value: unknown }[] }[];
    }>('GET', '/api/host/bookings?filter=upcoming');
    const mine = bookings.find((b) => b.attendeeName === ATTENDEE);
    expect(mine?.answers.map((a) => a.value)).toEqual([DROP, `${OR}\n${SCRIPT}`]);
  });

  it('shows reschedule and cancel pages inertly and keeps a hostile cancel reason as text', async () => {
    const [, , third] = await firstSlots(server.url, link.slug, 3);
    const created = await book(server.url, link.slug, third!, {
      name: API_ATTENDEE,
      email: 'bo@example.test',
    });
    const reschedule = await open(new URL(created.rescheduleUrl).pathname);
    await expectInert(reschedule, [TITLE]);
    await reschedule.context().close();

    const cancel = await open(new URL(created.cancelUrl).pathname);
    await expectInert(cancel, [TITLE]);
    await cancel.getByLabel(/reason/i).fill(REASON);
    await cancel.getByRole('button', { name: /^Cancel (meeting|booking)/ }).click();
    await cancel.getByRole('heading', { name: /cancelled/i }).waitFor();
    await expectInert(cancel, []);
    await cancel.context().close();
  });

  it('shows the dashboard meeting details, cancellations and settings pages inertly', async () => {
    await host.request('POST', '/api/host/time-off', {
      start: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      end: new Date(Date.now() + 21 * 86_400_000).toISOString(),
      note: `${IMG} ${DROP}`,
    });

    const page = await open('/calendar', true);
    const row = page.locator('table.meetings tbody tr').filter({ hasText: ATTENDEE });
    await row.waitFor();
    await row.getByText(/Answers/).click();
    await row.getByTestId('answers').waitFor();
    await expectInert(page, [ATTENDEE, TITLE, DROP, SCRIPT]);
    await page.getByRole('tab', { name: 'Cancellations' }).click();
    await page.locator('table.meetings tbody tr').filter({ hasText: API_ATTENDEE }).waitFor();
    await expectInert(page, [API_ATTENDEE, REASON]);
    await page.context().close();

    const embed = await open(`/settings/booking-links/${link.id}/embed`, true);
    const frame = embed.frameLocator('iframe[title="Preview of the embedded booking page"]');
    await frame.getByText(TITLE).first().waitFor();
    await expectInert(embed, [TITLE]);
    await embed.context().close();

    const away = await open('/settings/time-off', true);
    await expectInert(away, [`${IMG} ${DROP}`]);
    await away.context().close();

    await host.request('POST', '/api/host/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['booking.created'],
      description: `${SCRIPT} ${TEMPLATE}`,
    });
    const hooks = await open('/settings/webhooks', true);
    await expectInert(hooks, [`${SCRIPT} ${TEMPLATE}`]);
    await hooks.context().close();

    const links = await open('/settings/booking-links', true);
    await expectInert(links, [TITLE]);
    await links.context().close();
  });
});
