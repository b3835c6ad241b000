import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from './google.js';

/** The emulator answers bad shapes as the Calendar API does; these pin what it checks. */
describe('Google emulator request checks', () => {
  let emulator: GoogleEmulator;
  let token: string;
  beforeEach(async () => {
    emulator = await startGoogleEmulator();
    token = emulator.issueToken('ana@example.com');
  });
  afterEach(async () => {
    await emulator.close();
  });
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(`${emulator.url}/calendar/v3/calendars/primary/events${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  const event = {
    start: { dateTime: '2026-11-02T09:00:00Z' },
    end: { dateTime: '2026-11-02T10:00:00Z' },
  };
  const reasonOf = async (res: Response) =>
    ((await res.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason;

  it('answers 401 without a valid bearer token', async () => {
    const res = await fetch(`${emulator.url}/calendar/v3/calendars/primary/events`);
    expect(res.status).toBe(401);
    expect(await reasonOf(res)).toBe('authError');
  });

  it('answers 400 to missing times, an empty range, a bad id, an attendee without email, bad query values', async () => {
    const bad = [
      await api('', { method: 'POST', json: { start: event.start } }),
      await api('', { method: 'POST', json: { start: event.end, end: event.start } }),
      await api('', { method: 'POST', json: { ...event, id: 'Has_Upper' } }),
      await api('', { method: 'POST', json: { ...event, attendees: [{ displayName: 'x' }] } }),
      await api('', {
        method: 'POST',
        json: { start: { dateTime: '2026-11-02T09:00:00' }, end: event.end },
      }),
      await api('?sendUpdates=everyone', { method: 'POST', json: event }),
      await api('?timeMin=2026-11-02', { method: 'GET' }),
      await api('?pageToken=forged', { method: 'GET' }),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400]);
  });

  it('makes a Meet link only with conferenceDataVersion=1, as Google does', async () => {
    const conferenceData = {
      createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
    };
    const without = (await (
      await api('', { method: 'POST', json: { ...event, conferenceData } })
    ).json()) as Record<string, unknown>;
    expect(without.hangoutLink).toBeUndefined();
    const with1 = (await (
      await api('?conferenceDataVersion=1', { method: 'POST', json: { ...event, conferenceData } })
    ).json()) as Record<string, unknown>;
    expect(with1.hangoutLink).toEqual(expect.any(String));
  });

  it('answers 409 to a second insert of an id, and 410 to a second delete', async () => {
    const id = 'abc123def456';
    expect((await api('', { method: 'POST', json: { ...event, id } })).status).toBe(200);
    const again = await api('', { method: 'POST', json: { ...event, id } });
    expect(again.status).toBe(409);
    expect(await reasonOf(again)).toBe('duplicate');
    expect((await api(`/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/${id}`, { method: 'DELETE' })).status).toBe(410);
    expect((await api('/unknown1', { method: 'DELETE' })).status).toBe(404);
  });
});
