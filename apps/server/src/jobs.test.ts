import { JobRunner } from '@workestra/booking-core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { followUpHandlers } from './jobs.js';
import { Client, expectStatus } from './test-support/client.js';
import { NOW, startTestServer } from './test-support/server.js';

describe('follow-up jobs', () => {
  it('has a handler for every job kind; each completes the job (no adapter configured yet)', async () => {
    await using server = await startTestServer('sqlite');
    const host = new Client(server.url);
    await host.signup({ email: 'jobs@example.com' });
    expectStatus(
      await host.post('/api/host/links', { body: { title: 'Jobs', slug: 'jobs' } }),
      201,
    );
    const booked = await new Client(server.url).post('/api/public/links/jobs/bookings', {
      body: {
        start: '2026-11-04T10:00:00Z',
        name: 'Ada',
        email: 'ada@example.com',
        timeZone: 'UTC',
      },
    });
    expectStatus(booked, 201);
    expectStatus(
      await new Client(server.url).post(`/api/public/tokens/${booked.body.cancelToken}/cancel`, {
        body: {},
      }),
      200,
    );

    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const handlers = followUpHandlers({ store: server.handle.store, logger });
    expect(Object.keys(handlers).sort()).toEqual([
      'calendar.create',
      'calendar.delete',
      'calendar.update',
      'crm.sync',
      'email.cancellation',
      'email.confirmation',
      'email.host-notice',
      'email.reminder',
      'email.reschedule',
    ]);
    const runner = new JobRunner({
      jobs: server.handle.jobs,
      store: server.handle.store,
      handlers,
      clock: { now: () => NOW + 3 * 86_400_000 },
    });
    const report = await runner.runOnce();
    expect(report.failed + report.retried).toBe(0);
    expect(report.succeeded).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => l.includes('no adapter configured yet'))).toBe(true);
    expect(await server.handle.jobs.listJobs({ status: 'failed' })).toEqual([]);
  });
});
