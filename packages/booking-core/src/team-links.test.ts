import { describe, expect, it } from 'vitest';
import type { BookingError } from './errors.js';
import type { HostRef, LinkKind } from './domain.js';
import { createMemoryCalendar } from './memory-calendar.js';
import type { CalendarBusySource } from './ports.js';
import { codeOf, HOUR, MIN, MON_9, slotStarts, world, type World } from './test-utils.js';

const MONDAY = ['2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z'] as const;
const iso = (ms: number) => new Date(ms).toISOString();

/** A world with a third host in the workspace (Dan) and a team link of Ana and Ben. */
async function teamWorld(
  kind: LinkKind,
  options: { calendar?: CalendarBusySource; extra?: Record<string, unknown> } = {},
): Promise<World & { dan: HostRef }> {
  const w = await world(options.calendar ? { calendar: options.calendar } : {});
  const danRow = await w.core.createHost({
    workspaceId: 'ws_a',
    email: 'dan@example.com',
    name: 'Dan',
    timeZone: 'UTC',
  });
  await w.link({
    slug: 'team',
    kind,
    members: [{ hostId: w.host.hostId }, { hostId: w.colleague.hostId }],
    ...options.extra,
  });
  return { ...w, dan: { workspaceId: 'ws_a', hostId: danRow.id } };
}

/** Details of a `VALIDATION_FAILED` refusal. */
async function issues(promise: Promise<unknown>): Promise<readonly { path: string }[]> {
  const error = (await promise.catch((e: unknown) => e)) as BookingError;
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details as readonly { path: string }[];
}

describe('team link validation', () => {
  it('refuses members outside the workspace, duplicates, members on a solo link and a team calendar', async () => {
    const { link, host, colleague, stranger } = await world();
    expect(
      await issues(link({ kind: 'round_robin', members: [{ hostId: stranger.hostId }] })),
    ).toEqual([expect.objectContaining({ path: 'members[0].hostId' })]);
    expect(
      await issues(link({ kind: 'round_robin', members: [{ hostId: 'host_nobody' }] })),
    ).toEqual([expect.objectContaining({ path: 'members[0].hostId' })]);
    expect(
      await issues(
        link({
          kind: 'collective',
          members: [{ hostId: host.hostId }, { hostId: colleague.hostId }, { hostId: host.hostId }],
        }),
      ),
    ).toEqual([expect.objectContaining({ path: 'members[2].hostId' })]);
    expect(await issues(link({ members: [{ hostId: colleague.hostId }] }))).toEqual([
      expect.objectContaining({ path: 'members' }),
    ]);
    expect(await issues(link({ kind: 'round_robin', members: [] }))).toEqual([
      expect.objectContaining({ path: 'members' }),
    ]);
    expect(
      await issues(
        link({
          kind: 'round_robin',
          members: [{ hostId: host.hostId, calendarProvider: 'google' }],
          calendarProvider: 'google',
        }),
      ),
    ).toEqual([expect.objectContaining({ path: 'calendarProvider' })]);
  });

  it('needs every member’s calendar for meeting links and checks member hours like the link’s', async () => {
    const { link, host, colleague } = await world();
    expect(
      await issues(
        link({
          kind: 'round_robin',
          autoMeetingLink: true,
          members: [
            { hostId: host.hostId, calendarProvider: 'google' },
            { hostId: colleague.hostId },
          ],
        }),
      ),
    ).toEqual([expect.objectContaining({ path: 'members[1].calendarProvider' })]);
    const ok = await link({
      kind: 'round_robin',
      autoMeetingLink: true,
      members: [
        { hostId: host.hostId, calendarProvider: 'google' },
        { hostId: colleague.hostId, calendarProvider: 'microsoft' },
      ],
    });
    expect(ok.members.map((m) => m.calendarProvider)).toEqual(['google', 'microsoft']);
    const overlapping = {
      monday: [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ],
    };
    const paths = (
      await issues(
        link({
          slug: 'other',
          kind: 'collective',
          members: [
            { hostId: host.hostId },
            { hostId: colleague.hostId, weeklyHours: overlapping },
          ],
        }),
      )
    ).map((i) => i.path);
    expect(paths.every((p) => p.startsWith('members[1].weeklyHours'))).toBe(true);
  });

  it('lets the owner turn a solo link into a team link and back; members see it, only the owner edits', async () => {
    const { core, link, host, colleague } = await world();
    const solo = await link();
    const team = await core.updateLink(host, solo.id, {
      kind: 'round_robin',
      members: [{ hostId: colleague.hostId, weight: 2 }],
    });
    expect(team).toMatchObject({
      kind: 'round_robin',
      members: [
        {
          hostId: colleague.hostId,
          weight: 2,
          calendarProvider: 'none',
          timeZone: null,
          weeklyHours: null,
        },
      ],
    });
    expect((await core.listLinks(colleague)).map((l) => l.id)).toEqual([solo.id]);
    expect(await codeOf(core.updateLink(colleague, solo.id, { title: 'Mine now' }))).toBe(
      'NOT_FOUND',
    );
    expect(await issues(core.updateLink(host, solo.id, { kind: 'solo' }))).toEqual([
      expect.objectContaining({ path: 'members' }),
    ]);
    const back = await core.updateLink(host, solo.id, { kind: 'solo', members: [] });
    expect(back).toMatchObject({ kind: 'solo', members: [] });
    expect(await core.listLinks(colleague)).toEqual([]);
  });
});

