import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@workestra/booking-core';
import { createOutboxTransport } from './outbox-transport.js';
import { createSmtpTransport } from './smtp-transport.js';
import { recordingTransport } from './test-support/recording-transport.js';
import { parseIcs } from './test-support/ical.js';
import { drain, memoryStores, MON2_9, PUBLIC_URL, world } from './test-support/world.js';

const HOUR = 3_600_000;

describe('email job handlers', () => {
  it('keeps the booking when SMTP is down: retries with backoff, then a visible failed job', async () => {
    const w = await world();
    // Nothing listens on port 1: connection refused, so nothing was sent and retrying is safe.
    const transport = createSmtpTransport({
      host: '127.0.0.1',
      port: 1,
      connectionTimeoutMs: 2000,
    });
    const { booking } = await w.book();
    const runner = w.runner(transport);
    for (let i = 0; i < 12; i++) {
      await runner.runOnce();
      w.clock.advance(10 * 60_000);
    }
    const failed = await w.jobs.listJobs({ status: 'failed' });
    expect(failed.map((j) => j.kind).sort()).toEqual(['email.confirmation', 'email.host-notice']);
    expect(failed.every((j) => j.attempts === 8)).toBe(true);
    expect(failed[0]?.lastError).toMatch(/SMTP refused the message: .*ECONNREFUSED/);
    const details = await w.core.getBooking(w.host, booking.id);
    expect(details.booking.status).toBe('confirmed');
    expect(details.events.map((e) => e.type)).toEqual([
      'created',
      'followup_failed',
      'followup_failed',
    ]);
    expect(await w.ledger.findMessage(`${booking.id}:email.confirmation:0:attendee`)).toMatchObject(
      { status: 'failed', attempts: 8 },
    );
  });

  it('skips stale jobs: a superseded confirmation, a reminder of a moved or cancelled booking', async () => {
    const w = await world();
    const t = recordingTransport();
    const { booking, tokens } = await w.book();
    await w.core.reschedule({ token: tokens.reschedule, start: MON2_9 + HOUR });
    await drain(w.runner(t));
    // Confirmation and host notice (sequence 0) are superseded by the two reschedule notices.
    expect(t.sent.map((m) => m.subject)).toEqual([
      'Rescheduled: Intro call with Ana <b>Host</b>',
      'Rescheduled: Intro call with Ada Lovelace',
    ]);
    t.sent.length = 0;
    w.clock.set(MON2_9 + HOUR - 24 * HOUR + 1);
    await drain(w.runner(t));
    expect(t.sent.map((m) => m.subject)).toEqual([
      'Reminder: Intro call with Ana <b>Host</b> tomorrow',
    ]);
    expect(t.sent[0]?.ics).toBeNull();
    expect(t.sent[0]?.text).toContain('/book/cancel/');
    expect(booking.id).toBeTruthy();
  });

  it('queues no reminder for a meeting less than 24 h away', async () => {
    const w = await world();
    w.clock.set(MON2_9 - 20 * HOUR);
    const { booking } = await w.book();
    expect(await w.jobs.findJobByKey(`${booking.id}:email.reminder:0`)).toBeNull();
  });

  it('keeps every message in the dev outbox, raw MIME included', async () => {
    const stores = memoryStores();
    const w = await world(stores);
    const outbox = createMemoryStore();
    const { booking } = await w.book();
    await drain(w.runner(createOutboxTransport(outbox, { clock: w.clock })));
    const list = await outbox.listOutbox();
    expect(list).toHaveLength(2);
    const confirmation = list.find((m) => m.subject.startsWith('Confirmed'));
    const full = await outbox.getOutboxMessage(confirmation?.id ?? '');
    expect(full?.icsMethod).toBe('REQUEST');
    expect(full?.to).toEqual(['Ada Lovelace <ada@example.com>']);
    expect(parseIcs(full?.ics ?? '').vevent.getFirstPropertyValue('uid')).toBe(booking.icalUid);
    expect(full?.raw).toMatch(
      /\r\nContent-Type: text\/calendar; charset=utf-8; method=REQUEST\r\n/,
    );
    expect(full?.raw).toContain(`Message-ID: ${full?.messageId}`);
  });

  it('builds the attendee links with the URL options (default <publicUrl>/book/...)', async () => {
    const w = await world();
    const { tokens } = await w.book();
    const sent = recordingTransport();
    const runner = w.runner(sent, {
      urls: {
        selfServiceUrl: (purpose, token) => `https://example.com/meetings/${purpose}?t=${token}`,
        bookingPageUrl: (slug) => `https://example.com/meet/${slug}`,
      },
    });
    await drain(runner);
    await w.core.cancel({ token: tokens.cancel });
    await drain(runner);
    const toAda = sent.sent.filter((m) => m.to.email === 'ada@example.com').map((m) => m.text);
    const [confirmation, cancellation] = toAda;
    expect(confirmation).toContain(
      `https://example.com/meetings/reschedule?t=${tokens.reschedule}`,
    );
    expect(confirmation).toContain(`https://example.com/meetings/cancel?t=${tokens.cancel}`);
    expect(cancellation).toContain('https://example.com/meet/intro-call');
    expect(toAda.join('\n')).not.toContain(`${PUBLIC_URL}/book/`);
  });
});
