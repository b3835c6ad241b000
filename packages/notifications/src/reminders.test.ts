import { describe, expect, it } from 'vitest';
import { createTestDatabase, type Dialect } from './test-support/databases.js';
import { recordingTransport } from './test-support/recording-transport.js';
import { MON2_9, world } from './test-support/world.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Book, reschedule and cancel with an injected clock, then let two job runners race over the same
 * database: every live booking gets exactly one reminder, for its current time.
 */
describe.each<Dialect>(['sqlite', 'postgres'])('reminders on %s', (dialect) => {
  it('sends exactly one reminder per live booking with two runners racing', async () => {
    await using db = await createTestDatabase(dialect);
    const first = await db.open();
    // PostgreSQL: a second handle (its own pool), as a second server process would have. SQLite:
    // one handle per file per process (see @workestra/store), shared by both runners.
    const second = dialect === 'postgres' ? await db.open() : first;
    const w = await world(first);

    const moved = await w.book(MON2_9, { email: 'moved@example.com' });
    const kept = await w.book(MON2_9 + HOUR, { email: 'kept@example.com' });
    const cancelled = await w.book(MON2_9 + 2 * HOUR, { email: 'cancelled@example.com' });
    await w.core.reschedule({ token: moved.tokens.reschedule, start: MON2_9 + 30 * 60_000 });
    await w.core.cancel({ token: cancelled.tokens.cancel });
    // Booked 20 h ahead: no reminder at all.
    w.clock.set(MON2_9 + 150 * 60_000 - 20 * HOUR);
    const late = await w.book(MON2_9 + 150 * 60_000, { email: 'late@example.com' });
    expect(await first.jobs.findJobByKey(`${late.booking.id}:email.reminder:0`)).toBeNull();

    // A slow transport and a zero lease: each runner takes over jobs the other is still sending,
    // so only the message ledger stands between the race and a duplicate email.
    const transport = recordingTransport({ delayMs: 20 });
    const a = w.runner(transport, { workerId: 'A', leaseMs: 0 });
    const b = w.runner(transport, { workerId: 'B', leaseMs: 0, stores: second });
    w.clock.set(MON2_9 - DAY + 3 * HOUR);
    for (let round = 0; round < 30; round++) {
      await Promise.all([a.runOnce(), b.runOnce()]);
      w.clock.advance(60_000);
    }

    const reminders = transport.sent.filter((m) => m.subject.startsWith('Reminder:'));
    expect(reminders.map((m) => m.to.email).sort()).toEqual([
      'kept@example.com',
      'moved@example.com',
    ]);
    expect(reminders.find((m) => m.to.email === 'moved@example.com')?.text).toContain(
      'Monday, November 9, 2026, 4:30',
    );
    // Every message of every key went out once, whatever the race did to the jobs.
    const ids = transport.sent.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      await first.ledger.findMessage(`${moved.booking.id}:email.reminder:1:attendee`),
    ).toMatchObject({
      status: 'sent',
    });
    expect(
      await first.ledger.findMessage(`${moved.booking.id}:email.reminder:0:attendee`),
    ).toBeNull();
    expect(
      await first.ledger.findMessage(`${cancelled.booking.id}:email.reminder:0:attendee`),
    ).toBeNull();
    expect(
      await first.ledger.findMessage(`${kept.booking.id}:email.reminder:0:attendee`),
    ).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });
});
