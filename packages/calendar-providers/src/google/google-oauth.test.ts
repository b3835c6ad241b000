import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google.js';
import { consent, manualTime } from '../test-utils.js';
import { createGoogleCalendar } from './calendar.js';
import { createGoogleOAuth } from './oauth.js';

const REDIRECT = 'http://127.0.0.1:9/oauth/google/callback';

describe('Google OAuth through google-auth-library (emulator)', () => {
  let emulator: GoogleEmulator;
  beforeEach(async () => {
    emulator = await startGoogleEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });
  const oauth = () =>
    createGoogleOAuth({ ...emulator.client, redirectUri: REDIRECT, endpoints: emulator.endpoints });

  it('connects with PKCE and state, reads the calendar, refreshes and revokes', async () => {
    const started = await oauth().start({ loginHint: 'ana@example.com' });
    const asked = new URL(started.url).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('access_type')).toBe('offline');
    expect(asked.get('state')).toBe(started.state);

    const callback = await consent(started.url, 'ana@example.com');
    expect(callback.searchParams.get('state')).toBe(started.state);
    const tokens = await oauth().exchange({
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: started.codeVerifier,
    });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toEqual(expect.any(Number));

    let current = tokens.accessToken;
    const time = manualTime({ maxAttempts: 1, busyCacheMs: 0 });
    const google = createGoogleCalendar({
      rootUrl: emulator.rootUrl,
      resilience: time.options,
      accessToken: async () => current,
    });
    const read = () =>
      google.busy({
        workspaceId: 'ws',
        connection: { hostId: 'ana', provider: 'google' },
        from: 0,
        to: 3_600_000,
      });
    expect(await read()).toEqual([]);

    const refreshed = await oauth().refresh(tokens.refreshToken ?? '');
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBeNull(); // Google keeps the refresh token
    current = refreshed.accessToken;

    await oauth().revoke(tokens.refreshToken ?? '');
    await oauth().revoke(tokens.refreshToken ?? ''); // revoked already: still done
    await expect(read()).rejects.toMatchObject({ code: 'CALENDAR_AUTH_EXPIRED' });
    await expect(oauth().refresh(tokens.refreshToken ?? '')).rejects.toMatchObject({
      code: 'OAUTH_FAILED',
    });
  });

  it('refuses a code with the wrong PKCE verifier, and a code used twice', async () => {
    const started = await oauth().start();
    const code = (await consent(started.url, 'ana@example.com')).searchParams.get('code') ?? '';
    await expect(
      oauth().exchange({ code, codeVerifier: 'not-the-verifier-'.repeat(3) }),
    ).rejects.toMatchObject({
      code: 'OAUTH_FAILED',
    });
    await expect(
      oauth().exchange({ code, codeVerifier: started.codeVerifier }),
    ).rejects.toMatchObject({
      code: 'OAUTH_FAILED',
    });
  });

  it('refuses a wrong client secret', async () => {
    const started = await oauth().start();
    const code = (await consent(started.url, 'ana@example.com')).searchParams.get('code') ?? '';
    const wrong = createGoogleOAuth({
      clientId: emulator.client.clientId,
      clientSecret: 'nope',
      redirectUri: REDIRECT,
      endpoints: emulator.endpoints,
    });
    await expect(
      wrong.exchange({ code, codeVerifier: started.codeVerifier }),
    ).rejects.toMatchObject({ code: 'OAUTH_FAILED' });
  });
});
