// A round-robin link over HTTP with two members on different providers (Google and Microsoft
// emulators): slots skip a member only where that member is busy, out of office or on time off;
// bookings rotate between the members; each meeting lands in its member's own calendar; the host
// notice goes to the member; the dashboard names who got each meeting.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startWithBoth, connectCalendar } from './test-support/calendar-consent.js';
import { Client, expectStatus, type Json } from './test-support/client.js';
import { DIALECTS, NOW } from './test-support/server.js';

const HOUR = 3_600_000;
/** Tuesday 2026-11-03, the day the test books (the servers' clock is Monday 12:00 UTC). */
const TUESDAY = Date.parse('2026-11-03T00:00:00Z');
const at = (hour: number) => new Date(TUESDAY + hour * HOUR).toISOString();

/** Invites `email` into `owner`'s workspace and accepts it: the new member, signed in. */
async function invite(url: string, owner: Client, email: string, name: string) {
  const invited = await owner.post('/api/host/invites', { body: { email } });
  expectStatus(invited, 201);
  const token = new URL(invited.body.url as string).pathname.replace('/invite/', '');
  const member = new Client(url);
  const accepted = await member.post(`/api/auth/invites/${token}/accept`, {
    body: { name, password: 'correct horse battery', timeZone: 'UTC' },
  });
  expectStatus(accepted, 201);
  return { client: member, id: accepted.body.host.id as string };
}

/** The starts offered on Tuesday, as ISO strings. */
async function tuesdayStarts(url: string): Promise<string[]> {
  const res = await new Client(url).get(
    `/api/public/links/sales/slots?from=${at(0)}&to=${at(24)}&timeZone=UTC`,
  );
  expectStatus(res, 200);
  return (res.body.days as Json[]).flatMap((d) => d.slots.map((s: Json) => s.start as string));
}

describe.each(DIALECTS)('round-robin across Google and Microsoft members (%s)', (dialect) => {
  it('offers a time while one member is free, rotates bookings, writes each member’s calendar', async () => {
    const { google, graph, server } = await startWithBoth(
      dialect,
      randomBytes(32).toString('base64'),
      { RATE_LIMIT_PER_MINUTE: '1000' },
    );
    try {
      expect(server.clock.now()).toBe(NOW);
      const ana = new Client(server.url);
      await ana.signup({ email: 'ana@example.com', name: 'Ana', timeZone: 'UTC' });
      const anaId = (await ana.get('/api/auth/session')).body.host.id as string;
      const bea = await invite(server.url, ana, 'bea@example.com', 'Bea');
      await connectCalendar(server, ana, 'google', 'ana@example.com');
      await connectCalendar(server, bea.client, 'microsoft', 'bea@example.com');

      // Ana: busy 09:00-10:00 in Google; Bea: out of office 09:00-11:00 in Microsoft and on time
      // off 12:00-13:00. So 09:00 is nobody's, 10:00 only Ana's, 12:00 only Ana's.
      google.seed('ana@example.com', {
        summary: 'Dentist',
        start: { dateTime: at(9) },
        end: { dateTime: at(10) },
      });
      graph.seed('bea@example.com', {
        subject: 'Away',
        showAs: 'oof',
        start: { dateTime: at(9).replace('Z', ''), timeZone: 'UTC' },
        end: { dateTime: at(11).replace('Z', ''), timeZone: 'UTC' },
      });
      expectStatus(
        await bea.client.post('/api/host/time-off', { body: { start: at(12), end: at(13) } }),
        201,
      );

      const created = await ana.post('/api/host/links', {
        body: {
          title: 'Sales',
          slug: 'sales',
          timeZone: 'UTC',
          durationMinutes: 60,
          kind: 'round_robin',
          members: [
            { hostId: anaId, calendarProvider: 'google' },
            { hostId: bea.id, calendarProvider: 'microsoft' },
          ],
        },
      });
      expectStatus(created, 201);

      const starts = await tuesdayStarts(server.url);
      expect(starts).toEqual([at(10), at(11), at(12), at(13), at(14), at(15), at(16)]);

      const book = (start: string, who: string) =>
        new Client(server.url).post('/api/public/links/sales/bookings', {
          body: { start, name: who, email: `${who.toLowerCase()}@example.com`, timeZone: 'UTC' },
        });
      // 10:00: only Ana is free (Bea is out of office), whatever the rotation says.
      const first = await book(at(10), 'Carl');
      expectStatus(first, 201);
      expect(first.body.booking.hostName).toBe('Ana');
      // 14:00: both free; Bea has had none, so the rotation gives it to Bea.
      const second = await book(at(14), 'Dora');
      expectStatus(second, 201);
      expect(second.body.booking.hostName).toBe('Bea');
      // 12:00 only Ana could take it (Bea is on time off): Ana gets it despite the rotation.
      const third = await book(at(12), 'Emil');
      expectStatus(third, 201);
      expect(third.body.booking.hostName).toBe('Ana');
      // 10:00 again: Ana is now booked and Bea away: nobody is free.
      const fourth = await book(at(10), 'Finn');
      expect(fourth.status, fourth.text).toBe(409);
      expect(fourth.body.error.code).toBe('SLOT_TAKEN');

      // The follow-ups: each meeting in its member's own calendar, the host notice to the member.
      await server.runtime.runner.runOnce();
      await server.runtime.runner.runOnce();
      const anaEvents = google.events('ana@example.com').filter((e) => e.summary !== 'Dentist');
      expect(anaEvents.map((e) => Date.parse(e.start.dateTime!)).sort()).toEqual([
        Date.parse(at(10)),
        Date.parse(at(12)),
      ]);
      const beaEvents = graph.events('bea@example.com').filter((e) => e.subject !== 'Away');
      expect(beaEvents).toHaveLength(1);

      // The owner's dashboard names the member of each meeting; Bea sees only hers.
      const mine = (await ana.get('/api/host/bookings')).body.bookings as Json[];
      expect(mine.map((b) => [b.attendeeName, b.host.name]).sort()).toEqual([
        ['Carl', 'Ana'],
        ['Dora', 'Bea'],
        ['Emil', 'Ana'],
      ]);
      const hers = (await bea.client.get('/api/host/bookings')).body.bookings as Json[];
      expect(hers.map((b) => b.attendeeName)).toEqual(['Dora']);
    } finally {
      await server.close();
      await google.close();
      await graph.close();
    }
  }, 120_000);
});
