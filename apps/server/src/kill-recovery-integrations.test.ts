// kill -9 in the middle of a booking load, then a restart, with the outside integrations on (what
// kill-recovery.test.ts leaves out: it counts the emails): a Google calendar (the emulator), the SQL
// CRM with a deal per booking, and a webhook subscription (a verifying receiver). It proves that
// after the restart every booking answered 201 is stored once, and its follow-ups are done exactly
// once: one calendar event per booking at the emulator (the booking pointing at it), one contact,
// one deal and one note per booking in the CRM, and each webhook delivery (booking.created,
// deal.created, deal.updated per booking) accepted once at the receiver, none recorded twice under
// another id; no job ends failed. Waits are bounded by the work (the queues draining), with a
// generous ceiling for slow machines: a delivery the dead process had claimed is taken over when
// the sender's lease (60 s) ends.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGoogleEmulator } from '@workestra/calendar-providers/testing';
import { WEBHOOK_EVENTS } from '@workestra/crm-bridge';
import { startWebhookReceiver } from '@workestra/crm-bridge/testing';
import { openStore } from '@workestra/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostBookingResponseSchema } from './api-schemas.js';
import { connectCalendar } from './test-support/calendar-consent.js';
import { bookingLoad, undoneJobs } from './test-support/booking-load.js';
import { Client, expectStatus } from './test-support/client.js';
import { DIALECTS, freshDatabase, type TestServer } from './test-support/server.js';
import {
  killServerProcesses,
  startServerProcess,
  type ServerProcess,
} from './test-support/server-process.js';
import { webhookCreatedResponseSchema } from './webhook-schemas.js';

/** The process is killed once this many bookings were answered 201 and a job is running. */
const KILL_AFTER = 20;
/** Bookings answered by the restarted server. */
const AFTER_RESTART = 5;
/** Requests in flight at once. */
const CONCURRENCY = 4;
/** Webhook deliveries per booking on a link with a deal: booking.created, deal.created, deal.updated. */
const DELIVERIES_PER_BOOKING = 3;

afterEach(killServerProcesses);

/** Numbers the guests across loads: one attendee (and so one CRM contact) per booking. */
let guests = 0;
const load = { concurrency: CONCURRENCY, nextGuest: () => guests++ };

