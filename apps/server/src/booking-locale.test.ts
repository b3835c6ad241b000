// The attendee's language and clock over HTTP: sent with the public booking and the token
// reschedule, stored on the booking, shown on the host's dashboard, and documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_CYCLES } from '@workestra/booking-core';
import {
  bookResponseSchema,
  hostBookingsResponseSchema,
  rescheduleResponseSchema,
} from './api-schemas.js';
import { buildOpenApi } from './openapi.js';
import { Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const attendee = { name: 'Heidi Muster', email: 'heidi@example.com', timeZone: 'Europe/Zurich' };

describe.each(DIALECTS)('attendee language and clock over HTTP (%s)', (dialect) => {
  let server: TestServer;
  let host: Client;
  let visitor: Client;
  let starts: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    ({ host } = await signUpHost(server, {
      email: `locale-${dialect}@example.com`,
      link: { title: 'Sprechstunde', slug: 'sprechstunde', timeZone: 'UTC', durationMinutes: 30 },
    }));
    visitor = new Client(server.url);
    const slots = await visitor.get(
      '/api/public/links/sprechstunde/slots?from=2026-11-03T00:00:00Z&to=2026-11-06T00:00:00Z&timeZone=UTC',
    );
    expectStatus(slots, 200);
    starts = (slots.body.days as { slots: { start: string }[] }[])
      .flatMap((d) => d.slots.map((s) => s.start))
      .filter((_, i) => i % 2 === 0);
    expect(starts.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(() => server?.close());

  const book = (body: Record<string, unknown>) =>
    visitor.post('/api/public/links/sprechstunde/bookings', { body: { ...attendee, ...body } });

  /** The booking as the host's dashboard lists it. */
  async function onDashboard(id: string) {
    const res = await host.get('/api/host/bookings?filter=upcoming');
    expectStatus(res, 200);
    const found = hostBookingsResponseSchema.parse(res.body).bookings.find((b) => b.id === id);
    expect(found, id).toBeDefined();
    return found;
  }

  /** The booking as the store holds it. */
  const stored = async (id: string) => {
    const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;
    return server.handle.store.transaction((tx) => tx.findBooking(workspaceId, id));
  };

  it('stores the canonical tag and the clock of a booking, and both on the dashboard', async () => {
    const res = await book({ start: starts[0], locale: 'de-ch', hourCycle: 'h23' });
    expectStatus(res, 201);
    const { booking } = bookResponseSchema.parse(res.body);
    expect(await stored(booking.id)).toMatchObject({
      attendeeLocale: 'de-CH',
      attendeeHourCycle: 'h23',
    });
    expect(await onDashboard(booking.id)).toMatchObject({
      attendeeLocale: 'de-CH',
      attendeeHourCycle: 'h23',
    });
  });

  it('stores null for both when the request does not say', async () => {
    const res = await book({ start: starts[1] });
    expectStatus(res, 201);
    const { booking } = bookResponseSchema.parse(res.body);
    expect(await stored(booking.id)).toMatchObject({
      attendeeLocale: null,
      attendeeHourCycle: null,
    });
    expect(await onDashboard(booking.id)).toMatchObject({
      attendeeLocale: null,
      attendeeHourCycle: null,
    });
  });

  it('refuses a tag that is not one and a clock that is not offered, at their paths', async () => {
    const badTag = await book({ start: starts[2], locale: 'not a tag!' });
    expectError(badTag, 400, 'VALIDATION_FAILED');
    expect(badTag.body.error.details).toEqual([
      { path: 'locale', message: expect.stringContaining('language tag') },
    ]);
    const badClock = await book({ start: starts[2], hourCycle: 'h24' });
    expectError(badClock, 400, 'VALIDATION_FAILED');
    expect(badClock.body.error.details).toEqual([
      { path: 'hourCycle', message: expect.stringContaining('h23') },
    ]);
    // A valid tag, but longer than a booking keeps.
    const tooLong = await book({
      start: starts[2],
      locale: 'de-CH-u-ca-gregory-hc-h23-nu-latn-co-phonebk',
    });
    expectError(tooLong, 400, 'VALIDATION_FAILED');
    expect(tooLong.body.error.details).toEqual([expect.objectContaining({ path: 'locale' })]);
  });

  it('takes a new language and clock on a token reschedule that names them, keeps them otherwise', async () => {
    const first = await book({ start: starts[3], locale: 'en-gb', hourCycle: 'h23' });
    expectStatus(first, 201);
    const { booking, rescheduleToken } = bookResponseSchema.parse(first.body);

    const switched = await visitor.post(`/api/public/tokens/${rescheduleToken}/reschedule`, {
      body: { start: starts[4], locale: 'FR', hourCycle: 'h12' },
    });
    expectStatus(switched, 200);
    const next = rescheduleResponseSchema.parse(switched.body);
    expect(await stored(booking.id)).toMatchObject({
      start: Date.parse(starts[4] as string),
      attendeeLocale: 'fr',
      attendeeHourCycle: 'h12',
    });

    const token = next.rescheduleToken ?? rescheduleToken;
    expectError(
      await visitor.post(`/api/public/tokens/${token}/reschedule`, {
        body: { start: starts[5], hourCycle: 'h24' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const kept = await visitor.post(`/api/public/tokens/${token}/reschedule`, {
      body: { start: starts[5] },
    });
    expectStatus(kept, 200);
    expect(await stored(booking.id)).toMatchObject({
      start: Date.parse(starts[5] as string),
      attendeeLocale: 'fr',
      attendeeHourCycle: 'h12',
    });
    expect(await onDashboard(booking.id)).toMatchObject({
      attendeeLocale: 'fr',
      attendeeHourCycle: 'h12',
    });
  });
});

describe('OpenAPI: the attendee language and clock', () => {
  const doc = buildOpenApi({ serverUrl: 'http://workestra.test' }) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody: {
            content: Record<
              string,
              {
                schema: {
                  properties: Record<
                    string,
                    { type?: string; enum?: string[]; description?: string }
                  >;
                };
              }
            >;
          };
        }
      >
    >;
  };
  const body = (path: string) =>
    doc.paths[path]?.post?.requestBody.content['application/json']?.schema.properties ?? {};

  it.each(['/api/public/links/{slug}/bookings', '/api/public/tokens/{token}/reschedule'])(
    'lists locale and hourCycle with descriptions on %s',
    (path) => {
      const { locale, hourCycle } = body(path);
      expect(locale).toMatchObject({
        type: 'string',
        description: expect.stringContaining('BCP 47'),
      });
      expect(hourCycle).toMatchObject({
        enum: [...HOUR_CYCLES],
        description: expect.stringContaining('clock'),
      });
    },
  );
});
