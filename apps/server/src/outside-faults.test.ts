// Outside services failing 30% of their calls, by a fixed plan (test-support/fault-proxy.ts: call
// i fails when i % 10 is 1, 4 or 7, cycling through 500, 429 and a timeout whose change is made
// but whose answer never comes, so the client waits for its own request timeout: 10 s for the
// calendar adapters and the webhook sender, neither configurable smaller). Under a batch of
// bookings it proves:
// - every booking is answered 201 (a visitor told 503 CALENDAR_UNAVAILABLE by a busy read that
//   failed all its attempts tries again; no other status is ever answered);
// - while the faults last, the host sees them: the webhook delivery log shows the undelivered
//   deliveries with their last status code or error, and a booking's details list a calendar
//   follow-up that failed an attempt (in a short full outage of the calendar during the runner's
//   first pass, as the adapter's own retries absorb 3 faults in 10) as pending, with its error
//   and next try;
// - once the faults stop and the queues drain, every calendar event, CRM contact/deal/note and
//   webhook delivery exists exactly once (counted at the Google emulator, in the SQL CRM, at the
//   receiver), no job ended failed, and every booking's follow-ups read done.
// The CRM of the reference server is the store's SQL CRM in the server's own database: it has no
// outside endpoint to fail (a database outage is postgres-restart.test.ts's subject). Job retries
// and webhook retries wait on the server's injected clock, which the drain loops move.
import { randomBytes } from 'node:crypto';
import { startGoogleEmulator } from '@workestra/calendar-providers/testing';
import { WEBHOOK_EVENTS } from '@workestra/crm-bridge';
import { startWebhookReceiver } from '@workestra/crm-bridge/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingDetailsResponseSchema } from './api-schemas.js';
import { connectCalendar } from './test-support/calendar-consent.js';
import { Client, expectStatus, signUpHost } from './test-support/client.js';
import { startFaultProxy, type FaultProxy } from './test-support/fault-proxy.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';
import {
  webhookCreatedResponseSchema,
  webhookDeliveriesResponseSchema,
} from './webhook-schemas.js';

const BOOKINGS = 30;
/** Visitors booking at once (so the timeouts of several calls overlap). */
const VISITORS = 5;
/** Webhook deliveries per booking on a link with a deal: booking.created, deal.created, deal.updated. */
const DELIVERIES_PER_BOOKING = 3;

/** Wednesday 09:00 to 16:30 and Thursday 09:00 to 15:30 UTC, every half hour: 30 starts. */
const STARTS = Array.from({ length: BOOKINGS }, (_, i) => {
  const day = i < 16 ? '2026-11-04' : '2026-11-05';
  return new Date(Date.parse(`${day}T09:00:00Z`) + (i % 16) * 1_800_000).toISOString();
});

