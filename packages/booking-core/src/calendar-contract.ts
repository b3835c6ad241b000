import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CalendarEventDetails,
  CalendarEventTarget,
  CalendarEvents,
} from './calendar-events.js';
import { BUSY_KINDS } from './domain.js';
import { FIXTURE_EPOCH } from './fixtures.js';
import type { CalendarBusySource, CalendarConnection } from './ports.js';

/**
 * What {@link describeCalendarContract} needs per test: a calendar adapter with nothing in it for
 * the workspaces `ws_contract` and `ws_other`, a way to put out-of-office time into a host's
 * calendar at the provider (Google: an event of type `outOfOffice`; Microsoft: `showAs: 'oof'`),
 * a way to make its provider fail (stop the emulator, answer 500s), and a way to dispose it.
 *
 * @example
 * ```ts
 * const factory: CalendarFactory = async () => {
 *   const calendar = createMemoryCalendar();
 *   return {
 *     events: calendar,
 *     busy: calendar,
 *     outOfOffice: (input) => calendar.addOutOfOffice(input),
 *     fail: () => calendar.setUnavailable(true),
 *     close: async () => {},
 *   };
 * };
 * ```
 */
export type CalendarFactory = () => Promise<{
  events: CalendarEvents;
  busy: CalendarBusySource;
  /** Puts out-of-office time over `[start, end)` into the connection's calendar at the provider. */
  outOfOffice(input: {
    workspaceId: string;
    connection: CalendarConnection;
    start: number;
    end: number;
  }): void | Promise<void>;
  /** From now on every call must fail as when the provider is down. */
  fail(): void | Promise<void>;
  close(): Promise<void>;
}>;

const HOUR = 3_600_000;
const T9 = FIXTURE_EPOCH + 9 * HOUR;
const WS = 'ws_contract';
const ANA: CalendarConnection = { hostId: 'host_ana', provider: 'google' };

const target = (key: string, connection = ANA, workspaceId = WS): CalendarEventTarget => ({
  workspaceId,
  connection,
  key,
});

const details = (
  uid: string,
  start: number,
  end: number,
  conferencing = false,
): CalendarEventDetails => ({
  title: 'Intro call with Ada Lovelace',
  description: 'Contract test event',
  start,
  end,
  timeZone: 'Europe/Berlin',
  icalUid: uid,
  sequence: 0,
  organizer: { email: 'ana@example.com', name: 'Ana' },
  attendees: [{ email: 'ada@example.com', name: 'Ada Lovelace' }],
  conferencing,
});

/**
 * The contract every calendar adapter (`CalendarEvents` + `CalendarBusySource`) must pass: busy
 * time is never "free" on error, busy intervals are valid (`start < end`, finite) and clipped to
 * the asked range, a `kind` (when given) is one of `BUSY_KINDS` and out-of-office time comes back
 * as `out_of_office`, the booking's own event is left out when rescheduling (by iCalendar UID),
 * events are scoped by workspace and connection, and create, update and delete are idempotent by
 * key (the same call twice leaves one event in the same state; deleting twice succeeds).
 *
 * @example
 * ```ts
 * import { createMemoryCalendar } from '@workestra/booking-core';
 * import { describeCalendarContract } from '@workestra/booking-core/testing';
 * describeCalendarContract('memory', async () => {
 *   const calendar = createMemoryCalendar();
 *   return {
 *     events: calendar,
 *     busy: calendar,
 *     outOfOffice: (input) => calendar.addOutOfOffice(input),
 *     fail: () => calendar.setUnavailable(true),
 *     close: async () => {},
 *   };
 * });
 * ```
 */
