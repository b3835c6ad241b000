import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from './google.js';

/** `issueGrant` stands in for the consent screens (the server's demo calendar uses it). */
describe('Google emulator issueGrant', () => {
  let emulator: GoogleEmulator;
  beforeEach(async () => {
    emulator = await startGoogleEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });
  const events = (token: string) =>
    fetch(`${emulator.url}/calendar/v3/calendars/primary/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const token = (form: Record<string, string>) =>
    fetch(`${emulator.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: emulator.client.clientId,
        client_secret: emulator.client.clientSecret,
        ...form,
      }),
    });

  it('gives a working access token and a refresh token the token endpoint honours', async () => {
    const grant = emulator.issueGrant('ana@example.com');
    expect(grant.expiresIn).toBe(3599);
    expect((await events(grant.accessToken)).status).toBe(200);
    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: grant.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as { access_token: string };
    expect(body.access_token).not.toBe(grant.accessToken);
    expect((await events(body.access_token)).status).toBe(200);
  });

  it('keeps one refresh token per account until it is revoked', async () => {
    const first = emulator.issueGrant('ana@example.com');
    const second = emulator.issueGrant('ana@example.com');
    expect(second.refreshToken).toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(emulator.issueGrant('bo@example.com').refreshToken).not.toBe(first.refreshToken);

    const revoked = await fetch(`${emulator.url}/revoke?token=${first.refreshToken}`, {
      method: 'POST',
    });
    expect(revoked.status).toBe(200);
    expect((await events(second.accessToken)).status).toBe(401);
    const refused = await token({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
    expect(refused.status).toBe(400);
    const fresh = emulator.issueGrant('ana@example.com');
    expect(fresh.refreshToken).not.toBe(first.refreshToken);
    expect((await events(fresh.accessToken)).status).toBe(200);
  });
});
