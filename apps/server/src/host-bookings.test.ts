// GET /api/host/bookings is cursor-paged: pages, cursors, limits and the week-view range over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingDetailsResponseSchema,
  hostBookingsResponseSchema,
  type HostBookingJson,
} from './api-schemas.js';
import { bookOne, Client, expectError, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, startTestServer, type TestServer } from './test-support/server.js';

const MEETINGS = 7;

describe.each(DIALECTS)('host bookings pages over HTTP (%s)', (dialect) => {
  let server: TestServer;
  let host: Client;
  let starts: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect);
    ({ host } = await signUpHost(server, {
      email: `pages-${dialect}@example.com`,
      link: { title: 'Paged', timeZone: 'UTC', durationMinutes: 30 },
    }));
    const slots = await new Client(server.url).get(
      `/api/public/links/paged/slots?from=2026-11-03T00:00:00Z&to=2026-11-06T00:00:00Z&timeZone=UTC`,
    );
    starts = (slots.body.days as { slots: { start: string }[] }[])
      .flatMap((d) => d.slots.map((s) => s.start))
      .filter((_, i) => i % 3 === 0)
      .slice(0, MEETINGS);
    expect(starts).toHaveLength(MEETINGS);
    for (const [i, start] of starts.entries())
      await bookOne(server, 'paged', start, { name: `Guest ${i}`, email: `guest${i}@example.com` });
  });
  afterAll(() => server?.close());

  async function page(query: string) {
    const res = await host.get(`/api/host/bookings?${query}`);
    expectStatus(res, 200);
    return hostBookingsResponseSchema.parse(res.body);
  }

  it('pages the upcoming tab with nextCursor until null, each meeting once, soonest first', async () => {
    const seen: HostBookingJson[][] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const { bookings, nextCursor }: { bookings: HostBookingJson[]; nextCursor: string | null } =
        await page(`limit=3${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
      seen.push(bookings);
      if (nextCursor === null) break;
      cursor = nextCursor;
    }
    expect(seen.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(seen.flat().map((b) => b.start)).toEqual(starts);
    // Without a limit the default (50) holds all seven, and says there is nothing more.
    const all = await page('filter=upcoming');
    expect(all.bookings).toHaveLength(MEETINGS);
    expect(all.nextCursor).toBeNull();
  });

  it('lists only meetings starting in [from, to) when asked', async () => {
    const from = starts[2] as string;
    const to = starts[5] as string;
    const { bookings } = await page(`from=${from}&to=${to}`);
    expect(bookings.map((b) => b.start)).toEqual(starts.slice(2, 5));
  });

  it('refuses bad limits, a foreign or malformed cursor, and an empty range with 400', async () => {
    const first = await page('limit=1');
    const cases = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      [`filter=past&cursor=${encodeURIComponent(first.nextCursor ?? '')}`, 'cursor'],
      ['cursor=garbage', 'cursor'],
      [`from=${starts[1]}&to=${starts[0]}`, 'to'],
      ['from=yesterday', 'from'],
    ] as const;
    for (const [query, path] of cases) {
      const res = await host.get(`/api/host/bookings?${query}`);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.details, query).toEqual([expect.objectContaining({ path })]);
    }
  });

  it('answers a taken slug with a free suggestion in details', async () => {
    const res = await host.post('/api/host/links', { body: { title: 'Again', slug: 'paged' } });
    expectError(res, 409, 'SLUG_TAKEN');
    expect(res.body.error.details).toEqual({ slug: 'paged', suggestion: 'paged-2' });
    expect(res.body.error.message).toContain('"paged-2" is free');
  });

  it('shows a follow-up that failed for good on the booking, in the list and in the details', async () => {
    const [target, other] = (await page('limit=2')).bookings;
    const session = await host.get('/api/auth/session');
    await server.handle.store.transaction((tx) =>
      tx.appendEvent({
        id: `evt_failed_${dialect}`,
        workspaceId: session.body.host.workspaceId as string,
        bookingId: target!.id,
        type: 'followup_failed',
        actor: 'system',
        at: server.clock.now(),
        data: { jobId: 'job_1', kind: 'crm.sync', attempts: 8, error: 'the CRM answered 503' },
      }),
    );
    const failure = {
      kind: 'crm.sync',
      at: new Date(server.clock.now()).toISOString(),
      attempts: 8,
      error: 'the CRM answered 503',
    };
    const listed = (await page('limit=2')).bookings;
    expect(listed.map((b) => [b.id, b.status, b.followUpFailures])).toEqual([
      [target!.id, 'confirmed', [failure]],
      [other!.id, 'confirmed', []],
    ]);
    const details = await host.get(`/api/host/bookings/${target!.id}`);
    expectStatus(details, 200);
    expect(details.body.booking.followUpFailures).toEqual([failure]);
    expect(details.body.events.at(-1)).toMatchObject({ type: 'followup_failed' });
  });

  it("lists the booking's follow-ups with their state while they retry, the error cut to 500 characters", async () => {
    const [target] = (await page('limit=1')).bookings;
    const workspaceId = (await host.get('/api/auth/session')).body.host.workspaceId as string;
    const now = server.clock.now();
    // A follow-up of the booking whose first attempt failed with a long provider message.
    await server.handle.store.transaction((tx) =>
      tx.enqueueJobs(
        [
          {
            kind: 'crm.sync',
            payload: { workspaceId, bookingId: target!.id },
            runAt: 0,
            idempotencyKey: `retrying-${dialect}`,
            maxAttempts: 8,
          },
        ],
        now,
      ),
    );
    const [claimed] = await server.handle.jobs.claimJobs('test', now, 1, now + 60_000, [
      'crm.sync',
    ]);
    expect(claimed?.idempotencyKey).toBe(`retrying-${dialect}`);
    const error = `the CRM answered 503: ${'x'.repeat(600)}`;
    await server.handle.jobs.failJob(claimed!.id, 'test', error, now + 1_000, now + 300_000);

    const details = await host.get(`/api/host/bookings/${target!.id}`);
    expectStatus(details, 200);
    const { followUps } = bookingDetailsResponseSchema.parse(details.body);
    expect(followUps.find((f) => f.id === claimed!.id)).toEqual({
      id: claimed!.id,
      kind: 'crm.sync',
      status: 'pending',
      attempts: 1,
      maxAttempts: 8,
      lastError: error.slice(0, 500),
      nextAttemptAt: new Date(now + 300_000).toISOString(),
      updatedAt: new Date(now + 1_000).toISOString(),
    });
    // The booking's own queued emails are listed too, not yet tried.
    expect(followUps.find((f) => f.kind === 'email.confirmation')).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: null,
    });

    const stranger = await signUpHost(server, {
      email: `follow-ups-other-${dialect}@example.com`,
      link: { title: 'Other', slug: `follow-ups-other-${dialect}` },
    });
    expectError(await stranger.host.get(`/api/host/bookings/${target!.id}`), 404, 'NOT_FOUND');
  });

  it('takes back a no-show with DELETE /no-show: 200 with noShow false, and the history says so', async () => {
    const target = (await page('limit=1')).bookings[0]!;
    const before = server.clock.now();
    server.clock.set(Date.parse(target.start) + 60_000);
    try {
      expectStatus(await host.post(`/api/host/bookings/${target.id}/no-show`), 200);
      const undone = await host.delete(`/api/host/bookings/${target.id}/no-show`);
      expectStatus(undone, 200);
      expect(undone.body.booking).toMatchObject({ id: target.id, noShow: false });
      const details = await host.get(`/api/host/bookings/${target.id}`);
      expect(details.body.events.map((e: { type: string }) => e.type).slice(-2)).toEqual([
        'no_show',
        'no_show_undone',
      ]);
      const stranger = await signUpHost(server, {
        email: `undo-other-${dialect}@example.com`,
        link: { title: 'Other', slug: `other-${dialect}` },
      });
      expectError(
        await stranger.host.delete(`/api/host/bookings/${target.id}/no-show`),
        404,
        'NOT_FOUND',
      );
    } finally {
      server.clock.set(before);
    }
  });
});