export function describeCalendarContract(name: string, factory: CalendarFactory): void {
  describe(`CalendarEvents/CalendarBusySource contract: ${name}`, () => {
    let events: CalendarEvents;
    let busySource: CalendarBusySource;
    let outOfOffice: Awaited<ReturnType<CalendarFactory>>['outOfOffice'];
    let fail: () => void | Promise<void>;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ events, busy: busySource, outOfOffice, fail, close } = await factory());
    });
    afterEach(async () => {
      await close();
    });

    type BusyExtra = {
      excludeIcalUid?: string;
      connection?: CalendarConnection;
      workspaceId?: string;
    };
    /** The intervals with their kinds (absent read as `busy`), each kind checked to be a known one. */
    const busyWithKinds = async (from: number, to: number, extra: BusyExtra = {}) => {
      const intervals = await busySource.busy({
        workspaceId: extra.workspaceId ?? WS,
        connection: extra.connection ?? ANA,
        from,
        to,
        ...(extra.excludeIcalUid === undefined ? {} : { excludeIcalUid: extra.excludeIcalUid }),
      });
      return intervals.map(({ start, end, kind }) => {
        if (kind !== undefined) expect(BUSY_KINDS).toContain(kind);
        return { start, end, kind: kind ?? 'busy' };
      });
    };
    /** The intervals as plain `{ start, end }`. */
    const busy = async (from: number, to: number, extra: BusyExtra = {}) =>
      (await busyWithKinds(from, to, extra)).map(({ start, end }) => ({ start, end }));

    it('reports an event as busy, with valid intervals clipped to the range', async () => {
      await events.createEvent({
        ...target('a@test'),
        event: details('a@test', T9, T9 + 2 * HOUR),
      });
      await events.createEvent({
        ...target('b@test'),
        event: details('b@test', T9 + 3 * HOUR, T9 + 5 * HOUR),
      });
      const from = T9 + HOUR;
      const to = T9 + 4 * HOUR;
      const intervals = await busy(from, to);
      for (const i of intervals) {
        expect(Number.isFinite(i.start) && Number.isFinite(i.end)).toBe(true);
        expect(i.start).toBeLessThan(i.end);
        expect(i.start).toBeGreaterThanOrEqual(from);
        expect(i.end).toBeLessThanOrEqual(to);
      }
      expect([...intervals].sort((x, y) => x.start - y.start)).toEqual([
        { start: T9 + HOUR, end: T9 + 2 * HOUR },
        { start: T9 + 3 * HOUR, end: T9 + 4 * HOUR },
      ]);
      expect(await busy(T9 + 6 * HOUR, T9 + 8 * HOUR)).toEqual([]);
    });

    it('reports out-of-office time with the kind out_of_office, apart from busy time', async () => {
      await events.createEvent({
        ...target('busy@test'),
        event: details('busy@test', T9, T9 + HOUR),
      });
      await outOfOffice({
        workspaceId: WS,
        connection: ANA,
        start: T9 + 2 * HOUR,
        end: T9 + 4 * HOUR,
      });
      const intervals = await busyWithKinds(T9, T9 + 3 * HOUR);
      expect([...intervals].sort((x, y) => x.start - y.start)).toEqual([
        { start: T9, end: T9 + HOUR, kind: 'busy' },
        { start: T9 + 2 * HOUR, end: T9 + 3 * HOUR, kind: 'out_of_office' },
      ]);
      // Another host's calendar does not see it.
      expect(
        await busy(T9, T9 + 4 * HOUR, { connection: { hostId: 'host_ben', provider: 'google' } }),
      ).toEqual([]);
    });

    it('leaves out the booking’s own event by iCalendar UID (a reschedule)', async () => {
      await events.createEvent({
        ...target('own@test'),
        event: details('own@test', T9, T9 + HOUR),
      });
      await events.createEvent({
        ...target('other@test'),
        event: details('other@test', T9 + HOUR, T9 + 2 * HOUR),
      });
      expect(await busy(T9, T9 + 2 * HOUR, { excludeIcalUid: 'own@test' })).toEqual([
        { start: T9 + HOUR, end: T9 + 2 * HOUR },
      ]);
      expect(await busy(T9, T9 + 2 * HOUR)).toHaveLength(2);
    });

    it('scopes events by workspace and by connection', async () => {
      await events.createEvent({
        ...target('scoped@test'),
        event: details('scoped@test', T9, T9 + HOUR),
      });
      expect(
        await busy(T9, T9 + HOUR, { connection: { hostId: 'host_ben', provider: 'google' } }),
      ).toEqual([]);
      expect(await busy(T9, T9 + HOUR, { workspaceId: 'ws_other' })).toEqual([]);
    });

    it('creates idempotently by key: one event, the same id, brought to the last details', async () => {
      const first = await events.createEvent({
        ...target('k@test'),
        event: details('k@test', T9, T9 + HOUR),
      });
      const again = await events.createEvent({
        ...target('k@test'),
        event: details('k@test', T9 + HOUR, T9 + 2 * HOUR),
      });
      expect(again.eventId).toBe(first.eventId);
      expect(typeof first.eventId).toBe('string');
      expect(first.meetingUrl).toBeNull();
      expect(await busy(T9, T9 + 3 * HOUR)).toEqual([{ start: T9 + HOUR, end: T9 + 2 * HOUR }]);
    });

    it('answers a meeting URL when conferencing is asked for', async () => {
      const created = await events.createEvent({
        ...target('meet@test'),
        event: details('meet@test', T9, T9 + HOUR, true),
      });
      expect(() => new URL(created.meetingUrl ?? '')).not.toThrow();
    });

    it('updates idempotently, and refuses an event that is gone with EVENT_NOT_FOUND', async () => {
      const { eventId } = await events.createEvent({
        ...target('u@test'),
        event: details('u@test', T9, T9 + HOUR),
      });
      const moved = details('u@test', T9 + 4 * HOUR, T9 + 5 * HOUR);
      const once = await events.updateEvent({ ...target('u@test'), eventId, event: moved });
      const twice = await events.updateEvent({ ...target('u@test'), eventId, event: moved });
      expect(once.eventId).toBe(eventId);
      expect(twice).toEqual(once);
      expect(await busy(T9, T9 + 6 * HOUR)).toEqual([{ start: T9 + 4 * HOUR, end: T9 + 5 * HOUR }]);

      await events.deleteEvent({ ...target('u@test'), eventId });
      await expect(
        events.updateEvent({ ...target('u@test'), eventId, event: moved }),
      ).rejects.toMatchObject({
        code: 'EVENT_NOT_FOUND',
      });
    });

    it('deletes idempotently, by id or by key', async () => {
      const { eventId } = await events.createEvent({
        ...target('d1@test'),
        event: details('d1@test', T9, T9 + HOUR),
      });
      await events.createEvent({
        ...target('d2@test'),
        event: details('d2@test', T9 + HOUR, T9 + 2 * HOUR),
      });
      await events.deleteEvent({ ...target('d1@test'), eventId });
      await events.deleteEvent({ ...target('d1@test'), eventId });
      await events.deleteEvent({ ...target('d2@test'), eventId: null });
      await events.deleteEvent({ ...target('never@test'), eventId: null });
      expect(await busy(T9, T9 + 2 * HOUR)).toEqual([]);
    });

    it('never reports free when the provider fails: busy and writes reject', async () => {
      await events.createEvent({ ...target('f@test'), event: details('f@test', T9, T9 + HOUR) });
      await fail();
      await expect(busy(T9, T9 + HOUR)).rejects.toThrow();
      await expect(
        events.createEvent({ ...target('g@test'), event: details('g@test', T9, T9 + HOUR) }),
      ).rejects.toThrow();
    });
  });
}
