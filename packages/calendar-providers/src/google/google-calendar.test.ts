import type { CalendarConnection, CalendarEventDetails } from '@workestra/booking-core';
import { describeCalendarContract } from '@workestra/booking-core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../emulators/google.js';
import type { ResilienceOptions } from '../resilience.js';
import { manualTime, seeded } from '../test-utils.js';
import type { CalendarSelection } from '../types.js';
import { createGoogleCalendar } from './calendar.js';

const accountOf = (workspaceId: string, c: CalendarConnection) =>
  `${c.hostId}.${workspaceId}@example.com`;

/** An adapter on the emulator; each (workspace, host) is its own Google account. */
function adapterOn(
  emulator: GoogleEmulator,
  resilience: ResilienceOptions,
  calendars?: CalendarSelection,
) {
  const tokens = new Map<string, string>();
  return createGoogleCalendar({
    rootUrl: emulator.rootUrl,
    resilience,
    ...(calendars ? { calendars: async () => calendars } : {}),
    accessToken: async ({ workspaceId, connection, refresh }) => {
      const account = accountOf(workspaceId, connection);
      if (refresh || !tokens.has(account)) tokens.set(account, emulator.issueToken(account));
      return tokens.get(account) as string;
    },
  });
}

describeCalendarContract('google (emulator, @googleapis/calendar)', async () => {
  const emulator = await startGoogleEmulator();
  const time = manualTime();
  const google = adapterOn(emulator, time.options);
  return {
    events: google,
    busy: google,
    fail: () => emulator.faults.setRandom(1, () => 0, [{ status: 503 }]),
    close: () => emulator.close(),
  };
});

