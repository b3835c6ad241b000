// axe-core on every booking email, rendered in Chromium: each kind in English, and the attendee's
// ones in Japanese too. Uses the built package (`npm run build -w @workestra/notifications`); no
// server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  buildCancellationEmail,
  buildConfirmationEmail,
  buildHostNoticeEmail,
  buildReminderEmail,
  buildRescheduleEmail,
  type BookingMessageInput,
  type BuiltEmail,
} from '@workestra/notifications';
import { axeViolations, launchBrowser, newPage } from './support/browser';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // The emails are loaded with setContent: the base URL is never requested.
  page = await newPage(browser, 'http://127.0.0.1/');
});

afterAll(async () => {
  await browser?.close();
});

/** A booking with everything an email can show: a place, co-hosts, a description, a reason, answers. */
function input(attendeeLocale: string | null): BookingMessageInput {
  return {
    booking: {
      start: Date.parse('2026-11-09T13:00:00Z'),
      end: Date.parse('2026-11-09T13:30:00Z'),
      attendeeName: 'Ada Lovelace',
      attendeeEmail: 'ada@example.test',
      attendeeTimeZone: 'Asia/Tokyo',
      icalUid: 'b_a11y@workestra.test',
      icalSequence: 1,
      meetingUrl: 'https://meet.example.test/abc',
      cancelReason: 'Something came up.',
      answers: [
        { fieldId: 'f_1', label: 'Company', type: 'short_text', value: 'Analytical Engines' },
      ],
      attendeeLocale,
      attendeeHourCycle: null,
    },
    link: { title: 'Intro call', description: 'A first talk about your project.' },
    host: { name: 'Ana Host', email: 'ana@example.test', timeZone: 'Europe/Berlin' },
    coHosts: [{ name: 'Ben Cohost', email: 'ben@example.test', timeZone: 'America/New_York' }],
    selfService: {
      rescheduleUrl: 'https://workestra.example.test/book/reschedule/t',
      cancelUrl: 'https://workestra.example.test/book/cancel/t',
    },
    bookingPageUrl: 'https://workestra.example.test/book/intro',
    dashboardUrl: 'https://workestra.example.test/calendar',
    previous: {
      start: Date.parse('2026-11-06T08:00:00Z'),
      end: Date.parse('2026-11-06T08:30:00Z'),
    },
    now: Date.parse('2026-11-02T12:00:00Z'),
  };
}

/** Every email kind; the attendee's in the attendee's language. */
function emails(i: BookingMessageInput, attendeeOnly: boolean): [string, BuiltEmail][] {
  const attendee: [string, BuiltEmail][] = [
    ['confirmation', buildConfirmationEmail(i)],
    ['reminder', buildReminderEmail(i)],
    ['reschedule (attendee)', buildRescheduleEmail(i, 'attendee')],
    ['cancellation (attendee)', buildCancellationEmail(i, 'attendee')],
  ];
  if (attendeeOnly) return attendee;
  return [
    ...attendee,
    ['host notice', buildHostNoticeEmail(i)],
    ['reschedule (host)', buildRescheduleEmail(i, 'host')],
    ['cancellation (host)', buildCancellationEmail(i, 'host')],
  ];
}

const CASES: [string, BuiltEmail][] = [
  ...emails(input(null), false).map(([kind, email]): [string, BuiltEmail] => [`en ${kind}`, email]),
  ...emails(input('ja'), true).map(([kind, email]): [string, BuiltEmail] => [`ja ${kind}`, email]),
];

describe('booking emails in Chromium', () => {
  it('covers seven kinds in English and four in Japanese', () => {
    expect(CASES).toHaveLength(11);
    expect(
      CASES.filter(([name]) => name.startsWith('ja ')).every(([, e]) =>
        /<html lang="ja">/.test(e.html),
      ),
    ).toBe(true);
  });

  it.each(CASES)('%s has no axe violations of any impact', async (name, email) => {
    await page.setContent(email.html);
    // The document really is the email: its title and language reached the browser.
    expect(await page.title()).toBe(/<title>([^<]*)<\/title>/.exec(email.html)?.[1]);
    expect(await page.locator('html').getAttribute('lang')).toBe(
      name.startsWith('ja ') ? 'ja' : 'en',
    );
    const violations = await axeViolations(page);
    expect(violations, `${name}:\n${violations.join('\n')}`).toEqual([]);
  });
});
