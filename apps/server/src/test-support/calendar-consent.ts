import {
  type GoogleEmulator,
  type MicrosoftEmulator,
  startGoogleEmulator,
  startMicrosoftEmulator,
} from '@workestra/calendar-providers/testing';
import { expect } from 'vitest';
import { type Client, expectStatus } from './client.js';
import { type Dialect, startTestServer, type TestServer } from './server.js';

/** A Google emulator and a test server configured with its OAuth client and `secretKey`. */
export async function startWithGoogle(
  dialect: Dialect,
  secretKey: string,
): Promise<{ google: GoogleEmulator; server: TestServer }> {
  const google = await startGoogleEmulator();
  try {
    const server = await startTestServer(dialect, {
      GOOGLE_CLIENT_ID: google.client.clientId,
      GOOGLE_CLIENT_SECRET: google.client.clientSecret,
      GOOGLE_BASE_URL: google.url,
      SECRET_KEY: secretKey,
    });
    return { google, server };
  } catch (error) {
    await google.close();
    throw error;
  }
}

/**
 * Both emulators and a test server configured with both OAuth clients and `secretKey`
 * (`env` adds to the server's environment).
 */
export async function startWithBoth(
  dialect: Dialect,
  secretKey: string,
  env: Record<string, string> = {},
): Promise<{ google: GoogleEmulator; graph: MicrosoftEmulator; server: TestServer }> {
  const google = await startGoogleEmulator();
  const graph = await startMicrosoftEmulator();
  try {
    const server = await startTestServer(dialect, {
      GOOGLE_CLIENT_ID: google.client.clientId,
      GOOGLE_CLIENT_SECRET: google.client.clientSecret,
      GOOGLE_BASE_URL: google.url,
      MICROSOFT_CLIENT_ID: graph.client.clientId,
      MICROSOFT_CLIENT_SECRET: graph.client.clientSecret,
      MICROSOFT_BASE_URL: graph.url,
      SECRET_KEY: secretKey,
      ...env,
    });
    return { google, graph, server };
  } catch (error) {
    await google.close();
    await graph.close();
    throw error;
  }
}

/** Follows the emulator's consent screen as a host would: open the page, allow as `account`. */
export async function consentAt(url: string, account: string): Promise<URL> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('account', account);
  const allowed = await fetch(url, {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  expect(allowed.status).toBe(302);
  return new URL(allowed.headers.get('location') ?? '');
}

/** The consent cookie a start answer set, as a `Cookie` header pair. */
export function consentCookie(res: { headers: Headers }): string {
  const line = res.headers.getSetCookie().find((l) => l.startsWith('wk_calendar_consent='));
  expect(line).toBeDefined();
  return (line ?? '').split(';')[0] ?? '';
}

/**
 * GET the server's callback with the provider's redirect query, the session and the consent
 * cookie; `accept` as a browser's navigation sends it (`text/html...`) or an API client's.
 */
export async function callback(
  server: TestServer,
  host: Client,
  back: URL,
  consent: string,
  accept = 'application/json',
) {
  return fetch(`${server.url}${back.pathname}${back.search}`, {
    headers: { cookie: [host.cookie, consent].filter(Boolean).join('; '), accept },
    redirect: 'manual',
  });
}

/** Connects `host`'s calendar at `provider` through the consent screen as `account`. */
export async function connectCalendar(
  server: TestServer,
  host: Client,
  provider: 'google' | 'microsoft',
  account: string,
): Promise<void> {
  const started = await host.post(`/api/host/calendar-connections/${provider}/start`);
  expectStatus(started, 200);
  const back = await consentAt(started.body.url, account);
  const done = await callback(server, host, back, consentCookie(started));
  expect(done.status, await done.clone().text()).toBe(303);
}
