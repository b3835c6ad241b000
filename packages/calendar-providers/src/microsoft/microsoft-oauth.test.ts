import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMicrosoftEmulator, type MicrosoftEmulator } from '../emulators/microsoft.js';
import { consent, manualTime } from '../test-utils.js';
import { createMicrosoftCalendar } from './calendar.js';
import { createMicrosoftOAuth } from './oauth.js';

const REDIRECT = 'http://127.0.0.1:9/oauth/microsoft/callback';

describe('Microsoft OAuth over fetch (emulator)', () => {
  let emulator: MicrosoftEmulator;
  beforeEach(async () => {
    emulator = await startMicrosoftEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });
  const oauth = () =>
    createMicrosoftOAuth({
      ...emulator.client,
      redirectUri: REDIRECT,
      endpoints: emulator.endpoints,
      now: () => 1_000,
    });

  it('connects with PKCE and state, reads the calendar, and rotates the refresh token', async () => {
    const started = await oauth().start({ loginHint: 'ana@example.com' });
    const asked = new URL(started.url).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('scope')).toBe('offline_access Calendars.ReadWrite');
    const callback = await consent(started.url, 'ana@example.com');
    expect(callback.searchParams.get('state')).toBe(started.state);
    const tokens = await oauth().exchange({
      code: callback.searchParams.get('code') ?? '',
      codeVerifier: started.codeVerifier,
    });
    expect(tokens.expiresAt).toBe(1_000 + 3_599_000);

    const outlook = createMicrosoftCalendar({
      baseUrl: emulator.baseUrl,
      resilience: manualTime({ maxAttempts: 1 }).options,
      accessToken: async () => tokens.accessToken,
    });
    expect(
      await outlook.busy({
        workspaceId: 'ws',
        connection: { hostId: 'ana', provider: 'microsoft' },
        from: 0,
        to: 3_600_000,
      }),
    ).toEqual([]);

    const refreshed = await oauth().refresh(tokens.refreshToken ?? '');
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    // The old refresh token was rotated away.
    await expect(oauth().refresh(tokens.refreshToken ?? '')).rejects.toMatchObject({
      code: 'OAUTH_FAILED',
      status: 400,
    });
    await oauth().revoke(refreshed.refreshToken ?? '');
  });

  it('refuses a code with the wrong PKCE verifier, and a wrong client secret', async () => {
    const started = await oauth().start();
    const code = (await consent(started.url, 'ana@example.com')).searchParams.get('code') ?? '';
    await expect(oauth().exchange({ code, codeVerifier: 'x'.repeat(50) })).rejects.toMatchObject({
      code: 'OAUTH_FAILED',
    });
    const again = await oauth().start();
    const code2 = (await consent(again.url, 'ana@example.com')).searchParams.get('code') ?? '';
    const wrong = createMicrosoftOAuth({
      clientId: emulator.client.clientId,
      clientSecret: 'nope',
      redirectUri: REDIRECT,
      endpoints: emulator.endpoints,
    });
    await expect(
      wrong.exchange({ code: code2, codeVerifier: again.codeVerifier }),
    ).rejects.toMatchObject({ code: 'OAUTH_FAILED', status: 401 });
  });
});
