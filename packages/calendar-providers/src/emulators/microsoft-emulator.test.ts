import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMicrosoftEmulator, type MicrosoftEmulator } from './microsoft.js';

/** The emulator answers bad shapes as Graph does; these pin what it checks. */
describe('Microsoft Graph emulator request checks', () => {
  let emulator: MicrosoftEmulator;
  let token: string;
  beforeEach(async () => {
    emulator = await startMicrosoftEmulator();
    token = emulator.issueToken('ana@example.com');
  });
  afterEach(async () => {
    await emulator.close();
  });
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) =>
    fetch(`${emulator.url}/v1.0/me${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  const event = {
    subject: 'x',
    start: { dateTime: '2026-11-02T09:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-11-02T10:00:00', timeZone: 'UTC' },
  };
  const codeOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  it('answers 401 InvalidAuthenticationToken without a valid bearer token', async () => {
    const res = await fetch(`${emulator.url}/v1.0/me/calendar/events`);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('InvalidAuthenticationToken');
  });

  it('answers 400 to a view without a window, a bad filter, missing times, a bad zone, an attendee without address, a bad property id, an all-day event not at midnight', async () => {
    const bad = [
      await api('/calendar/calendarView'),
      await api(`/calendar/events?$filter=${encodeURIComponent("subject eq 'x'")}`),
      await api('/calendar/events', { method: 'POST', json: { subject: 'x' } }),
      await api('/calendar/events', {
        method: 'POST',
        json: { ...event, end: { dateTime: '2026-11-02T10:00:00', timeZone: 'Mars/Olympus' } },
      }),
      await api('/calendar/events', {
        method: 'POST',
        json: { ...event, attendees: [{ emailAddress: { name: 'x' } }] },
      }),
      await api('/calendar/events', {
        method: 'POST',
        json: { ...event, singleValueExtendedProperties: [{ id: 'key', value: 'v' }] },
      }),
      await api('/calendar/events', { method: 'POST', json: { ...event, isAllDay: true } }),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
  });

  it('answers the first event to a POST with the same transactionId, and 404 to a gone event', async () => {
    const first = (await (
      await api('/calendar/events', { method: 'POST', json: { ...event, transactionId: 't1' } })
    ).json()) as { id: string };
    const second = (await (
      await api('/calendar/events', { method: 'POST', json: { ...event, transactionId: 't1' } })
    ).json()) as { id: string };
    expect(second.id).toBe(first.id);
    expect(emulator.events('ana@example.com')).toHaveLength(1);
    expect((await api(`/events/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await api(`/events/${first.id}`, { method: 'PATCH', json: { subject: 'y' } });
    expect(gone.status).toBe(404);
    expect(await codeOf(gone)).toBe('ErrorItemNotFound');
  });

  it('answers times in the zone the Prefer header asks for', async () => {
    emulator.seed('ana@example.com', event);
    const res = await api(
      '/calendar/calendarView?startDateTime=2026-11-02T00:00:00Z&endDateTime=2026-11-03T00:00:00Z',
      {
        headers: { prefer: 'outlook.timezone="Europe/Berlin"' },
      },
    );
    const body = (await res.json()) as {
      value: { start: { dateTime: string; timeZone: string } }[];
    };
    expect(body.value[0]?.start).toEqual({
      dateTime: '2026-11-02T10:00:00.0000000',
      timeZone: 'Europe/Berlin',
    });
  });
});
