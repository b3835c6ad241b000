import { describe, expect, it } from 'vitest';
import { isBookingError } from './errors.js';
import type { CalendarBusySource } from './ports.js';
import { codeOf, DAY, HOUR, MIN, MON_9, slotStarts, world } from './test-utils.js';

const DAY_OF_SLOTS = [
  '2026-11-02T09:00:00.000Z',
  '2026-11-02T09:30:00.000Z',
  '2026-11-02T10:00:00.000Z',
  '2026-11-02T10:30:00.000Z',
  '2026-11-02T11:00:00.000Z',
  '2026-11-02T11:30:00.000Z',
];

/** The `details` paths of a `VALIDATION_FAILED` refusal. */
async function pathsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (isBookingError(error, 'VALIDATION_FAILED')) {
      return (error.details as readonly { path: string }[]).map((d) => d.path);
    }
    throw error;
  }
  return [];
}

describe('time off', () => {
  it('adds, lists by overlap and removes a host’s ranges', async () => {
    const { core, host } = await world();
    const off = await core.addTimeOff(host, {
      start: '2026-12-24T00:00:00Z',
      end: '2026-12-27T00:00:00Z',
      note: 'Holidays',
    });
    expect(off).toEqual({
      id: expect.any(String),
      workspaceId: host.workspaceId,
      hostId: host.hostId,
      start: Date.parse('2026-12-24T00:00:00Z'),
      end: Date.parse('2026-12-27T00:00:00Z'),
      note: 'Holidays',
    });
    const noNote = await core.addTimeOff(host, { start: MON_9, end: MON_9 + HOUR, note: '' });
    expect(noNote.note).toBeNull();
    expect(
      await core.listTimeOff(host, { from: '2026-11-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
    ).toEqual([noNote, off]);
    expect(
      await core.listTimeOff(host, { from: '2026-12-27T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
    ).toEqual([]);
    await core.removeTimeOff(host, off.id);
    expect(
      await core.listTimeOff(host, { from: '2026-11-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }),
    ).toEqual([noNote]);
    await expect(codeOf(core.removeTimeOff(host, off.id))).resolves.toBe('NOT_FOUND');
  });

  it('keeps each host to its own ranges', async () => {
    const { core, host, colleague, stranger } = await world();
    const off = await core.addTimeOff(host, { start: MON_9, end: MON_9 + HOUR });
    const all = { from: MON_9 - DAY, to: MON_9 + DAY };
    expect(await core.listTimeOff(colleague, all)).toEqual([]);
    expect(await core.listTimeOff(stranger, all)).toEqual([]);
    await expect(codeOf(core.removeTimeOff(colleague, off.id))).resolves.toBe('NOT_FOUND');
    await expect(codeOf(core.removeTimeOff(stranger, off.id))).resolves.toBe('NOT_FOUND');
    await expect(
      codeOf(
        core.removeTimeOff({ workspaceId: stranger.workspaceId, hostId: host.hostId }, off.id),
      ),
    ).resolves.toBe('NOT_FOUND');
    expect(await core.listTimeOff(host, all)).toEqual([off]);
  });

  it('refuses malformed ranges with typed errors', async () => {
    const { core, host } = await world();
    expect(await pathsOf(core.addTimeOff(host, { start: MON_9, end: MON_9 }))).toEqual(['end']);
    expect(await pathsOf(core.addTimeOff(host, { start: MON_9, end: MON_9 - MIN }))).toEqual([
      'end',
    ]);
    expect(await pathsOf(core.addTimeOff(host, { start: MON_9, end: MON_9 + 367 * DAY }))).toEqual([
      'end',
    ]);
    expect(await pathsOf(core.addTimeOff(host, { start: 'soon', end: MON_9 }))).toEqual(['start']);
    expect(
      await pathsOf(core.addTimeOff(host, { start: MON_9, end: MON_9 + HOUR, note: 'a\u0000b' })),
    ).toEqual(['note']);
    expect(
      await pathsOf(
        core.addTimeOff(host, { start: MON_9, end: MON_9 + HOUR, note: 'x'.repeat(501) }),
      ),
    ).toEqual(['note']);
    expect(await pathsOf(core.listTimeOff(host, { from: MON_9, to: MON_9 }))).toEqual(['to']);
    expect(await pathsOf(core.listTimeOff(host, { from: MON_9, to: MON_9 + 732 * DAY }))).toEqual([
      'to',
    ]);
    // 366 days exactly is allowed.
    await expect(core.addTimeOff(host, { start: MON_9, end: MON_9 + 366 * DAY })).resolves.toEqual(
      expect.objectContaining({ end: MON_9 + 366 * DAY }),
    );
  });

  it('refuses a host that does not exist', async () => {
    const { core } = await world();
    await expect(
      codeOf(
        core.addTimeOff(
          { workspaceId: 'ws_a', hostId: 'nobody' },
          { start: MON_9, end: MON_9 + HOUR },
        ),
      ),
    ).resolves.toBe('NOT_FOUND');
  });

  it('takes its slots off every link of the host, and gives them back when removed', async () => {
    const { core, host, colleague, link } = await world();
    const mine = await link();
    const second = await link({ title: 'Second call' });
    const theirs = await link({ title: 'Their call' }, colleague);
    const from = '2026-11-02T00:00:00Z';
    const to = '2026-11-03T00:00:00Z';
    const off = await core.addTimeOff(host, { start: MON_9 + 30 * MIN, end: MON_9 + 90 * MIN });
    const left = [DAY_OF_SLOTS[0], ...DAY_OF_SLOTS.slice(3)];
    expect(await slotStarts(core, mine.slug, from, to)).toEqual(left);
    expect(await slotStarts(core, second.slug, from, to)).toEqual(left);
    expect(await slotStarts(core, theirs.slug, from, to)).toEqual(DAY_OF_SLOTS);
    await core.removeTimeOff(host, off.id);
    expect(await slotStarts(core, mine.slug, from, to)).toEqual(DAY_OF_SLOTS);
  });

  it('refuses a booking or a reschedule into time off with SLOT_TAKEN', async () => {
    const { core, host, link, attendee } = await world();
    await link();
    const { booking, tokens } = await core.book(attendee(MON_9));
    await core.addTimeOff(host, { start: MON_9 + HOUR, end: MON_9 + 2 * HOUR });
    await expect(codeOf(core.book(attendee(MON_9 + HOUR)))).resolves.toBe('SLOT_TAKEN');
    await expect(codeOf(core.book(attendee(MON_9 + 90 * MIN)))).resolves.toBe('SLOT_TAKEN');
    await expect(
      codeOf(core.reschedule({ token: tokens.reschedule, start: MON_9 + HOUR })),
    ).resolves.toBe('SLOT_TAKEN');
    // Outside the range both still work; the booking made before the range is kept.
    await expect(core.book(attendee(MON_9 + 2 * HOUR))).resolves.toBeDefined();
    const moved = await core.reschedule({ token: tokens.reschedule, start: MON_9 + 30 * MIN });
    expect(moved.booking.id).toBe(booking.id);
  });

  it('leaves the reschedule page’s slots out of time off', async () => {
    const { core, host, link, attendee } = await world();
    await link();
    const { tokens } = await core.book(attendee(MON_9));
    await core.addTimeOff(host, { start: MON_9 + HOUR, end: MON_9 + 3 * HOUR });
    const view = await core.viewToken({
      token: tokens.reschedule,
      purpose: 'reschedule',
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-03T00:00:00Z',
      timeZone: 'UTC',
    });
    const starts = (view.slots ?? []).flatMap((d) =>
      d.slots.map((s) => new Date(s.start).toISOString()),
    );
    expect(starts).toEqual(DAY_OF_SLOTS.slice(0, 2));
  });

  it('is read inside the host lock: a range added while a booking reads the calendar refuses it', async () => {
    // The booking's calendar read (before the lock) waits on a gate; the range is added meanwhile.
    let reached!: () => void;
    const calendarReached = new Promise<void>((resolve) => (reached = resolve));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const calendar: CalendarBusySource = {
      async busy() {
        reached();
        await gate;
        return [];
      },
    };
    const { core, host, link, attendee } = await world({ calendar });
    await link({ calendarProvider: 'google' });
    const booking = codeOf(core.book(attendee(MON_9)));
    await calendarReached;
    await core.addTimeOff(host, { start: MON_9, end: MON_9 + HOUR });
    open();
    await expect(booking).resolves.toBe('SLOT_TAKEN');
  });
});
