// Pre-meeting forms end to end: the host builds a form of every field type in the settings page
// (add, edit, reorder, remove, live preview, client checks); an attendee fills it, is refused by
// the client and then by the server with field-level errors while every typed value stays, uploads
// a file and books; the host reads the answers on the dashboard and downloads the file.
// Needs a server with pre-meeting forms (link `formFields`, booking `answers`, the upload route):
// against one without them the tests are skipped, and say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BookingAnswer } from '../src/common/form-fields';
import type { HostBooking, Link } from '../src/common/types';
import { signUpHost, type HostClient } from './support/api';
import { launchBrowser, newPage, readDownload, screenshot, signInPage } from './support/browser';
import { startServer, type TestServer } from './support/server';

let server: TestServer;
let browser: Browser;
let host: HostClient;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  host = await signUpHost(server.url, { name: 'Fiona Forms', timeZone: 'Europe/Berlin' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const BRIEF = 'Agenda: pricing and security.\n';

/** Adds a question of `type` (its select value) and gives it `label`; returns its field id. */
async function addQuestion(page: Page, type: string, label: string, n = 1): Promise<string> {
  await page.locator('#ff-add-type').selectOption(type);
  await page.getByRole('button', { name: 'Add question' }).click();
  const id = `${type}-${n}`;
  await page.locator(`#ff-${id}-label`).fill(label);
  return id;
}

/** Selects the first day with slots and picks its first slot. */
async function pickFirstSlot(page: Page): Promise<void> {
  const day = page.locator('button.day.available').first();
  await day.waitFor();
  await day.click();
  const slot = page.locator('ul.slots button').first();
  await slot.waitFor();
  await slot.click();
}

describe('pre-meeting forms', () => {
  it('builds a form of every field type with a live preview, reorders, removes and saves it', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/settings/booking-links');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByLabel('Title').fill('Intake call');
    expect(await page.getByLabel('Slug').inputValue()).toBe('intake-call');

    const preview = page.getByTestId('form-preview');
    await preview.getByText('Only name and email are asked.').waitFor();

    await addQuestion(page, 'short_text', 'Company');
    await page.locator('#ff-short_text-1-required').check();
    await page.locator('#ff-short_text-1-maxLength').fill('40');
    await page.locator('#ff-short_text-1-help').fill('The one you work for.');
    await addQuestion(page, 'long_text', 'Agenda');
    await addQuestion(page, 'dropdown', 'Team size');
    await page.locator('#ff-dropdown-1-options').fill('1-10\n11-50\n51+');
    await page.locator('#ff-dropdown-1-required').check();
    await addQuestion(page, 'checkboxes', 'Topics');
    await page.locator('#ff-checkboxes-1-options').fill('Pricing\nSecurity\nOnboarding');
    await addQuestion(page, 'checkbox', 'I agree to be contacted');
    await page.locator('#ff-checkbox-1-required').check();
    await addQuestion(page, 'phone', 'Phone');
    // A question without a label is refused next to it, before anything is sent.
    await page.locator('#ff-add-type').selectOption('url');
    await page.getByRole('button', { name: 'Add question' }).click();
    await addQuestion(page, 'file', 'Brief');
    await page.locator('li[data-field-id="file-1"]').getByLabel('Text', { exact: true }).check();
    await page.locator('#ff-file-1-maxBytes').fill('1');
    await addQuestion(page, 'short_text', 'Temporary', 2);

    // The preview is the booking page's component, live.
    await preview.getByLabel('Company').waitFor();
    expect(await preview.getByLabel('Team size').locator('option').allTextContents()).toEqual([
      'Choose…',
      '1-10',
      '11-50',
      '51+',
    ]);
    await preview
      .getByRole('group', { name: /Topics/ })
      .getByLabel('Security')
      .check();
    expect(await preview.getByText('The one you work for.').count()).toBe(1);

    await page.getByRole('button', { name: 'Create link' }).click();
    const labelError = page.locator('#ff-url-1-label-error');
    await labelError.waitFor();
    expect(await labelError.textContent()).toBe('Give the field a label.');
    expect(await page.locator('#ff-url-1-label').getAttribute('aria-describedby')).toContain(
      'ff-url-1-label-error',
    );
    await page.locator('#ff-url-1-label').fill('Website');

    // Reorder: Website above Phone; remove the temporary question.
    await page.getByRole('button', { name: 'Move up “Website”' }).click();
    await page.getByRole('button', { name: 'Remove “Temporary”' }).click();
    expect(
      await preview
        .locator('[data-field-id]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-field-id'))),
    ).toEqual([
      'short_text-1',
      'long_text-1',
      'dropdown-1',
      'checkboxes-1',
      'checkbox-1',
      'url-1',
      'phone-1',
      'file-1',
    ]);
    await screenshot(page, 'forms-builder');

    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('heading', { name: /Booking links/ }).waitFor();
    const { links } = await host.request<{ links: Link[] }>('GET', '/api/host/links');
    const saved = links.find((l) => l.slug === 'intake-call')!;
    expect(saved.formFields!.map((f) => [f.id, f.type, f.label, f.required])).toEqual([
      ['short_text-1', 'short_text', 'Company', true],
      ['long_text-1', 'long_text', 'Agenda', false],
      ['dropdown-1', 'dropdown', 'Team size', true],
      ['checkboxes-1', 'checkboxes', 'Topics', false],
      ['checkbox-1', 'checkbox', 'I agree to be contacted', true],
      ['url-1', 'url', 'Website', false],
      ['phone-1', 'phone', 'Phone', false],
      ['file-1', 'file', 'Brief', false],
    ]);
    const byId = Object.fromEntries(saved.formFields!.map((f) => [f.id, f]));
    expect(byId['short_text-1']).toMatchObject({ maxLength: 40, help: 'The one you work for.' });
    expect(byId['dropdown-1']!.options).toEqual(['1-10', '11-50', '51+']);
    expect(byId['file-1']).toMatchObject({
      accept: ['pdf', 'png', 'jpeg', 'txt'],
      maxBytes: 1024 * 1024,
    });
  });

  it('refuses missing and invalid answers next to their fields, keeps them, uploads and books', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await page.goto('/book/intake-call');
    await pickFirstSlot(page);
    await page.getByLabel('Your name').fill('Ada Attendee');
    await page.getByLabel('Email').fill('ada@example.test');
    await page.locator('#answer-short_text-1').fill('Acme');
    await page.locator('#answer-long_text-1').fill('Pricing first, then security.');
    await page.locator('#answer-dropdown-1').selectOption('11-50');
    const topics = page.getByRole('group', { name: /Topics/ });
    await topics.getByLabel('Security').check();
    await topics.getByLabel('Onboarding').check();
    await page.locator('#answer-url-1').fill('https://acme.example');
    await page.locator('#answer-phone-1').fill('12');

    // A file type the field does not take is refused before uploading.
    await page.locator('#answer-file-1').setInputFiles({
      name: 'cat.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from('GIF89a'),
    });
    await page.locator('#answer-file-1-error').waitFor();
    expect(await page.locator('#answer-file-1-error').textContent()).toMatch(/not accepted/);
    await page.locator('#answer-file-1').setInputFiles({
      name: 'brief.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(BRIEF),
    });
    const uploaded = page.getByTestId('file-file-1');
    await uploaded.waitFor();
    expect(await uploaded.textContent()).toContain('brief.txt');
    expect(await uploaded.textContent()).toContain(`(${Buffer.byteLength(BRIEF)} B)`);
    await uploaded.getByRole('button', { name: 'Remove brief.txt' }).waitFor();

    // The client's check: consent missing, phone too short; nothing is sent, nothing is lost.
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.locator('#answer-checkbox-1-error').waitFor();
    expect(await page.locator('#answer-phone-1-error').textContent()).toMatch(/phone number/);
    expect(await page.locator('#answer-checkbox-1').getAttribute('aria-describedby')).toBe(
      'answer-checkbox-1-error',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-checkbox-1');
    expect(await page.locator('#answer-short_text-1').inputValue()).toBe('Acme');
    expect(await topics.getByLabel('Security').isChecked()).toBe(true);

    await page.locator('#answer-checkbox-1').check();
    await page.locator('#answer-phone-1').fill('+49 30 1234567');

    // The server's check: a changed request is refused with a field-level error shown next to
    // the field; the slot is not taken and the typed values stay.
    const bookings = `**/api/public/links/intake-call/bookings`;
    await page.route(bookings, (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as {
        answers: Record<string, unknown>;
      };
      body.answers['url-1'] = 'not a web address';
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.locator('#answer-url-1-error').waitFor();
    expect(await page.locator('#answer-url-1').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#answer-url-1').inputValue()).toBe('https://acme.example');
    expect(await page.locator('#answer-long_text-1').inputValue()).toBe(
      'Pricing first, then security.',
    );
    await page.getByTestId('file-file-1').waitFor();
    const none = await host.request<{ bookings: HostBooking[] }>(
      'GET',
      '/api/host/bookings?filter=upcoming',
    );
    expect(none.bookings).toEqual([]);
    await page.unroute(bookings);

    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByTestId('confirmation').waitFor();

    const { bookings: made } = await host.request<{ bookings: HostBooking[] }>(
      'GET',
      '/api/host/bookings?filter=upcoming',
    );
    expect(made).toHaveLength(1);
    const answers = made[0]!.answers!;
    const value = (id: string) => answers.find((a) => a.fieldId === id)?.value;
    expect(answers.map((a: BookingAnswer) => a.fieldId)).toContain('file-1');
    expect(value('short_text-1')).toBe('Acme');
    expect(value('dropdown-1')).toBe('11-50');
    expect(value('checkboxes-1')).toEqual(['Security', 'Onboarding']);
    expect(value('checkbox-1')).toBe(true);
    expect(value('phone-1')).toBe('+49 30 1234567');
    expect(value('url-1')).toBe('https://acme.example');
    expect(value('file-1')).toMatchObject({
      filename: 'brief.txt',
      size: Buffer.byteLength(BRIEF),
    });
  });

  it('shows the answers on the dashboard and lets the host download the file', async () => {
    const page = await newPage(browser, server.url, { timezoneId: 'Europe/Berlin' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    const row = page.locator('table.meetings tbody tr').filter({ hasText: 'Ada Attendee' });
    await row.waitFor();
    await row.getByText(/Answers/).click();
    const answers = row.getByTestId('answers');
    const text = (id: string) => answers.locator(`[data-field-id="${id}"] dd`).textContent();
    expect(await text('short_text-1')).toBe('Acme');
    expect(await text('checkboxes-1')).toBe('Security, Onboarding');
    expect(await text('checkbox-1')).toBe('Yes');
    expect(await text('file-1')).toBe(`brief.txt (${Buffer.byteLength(BRIEF)} B)`);
    await screenshot(page, 'forms-dashboard');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      answers.getByRole('link', { name: 'brief.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('brief.txt');
    expect(await readDownload(download)).toBe(BRIEF);

    // The same download address signed in as a host of another workspace: 404, no file.
    const href = await answers.getByRole('link', { name: 'brief.txt' }).getAttribute('href');
    const stranger = await signUpHost(server.url, { name: 'Sam Stranger' });
    const res = await fetch(new URL(href!, server.url), { headers: { Cookie: stranger.cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Agenda');
    await page.context().close();
  });
});
