import { describe, expect, it } from 'vitest';
import type { ConnectedCalendarProvider } from './domain.js';
import { isBookingError } from './errors.js';
import { createMemoryCalendar } from './memory-calendar.js';
import { readMembersBusy, type TeamMember } from './members-busy.js';
import type { CalendarBusyInterval, CalendarBusySource } from './ports.js';
import { HOUR, MON_9 } from './test-utils.js';

const WS = 'ws_1';
const FROM = MON_9;
const TO = MON_9 + 8 * HOUR;

/** A read the test answers by hand: which host asked, and how to settle it. */
interface PendingRead {
  readonly hostId: string;
  readonly provider: ConnectedCalendarProvider;
  resolve(intervals: unknown): void;
  reject(error: unknown): void;
}

/**
 * A busy source whose reads stay open until the test settles them, counting how many are in
 * flight at once: concurrency is shown by counting, never by timing.
 */
function deferredSource() {
  const pending: PendingRead[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let waiter: { count: number; wake: () => void } | null = null;
  const source: CalendarBusySource = {
    busy: ({ connection }) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<CalendarBusyInterval[]>((resolve, reject) => {
        const done = () => (inFlight -= 1);
        pending.push({
          hostId: connection.hostId,
          provider: connection.provider,
          resolve: (v) => {
            done();
            resolve(v as CalendarBusyInterval[]);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
        if (waiter !== null && pending.length >= waiter.count) waiter.wake();
      });
    },
  };
  return {
    source,
    pending,
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    /** Resolves once `count` reads have been asked for in total. */
    asked: (count: number) =>
      pending.length >= count
        ? Promise.resolve()
        : new Promise<void>((wake) => (waiter = { count, wake })),
    /** The open read of `hostId`. */
    readOf: (hostId: string): PendingRead => {
      const read = pending.find((p) => p.hostId === hostId);
      if (read === undefined) throw new Error(`no read for ${hostId}`);
      return read;
    },
  };
}

const members = (count: number): TeamMember[] =>
  Array.from({ length: count }, (_, i) => ({
    hostId: `host_${i}`,
    provider: i % 2 === 0 ? 'google' : 'microsoft',
  }));

/** Lets every settled promise's continuations run (a macrotask turn, not a wait for time). */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('readMembersBusy', () => {
  it('keeps at most `concurrency` reads in flight and answers in the members’ order', async () => {
    const s = deferredSource();
    const team = members(7);
    const reading = readMembersBusy(s.source, {
      workspaceId: WS,
      members: team,
      from: FROM,
      to: TO,
      concurrency: 3,
    });
    await s.asked(3);
    await settle();
    expect(s.pending).toHaveLength(3); // no fourth read before one finishes
    // Finish in reverse order of asking; each finished read lets exactly one more start.
    s.readOf('host_2').resolve([{ start: FROM, end: FROM + HOUR }]);
    await s.asked(4);
    s.readOf('host_1').resolve([]);
    s.readOf('host_0').resolve([{ start: FROM + HOUR, end: FROM + 2 * HOUR, kind: 'busy' }]);
    await s.asked(6);
    for (const id of ['host_5', 'host_4', 'host_3']) s.readOf(id).resolve([]);
    await s.asked(7);
    s.readOf('host_6').resolve([]);
    const answers = await reading;
    expect(s.maxInFlight()).toBe(3);
    expect(s.inFlight()).toBe(0);
    expect(answers.map((a) => a.hostId)).toEqual(team.map((m) => m.hostId));
    expect(s.pending.map((p) => [p.hostId, p.provider])).toEqual(
      team.map((m) => [m.hostId, m.provider]),
    );
    expect(answers[0]).toEqual({
      hostId: 'host_0',
      ok: true,
      busy: [{ start: FROM + HOUR, end: FROM + 2 * HOUR, kind: 'busy' }],
      outOfOffice: false,
    });
    expect(answers[2]).toMatchObject({ ok: true, busy: [{ start: FROM, end: FROM + HOUR }] });
  });

  it('reads four members at once by default', async () => {
    const s = deferredSource();
    const reading = readMembersBusy(s.source, {
      workspaceId: WS,
      members: members(6),
      from: FROM,
      to: TO,
    });
    await s.asked(4);
    await settle();
    expect(s.pending).toHaveLength(4);
    for (let i = 0; i < 6; i++) {
      await s.asked(i + 1);
      s.readOf(`host_${i}`).resolve([]);
    }
    expect(await reading).toHaveLength(6);
    expect(s.maxInFlight()).toBe(4);
  });

  it('answers one failed or malformed member as not ok, and the others as read', async () => {
    const s = deferredSource();
    const outage = new Error('provider down');
    const reading = readMembersBusy(s.source, {
      workspaceId: WS,
      members: members(5),
      from: FROM,
      to: TO,
    });
    await s.asked(4);
    s.readOf('host_0').reject(outage);
    s.readOf('host_1').resolve([{ start: FROM + HOUR, end: FROM }]); // end before start
    s.readOf('host_2').resolve([{ start: FROM, end: FROM + HOUR, kind: 'tentative' }]);
    s.readOf('host_3').resolve([{ start: FROM, end: FROM + HOUR }]);
    await s.asked(5);
    s.readOf('host_4').resolve({ start: FROM, end: FROM + HOUR }); // not a list
    const answers = await reading;
    expect(answers.map((a) => a.ok)).toEqual([false, false, false, true, false]);
    for (const answer of answers) {
      if (answer.ok) continue;
      expect(isBookingError(answer.error, 'CALENDAR_UNAVAILABLE')).toBe(true);
    }
    const first = answers[0];
    expect(first?.ok === false && first.error.cause).toBe(outage);
    expect(answers[3]).toEqual({
      hostId: 'host_3',
      ok: true,
      busy: [{ start: FROM, end: FROM + HOUR }],
      outOfOffice: false,
    });
  });

  it('answers a member without a calendar as free of calendar busy time, without a call', async () => {
    const s = deferredSource();
    const answers = await readMembersBusy(s.source, {
      workspaceId: WS,
      members: [
        { hostId: 'host_a', provider: 'none' },
        { hostId: 'host_b', provider: 'none' },
      ],
      from: FROM,
      to: TO,
    });
    expect(s.pending).toEqual([]);
    expect(answers).toEqual([
      { hostId: 'host_a', ok: true, busy: [], outOfOffice: false },
      { hostId: 'host_b', ok: true, busy: [], outOfOffice: false },
    ]);
    expect(
      await readMembersBusy(s.source, { workspaceId: WS, members: [], from: FROM, to: TO }),
    ).toEqual([]);
  });

  it('flags a member out of office when an out_of_office interval overlaps the range', async () => {
    const calendar = createMemoryCalendar();
    const ana = { hostId: 'host_ana', provider: 'google' } as const;
    const ben = { hostId: 'host_ben', provider: 'microsoft' } as const;
    const cy = { hostId: 'host_cy', provider: 'google' } as const;
    calendar.addOutOfOffice({
      workspaceId: WS,
      connection: ana,
      start: FROM - HOUR,
      end: FROM + HOUR,
    });
    // Ben is away only after the range: not out of office within it.
    calendar.addOutOfOffice({ workspaceId: WS, connection: ben, start: TO, end: TO + 24 * HOUR });
    await calendar.createEvent({
      workspaceId: WS,
      connection: ben,
      key: 'k1',
      event: {
        title: 'Sync',
        description: '',
        start: FROM + 2 * HOUR,
        end: FROM + 3 * HOUR,
        timeZone: 'UTC',
        icalUid: 'k1@test',
        sequence: 0,
        organizer: { email: 'ben@example.com', name: 'Ben' },
        attendees: [],
        conferencing: false,
      },
    });
    const answers = await readMembersBusy(calendar, {
      workspaceId: WS,
      members: [ana, ben, cy],
      from: FROM,
      to: TO,
    });
    expect(answers).toEqual([
      {
        hostId: 'host_ana',
        ok: true,
        busy: [{ start: FROM, end: FROM + HOUR, kind: 'out_of_office' }],
        outOfOffice: true,
      },
      {
        hostId: 'host_ben',
        ok: true,
        busy: [{ start: FROM + 2 * HOUR, end: FROM + 3 * HOUR }],
        outOfOffice: false,
      },
      { hostId: 'host_cy', ok: true, busy: [], outOfOffice: false },
    ]);
    calendar.setUnavailable(true);
    const down = await readMembersBusy(calendar, {
      workspaceId: WS,
      members: [ana, { hostId: 'host_dee', provider: 'none' }],
      from: FROM,
      to: TO,
    });
    expect(down.map((a) => a.ok)).toEqual([false, true]);
  });

  it('refuses a concurrency below 1 or not whole, and a range that ends before it starts', async () => {
    const s = deferredSource();
    for (const concurrency of [0, -1, 1.5, Number.NaN])
      await expect(
        readMembersBusy(s.source, {
          workspaceId: WS,
          members: members(2),
          from: FROM,
          to: TO,
          concurrency,
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      readMembersBusy(s.source, { workspaceId: WS, members: members(2), from: TO, to: FROM }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(s.pending).toEqual([]);
  });

  it('passes excludeIcalUid on to the source (the meeting being moved is not busy)', async () => {
    const asked: (string | undefined)[] = [];
    const source: CalendarBusySource = {
      busy: async (input) => {
        asked.push(input.excludeIcalUid);
        return [];
      },
    };
    const members = [{ hostId: 'host_a', provider: 'google' as const }];
    await readMembersBusy(source, { workspaceId: WS, members, from: FROM, to: TO });
    await readMembersBusy(source, {
      workspaceId: WS,
      members,
      from: FROM,
      to: TO,
      excludeIcalUid: 'b_1@workestra.app',
    });
    expect(asked).toEqual([undefined, 'b_1@workestra.app']);
  });
});
