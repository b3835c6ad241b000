// Two job runners, one queue: two server processes share PostgreSQL and the dev outbox (no SMTP),
// both with their job runner on (JOB_POLL_MS=20), and 40 bookings are made across them at once.
// Every follow-up job is claimed once (attempts 1) and done; each booking has exactly one
// confirmation and one host notice in the outbox (counted by Message-ID, recipient and ledger key,
// and by the "email sent" lines of both processes together); the CRM has one meeting and one note
// per booking. The reminders, due 24 h before the meetings (more than a day ahead on the processes'
// real clock), are queued once each and not sent; the test then makes them due (it moves their
// `run_at` to now, standing in for the passage of time) and both runners race for them: again each
// is sent exactly once.
import { performance } from 'node:perf_hooks';
import {
  REMINDER_LEAD_MS,
  createBookingCore,
  followUpJobKey,
  type Job,
  type JobKind,
  type JobStore,
} from '@workestra/booking-core';
import { messageIdFor } from '@workestra/notifications';
import { openStore } from '@workestra/store';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from './test-support/client.js';
import { freshDatabase } from './test-support/server.js';
import { killServerProcesses, type ServerProcess } from './test-support/server-process.js';
import {
  ALL_DAY_HOURS,
  errorLines,
  openSlots,
  startProcessGroup,
  untilNoneLeft,
} from './test-support/shared-pg.js';

/** Bookings made. */
const BOOKINGS = 40;
/** Server processes, each with its job runner. */
const RUNNERS = 2;
/** Given to the servers as `MAIL_FROM`, so the expected Message-IDs do not depend on its default. */
const FROM = 'Workestra <no-reply@workestra.localhost>';
const HOST_EMAIL = 'kim@example.com';
/** The jobs of a new booking that are due at once (no calendar); the reminder comes later. */
const DUE_AT_ONCE: readonly JobKind[] = ['crm.sync', 'email.confirmation', 'email.host-notice'];

afterEach(killServerProcesses);

/** Jobs still to run now: claimed (`running`), or `pending` and due. */
async function jobsLeft(jobs: JobStore): Promise<number> {
  const now = Date.now();
  const all = await jobs.listJobs();
  return all.filter((j) => j.status === 'running' || (j.status === 'pending' && j.runAt <= now))
    .length;
}

/** The ledger keys of the "email sent" lines each process logged. */
function sentKeys(process: ServerProcess): string[] {
  return process
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; key?: string })
    .filter((entry) => entry.msg === 'email sent')
    .map((entry) => entry.key!);
}

/** How many times each value occurs. */
function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