describe.each(DIALECTS)('kill -9 with calendar, CRM and webhooks, then restart (%s)', (dialect) => {
  it('does every calendar event, CRM record and webhook delivery exactly once', async () => {
    const db = await freshDatabase(dialect);
    const dataDir = mkdtempSync(join(tmpdir(), 'workestra-kill-int-'));
    await using google = await startGoogleEmulator();
    const handle = await openStore(db.url);
    try {
      const env = {
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        WEB_DIST_DIR: join(dataDir, 'no-web'),
        SECRET_KEY: randomBytes(32).toString('base64'),
        RATE_LIMIT_PER_MINUTE: '100000',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        GOOGLE_CLIENT_ID: google.client.clientId,
        GOOGLE_CLIENT_SECRET: google.client.clientSecret,
        GOOGLE_BASE_URL: google.url,
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_POLL_MS: '100',
        JOB_POLL_MS: '20',
        // The restarted process takes the dead one's jobs over after a second, not five minutes.
        JOB_LEASE_MS: '1000',
      };
      const first: ServerProcess = startServerProcess(env);
      const url = `http://127.0.0.1:${await first.listening}`;

      // A host with a Google calendar, a link that makes a deal per booking, a subscription.
      const account = `kill-${dialect}@example.com`;
      const host = new Client(url);
      await host.signup({ email: account });
      expectStatus(
        await host.post('/api/host/links', {
          body: {
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
            calendarProvider: 'google',
            autoCreateDeal: true,
          },
        }),
        201,
      );
      // The consent helpers read only the server's URL.
      await connectCalendar({ url } as TestServer, host, 'google', account);
      const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;
      const created = await host.post('/api/host/webhooks', {
        body: { url: 'https://placeholder.example/hook', events: WEBHOOK_EVENTS },
      });
      expectStatus(created, 201);
      const { subscription, secret } = webhookCreatedResponseSchema.parse(created.body);
      await using receiver = await startWebhookReceiver({ secret });
      expectStatus(
        await host.patch(`/api/host/webhooks/${subscription.id}`, { body: { url: receiver.url } }),
        200,
      );

      const day = 86_400_000;
      const res = await new Client(url).get(
        `/api/public/links/load/slots?from=${new Date(Date.now() + 2 * day).toISOString()}&to=${new Date(Date.now() + 5 * day).toISOString()}&timeZone=UTC`,
      );
      const slots = (res.body.days as { slots: { start: string }[] }[]).flatMap((d) =>
        d.slots.map((s) => s.start),
      );
      expect(slots.length).toBeGreaterThan(2 * (KILL_AFTER + AFTER_RESTART + CONCURRENCY));

      // The load; from the KILL_AFTER-th answer on, kill -9 once the job runner holds a job.
      let runningAtKill = 0;
      const before = await bookingLoad(
        url,
        slots,
        async (answered) => {
          if (answered < KILL_AFTER || first.child.signalCode !== null) return false;
          runningAtKill = (await handle.jobs.listJobs({ status: 'running' })).length;
          if (runningAtKill > 0) first.child.kill('SIGKILL');
          return false;
        },
        load,
      );
      expect(await first.exited).toBeNull();
      expect(first.child.signalCode).toBe('SIGKILL');
      expect(runningAtKill).toBeGreaterThan(0);
      const eventsAtKill = google.events(account).length;
      const deliveredAtKill = receiver.deliveries.length;

      const second = startServerProcess(env);
      const url2 = `http://127.0.0.1:${await second.listening}`;
      const after = await bookingLoad(
        url2,
        slots,
        async (answered) => answered >= AFTER_RESTART,
        load,
      );
      expect(after.unanswered).toBe(0);

      // Bound by the work: until no job is left to run and every delivery is delivered.
      await vi.waitFor(
        async () => {
          expect(await undoneJobs(handle.jobs)).toEqual({ running: 0, due: 0 });
          const { items } = await handle.webhooks.listDeliveries({ workspaceId, limit: 200 });
          expect(items.filter((d) => d.status !== 'delivered')).toEqual([]);
        },
        { timeout: 180_000, interval: 200 },
      );

      // The bookings: every answered one stored once, at most the unanswered ones besides.
      const host2 = new Client(url2);
      host2.cookie = host.cookie;
      host2.csrfToken = host.csrfToken;
      const list = (await host2.get('/api/host/bookings?filter=upcoming&limit=100')).body;
      const ids = (list.bookings as { id: string }[]).map((b) => b.id);
      expect(list.nextCursor ?? null).toBeNull();
      const answered = [...before.booked, ...after.booked];
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of answered) expect(ids).toContain(id);
      expect(ids.length - answered.length).toBeLessThanOrEqual(before.unanswered);
      const count = ids.length;

      // Calendar: one event per booking, each booking pointing at its own.
      const events = google.events(account).filter((ev) => ev.status !== 'cancelled');
      expect(events).toHaveLength(count);
      expect(new Set(events.map((ev) => ev.extendedProperties?.private?.workestraKey)).size).toBe(
        count,
      );
      const eventIds = new Set(events.map((ev) => ev.id));
      for (const id of ids) {
        const seen = hostBookingResponseSchema.parse(
          (await host2.get(`/api/host/bookings/${id}`)).body,
        );
        expect(eventIds.has(seen.booking.externalRefs.calendar?.id ?? '')).toBe(true);
        expect(seen.booking.followUpFailures).toEqual([]);
      }

      // CRM: one contact, one deal, one note per booking.
      const contacts = await handle.crm.listContacts({ workspaceId, limit: 100 });
      expect(contacts.items).toHaveLength(count);
      const deals = await handle.crm.listDeals({ workspaceId, limit: 100 });
      expect(deals.items).toHaveLength(count);
      for (const deal of deals.items)
        expect((await handle.crm.getDeal({ workspaceId, dealId: deal.id }))?.notes).toHaveLength(1);

      // Webhooks: each delivery accepted once, and no event of a booking recorded twice.
      expect(receiver.deliveries).toHaveLength(DELIVERIES_PER_BOOKING * count);
      const perBooking = new Set(
        receiver.deliveries.map((d) => `${d.event} ${d.data.booking?.id ?? ''}`),
      );
      expect(perBooking.size).toBe(receiver.deliveries.length);
      expect(await handle.jobs.listJobs({ status: 'failed' })).toEqual([]);

      console.info(
        `[kill -9 integrations ${dialect}] answered before kill ${before.booked.length}, in flight ${before.unanswered}, ` +
          `jobs running at kill ${runningAtKill}, events at kill ${eventsAtKill}, deliveries at kill ${deliveredAtKill}, ` +
          `answered after restart ${after.booked.length}, bookings ${count}, events ${events.length}, ` +
          `deals ${deals.items.length}, deliveries ${receiver.deliveries.length} (replays ${receiver.replays()})`,
      );
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      killServerProcesses();
      await handle.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