describe('team link public view and slots', () => {
  it('names the members in member order', async () => {
    const { core } = await teamWorld('round_robin');
    expect(await core.getPublicLink('team')).toMatchObject({
      kind: 'round_robin',
      members: [{ name: 'Ana' }, { name: 'Ben' }],
      hostName: 'Ana, Ben',
    });
  });

  it('round-robin offers a slot when any member is free; collective only when all are', async () => {
    for (const kind of ['round_robin', 'collective'] as const) {
      const { core, link, colleague, attendee } = await teamWorld(kind);
      // Ben is booked 09:00-09:30 on a solo link of his own and off 10:00-11:00.
      await link({ slug: 'ben-solo' }, colleague);
      await core.book(attendee(MON_9, 'ben-solo'));
      await core.addTimeOff(colleague, { start: MON_9 + HOUR, end: MON_9 + 2 * HOUR });
      const starts = await slotStarts(core, 'team', ...MONDAY);
      const all = Array.from({ length: 6 }, (_, i) => iso(MON_9 + i * 30 * MIN));
      expect(starts).toEqual(
        kind === 'round_robin'
          ? all
          : all.filter((s) => !['09:00', '10:00', '10:30'].includes(s.slice(11, 16))),
      );
    }
  });

  it('round-robin leaves out a member whose calendar fails; collective fails', async () => {
    const calendar = createMemoryCalendar();
    let failing = new Set<string>();
    const source: CalendarBusySource = {
      busy: (input) =>
        failing.has(input.connection.hostId)
          ? Promise.reject(new Error('provider down'))
          : calendar.busy(input),
    };
    for (const kind of ['round_robin', 'collective'] as const) {
      const w = await world({ calendar: source });
      await w.link({
        slug: 'team',
        kind,
        members: [
          { hostId: w.host.hostId, calendarProvider: 'google' },
          { hostId: w.colleague.hostId, calendarProvider: 'microsoft' },
        ],
      });
      // Ana is out of office 09:00-10:00 (her calendar says so).
      calendar.addOutOfOffice({
        workspaceId: 'ws_a',
        connection: { hostId: w.host.hostId, provider: 'google' },
        start: MON_9,
        end: MON_9 + HOUR,
      });
      failing = new Set([w.colleague.hostId]);
      if (kind === 'collective') {
        expect(await codeOf(slotStarts(w.core, 'team', ...MONDAY))).toBe('CALENDAR_UNAVAILABLE');
        expect(await codeOf(w.core.book(w.attendee(MON_9 + 2 * HOUR, 'team')))).toBe(
          'CALENDAR_UNAVAILABLE',
        );
        continue;
      }
      // Ben is left out, Ana is away until 10:00: only her later slots.
      expect(await slotStarts(w.core, 'team', ...MONDAY)).toEqual([
        iso(MON_9 + HOUR),
        iso(MON_9 + 1.5 * HOUR),
        iso(MON_9 + 2 * HOUR),
        iso(MON_9 + 2.5 * HOUR),
      ]);
      expect(await codeOf(w.core.book(w.attendee(MON_9, 'team')))).toBe('SLOT_TAKEN');
      const { booking } = await w.core.book(w.attendee(MON_9 + HOUR, 'team'));
      expect(booking.hostId).toBe(w.host.hostId);
      failing = new Set([w.host.hostId, w.colleague.hostId]);
      expect(await codeOf(slotStarts(w.core, 'team', ...MONDAY))).toBe('CALENDAR_UNAVAILABLE');
      expect(await codeOf(w.core.book(w.attendee(MON_9 + 2 * HOUR, 'team')))).toBe(
        'CALENDAR_UNAVAILABLE',
      );
    }
  });
});

