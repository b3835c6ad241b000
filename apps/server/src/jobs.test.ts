import { JobRunner } from '@workestra/booking-core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { followUpHandlers } from './jobs.js';
import { bookOne, Client, expectStatus, signUpHost } from './test-support/client.js';
import { NOW, startTestServer } from './test-support/server.js';

describe('follow-up jobs', () => {
  it('has a handler for every job kind; each completes the job (no adapter configured yet)', async () => {
    await using server = await startTestServer('sqlite');
    await signUpHost(server, { email: 'jobs@example.com', link: { title: 'Jobs', slug: 'jobs' } });
    const booked = await bookOne(server, 'jobs', '2026-11-04T10:00:00Z');
    expectStatus(
      await new Client(server.url).post(`/api/public/tokens/${booked.cancelToken}/cancel`, {
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
