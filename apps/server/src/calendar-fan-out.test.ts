// The per-member fan-out round-robin builds on, over the server's calendar access: two hosts, one
// connected to the Google emulator and one to the Microsoft emulator, read together through
// booking-core's `readMembersBusy`. Out-of-office time reaches booking-core with its kind from both
// providers, and a failing provider makes only its member unreadable, never free.
import { randomBytes } from 'node:crypto';
import { readMembersBusy, type TeamMember } from '@workestra/booking-core';
import type { GoogleEmulator, MicrosoftEmulator } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCalendar, startWithBoth } from './test-support/calendar-consent.js';
import { signUpHost } from './test-support/client.js';
import { DIALECTS, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const at = (iso: string) => Date.parse(iso);

describe.each(DIALECTS)('reading several members’ calendars at once (%s)', (dialect) => {
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

  it('answers each member’s busy time and out-of-office flag, and a failing provider as not ok', async () => {
    const gAccount = `fan-g-${dialect}@example.com`;
    const mAccount = `fan-m-${dialect}@example.com`;
    const { host: gHost, link: gLink } = await signUpHost(server, {
      email: gAccount,
      link: { title: 'G', slug: 'fan-g', calendarProvider: 'google' },
    });
    const { host: mHost, link: mLink } = await signUpHost(server, {
      email: mAccount,
      link: { title: 'M', slug: 'fan-m', calendarProvider: 'microsoft' },
    });
    await connectCalendar(server, gHost, 'google', gAccount);
    await connectCalendar(server, mHost, 'microsoft', mAccount);
    const { workspaceId, hostId: gHostId } = gLink as { workspaceId: string; hostId: string };
    // Every sign-up has a workspace of its own and teams do not exist yet, so the second member
    // is a host added to the Google host's workspace, holding the Microsoft grant that went
    // through the consent screen above.
    const ben = await server.runtime.core.createHost({
      workspaceId,
      email: 'ben@example.com',
      name: 'Ben',
      timeZone: 'UTC',
    });
    const mKey = {
      workspaceId: (mLink as { workspaceId: string }).workspaceId,
      hostId: (mLink as { hostId: string }).hostId,
      provider: 'microsoft' as const,
    };
    const granted = await server.handle.calendarConnections.findConnection(mKey);
    if (granted === null) throw new Error('the Microsoft connection should be stored');
    await server.handle.calendarConnections.saveConnection({
      ...granted,
      id: `cc_fan_${dialect}`,
      workspaceId,
      hostId: ben.id,
    });

    google.seed(gAccount, {
      summary: 'Standup',
      start: { dateTime: '2026-11-06T08:00:00Z' },
      end: { dateTime: '2026-11-06T09:00:00Z' },
    });
    google.seed(gAccount, {
      summary: 'Away',
      eventType: 'outOfOffice',
      start: { dateTime: '2026-11-06T12:00:00Z' },
      end: { dateTime: '2026-11-07T12:00:00Z' },
    });
    graph.seed(mAccount, {
      subject: 'Review',
      start: { dateTime: '2026-11-06T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-06T11:00:00', timeZone: 'UTC' },
    });
    graph.seed(mAccount, {
      subject: 'Vacation',
      showAs: 'oof',
      start: { dateTime: '2026-11-09T00:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-10T00:00:00', timeZone: 'UTC' },
    });

    const access = server.runtime.calendar;
    if (access === null) throw new Error('the server should have calendar access configured');
    const g: TeamMember = { hostId: gHostId, provider: 'google' };
    const m: TeamMember = { hostId: ben.id, provider: 'microsoft' };
    const none: TeamMember = { hostId: 'no_calendar', provider: 'none' };
    const read = (from: string, to: string) =>
      readMembersBusy(access, {
        workspaceId,
        members: [g, m, none],
        from: at(from),
        to: at(to),
        concurrency: 2,
      });

    expect(await read('2026-11-06T00:00:00Z', '2026-11-07T00:00:00Z')).toEqual([
      {
        hostId: g.hostId,
        ok: true,
        busy: [
          { start: at('2026-11-06T08:00:00Z'), end: at('2026-11-06T09:00:00Z'), kind: 'busy' },
          {
            start: at('2026-11-06T12:00:00Z'),
            end: at('2026-11-07T00:00:00Z'),
            kind: 'out_of_office',
          },
        ],
        outOfOffice: true,
      },
      {
        hostId: m.hostId,
        ok: true,
        busy: [
          { start: at('2026-11-06T10:00:00Z'), end: at('2026-11-06T11:00:00Z'), kind: 'busy' },
        ],
        outOfOffice: false,
      },
      { hostId: none.hostId, ok: true, busy: [], outOfOffice: false },
    ]);
    const away = await read('2026-11-09T00:00:00Z', '2026-11-10T00:00:00Z');
    expect(away.map((r) => r.ok && r.outOfOffice)).toEqual([false, true, false]);
    expect(away[1]).toMatchObject({
      busy: [
        {
          start: at('2026-11-09T00:00:00Z'),
          end: at('2026-11-10T00:00:00Z'),
          kind: 'out_of_office',
        },
      ],
    });

    // The Microsoft emulator fails every call: that member is not ok (never free), the others
    // are read as usual. A range not read before, so no cached answer stands in.
    graph.faults.setRandom(1, () => 0, [{ status: 503 }]);
    let failing;
    try {
      failing = await read('2026-11-08T00:00:00Z', '2026-11-09T00:00:00Z');
    } finally {
      graph.faults.setRandom(0, Math.random, []);
    }
    expect(failing[0]).toEqual({ hostId: g.hostId, ok: true, busy: [], outOfOffice: false });
    expect(failing[1]).toMatchObject({ hostId: m.hostId, ok: false });
    expect(failing[1]?.ok === false && failing[1].error.code).toBe('CALENDAR_UNAVAILABLE');
    expect(failing[2]).toMatchObject({ hostId: none.hostId, ok: true });
    expect(graph.requests.some((r) => r.status === 503)).toBe(true);
    const benConnection = await server.handle.calendarConnections.findConnection({
      workspaceId,
      hostId: ben.id,
      provider: 'microsoft',
    });
    expect(benConnection?.state).toBe('failing');
  });
});
