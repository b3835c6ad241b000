// A link on Google Calendar, end to end through the server: busy time from the host's connected
// calendar removes slots, a booking creates one event with a Meet link written back, a reschedule
// moves it, cancel deletes it.
import { randomBytes } from 'node:crypto';
import { createAesGcmSealer } from '@workestra/booking-core';
import type { GoogleEmulator } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostBookingResponseSchema, slotsResponseSchema } from './api-schemas.js';
import { connectCalendar, startWithGoogle } from './test-support/calendar-consent.js';
import { bookOne, Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const sealer = createAesGcmSealer(Buffer.from(SECRET_KEY, 'base64'));
const FROM = '2026-11-04T00:00:00Z';
const TO = '2026-11-05T00:00:00Z';

describe.each(DIALECTS)('a Google link through the server (%s)', (dialect) => {
  let google: GoogleEmulator;
  let server: TestServer;
  beforeAll(async () => {
    ({ google, server } = await startWithGoogle(dialect, SECRET_KEY));
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
  });

  const slotStarts = async (slug: string) => {
    const res = await new Client(server.url).get(
      `/api/public/links/${slug}/slots?from=${FROM}&to=${TO}&timeZone=UTC`,
    );
    expectStatus(res, 200);
    return slotsResponseSchema.parse(res.body).days.flatMap((d) => d.slots.map((s) => s.start));
  };

  it('reads busy time from the connected calendar, writes one event with a Meet link, moves it, deletes it on cancel', async () => {
    const account = `ana-${dialect}@example.com`;
    const { host } = await signUpHost(server, {
      email: account,
      link: { title: 'Intro', slug: 'intro', calendarProvider: 'google', autoMeetingLink: true },
    });
    // Not connected yet: the calendar cannot be read, so nothing is offered as free.
    expectError(
      await new Client(server.url).get(
        `/api/public/links/intro/slots?from=${FROM}&to=${TO}&timeZone=UTC`,
      ),
      503,
      'CALENDAR_UNAVAILABLE',
    );

    await connectCalendar(server, host, 'google', account);
    const free = await slotStarts('intro');
    expect(free).toContain('2026-11-04T10:00:00.000Z');
    expect(free).toContain('2026-11-04T10:30:00.000Z');

    google.seed(account, {
      summary: 'Dentist',
      start: { dateTime: '2026-11-04T10:00:00Z' },
      end: { dateTime: '2026-11-04T11:00:00Z' },
    });
    // A new range: the adapter's short busy cache holds per connection and range.
    const res = await new Client(server.url).get(
      `/api/public/links/intro/slots?from=2026-11-04T00:00:00Z&to=2026-11-04T23:00:00Z&timeZone=UTC`,
    );
    const busy = slotsResponseSchema
      .parse(res.body)
      .days.flatMap((d) => d.slots.map((s) => s.start));
    expect(busy).not.toContain('2026-11-04T10:00:00.000Z');
    expect(busy).not.toContain('2026-11-04T10:30:00.000Z');
    expect(busy).toContain('2026-11-04T11:00:00.000Z');

    const booked = await bookOne(server, 'intro', '2026-11-04T14:00:00Z');
    const id = booked.booking.id as string;
    await server.runtime.runner.runOnce();
    await server.runtime.runner.runOnce();
    const made = google.events(account).filter((e) => e.summary !== 'Dentist');
    expect(made).toHaveLength(1);
    const meetUrl = made[0]?.hangoutLink;
    expect(meetUrl).toMatch(/^http/);

    const seen = hostBookingResponseSchema.parse((await host.get(`/api/host/bookings/${id}`)).body);
    expect(seen.booking.meetingUrl).toBe(meetUrl);
    expect(seen.booking.externalRefs.calendar).toEqual({ provider: 'google', id: made[0]?.id });

    // A second run finds nothing more to do: still exactly one event.
    await server.runtime.runner.runOnce();
    expect(google.events(account).filter((e) => e.summary !== 'Dentist')).toHaveLength(1);

    // Rescheduling moves the same event (the reschedule re-reads the calendar: its own event is
    // left out by its iCalendar UID).
    const moved = await new Client(server.url).post(
      `/api/public/tokens/${booked.rescheduleToken as string}/reschedule`,
      { body: { start: '2026-11-04T15:00:00Z' } },
    );
    expectStatus(moved, 200);
    await server.runtime.runner.runOnce();
    await server.runtime.runner.runOnce();
    const movedEvents = google.events(account).filter((e) => e.summary !== 'Dentist');
    expect(movedEvents.map((e) => [e.id, e.start?.dateTime])).toEqual([
      [made[0]?.id, expect.stringMatching(/^2026-11-04T15:00:00/)],
    ]);

    expectStatus(await host.post(`/api/host/bookings/${id}/cancel`, { body: {} }), 200);
    await server.runtime.runner.runOnce();
    await server.runtime.runner.runOnce();
    expect(
      google.events(account).filter((e) => e.summary !== 'Dentist' && e.status !== 'cancelled'),
    ).toEqual([]);

    const connections = (await host.get('/api/host/calendar-connections')).body.connections;
    expect(connections).toMatchObject([{ provider: 'google', state: 'working' }]);
  });

  it('refreshes an expired token and re-seals it; a refused refresh marks the connection needs_reconsent', async () => {
    const account = `cy-${dialect}@example.com`;
    const { host } = await signUpHost(server, {
      email: account,
      link: { title: 'Cy', slug: 'cy', calendarProvider: 'google' },
    });
    await connectCalendar(server, host, 'google', account);
    const me = (await host.get('/api/auth/session')).body.host;
    const key = { workspaceId: me.workspaceId, hostId: me.id, provider: 'google' } as const;
    const first = await server.handle.calendarConnections.findConnection(key);
    expect(first).not.toBeNull();

    // The stored token has expired: the next read refreshes it first and stores the new one sealed.
    const expire = () =>
      server.handle.calendarConnections.updateTokens(
        key,
        {
          accessTokenSealed: first?.accessTokenSealed ?? '',
          tokenExpiresAt: server.clock.now() - 1,
        },
        server.clock.now(),
      );
    await expire();
    const slotsAfterExpiry = await new Client(server.url).get(
      `/api/public/links/cy/slots?from=2026-11-05T00:00:00Z&to=2026-11-06T00:00:00Z&timeZone=UTC`,
    );
    expectStatus(slotsAfterExpiry, 200);
    const refreshed = await server.handle.calendarConnections.findConnection(key);
    expect(refreshed?.accessTokenSealed).not.toBe(first?.accessTokenSealed);
    expect(sealer.open(refreshed?.accessTokenSealed ?? '')).not.toBe(
      sealer.open(first?.accessTokenSealed ?? ''),
    );
    expect(refreshed?.tokenExpiresAt).toBeGreaterThan(server.clock.now());
    expect(refreshed?.refreshTokenSealed).toBe(first?.refreshTokenSealed); // Google keeps it

    // The host revokes the grant at Google: the next refresh is refused.
    const revoked = await fetch(`${google.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: sealer.open(refreshed?.refreshTokenSealed ?? '') }),
    });
    expect(revoked.status).toBe(200);
    await expire();
    expectError(
      await new Client(server.url).get(
        `/api/public/links/cy/slots?from=2026-11-06T00:00:00Z&to=2026-11-07T00:00:00Z&timeZone=UTC`,
      ),
      503,
      'CALENDAR_UNAVAILABLE',
    );
    const listed = (await host.get('/api/host/calendar-connections')).body.connections;
    expect(listed).toMatchObject([{ provider: 'google', state: 'needs_reconsent' }]);
    expect(listed[0].lastError).toEqual(expect.any(String));
  });
});