describe(`${RUNNERS} job runners over one PostgreSQL queue and dev outbox`, () => {
  it(`${BOOKINGS} bookings: every job done once, one confirmation, host notice and reminder each`, async () => {
    const db = await freshDatabase('postgres');
    const handle = await openStore(db.url);
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    let cleanUp = (): void => undefined;
    try {
      const core = createBookingCore({ store: handle.store });
      const kim = await core.createHost({
        workspaceId: 'ws_jobs',
        email: HOST_EMAIL,
        name: 'Kim',
        timeZone: 'UTC',
      });
      await core.createLink(
        { workspaceId: 'ws_jobs', hostId: kim.id },
        {
          title: 'Jobs',
          slug: 'jobs',
          timeZone: 'UTC',
          durationMinutes: 15,
          maxDaysAhead: 14,
          weeklyHours: ALL_DAY_HOURS,
        },
      );
      const group = await startProcessGroup(RUNNERS, db.url, {
        JOB_POLL_MS: '20',
        MAIL_FROM: FROM,
      });
      cleanUp = group.cleanUp;

      // Meetings two days ahead on the processes' real clock: their reminders are not due yet.
      const slots = (await openSlots(group.urls[0]!, 'jobs', 2, 4)).slice(0, BOOKINGS);
      expect(slots).toHaveLength(BOOKINGS);
      const began = performance.now();
      const answers = await Promise.all(
        slots.map((start, i) =>
          new Client(group.urls[i % RUNNERS]!).post('/api/public/links/jobs/bookings', {
            body: { start, name: `Guest ${i}`, email: `guest${i}@example.com`, timeZone: 'UTC' },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(slots.map(() => 201));
      const bookings = answers.map((a, i) => ({
        id: a.body.booking.id as string,
        start: Date.parse(slots[i]!),
        attendee: `guest${i}@example.com`,
      }));

      // Phase 1: the follow-ups due at once.
      const roundsNow = await untilNoneLeft(() => jobsLeft(handle.jobs));
      const nowMs = performance.now() - began;
      const afterNow = await handle.jobs.listJobs();
      const byKey = new Map(afterNow.map((j) => [j.idempotencyKey, j]));
      expect(afterNow).toHaveLength(BOOKINGS * (DUE_AT_ONCE.length + 1));
      for (const b of bookings) {
        for (const kind of DUE_AT_ONCE) {
          const job = byKey.get(followUpJobKey(b.id, kind, 0));
          expect({
            kind,
            status: job?.status,
            attempts: job?.attempts,
            error: job?.lastError,
          }).toEqual({
            kind,
            status: 'done',
            attempts: 1,
            error: null,
          });
        }
        // The reminder: queued once, 24 h before the meeting, never claimed yet.
        const reminder = byKey.get(followUpJobKey(b.id, 'email.reminder', 0));
        expect(reminder).toMatchObject({
          status: 'pending',
          attempts: 0,
          runAt: b.start - REMINDER_LEAD_MS,
        });
      }

      // Phase 2: the reminders made due at once; both runners poll for them.
      const { rowCount } = await sql.query(
        `UPDATE jobs SET run_at = $1 WHERE kind = 'email.reminder' AND status = 'pending'`,
        [Date.now()],
      );
      expect(rowCount).toBe(BOOKINGS);
      const reminderStart = performance.now();
      const roundsReminders = await untilNoneLeft(() => jobsLeft(handle.jobs));
      const reminderMs = performance.now() - reminderStart;

      // Every job done, each claimed exactly once.
      const jobs: Job[] = await handle.jobs.listJobs();
      expect(jobs).toHaveLength(BOOKINGS * (DUE_AT_ONCE.length + 1));
      expect(
        jobs.filter((j) => j.status !== 'done' || j.attempts !== 1 || j.lastError !== null),
      ).toEqual([]);

      // The outbox: exactly the expected messages, each once, to the right recipient.
      const expected = bookings.flatMap((b) => [
        { key: followUpJobKey(b.id, 'email.confirmation', 0) + ':attendee', to: b.attendee },
        { key: followUpJobKey(b.id, 'email.host-notice', 0) + ':host', to: HOST_EMAIL },
        { key: followUpJobKey(b.id, 'email.reminder', 0) + ':attendee', to: b.attendee },
      ]);
      const outbox = await handle.outbox.listOutbox({ limit: 100_000 });
      expect(outbox).toHaveLength(expected.length);
      const copies = tally(outbox.map((m) => m.messageId));
      for (const { key, to } of expected) {
        const messageId = messageIdFor(key, FROM);
        expect({ key, copies: copies.get(messageId) }).toEqual({ key, copies: 1 });
        const stored = outbox.find((m) => m.messageId === messageId)!;
        expect(stored.to).toHaveLength(1);
        expect(stored.to[0]).toContain(`<${to}>`);
        const full = await handle.outbox.getOutboxMessage(stored.id);
        expect(full?.raw).toContain(`Message-ID: ${messageId}`);
        const record = await handle.ledger.findMessage(key);
        expect(record).toMatchObject({ status: 'sent', attempts: 1, recipient: to, messageId });
      }

      // The processes' own account: each key sent once, by one of them.
      const perProcess = group.processes.map(sentKeys);
      const sent = tally(perProcess.flat());
      expect([...sent.keys()].sort()).toEqual(expected.map((e) => e.key).sort());
      expect([...sent.values()].filter((n) => n !== 1)).toEqual([]);

      expect(group.processes.flatMap(errorLines)).toEqual([]);

      // The CRM heard of each booking once: one meeting and one note each.
      const crm = await sql.query<{ meetings: string; notes: string }>(
        `SELECT (SELECT count(*) FROM crm_meetings WHERE workspace_id = 'ws_jobs') AS meetings,
                (SELECT count(*) FROM crm_notes WHERE workspace_id = 'ws_jobs') AS notes`,
      );
      expect(crm.rows[0]).toEqual({ meetings: String(BOOKINGS), notes: String(BOOKINGS) });

      const workers = tally(
        (await Promise.all(expected.map((e) => handle.ledger.findMessage(e.key)))).map(
          (r) => r!.claimedBy,
        ),
      );
      console.info(
        `[runners] ${RUNNERS} processes, ${BOOKINGS} bookings: ${jobs.length} jobs done (attempts 1 each, failed 0); ` +
          `booking + due follow-ups drained in ${nowMs.toFixed(0)} ms (${roundsNow} polling rounds), ` +
          `${BOOKINGS} reminders made due and sent in ${reminderMs.toFixed(0)} ms (${roundsReminders} rounds); ` +
          `outbox ${outbox.length} messages (duplicates 0, missing 0); emails sent per process ${perProcess.map((k) => k.length).join(' / ')} ` +
          `(reminders ${perProcess.map((k) => k.filter((key) => key.includes(':email.reminder:')).length).join(' / ')}); ` +
          `ledger senders ${workers.size}`,
      );
    } finally {
      killServerProcesses();
      cleanUp();
      await sql.end();
      await handle.close();
      await db.drop();
    }
  }, 300_000);
});
