import type {
  CalendarConnection,
  CalendarEventDetails,
  ConnectedCalendarProvider,
} from '@workestra/booking-core';
import { describeCalendarContract } from '@workestra/booking-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from './emulators/base.js';
import type { ResilienceOptions } from './resilience.js';
import { manualTime, seeded } from './test-utils.js';
import type { AccessTokenSource, CalendarAdapter, CalendarSelection } from './types.js';

/** One provider, as the shared suites drive it. */
export interface ProviderHarness<E extends Emulator> {
  readonly provider: ConnectedCalendarProvider;
  start(options?: { pageSize?: number }): Promise<E>;
  adapter(
    emulator: E,
    options: {
      resilience: ResilienceOptions;
      accessToken: AccessTokenSource;
      calendars?: CalendarSelection;
    },
  ): CalendarAdapter;
  /** Adds a plain busy event to a calendar of the account. */
  seedBusy(emulator: E, account: string, start: number, end: number, calendarId: string): void;
  /** Adds out-of-office time to the account's primary calendar, as the provider marks it. */
  seedOutOfOffice(emulator: E, account: string, start: number, end: number): void;
  /** The titles of the events in a calendar of the account. */
  storedTitles(emulator: E, account: string, calendarId: string): string[];
  /** The keys of the events in an account's default calendar, one per event. */
  storedKeys(emulator: E, account: string): string[];
  /** Whether each stored event of the account has an online meeting. */
  storedMeetings(emulator: E, account: string): boolean[];
}

/** Each (workspace, host) is its own account at the provider. */
export const accountOf = (workspaceId: string, c: CalendarConnection) =>
  `${c.hostId}.${workspaceId}@example.com`;

/** A token source that keeps one token per account, a new one when asked to refresh. */
export function tokensOf(emulator: Emulator): AccessTokenSource {
  const tokens = new Map<string, string>();
  return async ({ workspaceId, connection, refresh }) => {
    const account = accountOf(workspaceId, connection);
    if (refresh || !tokens.has(account)) tokens.set(account, emulator.issueToken(account));
    return tokens.get(account) as string;
  };
}

export const DAY = Date.parse('2026-11-02T00:00:00Z');
export const HOUR = 3_600_000;

export const details = (
  uid: string,
  start: number,
  conferencing = false,
): CalendarEventDetails => ({
  title: 'Intro call',
  description: 'Booked through Workestra',
  start,
  end: start + HOUR,
  timeZone: 'Europe/Berlin',
  icalUid: uid,
  sequence: 0,
  organizer: { email: 'ana@example.com', name: 'Ana' },
  attendees: [{ email: 'ada@example.com', name: 'Ada Lovelace' }],
  conferencing,
});

/**
 * booking-core's calendar contract, and the failure modes every adapter must handle the same
 * way, run against a provider's emulator through its real client library.
 */
