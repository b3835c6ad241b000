import { createBookingCore, createMemoryStore, type Job } from '@workestra/booking-core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startJobRunner } from './jobs.js';

describe('job runner settings', () => {
  it('defaults to 50 jobs at once and a 30 s lease, and reads per-kind limits', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      JOB_POLL_MS: 1000,
      JOB_CONCURRENCY: 50,
      JOB_LEASE_MS: 30_000,
    });
    expect(defaults.JOB_KIND_CONCURRENCY).toBeUndefined();
    expect(
      loadConfig({ JOB_KIND_CONCURRENCY: 'crm.sync=2, calendar.create = 0' }).JOB_KIND_CONCURRENCY,
    ).toEqual({ 'crm.sync': 2, 'calendar.create': 0 });
  });

  it('refuses unknown kinds, malformed limits and leases too short to renew', () => {
    expect(() => loadConfig({ JOB_KIND_CONCURRENCY: 'crm.push=2' })).toThrow(
      /JOB_KIND_CONCURRENCY: "crm.push=2" is not kind=number/,
    );
    expect(() => loadConfig({ JOB_KIND_CONCURRENCY: 'crm.sync' })).toThrow(/JOB_KIND_CONCURRENCY/);
    expect(() => loadConfig({ JOB_LEASE_MS: '500' })).toThrow(/JOB_LEASE_MS/);
    expect(() => loadConfig({ JOB_CONCURRENCY: '0' })).toThrow(/JOB_CONCURRENCY/);
  });

  it('starts a runner that takes a job as soon as it is enqueued, with the configured lease', async () => {
    const store = createMemoryStore();
    const now = Date.parse('2026-11-02T09:00:00Z');
    const core = createBookingCore({ store, clock: { now: () => now } });
    const host = await core.createHost({
      workspaceId: 'ws',
      email: 'ana@example.com',
      name: 'Ana',
      timeZone: 'UTC',
    });
    const link = await core.createLink(
      { workspaceId: 'ws', hostId: host.id },
      {
        title: 'Intro',
        timeZone: 'UTC',
        weeklyHours: { monday: [{ start: '10:00', end: '12:00' }] },
      },
    );
    let seen!: (job: Job) => void;
    const ran = new Promise<Job>((resolve) => {
      seen = resolve;
    });
    const runner = startJobRunner({
      jobs: store,
      store,
      clock: { now: () => now },
      logger: pino({ level: 'silent' }),
      pollMs: 3_600_000, // after the first, immediate poll, none comes within this test
      concurrency: 4,
      kindConcurrency: { 'crm.sync': 1 },
      leaseMs: 12_000,
      email: { 'email.confirmation': async ({ job }) => seen(job) },
    });
    try {
      // Booking queues the confirmation in its own transaction: that commit wakes the runner.
      await core.book({
        slug: link.slug,
        start: '2026-11-02T10:00:00Z',
        name: 'Ada',
        email: 'ada@example.com',
        timeZone: 'UTC',
      });
      expect((await ran).lockedUntil).toBe(now + 12_000);
    } finally {
      await runner?.stop();
    }
  });
});