const WS = 'ws_1';
const ANA: CalendarConnection = { hostId: 'ana', provider: 'google' };
const ANA_ACCOUNT = accountOf(WS, ANA);
const DAY = Date.parse('2026-11-02T00:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (h: number) => ({ dateTime: iso(DAY + h * HOUR) });

const details = (uid: string, start: number, conferencing = false): CalendarEventDetails => ({
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

describe('Google adapter', () => {
  let emulator: GoogleEmulator;
  let time: ReturnType<typeof manualTime>;
  beforeEach(async () => {
    emulator = await startGoogleEmulator({ pageSize: 2 });
    time = manualTime();
  });
  afterEach(async () => {
    await emulator.close();
  });
  const busyOf = (google: ReturnType<typeof adapterOn>, from = DAY, to = DAY + 24 * HOUR) =>
    google.busyDetails({ workspaceId: WS, connection: ANA, from, to });

  it('applies the busy rules per event state', async () => {
    const self = (responseStatus: string) => [{ email: ANA_ACCOUNT, self: true, responseStatus }];
    emulator.setTimeZone(ANA_ACCOUNT, 'Europe/Berlin');
    emulator.seed(ANA_ACCOUNT, {
      summary: 'declined',
      start: at(1),
      end: at(2),
      attendees: self('declined'),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'cancelled',
      status: 'cancelled',
      start: at(2),
      end: at(3),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'free',
      transparency: 'transparent',
      start: at(3),
      end: at(4),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'office',
      eventType: 'workingLocation',
      transparency: 'transparent',
      start: at(4),
      end: at(5),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'tentative',
      status: 'tentative',
      start: at(5),
      end: at(6),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'maybe',
      start: at(6),
      end: at(7),
      attendees: self('tentative'),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'unanswered',
      start: at(7),
      end: at(8),
      attendees: self('needsAction'),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'away',
      eventType: 'outOfOffice',
      start: at(8),
      end: at(10),
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'all-day free',
      transparency: 'transparent',
      start: { date: '2026-11-03' },
      end: { date: '2026-11-04' },
    });
    emulator.seed(ANA_ACCOUNT, {
      summary: 'all-day',
      start: { date: '2026-11-04' },
      end: { date: '2026-11-05' },
    });
    const google = adapterOn(emulator, time.options);
    const intervals = await busyOf(google, DAY, DAY + 4 * 24 * HOUR);
    expect(intervals).toEqual([
      { start: DAY + 5 * HOUR, end: DAY + 6 * HOUR, kind: 'busy' },
      { start: DAY + 6 * HOUR, end: DAY + 7 * HOUR, kind: 'busy' },
      { start: DAY + 7 * HOUR, end: DAY + 8 * HOUR, kind: 'busy' },
      { start: DAY + 8 * HOUR, end: DAY + 10 * HOUR, kind: 'out_of_office' },
      // An all-day event covers the day in the calendar's zone (Berlin is UTC+1 in November).
      {
        start: Date.parse('2026-11-03T23:00:00Z'),
        end: Date.parse('2026-11-04T23:00:00Z'),
        kind: 'busy',
      },
    ]);
    // `busy` (the booking-core port) answers the same intervals without the kind.
    expect(
      await google.busy({
        workspaceId: WS,
        connection: ANA,
        from: DAY + 8 * HOUR,
        to: DAY + 9 * HOUR,
      }),
    ).toEqual([{ start: DAY + 8 * HOUR, end: DAY + 9 * HOUR }]);
  });

  it('reads every page and every calendar to check, and writes into the chosen one', async () => {
    for (let h = 0; h < 5; h++) emulator.seed(ANA_ACCOUNT, { start: at(h), end: at(h + 0.5) });
    emulator.seed(ANA_ACCOUNT, { start: at(10), end: at(11) }, 'team');
    emulator.seed(ANA_ACCOUNT, { start: at(12), end: at(13) }, 'holidays');
    const google = adapterOn(emulator, time.options, { check: ['primary', 'team'], write: 'team' });
    expect((await busyOf(google)).map((i) => i.start)).toEqual(
      [0, 1, 2, 3, 4, 10].map((h) => DAY + h * HOUR),
    );
    await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'w@test',
      event: details('w@test', DAY + 14 * HOUR),
    });
    expect(emulator.events(ANA_ACCOUNT, 'team').map((e) => e.summary)).toContain('Intro call');
    expect(emulator.events(ANA_ACCOUNT).map((e) => e.summary)).not.toContain('Intro call');
  });

  it('creates the event with the attendee, the title, the description and a Meet link', async () => {
    const google = adapterOn(emulator, time.options);
    const created = await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      event: details('m@test', DAY + 9 * HOUR, true),
    });
    const [stored] = emulator.events(ANA_ACCOUNT);
    expect(stored).toMatchObject({
      id: created.eventId,
      summary: 'Intro call',
      description: 'Booked through Workestra',
      attendees: [{ email: 'ada@example.com', displayName: 'Ada Lovelace' }],
      hangoutLink: created.meetingUrl,
    });
    expect(created.meetingUrl).toMatch(/\/meet\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    // Asked again (a retry), the same meeting is kept.
    const again = await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      event: details('m@test', DAY + 9 * HOUR, true),
    });
    expect(again).toEqual(created);
    // Without conferencing the meeting goes away.
    const plain = await google.updateEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'm@test',
      eventId: created.eventId,
      event: details('m@test', DAY + 9 * HOUR),
    });
    expect(plain.meetingUrl).toBeNull();
  });

  it('retries a 429 after the Retry-After the provider asked for', async () => {
    emulator.faults.push({ status: 429, retryAfter: '7' });
    const google = adapterOn(emulator, time.options);
    expect(await busyOf(google)).toEqual([]);
    expect(time.sleeps).toEqual([7_000]);
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries 500s with growing jittered backoff, then gives up with CALENDAR_UNAVAILABLE, never free', async () => {
    emulator.faults.push({ status: 500 }, { status: 500 });
    const google = adapterOn(emulator, time.options);
    expect(await busyOf(google)).toEqual([]);
    expect(time.sleeps).toEqual([50, 100]); // random 0.5 × 100 ms × 2^n

    emulator.faults.setRandom(1, () => 0, [{ status: 500 }]);
    await expect(busyOf(google, DAY + HOUR)).rejects.toMatchObject({
      code: 'CALENDAR_UNAVAILABLE',
      status: 500,
    });
    expect(emulator.requests.filter((r) => r.status === 500)).toHaveLength(2 + 4);
  });

  it('gives up at once when Retry-After asks for longer than it may wait', async () => {
    emulator.faults.push({ status: 429, retryAfter: '3600' });
    const google = adapterOn(emulator, time.options);
    await expect(busyOf(google)).rejects.toMatchObject({
      code: 'CALENDAR_UNAVAILABLE',
      status: 429,
    });
    expect(time.sleeps).toEqual([]);
  });

  it('times a hanging call out and reports the calendar unavailable', async () => {
    const hang = emulator.faults.hangNext();
    const google = adapterOn(emulator, { ...time.options, maxAttempts: 1 });
    const reading = busyOf(google);
    await hang.arrived;
    time.fireTimeouts();
    await expect(reading).rejects.toMatchObject({ code: 'CALENDAR_UNAVAILABLE', status: null });
    hang.release();
  });

  it('asks for a fresh token once after a 401, then reports CALENDAR_AUTH_EXPIRED', async () => {
    const stale = emulator.issueToken(ANA_ACCOUNT);
    emulator.expireToken(stale);
    const asked: boolean[] = [];
    const refreshing = createGoogleCalendar({
      rootUrl: emulator.rootUrl,
      resilience: time.options,
      accessToken: async ({ refresh }) => {
        asked.push(refresh);
        return refresh ? emulator.issueToken(ANA_ACCOUNT) : stale;
      },
    });
    expect(
      await refreshing.busy({ workspaceId: WS, connection: ANA, from: DAY, to: DAY + HOUR }),
    ).toEqual([]);
    expect(asked).toEqual([false, true]);

    const revoked = createGoogleCalendar({
      rootUrl: emulator.rootUrl,
      resilience: time.options,
      accessToken: async () => stale,
    });
    await expect(
      revoked.busy({ workspaceId: WS, connection: ANA, from: DAY, to: DAY + HOUR }),
    ).rejects.toMatchObject({
      code: 'CALENDAR_AUTH_EXPIRED',
    });
  });

  it('serves busy time from a short per-connection cache, dropped on writes and when stale', async () => {
    const google = adapterOn(emulator, { ...time.options, busyCacheMs: 30_000 });
    const lists = () => emulator.requests.filter((r) => r.method === 'GET').length;
    await busyOf(google);
    await busyOf(google);
    expect(lists()).toBe(1);
    time.advance(30_000);
    await busyOf(google);
    expect(lists()).toBe(2);
    await google.createEvent({
      workspaceId: WS,
      connection: ANA,
      key: 'c@test',
      event: details('c@test', DAY + 9 * HOUR),
    });
    expect(await busyOf(google)).toEqual([
      { start: DAY + 9 * HOUR, end: DAY + 10 * HOUR, kind: 'busy' },
    ]);
    expect(lists()).toBe(3);
    // Another connection has its own entries; a provider failure is never cached as free.
    emulator.faults.setRandom(1, () => 0, [{ status: 503 }]);
    const ben: CalendarConnection = { hostId: 'ben', provider: 'google' };
    await expect(
      google.busy({ workspaceId: WS, connection: ben, from: DAY, to: DAY + HOUR }),
    ).rejects.toThrow();
  });

  it('with 30% of calls failing (some after the change), creates every event exactly once', async () => {
    const random = seeded(12);
    emulator.faults.setRandom(0.3, random, [
      { status: 500 },
      { status: 503, afterApply: true },
      { status: 429, retryAfter: '1' },
    ]);
    const google = adapterOn(emulator, time.options);
    const keys = Array.from({ length: 40 }, (_, i) => `b_${i}@test`);
    let attempts = 0;
    for (const key of keys) {
      // What the job runner does: call again until the follow-up succeeds.
      for (;;) {
        attempts++;
        try {
          await google.createEvent({
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
    const stored = emulator.events(ANA_ACCOUNT);
    expect(stored).toHaveLength(keys.length);
    expect(new Set(stored.map((e) => e.extendedProperties?.private?.workestraKey))).toEqual(
      new Set(keys),
    );
    expect(stored.every((e) => typeof e.hangoutLink === 'string')).toBe(true);
    // The failures did happen: answers were lost after the change, and retries were needed.
    expect(emulator.requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    expect(emulator.requests.filter((r) => r.status === 409).length).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThanOrEqual(keys.length);
  });
});
