// Workspace members end to end: the Members page (members with their calendars, inviting with the
// URL shown once, pending invites, revoking) and accepting an invite at /invite/<token>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signUpHost, uniqueEmail } from './support/api';
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

describe('members page', () => {
  it('lists the members, invites a teammate with the URL shown once, and revokes the invite', async () => {
    const host = await signUpHost(server.url, { name: 'Ana Admin' });
    const page = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await signInPage(page, server.url, host.cookie);
    await page.goto('/calendar');
    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(/\/settings\/members$/);

    const members = page.getByTestId('members');
    await members.getByText('Ana Admin').waitFor();
    await members.getByText('(you)').waitFor();
    await members.getByText('No calendar connected').waitFor();
    await page.getByText('No pending invites.').waitFor();

    // A refused email is said at the field.
    const form = page.getByRole('form', { name: 'Invite a teammate' });
    await form.getByLabel('Email').fill(host.email);
    await form.getByRole('button', { name: 'Send invite' }).click();
    await form.getByText('This email already has an account.').waitFor();
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');

    const email = uniqueEmail('teammate');
    await form.getByLabel('Email').fill(email);
    await form.getByRole('button', { name: 'Send invite' }).click();
    const urlText = page.getByTestId('invite-url');
    await urlText.waitFor();
    const url = (await urlText.textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`));
    await page.getByText('We emailed this link.', { exact: false }).waitFor();
    await page.getByRole('button', { name: `Copy the invite link for ${email}` }).waitFor();
    const pending = page.getByTestId('pending-invites');
    await pending.getByText(email).waitFor();
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    // Shown once: gone after a reload, the invite stays pending.
    await page.reload();
    await pending.getByText(email).waitFor();
    expect(await page.getByTestId('invite-url').count()).toBe(0);
    expect(await page.content()).not.toContain(url);

    // Revoke through the confirmation dialog: the link stops working.
    await page.getByRole('button', { name: `Revoke the invite for ${email}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke invite' }).click();
    await page.getByText(`The invite for ${email} is revoked.`).waitFor();
    await page.getByText('No pending invites.').waitFor();
    const token = new URL(url).pathname.split('/').pop() ?? '';
    const answer = await fetch(`${server.url}/api/auth/invites/${token}`);
    expect(answer.status).toBe(404);
    await page.close();
  });
});

describe('invite accept page', () => {
  it('creates the account in the inviter’s workspace, signs in and opens the dashboard', async () => {
    const host = await signUpHost(server.url, { name: 'Ana Admin' });
    const email = uniqueEmail('bea');
    const { url } = await host.request<{ url: string }>('POST', '/api/host/invites', { email });

    const page = await newPage(browser, server.url, { timezoneId: 'Asia/Tokyo' });
    await page.goto(new URL(url).pathname);
    await page.getByRole('heading', { name: 'Join Ana Admin’s team' }).waitFor();
    await page.getByText(email).waitFor();
    // The browser's zone is preselected.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);

    await page.getByLabel('Name').fill('Bea Teammate');
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL(/\/calendar$/);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Bea Teammate').waitFor();

    // The same workspace: Ana lists Bea, with her zone.
    const { members } = await host.request<{
      members: { name: string; email: string; timeZone: string }[];
    }>('GET', '/api/host/members');
    expect(members).toContainEqual(
      expect.objectContaining({ name: 'Bea Teammate', email, timeZone: 'Europe/Berlin' }),
    );

    // Used: the same URL now says so.
    const again = await newPage(browser, server.url, { timezoneId: 'UTC' });
    await again.goto(new URL(url).pathname);
    await again.getByRole('heading', { name: 'This invite does not work' }).waitFor();
    await again.close();
    await page.close();
  });
});
