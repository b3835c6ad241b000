// The embed widget across two origins: a customer site on its own port pastes the snippet, its
// visitors book inline and through the popup without leaving it, and the page hears
// `workestra:booked`. The booking server refuses to be framed by a site its link does not list,
// and the loader ignores messages that are not from its own frame.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { createLink, signUpHost, type HostClient } from './support/api';
import { docScreenshot, launchBrowser, newPage, axeViolations } from './support/browser';
import { customerPage, startCustomerSite, type CustomerSite } from './support/customer-site';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let site: CustomerSite;
let browser: Browser;
let host: HostClient;

beforeAll(async () => {
  [server, site, browser] = await Promise.all([
    startServer(),
    startCustomerSite(),
    launchBrowser(),
  ]);
  host = await signUpHost(server.url, { name: 'Emil Embed', timeZone: 'Europe/Berlin' });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), site?.close()]);
});

interface Recorded {
  type: string;
  id: string;
  detail: Record<string, unknown>;
}

const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { embedEvents: Recorded[] }).embedEvents);

/** Waits until the embed `id` dispatched `workestra:<type>` and returns its detail. */
async function nextEvent(page: Page, id: string, type: string): Promise<Recorded['detail']> {
  const handle = await page.waitForFunction(
    ([id, type]) =>
      (window as unknown as { embedEvents: Recorded[] }).embedEvents.find(
        (e) => e.id === id && e.type === `workestra:${type}`,
      )?.detail,
    [id, type] as const,
  );
  return (await handle.jsonValue()) as Recorded['detail'];
}

/**
 * Books the first free time inside a framed booking page and returns its start; the visitor types
 * `who`, or checks the details the snippet prefilled.
 */
async function bookInFrame(
  frame: FrameLocator,
  who: { name: string; email: string } | { prefilled: true },
) {
  await frame.locator('button.day.available').first().click();
  const slot = frame.locator('ul.slots button').first();
  const start = (await slot.getAttribute('data-start'))!;
  await slot.click();
  if ('prefilled' in who) {
    expect(await frame.getByLabel('Your name').inputValue()).toBe('Ada Lovelace');
    expect(await frame.getByLabel('Email').inputValue()).toBe('ada@example.test');
  } else {
    await frame.getByLabel('Your name').fill(who.name);
    await frame.getByLabel('Email').fill(who.email);
  }
  await frame.getByRole('button', { name: 'Confirm booking' }).click();
  await frame.getByTestId('confirmation').waitFor();
  return start;
}

const hostBooking = async (id: string) =>
  (
    await host.request<{ booking: { id: string; start: string; attendeeEmail: string } }>(
      'GET',
      `/api/host/bookings/${id}`,
    )
  ).booking;

/** `YYYY-MM-DD` three days from now in Europe/London (the inline test's visitor). */
const inThreeDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
  Date.now() + 3 * 86_400_000,
);