describe('booking a team link', () => {
  it('round-robin rotates between free members and records who got the booking', async () => {
    const { core, store, host, colleague, attendee } = await teamWorld('round_robin');
    const first = await core.book(attendee(MON_9, 'team'));
    const second = await core.book({
      ...attendee(MON_9 + HOUR, 'team'),
      locale: 'ja-jp',
      hourCycle: 'h12',
    });
    const third = await core.book(attendee(MON_9, 'team'));
    // The attendee's language and clock travel with a team booking as with a solo one.
    expect(second.booking).toMatchObject({ attendeeLocale: 'ja-JP', attendeeHourCycle: 'h12' });
    expect(first.booking).toMatchObject({ attendeeLocale: null, attendeeHourCycle: null });
    expect([first, second, third].map((r) => r.booking.hostId)).toEqual([
      host.hostId,
      colleague.hostId,
      colleague.hostId, // Ana holds 09:00 already
    ]);
    expect(first.booking.coHostIds).toEqual([]);
    expect(await codeOf(core.book(attendee(MON_9, 'team')))).toBe('SLOT_TAKEN');
    expect(await codeOf(core.book(attendee(MON_9 + 4 * HOUR, 'team')))).toBe('SLOT_UNAVAILABLE');
    const events = await store.transaction((tx) =>
      tx.listEvents(second.booking.workspaceId, second.booking.id),
    );
    expect(events[0]?.data).toMatchObject({ hostId: colleague.hostId });
  });

  it('collective books every member: the first as host, the others as co-hosts', async () => {
    const { core, host, colleague, attendee } = await teamWorld('collective');
    const { booking } = await core.book(attendee(MON_9, 'team'));
    expect(booking).toMatchObject({ hostId: host.hostId, coHostIds: [colleague.hostId] });
    const { tokens } = await core.book(attendee(MON_9 + HOUR, 'team'));
    expect(await core.publicBooking({ token: tokens.cancel, purpose: 'cancel' })).toMatchObject({
      hostName: 'Ana',
      coHostNames: ['Ben'],
    });
    expect(await core.viewToken({ token: tokens.cancel, purpose: 'cancel' })).toMatchObject({
      hostName: 'Ana',
      coHostNames: ['Ben'],
    });
    // Ben is now busy at 09:00 on every link.
    await core.createLink(colleague, {
      title: 'Ben alone',
      slug: 'ben',
      timeZone: 'UTC',
      weeklyHours: { monday: [{ start: '09:00', end: '10:00' }] },
    });
    expect(await slotStarts(core, 'ben', ...MONDAY)).toEqual([iso(MON_9 + 30 * MIN)]);
    expect(await codeOf(core.book(attendee(MON_9, 'team')))).toBe('SLOT_TAKEN');
  });
});

describe('rescheduling a team booking', () => {
  it('round-robin keeps the member it went to', async () => {
    const { core, colleague, attendee, link } = await teamWorld('round_robin');
    await core.book(attendee(MON_9, 'team')); // Ana
    const { booking, tokens } = await core.book(attendee(MON_9 + HOUR, 'team')); // Ben
    expect(booking.hostId).toBe(colleague.hostId);
    // Ben is busy at 11:00 on his own link; Ana is free then.
    await link({ slug: 'ben-solo' }, colleague);
    await core.book(attendee(MON_9 + 2 * HOUR, 'ben-solo'));
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: MON_9 + 2 * HOUR })),
    ).toBe('SLOT_TAKEN');
    const moved = await core.reschedule({ token: tokens.reschedule, start: MON_9 });
    expect(moved.booking).toMatchObject({ hostId: colleague.hostId, start: MON_9 });
    // The reschedule page offers Ben's times: all but 11:00 (his own link's booking).
    const view = await core.viewToken({
      token: tokens.reschedule,
      purpose: 'reschedule',
      from: MONDAY[0],
      to: MONDAY[1],
      timeZone: 'UTC',
    });
    expect(view.slots?.flatMap((d) => d.slots.map((s) => iso(s.start)))).toEqual(
      [0, 0.5, 1, 1.5, 2.5].map((h) => iso(MON_9 + h * HOUR)),
    );
  });

  it('collective needs every attendee free and keeps them', async () => {
    const { core, host, colleague, attendee, link } = await teamWorld('collective');
    const { tokens } = await core.book(attendee(MON_9, 'team'));
    await core.addTimeOff(colleague, { start: MON_9 + HOUR, end: MON_9 + 2 * HOUR });
    await link({ slug: 'ana-solo' }, host);
    await core.book(attendee(MON_9 + 2 * HOUR, 'ana-solo'));
    expect(await codeOf(core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR }))).toBe(
      'SLOT_TAKEN',
    );
    expect(
      await codeOf(core.reschedule({ token: tokens.reschedule, start: MON_9 + 2 * HOUR })),
    ).toBe('SLOT_TAKEN');
    const view = await core.viewToken({
      token: tokens.reschedule,
      purpose: 'reschedule',
      from: MONDAY[0],
      to: MONDAY[1],
      timeZone: 'UTC',
    });
    expect(view.slots?.flatMap((d) => d.slots.map((s) => iso(s.start)))).toEqual(
      [0, 0.5, 2.5].map((h) => iso(MON_9 + h * HOUR)),
    );
    const moved = await core.reschedule({ token: tokens.reschedule, start: MON_9 + 2.5 * HOUR });
    expect(moved.booking).toMatchObject({
      hostId: host.hostId,
      coHostIds: [colleague.hostId],
      start: MON_9 + 2.5 * HOUR,
    });
  });

  it('a member who left the team cannot be moved to a new time', async () => {
    const { core, host, attendee } = await teamWorld('round_robin');
    await core.book(attendee(MON_9, 'team')); // Ana
    const { tokens } = await core.book(attendee(MON_9, 'team')); // Ben
    const team = (await core.listLinks(host)).find((l) => l.slug === 'team');
    await core.updateLink(host, team?.id ?? '', { members: [{ hostId: host.hostId }] });
    expect(await codeOf(core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR }))).toBe(
      'SLOT_UNAVAILABLE',
    );
    const view = await core.viewToken({ token: tokens.reschedule, purpose: 'reschedule' });
    expect(view.slots).toEqual([]);
  });
});