describe.each(DIALECTS)('outside services failing 3 calls in 10 (%s)', (dialect) => {
  let google: Awaited<ReturnType<typeof startGoogleEmulator>>;
  let calendarProxy: FaultProxy;
  let server: TestServer;
  beforeAll(async () => {
    google = await startGoogleEmulator();
    calendarProxy = await startFaultProxy(google.url);
    server = await startTestServer(dialect, {
      GOOGLE_CLIENT_ID: google.client.clientId,
      GOOGLE_CLIENT_SECRET: google.client.clientSecret,
      GOOGLE_BASE_URL: calendarProxy.url,
      SECRET_KEY: randomBytes(32).toString('base64'),
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    });
  });
  afterAll(async () => {
    await server?.close();
    await calendarProxy?.close();
    await google?.close();
  });

  /** Runs due jobs until none is left pending; when none is due, moves the clock to the next. */
  const drainJobs = async (): Promise<number> => {
    let retried = 0;
    for (let round = 0; round < 500; round++) {
      const report = await server.runtime.runner.runOnce();
      retried += report.retried;
      if (report.claimed > 0) continue;
      const waiting = await server.handle.jobs.listJobs({ status: 'pending' });
      if (waiting.length === 0) return retried;
      server.clock.set(Math.max(server.clock.now(), Math.min(...waiting.map((j) => j.runAt))));
    }
    throw new Error('the job runner did not settle in 500 rounds');
  };

  /** One sender pass over what is due now; the outcomes. */
  const sendDue = () => server.runtime.webhookSender.runOnce();

  it('answers every booking 201, shows the failures to the host, and ends with everything once', async () => {
    const account = `outside-${dialect}@example.com`;
    const { host } = await signUpHost(server, {
      email: account,
      link: {
        title: 'Discovery',
        slug: 'outside',
        timeZone: 'UTC',
        durationMinutes: 30,
        weeklyHours: {
          wednesday: [{ start: '09:00', end: '17:00' }],
          thursday: [{ start: '09:00', end: '17:00' }],
        },
        calendarProvider: 'google',
        autoCreateDeal: true,
      },
    });
    await connectCalendar(server, host, 'google', account);
    const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;

    const created = await host.post('/api/host/webhooks', {
      body: {
        url: 'https://placeholder.example/hook',
        events: WEBHOOK_EVENTS,
        description: 'mirror',
      },
    });
    expectStatus(created, 201);
    const { subscription, secret } = webhookCreatedResponseSchema.parse(created.body);
    await using receiver = await startWebhookReceiver({ secret, now: () => server.clock.now() });
    await using hookProxy = await startFaultProxy(new URL(receiver.url).origin);
    expectStatus(
      await host.patch(`/api/host/webhooks/${subscription.id}`, {
        body: { url: `${hookProxy.url}${new URL(receiver.url).pathname}` },
      }),
      200,
    );

    // The faults start: bookings, their calendar writes and their webhooks.
    calendarProxy.setFaults(true);
    hookProxy.setFaults(true);
    const statuses: number[] = [];
    const booked: string[] = [];
    let unavailable = 0;
    const queue = STARTS.map((start, i) => ({ start, i }));
    const visitor = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const { start, i } = next;
        for (let attempt = 0; attempt < 5; attempt++) {
          const res = await new Client(server.url).post('/api/public/links/outside/bookings', {
            body: { start, name: `Guest ${i}`, email: `guest${i}@example.com`, timeZone: 'UTC' },
          });
          statuses.push(res.status);
          if (res.status === 201) {
            booked.push(res.body.booking.id as string);
            break;
          }
          expect(res.status, res.text).toBe(503);
          expect(res.body.error.code).toBe('CALENDAR_UNAVAILABLE');
          unavailable++;
        }
      }
    };
    await Promise.all(Array.from({ length: VISITORS }, visitor));

    // With the faults on, the host sees a calendar follow-up that failed an attempt and waits for
    // its retry. The calendar adapter retries each call itself (4 tries), which 3 faults in 10
    // never exhaust: for the runner's first pass the calendar is out (every call refused), so the
    // calendar jobs of that pass fail an attempt. Then the runner takes what is due now until
    // nothing is; the clock stays, so no retry comes due yet.
    calendarProxy.setOutage(true);
    let retried = (await server.runtime.runner.runOnce()).retried;
    calendarProxy.setOutage(false);
    for (let round = 0; round < 100; round++) {
      const report = await server.runtime.runner.runOnce();
      retried += report.retried;
      if (report.claimed === 0) break;
    }
    const waiting = (await server.handle.jobs.listJobs({ status: 'pending' })).filter(
      (j) => j.kind === 'calendar.create' && j.attempts >= 1,
    );
    expect(waiting.length).toBeGreaterThan(0);
    for (const job of waiting) {
      const bookingId = job.payload['bookingId'] as string;
      const details = bookingDetailsResponseSchema.parse(
        (await host.get(`/api/host/bookings/${bookingId}`)).body,
      );
      const shown = details.followUps.find((f) => f.id === job.id);
      expect(shown, JSON.stringify(details.followUps)).toMatchObject({
        kind: 'calendar.create',
        status: 'pending',
        attempts: job.attempts,
        lastError: expect.any(String),
        nextAttemptAt: new Date(job.runAt).toISOString(),
      });
      expect(shown!.attempts).toBeGreaterThanOrEqual(1);
    }
    retried += await drainJobs();

    // With the faults on, the host's delivery log shows what did not get through.
    // Sender passes with the faults on until nothing is due: every delivery tried once.
    const firstPass = [];
    for (let round = 0; round < 20; round++) {
      const outcomes = await sendDue();
      if (outcomes.length === 0) break;
      firstPass.push(...outcomes);
    }
    expect(firstPass.length).toBe(BOOKINGS * DELIVERIES_PER_BOOKING);
    const undelivered = firstPass.filter((o) => o.status !== 'delivered');
    expect(undelivered.length).toBeGreaterThan(0);
    const log = webhookDeliveriesResponseSchema.parse(
      (await host.get(`/api/host/webhooks/deliveries?subscriptionId=${subscription.id}&limit=200`))
        .body,
    );
    const shown = log.items.filter((d) => d.status !== 'delivered');
    expect(shown.map((d) => d.id).sort()).toEqual(undelivered.map((o) => o.deliveryId).sort());
    for (const d of shown) {
      expect(d.status).toBe('pending');
      expect(d.nextAttemptAt).not.toBeNull();
      // A refused call shows its status code; a timed-out one its error.
      expect(d.lastStatusCode !== null || d.lastError !== null, JSON.stringify(d)).toBe(true);
    }
    expect(new Set(shown.map((d) => d.lastStatusCode ?? 'error'))).toEqual(
      new Set([500, 429, 'error']),
    );

    // The faults stop; the retries come due.
    calendarProxy.setFaults(false);
    hookProxy.setFaults(false);
    await drainJobs();
    for (let round = 0; round < 50; round++) {
      const { items } = await server.handle.webhooks.listDeliveries({ workspaceId, limit: 200 });
      const pending = items.filter((d) => d.status === 'pending');
      if (pending.length === 0) break;
      server.clock.set(
        Math.max(server.clock.now(), ...pending.map((d) => d.nextAttemptAt ?? server.clock.now())),
      );
      await sendDue();
    }

    // Every booking answered 201, never anything but 201 or a clear 503.
    expect(booked).toHaveLength(BOOKINGS);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const injected = (proxy: FaultProxy) => proxy.calls.filter((c) => c.outcome !== 'forwarded');
    expect(injected(calendarProxy).length).toBeGreaterThanOrEqual(
      Math.floor(calendarProxy.calls.length * 0.3),
    );
    expect(new Set(injected(calendarProxy).map((c) => c.outcome))).toEqual(
      new Set([500, 429, 'timeout']),
    );
    expect(new Set(injected(hookProxy).map((c) => c.outcome))).toEqual(
      new Set([500, 429, 'timeout']),
    );

    // Calendar: one event per booking at the emulator, and each booking points at its own.
    const events = google.events(account).filter((ev) => ev.status !== 'cancelled');
    expect(events).toHaveLength(BOOKINGS);
    expect(new Set(events.map((ev) => ev.extendedProperties?.private?.workestraKey)).size).toBe(
      BOOKINGS,
    );
    const eventIds = new Set(events.map((ev) => ev.id));
    for (const id of booked) {
      const seen = bookingDetailsResponseSchema.parse(
        (await host.get(`/api/host/bookings/${id}`)).body,
      );
      expect(seen.booking.status).toBe('confirmed');
      expect(eventIds.has(seen.booking.externalRefs.calendar?.id ?? '')).toBe(true);
      expect(seen.booking.followUpFailures).toEqual([]);
      // Every follow-up of the booking (emails, calendar, CRM) reads done.
      expect(seen.followUps.map((f) => f.kind)).toEqual(
        expect.arrayContaining(['calendar.create', 'crm.sync', 'email.confirmation']),
      );
      expect(seen.followUps.filter((f) => f.status !== 'done')).toEqual([]);
    }

    // CRM: one contact per attendee, one deal per booking, one note per deal.
    const contacts = await server.handle.crm.listContacts({ workspaceId, limit: 100 });
    expect(contacts.items).toHaveLength(BOOKINGS);
    const deals = await server.handle.crm.listDeals({ workspaceId, limit: 100 });
    expect(deals.items).toHaveLength(BOOKINGS);
    expect(new Set(deals.items.map((d) => d.contactId)).size).toBe(BOOKINGS);
    for (const deal of deals.items) {
      const full = await server.handle.crm.getDeal({ workspaceId, dealId: deal.id });
      expect(full?.notes).toHaveLength(1);
    }

    // Webhooks: every delivery accepted once at the receiver (a timed-out one arrives again as a
    // replay of the same id, never as a second delivery), and the log shows each delivered.
    expect(receiver.deliveries).toHaveLength(BOOKINGS * DELIVERIES_PER_BOOKING);
    expect(new Set(receiver.deliveries.map((d) => d.id)).size).toBe(receiver.deliveries.length);
    expect(receiver.replays()).toBe(
      injected(hookProxy).filter((c) => c.outcome === 'timeout').length,
    );
    const after = webhookDeliveriesResponseSchema.parse(
      (await host.get(`/api/host/webhooks/deliveries?subscriptionId=${subscription.id}&limit=200`))
        .body,
    );
    expect(after.items.every((d) => d.status === 'delivered')).toBe(true);
    expect(await server.handle.jobs.listJobs({ status: 'failed' })).toEqual([]);

    console.info(
      `[outside faults ${dialect}] bookings ${booked.length}/${BOOKINGS} (visitor retries after 503: ${unavailable}), ` +
        `calendar calls ${calendarProxy.calls.length} (injected ${injected(calendarProxy).length}), ` +
        `webhook calls ${hookProxy.calls.length} (injected ${injected(hookProxy).length}), ` +
        `job retries ${retried}, events ${events.length}, deals ${deals.items.length}, ` +
        `deliveries ${receiver.deliveries.length}, replays ${receiver.replays()}`,
    );
  }, 300_000);
});