export function describeProviderSuites<E extends Emulator>(
  name: string,
  harness: ProviderHarness<E>,
): void {
  describeCalendarContract(`${name} (emulator)`, async () => {
    const emulator = await harness.start();
    const adapter = harness.adapter(emulator, {
      resilience: manualTime().options,
      accessToken: tokensOf(emulator),
    });
    return {
      events: adapter,
      busy: adapter,
      outOfOffice: ({ workspaceId, connection, start, end }) =>
        harness.seedOutOfOffice(emulator, accountOf(workspaceId, connection), start, end),
      fail: () => emulator.faults.setRandom(1, () => 0, [{ status: 503 }]),
      close: () => emulator.close(),
    };
  });

  describe(`${name}: failures`, () => {
    const WS = 'ws_1';
    const ANA: CalendarConnection = { hostId: 'ana', provider: harness.provider };
    const ANA_ACCOUNT = accountOf(WS, ANA);
    let emulator: E;
    let time: ReturnType<typeof manualTime>;
    beforeEach(async () => {
      emulator = await harness.start();
      time = manualTime();
    });
    afterEach(async () => {
      await emulator.close();
    });
    const make = (resilience: ResilienceOptions = time.options, accessToken = tokensOf(emulator)) =>
      harness.adapter(emulator, { resilience, accessToken });
    const busyOf = (adapter: CalendarAdapter, from = DAY, to = DAY + 24 * HOUR) =>
      adapter.busyDetails({ workspaceId: WS, connection: ANA, from, to });

    it('reads every page and every calendar to check, and writes into the chosen one', async () => {
      const paged = await harness.start({ pageSize: 2 });
      try {
        for (let h = 0; h < 5; h++)
          harness.seedBusy(
            paged,
            ANA_ACCOUNT,
            DAY + h * HOUR,
            DAY + h * HOUR + HOUR / 2,
            'primary',
          );
        harness.seedBusy(paged, ANA_ACCOUNT, DAY + 10 * HOUR, DAY + 11 * HOUR, 'team');
        harness.seedBusy(paged, ANA_ACCOUNT, DAY + 12 * HOUR, DAY + 13 * HOUR, 'holidays');
        const adapter = harness.adapter(paged, {
          resilience: time.options,
          accessToken: tokensOf(paged),
          calendars: { check: ['primary', 'team'], write: 'team' },
        });
        expect((await busyOf(adapter)).map((i) => i.start)).toEqual(
          [0, 1, 2, 3, 4, 10].map((h) => DAY + h * HOUR),
        );
        await adapter.createEvent({
          workspaceId: WS,
          connection: ANA,
          key: 'w@test',
          event: details('w@test', DAY + 14 * HOUR),
        });
        expect(harness.storedTitles(paged, ANA_ACCOUNT, 'team')).toContain('Intro call');
        expect(harness.storedTitles(paged, ANA_ACCOUNT, 'primary')).not.toContain('Intro call');
      } finally {
        await paged.close();
      }
    });

    it('fails the whole read with CALENDAR_REJECTED when a calendar to check is unknown', async () => {
      const adapter = harness.adapter(emulator, {
        resilience: time.options,
        accessToken: tokensOf(emulator),
        calendars: { check: ['primary', 'gone'], write: 'primary' },
      });
      await expect(busyOf(adapter)).rejects.toMatchObject({
        code: 'CALENDAR_REJECTED',
        status: 404,
      });
      expect(time.sleeps).toEqual([]); // a 404 is not retried
    });

    it('retries a 429 after the Retry-After the provider asked for', async () => {
      emulator.faults.push({ status: 429, retryAfter: '7' });
      expect(await busyOf(make())).toEqual([]);
      expect(time.sleeps).toEqual([7_000]);
      expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
    });

    it('retries 5xx with growing jittered backoff, then gives up with CALENDAR_UNAVAILABLE, never free', async () => {
      emulator.faults.push({ status: 500 }, { status: 502 });
      const adapter = make();
      expect(await busyOf(adapter)).toEqual([]);
      expect(time.sleeps).toEqual([50, 100]); // random 0.5 × 100 ms × 2^n

      emulator.faults.setRandom(1, () => 0, [{ status: 500 }]);
      await expect(busyOf(adapter, DAY + HOUR)).rejects.toMatchObject({
        code: 'CALENDAR_UNAVAILABLE',
        status: 500,
      });
      expect(emulator.requests.filter((r) => r.status >= 500)).toHaveLength(2 + 4);
    });

    it('gives up at once when Retry-After asks for longer than it may wait', async () => {
      emulator.faults.push({ status: 429, retryAfter: '3600' });
      await expect(busyOf(make())).rejects.toMatchObject({
        code: 'CALENDAR_UNAVAILABLE',
        status: 429,
      });
      expect(time.sleeps).toEqual([]);
    });

    it('times a hanging call out and reports the calendar unavailable', async () => {
      const hang = emulator.faults.hangNext();
      const reading = busyOf(make({ ...time.options, maxAttempts: 1 }));
      await hang.arrived;
      time.fireTimeouts();
      await expect(reading).rejects.toMatchObject({ code: 'CALENDAR_UNAVAILABLE', status: null });
      hang.release();
    });

    it('asks for a fresh token once after a 401, then reports CALENDAR_AUTH_EXPIRED', async () => {
      const stale = emulator.issueToken(ANA_ACCOUNT);
      emulator.expireToken(stale);
      const asked: boolean[] = [];
      const refreshing = make(time.options, async ({ refresh }) => {
        asked.push(refresh);
        return refresh ? emulator.issueToken(ANA_ACCOUNT) : stale;
      });
      expect(await busyOf(refreshing)).toEqual([]);
      expect(asked).toEqual([false, true]);
      await expect(
        busyOf(
          make(time.options, async () => stale),
          DAY + HOUR,
        ),
      ).rejects.toMatchObject({
        code: 'CALENDAR_AUTH_EXPIRED',
      });
    });

    it('serves busy time from a short per-connection cache, dropped on writes and when stale', async () => {
      const adapter = make({ ...time.options, busyCacheMs: 30_000 });
      const reads = () =>
        emulator.requests.filter(
          (r) =>
            r.path.endsWith('/calendarView') || (r.method === 'GET' && r.path.endsWith('/events')),
        ).length;
      await busyOf(adapter);
      await busyOf(adapter);
      expect(reads()).toBe(1);
      time.advance(30_000);
      await busyOf(adapter);
      expect(reads()).toBe(2);
      await adapter.createEvent({
        workspaceId: WS,
        connection: ANA,
        key: 'c@test',
        event: details('c@test', DAY + 9 * HOUR),
      });
      const afterWrite = reads();
      expect(await busyOf(adapter)).toEqual([
        { start: DAY + 9 * HOUR, end: DAY + 10 * HOUR, kind: 'busy' },
      ]);
      expect(reads()).toBe(afterWrite + 1);
      // A provider failure is never cached as free.
      emulator.faults.setRandom(1, () => 0, [{ status: 503 }]);
      const ben: CalendarConnection = { hostId: 'ben', provider: harness.provider };
      await expect(
        adapter.busy({ workspaceId: WS, connection: ben, from: DAY, to: DAY + HOUR }),
      ).rejects.toThrow();
    });

    it('with 30% of calls failing (some after the change), creates every event exactly once', async () => {
      emulator.faults.setRandom(0.3, seeded(12), [
        { status: 500 },
        { status: 503, afterApply: true },
        { status: 429, retryAfter: '1' },
      ]);
      const adapter = make();
      const keys = Array.from({ length: 40 }, (_, i) => `b_${i}@test`);
      for (const key of keys) {
        // What the job runner does: call again until the follow-up succeeds.
        for (;;) {
          try {
            await adapter.createEvent({
              workspaceId: WS,
              connection: ANA,
              key,
              event: details(key, DAY + HOUR, true),
            });
            break;
          } catch (error) {
            expect(error).toMatchObject({ code: 'CALENDAR_UNAVAILABLE' });
          }
        }
      }
      const stored = harness.storedKeys(emulator, ANA_ACCOUNT);
      expect([...stored].sort()).toEqual([...keys].sort());
      expect(harness.storedMeetings(emulator, ANA_ACCOUNT).every(Boolean)).toBe(true);
      // The failures did happen, some after the change was made.
      expect(emulator.requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    });
  });
}
