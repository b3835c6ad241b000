// /api/host/time-off: a host's out-of-office ranges over HTTP, and their slots leaving the public page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeOffListResponseSchema, timeOffResponseSchema } from './api-schemas.js';
import { Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const TUESDAY = {
  title: 'Time off demo',
  slug: 'time-off-demo',
  timeZone: 'UTC',
  durationMinutes: 30,
  weeklyHours: { tuesday: [{ start: '09:00', end: '12:00' }] },
};
const DAY = 'from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z';
const ALL_SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map(
  (t) => `2026-11-03T${t}:00.000Z`,
);

describe.each(DIALECTS)('host time off over HTTP (%s)', (dialect) => {
  let server: TestServer;
  let host: Client;
  let other: Client;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    ({ host } = await signUpHost(server, { email: `off-${dialect}@example.com`, link: TUESDAY }));
    ({ host: other } = await signUpHost(server, {
      email: `other-${dialect}@example.com`,
      link: { ...TUESDAY, slug: 'time-off-other' },
    }));
  });
  afterAll(() => server?.close());

  async function slots(slug = TUESDAY.slug): Promise<string[]> {
    const res = await new Client(server.url).get(
      `/api/public/links/${slug}/slots?${DAY}&timeZone=UTC`,
    );
    expectStatus(res, 200);
    return (res.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
      d.slots.map((s) => s.start),
    );
  }

  async function list(client: Client): Promise<{ id: string }[]> {
    const res = await client.get(`/api/host/time-off?${DAY}`);
    expectStatus(res, 200);
    return timeOffListResponseSchema.parse(res.body).timeOff;
  }

  it('adds a range (201), lists it, takes its slots away, refuses bookings in it, removes it (204)', async () => {
    expect(await slots()).toEqual(ALL_SLOTS);
    const added = await host.post('/api/host/time-off', {
      body: { start: '2026-11-03T10:00:00Z', end: '2026-11-03T11:00:00Z', note: 'Dentist' },
    });
    expectStatus(added, 201);
    const { timeOff } = timeOffResponseSchema.parse(added.body);
    expect(timeOff).toEqual({
      id: expect.any(String),
      start: '2026-11-03T10:00:00.000Z',
      end: '2026-11-03T11:00:00.000Z',
      note: 'Dentist',
    });
    expect(await list(host)).toEqual([timeOff]);
    expect(await list(other)).toEqual([]);

    // Slots disappear inside the range, only on this host's links.
    expect(await slots()).toEqual(ALL_SLOTS.filter((s) => !s.includes('T10:')));
    expect(await slots('time-off-other')).toEqual(ALL_SLOTS);
    const booking = await new Client(server.url).post(
      `/api/public/links/${TUESDAY.slug}/bookings`,
      {
        body: {
          start: '2026-11-03T10:30:00Z',
          name: 'Ada',
          email: 'ada@example.com',
          timeZone: 'UTC',
        },
      },
    );
    expectError(booking, 409, 'SLOT_TAKEN');

    // Another host cannot remove it (404, as for an unknown id); its owner can, once.
    expectError(await other.delete(`/api/host/time-off/${timeOff.id}`), 404, 'NOT_FOUND');
    expect(await list(host)).toEqual([timeOff]);
    expectStatus(await host.delete(`/api/host/time-off/${timeOff.id}`), 204);
    expect(await slots()).toEqual(ALL_SLOTS);
    expectError(await host.delete(`/api/host/time-off/${timeOff.id}`), 404, 'NOT_FOUND');
    expect(await list(host)).toEqual([]);
  });

  it('stores no note when none is given', async () => {
    const added = await host.post('/api/host/time-off', {
      body: { start: '2026-11-03T11:30:00Z', end: '2026-11-03T12:00:00Z' },
    });
    expectStatus(added, 201);
    const { timeOff } = timeOffResponseSchema.parse(added.body);
    expect(timeOff.note).toBeNull();
    expectStatus(await host.delete(`/api/host/time-off/${timeOff.id}`), 204);
  });

  it('refuses bad ranges and queries with 400 VALIDATION_FAILED naming the field', async () => {
    const bodies = [
      [{ start: '2026-11-03T10:00:00Z', end: '2026-11-03T10:00:00Z' }, 'end'],
      [{ start: '2026-11-03T10:00:00Z', end: '2027-11-05T10:00:00Z' }, 'end'],
      [{ start: 'tomorrow', end: '2026-11-03T10:00:00Z' }, 'start'],
      [{ start: '2026-11-03T10:00:00Z', end: '2026-11-03T11:00:00Z', note: 7 }, 'note'],
    ] as const;
    for (const [body, path] of bodies) {
      const res = await host.post('/api/host/time-off', { body });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details, JSON.stringify(body)).toEqual([
        expect.objectContaining({ path }),
      ]);
    }
    for (const [query, path] of [
      ['from=2026-11-03T00:00:00Z', 'to'],
      ['from=2026-11-04T00:00:00Z&to=2026-11-03T00:00:00Z', 'to'],
    ] as const) {
      const res = await host.get(`/api/host/time-off?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details, query).toEqual([expect.objectContaining({ path })]);
    }
    expect(await list(host)).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    const anonymous = new Client(server.url);
    expectError(await anonymous.get(`/api/host/time-off?${DAY}`), 401, 'UNAUTHENTICATED');
  });
});
