// A link on Microsoft 365, end to end through the server (as calendar-wiring.test.ts does for
// Google): busy time from the host's connected calendar removes slots, a booking creates one event
// with a Teams meeting written back, a reschedule moves it, cancel deletes it. Then two hosts on
// one server, one on Google and one on Microsoft, each booking landing in its host's calendar.
import { randomBytes } from 'node:crypto';
import type { GoogleEmulator, MicrosoftEmulator } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostBookingResponseSchema, slotsResponseSchema } from './api-schemas.js';
import { connectCalendar, startWithBoth } from './test-support/calendar-consent.js';
import { bookOne, Client, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');

/** The instant of a Graph `{ dateTime, timeZone: 'UTC' }`. */
const utcOf = (t: { dateTime: string } | undefined) => Date.parse(`${t?.dateTime ?? ''}Z`);

describe.each(DIALECTS)('a Microsoft link through the server (%s)', (dialect) => {
  let google: GoogleEmulator;
  let graph: MicrosoftEmulator;
  let server: TestServer;
  beforeAll(async () => {
    ({ google, graph, server } = await startWithBoth(dialect, SECRET_KEY));
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
    await graph?.close();
  });

  const slotStarts = async (slug: string, day: string) => {
    const res = await new Client(server.url).get(
      `/api/public/links/${slug}/slots?from=${day}T00:00:00Z&to=${day}T23:00:00Z&timeZone=UTC`,
    );
    expectStatus(res, 200);
    return slotsResponseSchema.parse(res.body).days.flatMap((d) => d.slots.map((s) => s.start));
  };
  const drain = async () => {
    await server.runtime.runner.runOnce();
    await server.runtime.runner.runOnce();
  };

  it('offers only free times, writes one event with a Teams meeting, moves it, deletes it on cancel', async () => {
    const account = `mo-${dialect}@example.com`;
    const { host } = await signUpHost(server, {
      email: account,
      link: {
        title: 'Teams intro',
        slug: 'mo',
        calendarProvider: 'microsoft',
        autoMeetingLink: true,
      },
    });
    await connectCalendar(server, host, 'microsoft', account);
    graph.seed(account, {
      subject: 'Dentist',
      start: { dateTime: '2026-11-04T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-04T11:00:00', timeZone: 'UTC' },
    });
    graph.seed(account, {
      subject: 'Maybe',
      showAs: 'free',
      start: { dateTime: '2026-11-04T12:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-04T13:00:00', timeZone: 'UTC' },
    });
    const free = await slotStarts('mo', '2026-11-04');
    expect(free).not.toContain('2026-11-04T10:00:00.000Z');
    expect(free).not.toContain('2026-11-04T10:30:00.000Z');
    expect(free).toContain('2026-11-04T11:00:00.000Z');
    expect(free).toContain('2026-11-04T12:00:00.000Z'); // shown as free: does not block

    const booked = await bookOne(server, 'mo', '2026-11-04T14:00:00Z');
    const id = booked.booking.id as string;
    await drain();
    const ours = () =>
      graph.events(account).filter((e) => !['Dentist', 'Maybe'].includes(e.subject ?? ''));
    const made = ours();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ subject: 'Teams intro with Ada', isOnlineMeeting: true });
    expect(made[0]?.attendees?.map((a) => a.emailAddress.address)).toEqual(['ada@example.com']);
    const joinUrl = made[0]?.onlineMeeting?.joinUrl;
    expect(joinUrl).toMatch(/^http.*\/teams\//);
    expect(utcOf(made[0]?.start)).toBe(Date.parse('2026-11-04T14:00:00Z'));

    const seen = hostBookingResponseSchema.parse((await host.get(`/api/host/bookings/${id}`)).body);
    expect(seen.booking.meetingUrl).toBe(joinUrl);
    expect(seen.booking.externalRefs.calendar).toEqual({ provider: 'microsoft', id: made[0]?.id });
    // The booked time is no longer offered.
    expect(await slotStarts('mo', '2026-11-04')).not.toContain('2026-11-04T14:00:00.000Z');
    await server.runtime.runner.runOnce();
    expect(ours()).toHaveLength(1);

    const moved = await new Client(server.url).post(
      `/api/public/tokens/${booked.rescheduleToken as string}/reschedule`,
      { body: { start: '2026-11-04T15:00:00Z' } },
    );
    expectStatus(moved, 200);
    await drain();
    expect(ours().map((e) => [e.id, utcOf(e.start), e.onlineMeeting?.joinUrl])).toEqual([
      [made[0]?.id, Date.parse('2026-11-04T15:00:00Z'), joinUrl],
    ]);

    expectStatus(await host.post(`/api/host/bookings/${id}/cancel`, { body: {} }), 200);
    await drain();
    expect(ours()).toEqual([]);
    expect(graph.events(account).map((e) => e.subject)).toEqual(['Dentist', 'Maybe']);
    const connections = (await host.get('/api/host/calendar-connections')).body.connections;
    expect(connections).toMatchObject([{ provider: 'microsoft', state: 'working' }]);
  });

  it('serves two hosts on one server, one on Google and one on Microsoft', async () => {
    const gAccount = `g-${dialect}@example.com`;
    const mAccount = `m-${dialect}@example.com`;
    const { host: gHost } = await signUpHost(server, {
      email: gAccount,
      link: { title: 'G', slug: 'g-mixed', calendarProvider: 'google', autoMeetingLink: true },
    });
    const { host: mHost } = await signUpHost(server, {
      email: mAccount,
      link: { title: 'M', slug: 'm-mixed', calendarProvider: 'microsoft', autoMeetingLink: true },
    });
    await connectCalendar(server, gHost, 'google', gAccount);
    await connectCalendar(server, mHost, 'microsoft', mAccount);
    google.seed(gAccount, {
      start: { dateTime: '2026-11-05T09:00:00Z' },
      end: { dateTime: '2026-11-05T10:00:00Z' },
    });
    graph.seed(mAccount, {
      start: { dateTime: '2026-11-05T11:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-05T12:00:00', timeZone: 'UTC' },
    });
    const gFree = await slotStarts('g-mixed', '2026-11-05');
    const mFree = await slotStarts('m-mixed', '2026-11-05');
    // Each link sees its own host's calendar only.
    expect(gFree).not.toContain('2026-11-05T09:00:00.000Z');
    expect(gFree).toContain('2026-11-05T11:00:00.000Z');
    expect(mFree).toContain('2026-11-05T09:00:00.000Z');
    expect(mFree).not.toContain('2026-11-05T11:00:00.000Z');

    await bookOne(server, 'g-mixed', '2026-11-05T14:00:00Z');
    await bookOne(server, 'm-mixed', '2026-11-05T14:00:00Z');
    await drain();
    const gMade = google.events(gAccount).filter((e) => e.summary === 'G with Ada');
    const mMade = graph.events(mAccount).filter((e) => e.subject === 'M with Ada');
    expect(gMade.map((e) => typeof e.hangoutLink)).toEqual(['string']);
    expect(mMade.map((e) => typeof e.onlineMeeting?.joinUrl)).toEqual(['string']);
    // Nothing crossed over.
    expect(google.events(mAccount)).toEqual([]);
    expect(graph.events(gAccount)).toEqual([]);
  });
});
