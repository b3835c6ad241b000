// The proof: with 30% of provider requests failing at random (429, 5xx, and answers lost
// after the change was made), every booking is confirmed and every event is eventually created
// exactly once, with its meeting link. The failures come from a seeded generator; job retries wait
// on the server's injected clock, which the drain loop moves, so nothing sleeps on the job side.
import { randomBytes } from 'node:crypto';
import type { Emulator, EmulatorFault } from '@workestra/calendar-providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostBookingResponseSchema } from './api-schemas.js';
import { connectCalendar, startWithBoth } from './test-support/calendar-consent.js';
import { Client, signUpHost } from './test-support/client.js';
import { DIALECTS, type TestServer } from './test-support/server.js';

const SECRET_KEY = randomBytes(32).toString('base64');
const BOOKINGS = 20;
const FAULTS: readonly EmulatorFault[] = [
  { status: 429 },
  { status: 500 },
  { status: 503 },
  { status: 500, afterApply: true }, // the change is made, the answer is lost
];

/** A seeded pseudo-random sequence in [0, 1) (a 32-bit linear congruential generator). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The 20 slot starts booked: Wednesday and Thursday, 09:00 to 13:30 UTC every half hour. */
const STARTS = Array.from({ length: BOOKINGS }, (_, i) => {
  const day = i < 10 ? '2026-11-04' : '2026-11-05';
  return new Date(Date.parse(`${day}T09:00:00Z`) + (i % 10) * 1_800_000).toISOString();
});

interface Made {
  readonly id: string;
  readonly key: string;
  readonly meetingUrl: string | null;
}

type Started = Awaited<ReturnType<typeof startWithBoth>>;

/** Per provider: its emulator, and the events it holds for an account (deleted ones left out). */
const CASES: readonly {
  provider: 'google' | 'microsoft';
  emulatorOf: (s: Started) => Emulator;
  made: (s: Started, account: string) => Made[];
}[] = [
  {
    provider: 'google',
    emulatorOf: (s) => s.google,
    made: (s, account) =>
      s.google
        .events(account)
        .filter((ev) => ev.status !== 'cancelled')
        .map((ev) => ({
          id: ev.id ?? '',
          key: ev.extendedProperties?.private?.workestraKey ?? '',
          meetingUrl: ev.hangoutLink ?? null,
        })),
  },
  {
    provider: 'microsoft',
    emulatorOf: (s) => s.graph,
    made: (s, account) =>
      s.graph.events(account).map((ev) => ({
        id: ev.id ?? '',
        key:
          ev.singleValueExtendedProperties?.find((p) => p.id.endsWith('workestraKey'))?.value ?? '',
        meetingUrl: ev.onlineMeeting?.joinUrl ?? null,
      })),
  },
];

describe.each(CASES.flatMap((c) => DIALECTS.map((dialect) => ({ ...c, dialect }))))(
  '30% injected $provider failures ($dialect)',
  ({ provider, emulatorOf, made, dialect }) => {
    let started: Started;
    let server: TestServer;
    beforeAll(async () => {
      // One job at a time: with the bookings made one after another, every provider request comes
      // in a fixed order, so the seeded failures fall on the same requests in every run.
      started = await startWithBoth(dialect, SECRET_KEY, { JOB_CONCURRENCY: '1' });
      server = started.server;
    });
    afterAll(async () => {
      await server?.close();
      await started?.google.close();
      await started?.graph.close();
    });

    /**
     * Runs the job runner until no calendar job is left to run: when nothing is due, the clock moves
     * to the next retry. Bounded: a job that keeps failing ends `failed` after its attempts.
     */
    const drain = async () => {
      let retried = 0;
      for (let round = 0; round < 500; round++) {
        const report = await server.runtime.runner.runOnce();
        retried += report.retried;
        if (report.claimed > 0) continue;
        const waiting = (await server.handle.jobs.listJobs({ status: 'pending' })).filter((j) =>
          j.kind.startsWith('calendar.'),
        );
        if (waiting.length === 0) return { retried, rounds: round };
        server.clock.set(Math.max(server.clock.now(), Math.min(...waiting.map((j) => j.runAt))));
      }
      throw new Error('the job runner did not settle in 500 rounds');
    };

    it('confirms every booking and creates each event exactly once, with its meeting link', async () => {
      const account = `faults-${provider}@example.com`;
      const { host } = await signUpHost(server, {
        email: account,
        link: { title: 'Call', slug: 'faults', calendarProvider: provider, autoMeetingLink: true },
      });
      await connectCalendar(server, host, provider, account);
      const emulator = emulatorOf(started);
      emulator.faults.setRandom(0.3, seeded(12), FAULTS);
      // Two failures for sure besides the random ones: the first event write fails every attempt
      // of its call, so that job is retried (after the runner's backoff, which the drain loop
      // reaches by moving the clock); the next write is made and its answer lost.
      emulator.faults.push(
        ...Array.from({ length: 4 }, () => ({ status: 503, method: 'POST' }) as const),
        { status: 500, afterApply: true, method: 'POST' },
      );

      const statuses: number[] = [];
      const booked: string[] = [];
      let unavailable = 0;
      for (const [i, start] of STARTS.entries()) {
        // A busy read that fails all its attempts is a 503 (never "free"); the visitor tries again.
        for (let attempt = 0; attempt < 3; attempt++) {
          const res = await new Client(server.url).post('/api/public/links/faults/bookings', {
            body: { start, name: `Ada ${i}`, email: `ada${i}@example.com`, timeZone: 'UTC' },
          });
          statuses.push(res.status);
          if (res.status === 201) {
            booked.push(res.body.booking.id as string);
            break;
          }
          expect(res.body.error.code).toBe('CALENDAR_UNAVAILABLE');
          unavailable++;
        }
      }
      const { retried } = await drain();
      emulator.faults.setRandom(0, Math.random, []);

      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      expect(unavailable).toBeLessThanOrEqual(3);
      expect(booked).toHaveLength(BOOKINGS);
      expect(retried).toBeGreaterThanOrEqual(1);
      const injected = emulator.requests.filter((r) => r.status === 429 || r.status >= 500);
      expect(injected.length).toBeGreaterThan(emulator.requests.length * 0.15);
      // The queued failures fell on the first event writes: four refusals, then a lost answer
      // (whose event exists; the retry must not make a second one).
      expect(
        emulator.requests
          .filter((r) => r.method === 'POST')
          .slice(0, 5)
          .map((r) => r.status),
      ).toEqual([503, 503, 503, 503, 500]);

      const events = made(started, account);
      expect(events).toHaveLength(BOOKINGS);
      expect(new Set(events.map((e) => e.key)).size).toBe(BOOKINGS);
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const id of booked) {
        const seen = hostBookingResponseSchema.parse(
          (await host.get(`/api/host/bookings/${id}`)).body,
        );
        expect(seen.booking.status).toBe('confirmed');
        const ref = seen.booking.externalRefs.calendar;
        expect(ref?.provider).toBe(provider);
        const event = byId.get(ref?.id ?? '');
        expect(event, `the event of booking ${id}`).toBeDefined();
        expect(event?.meetingUrl).toMatch(/^http/);
        expect(seen.booking.meetingUrl).toBe(event?.meetingUrl);
      }
      expect(await server.handle.jobs.listJobs({ status: 'failed' })).toEqual([]);
    });
  },
);