describe('embed widget', () => {
  it('books inline inside the customer page, which hears ready, slot-selected and booked', async () => {
    const link = await createLink(host, {
      title: 'Embedded intro',
      slug: 'embedded-intro',
      embedDomains: [new URL(site.origin).host],
    } as never);
    site.page(
      '/inline',
      customerPage(
        server.url,
        `<div id="inline" data-workestra="${link.publicUrl}" data-color="#0b6e4f" data-name="Ada Lovelace" data-email="ada@example.test" data-date="${inThreeDays}"></div>
         <div id="popup" data-workestra="${link.publicUrl}" data-mode="popup" data-label="Book a demo"></div>`,
      ),
    );
    const page = await newPage(browser, site.origin, { timezoneId: 'Europe/London' });
    // Booking inside the frame needs no cookies: third-party cookie blocking cannot break it.
    const cookies: string[] = [];
    page.on('response', async (r) => {
      if (r.url().startsWith(server.url) && (await r.headerValue('set-cookie')))
        cookies.push(r.url());
    });
    await page.goto('/inline');
    expect(await nextEvent(page, 'inline', 'ready')).toMatchObject({ slug: link.slug });

    const frame = page.frameLocator('#inline iframe');
    await expect(frame.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Embedded intro',
    );
    // data-date opened that day with its times.
    const opened = frame.locator('button.day[aria-pressed="true"]');
    await frame.locator('ul.slots button').first().waitFor();
    expect((await opened.textContent())?.trim()).toBe(String(Number(inThreeDays.slice(8))));
    await docScreenshot(page, 'embed');
    expect(await axeViolations(page)).toEqual([]);
    const start = await bookInFrame(frame, { prefilled: true });
    expect(await frame.getByLabel('Your name').count()).toBe(0);
    const selected = await nextEvent(page, 'inline', 'slot-selected');
    expect(selected.start).toBe(start);
    const booked = await nextEvent(page, 'inline', 'booked');
    expect(Object.keys(booked).sort()).toEqual(['bookingId', 'end', 'start']);
    expect(booked.start).toBe(start);
    const saved = await hostBooking(String(booked.bookingId));
    expect(saved).toMatchObject({ start, attendeeEmail: 'ada@example.test' });
    expect(cookies).toEqual([]);

    // The popup's embed is independent: it heard nothing and framed nothing yet.
    expect((await events(page)).filter((e) => e.id === 'popup')).toEqual([]);
    expect(await page.locator('#popup iframe').count()).toBe(0);

    // The frame grows to its page: no scrollbar inside it once the confirmation is shown.
    const framed = page.frames().find((f) => f.url().startsWith(link.publicUrl))!;
    await framed.waitForFunction(
      () => document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1,
    );
    await page.context().close();
  });

  it('books through the popup: a modal dialog that holds focus, closes on Escape and returns focus', async () => {
    const link = await createLink(host, { title: 'Popup demo', slug: 'popup-demo' });
    site.page(
      '/popup',
      customerPage(
        server.url,
        `<p>Talk to sales.</p>
         <div id="popup" data-workestra="${link.publicUrl}" data-mode="popup" data-label="Book a demo" data-color="#0b7a5a"></div>`,
      ),
    );
    const page = await newPage(browser, site.origin, { timezoneId: 'America/New_York' });
    await page.goto('/popup');
    const opener = page.getByRole('button', { name: 'Book a demo' });
    await opener.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(
      await dialog.evaluate(
        (d) => d.contains(document.activeElement) && (d as HTMLDialogElement).open,
      ),
    ).toBe(true);
    expect(await page.locator('dialog iframe').getAttribute('title')).toBeTruthy();
    await nextEvent(page, 'popup', 'ready');

    const frame = page.frameLocator('dialog iframe');
    const start = await bookInFrame(frame, { name: 'Grace Hopper', email: 'grace@example.test' });
    const booked = await nextEvent(page, 'popup', 'booked');
    expect(booked.start).toBe(start);
    expect((await hostBooking(String(booked.bookingId))).attendeeEmail).toBe('grace@example.test');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.context().close();
  });

  it('is refused by the browser on a site the link does not list, even one claiming a listed origin', async () => {
    const link = await createLink(host, {
      title: 'Partners only',
      slug: 'partners-only',
      embedDomains: ['partner.example'],
    } as never);
    const page = await newPage(browser, site.origin);
    // Chromium blocks the frame's response (ERR_BLOCKED_BY_RESPONSE) and shows its error page.
    const refused = async () => {
      const request = await page.waitForEvent('requestfailed', (r) =>
        r.url().startsWith(`${link.publicUrl}?`),
      );
      expect(request.failure()?.errorText).toBe('net::ERR_BLOCKED_BY_RESPONSE');
    };

    site.page(
      '/not-listed',
      customerPage(server.url, `<div id="inline" data-workestra="${link.publicUrl}"></div>`),
    );
    const answer = page.waitForResponse((r) => r.url().startsWith(`${link.publicUrl}?`));
    const first = refused();
    await page.goto('/not-listed');
    expect((await answer).headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await first;
    expect(page.frames().map((f) => f.url())).not.toContainEqual(
      expect.stringContaining(link.publicUrl),
    );
    expect((await events(page)).filter((e) => e.type === 'workestra:ready')).toEqual([]);

    // The loader always passes the page's real origin; a hand-written frame may lie about it, and
    // the server then frames the page for the claimed origin alone, which this page is not.
    const forged = `${link.publicUrl}?embed=1&origin=${encodeURIComponent('https://partner.example')}`;
    site.page(
      '/forged-origin',
      `<!doctype html><title>x</title><iframe src="${forged}" title="x"></iframe>`,
    );
    const second = refused();
    await page.goto('/forged-origin');
    await second;
    const framed = page.frames().find((f) => f.url().startsWith(link.publicUrl));
    expect(framed).toBeUndefined();
    await page.context().close();
  });

  it('ignores messages from any other frame or from the page itself', async () => {
    const link = await createLink(host, { title: 'Forgery target', slug: 'forgery-target' });
    site.page(
      '/forgery',
      customerPage(
        server.url,
        `<div id="inline" data-workestra="${link.publicUrl}"></div>
         <iframe id="other" title="Another widget" srcdoc="<p>ad</p>"></iframe>`,
      ),
    );
    const page = await newPage(browser, site.origin);
    await page.goto('/forgery');
    await nextEvent(page, 'inline', 'ready');
    // The loader listens since it mounted, before this listener: when this one has seen both
    // forgeries, the loader has already handled (and must have dropped) them.
    const seen = await page.evaluate(() => {
      const w = window as unknown as { forgeriesSeen: number };
      w.forgeriesSeen = 0;
      addEventListener('message', (e) => {
        if ((e.data as { detail?: { bookingId?: string } })?.detail?.bookingId === 'forged')
          w.forgeriesSeen += 1;
      });
      const forged = {
        tag: 'workestra-embed',
        type: 'booked',
        detail: { bookingId: 'forged', start: '2030-01-01T00:00:00Z', end: '2030-01-01T00:30:00Z' },
      };
      postMessage(forged, '*');
      const other = document.getElementById('other') as HTMLIFrameElement;
      (other.contentWindow as Window & { eval(code: string): unknown }).eval(
        `parent.postMessage(${JSON.stringify(forged)}, '*')`,
      );
      return true;
    });
    expect(seen).toBe(true);
    await page.waitForFunction(
      () => (window as unknown as { forgeriesSeen: number }).forgeriesSeen === 2,
    );
    expect((await events(page)).filter((e) => e.type === 'workestra:booked')).toEqual([]);
    await page.context().close();
  });

  it('loads an inline embed only when it nears the viewport; a floating button opens the flow', async () => {
    const link = await createLink(host, { title: 'Lazy one', slug: 'lazy-one' });
    site.page(
      '/lazy',
      customerPage(
        server.url,
        `<div id="floating" data-workestra="${link.publicUrl}" data-mode="floating" data-label="Talk to us"></div>
         <div style="height: 4000px"></div>
         <div id="late" data-workestra="${link.publicUrl}"></div>`,
      ),
    );
    const page = await newPage(browser, site.origin);
    await page.goto('/lazy');
    const late = page.locator('#late iframe');
    await late.waitFor({ state: 'attached' });
    expect(await late.getAttribute('src')).toBeNull();

    const opener = page.getByRole('button', { name: 'Talk to us' });
    expect(await opener.evaluate((b) => getComputedStyle(b).position)).toBe('fixed');
    await opener.click();
    await page.getByRole('dialog').waitFor();
    await nextEvent(page, 'floating', 'ready');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await late.getAttribute('src')).toBeNull();

    await page.locator('#late').scrollIntoViewIfNeeded();
    await nextEvent(page, 'late', 'ready');
    expect(await late.getAttribute('src')).toContain('embed=1');
    await page.context().close();
  });
});
