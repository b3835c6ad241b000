// kill -9 in the middle of a booking load, then a restart: every answered booking exists once, every
// follow-up is done exactly once (dev outbox), and nothing ends as a false failure.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBookingCore, type Booking, type HostRef } from '@workestra/booking-core';
import { messageIdFor } from '@workestra/notifications';
import { openStore } from '@workestra/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bookingLoad, undoneJobs } from './test-support/booking-load.js';
import { Client } from './test-support/client.js';
import { DIALECTS, freshDatabase } from './test-support/server.js';
import {
  killServerProcesses,
  startServerProcess,
  type ServerProcess,
} from './test-support/server-process.js';

/** The process is killed once this many bookings were answered 201. */
const KILL_AFTER = 40;
/** Bookings answered by the restarted server, to show it carries on. */
const AFTER_RESTART = 10;
/** Requests in flight at once. */
const CONCURRENCY = 6;
/** Given to the server as `MAIL_FROM`, so the expected Message-IDs do not depend on its default. */
const FROM = 'Workestra <no-reply@workestra.localhost>';

afterEach(killServerProcesses);

/** The load's clients; each request a new attendee. */
let guests = 0;
const load = { concurrency: CONCURRENCY, nextGuest: () => guests++ };

describe.each(DIALECTS)('kill -9 during a booking load, then restart (%s)', (dialect) => {
  it('keeps every answered booking once, every follow-up done exactly once, no false failure', async () => {
    const db = await freshDatabase(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'workestra-kill-'));
    const handle = await openStore(db.url);
    try {
      const core = createBookingCore({ store: handle.store });
      const created = await core.createHost({
        workspaceId: 'ws_kill',
        email: 'host@example.com',
        name: 'Kim',
        timeZone: 'UTC',
      });
      const host: HostRef = { workspaceId: 'ws_kill', hostId: created.id };
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

      const env = {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        WEB_DIST_DIR: join(dataDir, 'no-web'),
        SECRET_KEY: randomBytes(32).toString('base64'),
        MAIL_FROM: FROM,
        RATE_LIMIT_PER_MINUTE: '100000',
        JOB_POLL_MS: '20',
        // The restarted process takes the dead one's jobs over after a second, not five minutes.
        JOB_LEASE_MS: '1000',
      };
      const first: ServerProcess = startServerProcess(env);
      const url = `http://127.0.0.1:${await first.listening}`;
      const day = 86_400_000;
      const res = await new Client(url).get(
        `/api/public/links/load/slots?from=${new Date(Date.now() + 2 * day).toISOString()}&to=${new Date(Date.now() + 5 * day).toISOString()}&timeZone=UTC`,
      );
      const slots = (res.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
        d.slots.map((s) => s.start),
      );
      expect(slots.length).toBeGreaterThan(2 * (KILL_AFTER + AFTER_RESTART + CONCURRENCY));

      // The load; from the KILL_AFTER-th answer on, kill -9 as soon as the job runner is seen
      // holding claimed jobs (requests still in flight).
      const before = await bookingLoad(
        url,
        slots,
        async (answered) => {
          if (answered < KILL_AFTER || first.child.signalCode !== null) return false;
          if ((await handle.jobs.listJobs({ status: 'running' })).length > 0)
            first.child.kill('SIGKILL');
          return false;
        },
        load,
      );
      expect(await first.exited).toBeNull();
      expect(first.child.signalCode).toBe('SIGKILL');
      const atKill = await undoneJobs(handle.jobs);
      // The kill interrupted follow-ups, or the test proves nothing.
      expect(atKill.running + atKill.due).toBeGreaterThan(0);
      const sendingAtKill = (
        await handle.ledger.listUncertainMessages({ sendingBefore: Number.MAX_SAFE_INTEGER })
      ).length;

      const second = startServerProcess(env);
      const url2 = `http://127.0.0.1:${await second.listening}`;
      const after = await bookingLoad(
        url2,
        slots,
        async (answered) => answered >= AFTER_RESTART,
        load,
      );
      expect(after.unanswered).toBe(0);
      // Bound by the work: wait until no job is running or due (generous timeout for slow CI).
      await vi.waitFor(
        async () => expect(await undoneJobs(handle.jobs)).toEqual({ running: 0, due: 0 }),
        {
          timeout: 120_000,
          interval: 100,
        },
      );

      // Every booking in the database: the answered ones and any that committed unanswered.
      const bookings: Booking[] = [];
      let cursor: string | undefined;
      do {
        const page = await core.listBookings(host, { filter: 'upcoming', limit: 100, cursor });
        bookings.push(...page.bookings);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      const ids = bookings.map((b) => b.id);
      const answered = [...before.booked, ...after.booked];
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of answered) expect(ids).toContain(id);
      expect(ids.length - answered.length).toBeLessThanOrEqual(before.unanswered);

      // Every follow-up done exactly once: two messages per booking in the outbox, each once.
      const outbox = await handle.outbox.listOutbox({ limit: 100_000 });
      const copies = new Map<string, number>();
      for (const m of outbox) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);
      const expected = bookings.flatMap((b) =>
        [`${b.id}:email.confirmation:0:attendee`, `${b.id}:email.host-notice:0:host`].map((key) =>
          messageIdFor(key, FROM),
        ),
      );
      expect(expected.filter((id) => copies.get(id) !== 1)).toEqual([]);
      expect(outbox).toHaveLength(expected.length);
      expect(
        await handle.ledger.listUncertainMessages({ sendingBefore: Number.MAX_SAFE_INTEGER }),
      ).toEqual([]);

      // No false failure: no failed job, no followup_failed event, every due job done.
      const jobs = await handle.jobs.listJobs();
      expect(jobs.filter((j) => j.status === 'failed')).toEqual([]);
      const due = jobs.filter((j) => j.runAt <= Date.now());
      expect(due.every((j) => j.status === 'done')).toBe(true);
      expect(due.length).toBe(3 * bookings.length); // crm.sync, confirmation, host notice
      for (const b of bookings) {
        const { events } = await core.getBooking(host, b.id);
        expect(events.map((e) => e.type)).toEqual(['created']);
      }

      console.info(
        `[kill -9 ${dialect}] answered before kill ${before.booked.length}, in flight at kill ${before.unanswered}, ` +
          `jobs claimed by the dead worker ${atKill.running}, due and waiting ${atKill.due}, ledger keys left sending ${sendingAtKill}, ` +
          `answered after restart ${after.booked.length}, bookings stored ${bookings.length}, ` +
          `outbox messages ${outbox.length} (duplicates 0, missing 0), jobs done ${due.length}, failed 0`,
      );
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      killServerProcesses();
      await handle.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
