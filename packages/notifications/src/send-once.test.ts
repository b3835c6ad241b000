import { createMemoryStore } from '@workestra/booking-core';
import { describe, expect, it, vi } from 'vitest';
import { createOutboxTransport } from './outbox-transport.js';
import { recordingTransport } from './test-support/recording-transport.js';
import { drain, world } from './test-support/world.js';
import type { EmailTransport, RenderedEmail } from './transport.js';

const LEASE_MS = 60_000;

/** A transport whose deliveries start and then hang until `finish()`: a sender "killed" mid-send. */
function stalledTransport(expected: number) {
  const started: RenderedEmail[] = [];
  const pending: (() => void)[] = [];
  let allStarted!: () => void;
  const ready = new Promise<void>((resolve) => (allStarted = resolve));
  const transport: EmailTransport = {
    name: 'stalled',
    send(email) {
      started.push(email);
      if (started.length === expected) allStarted();
      return new Promise((resolve) =>
        pending.push(() => resolve({ messageId: email.message.messageId })),
      );
    },
  };
  return { transport, started, ready, finish: () => pending.forEach((f) => f()) };
}

describe('sendOnce after a crash', () => {
  it('a re-run finding its key still sending records unknown and completes the job, never resending', async () => {
    const w = await world();
    const { booking } = await w.book();
    // Runner A claims both emails and hands them over; then it is as good as dead.
    const stalled = stalledTransport(2);
    const a = w.runner(stalled.transport, { workerId: 'A', leaseMs: LEASE_MS });
    const aRun = a.runOnce();
    await stalled.ready;
    const key = `${booking.id}:email.confirmation:0:attendee`;
    expect(await w.ledger.findMessage(key)).toMatchObject({ status: 'sending', claimedBy: 'A' });

    // A's lease runs out; B takes the jobs over.
    w.clock.advance(LEASE_MS + 1);
    const b = recordingTransport();
    const report = await w.runner(b, { workerId: 'B', leaseMs: LEASE_MS }).runOnce();
    expect(report).toEqual({ claimed: 2, succeeded: 2, retried: 0, failed: 0 });
    expect(b.sent).toEqual([]);
    expect(await w.ledger.findMessage(key)).toMatchObject({
      status: 'unknown',
      lastError: 'the attempt of A stopped before recording an outcome',
    });
    expect(await w.jobs.listJobs({ status: 'failed' })).toEqual([]);
    expect(await w.jobs.listJobs({ status: 'running' })).toEqual([]);
    const { events } = await w.core.getBooking(w.host, booking.id);
    expect(events.map((e) => e.type)).toEqual(['created']); // no followup_failed
    // Listed for the host (and the operator) instead of dropped.
    const undecided = await w.ledger.listUncertainMessages({ owner: w.host });
    expect(undecided.map((m) => m.kind).sort()).toEqual([
      'email.confirmation',
      'email.host-notice',
    ]);
    expect(undecided.every((m) => m.bookingId === booking.id)).toBe(true);

    // Later runs change nothing.
    w.clock.advance(3_600_000);
    await drain(w.runner(b, { workerId: 'C' }));
    expect(b.sent).toEqual([]);

    // A was only slow, not dead: its transport's answer settles the presumption.
    stalled.finish();
    await aRun;
    expect(await w.ledger.findMessage(key)).toMatchObject({ status: 'sent' });
    expect(await w.ledger.listUncertainMessages({ owner: w.host })).toEqual([]);
    expect(await w.jobs.listJobs({ status: 'failed' })).toEqual([]);
  });

  it('with the outbox, claims, stores and marks sent in one step; an old stuck claim becomes unknown', async () => {
    const store = createMemoryStore();
    const w = await world({ store, jobs: store, ledger: store });
    const claim = vi.spyOn(store, 'claim');
    const { booking } = await w.book();
    // The host notice was claimed by a sender that died before this version (claim, then crash).
    const hostKey = `${booking.id}:email.host-notice:0:host`;
    await store.claim(
      {
        key: hostKey,
        kind: 'email.host-notice',
        recipient: 'ana@example.com',
        messageId: '<old@workestra.test>',
        claimedBy: 'old-worker',
        workspaceId: null,
        hostId: null,
        bookingId: null,
      },
      w.clock.now(),
    );
    claim.mockClear();

    await drain(w.runner(createOutboxTransport(store, { clock: w.clock })));
    expect(claim).not.toHaveBeenCalled();
    const stored = await store.listOutbox();
    expect(stored.map((m) => m.subject)).toEqual(['Confirmed: Intro call with Ana <b>Host</b>']);
    expect(await store.findMessage(`${booking.id}:email.confirmation:0:attendee`)).toMatchObject({
      status: 'sent',
      attempts: 1,
      bookingId: booking.id,
      hostId: w.host.hostId,
    });
    expect(await store.findMessage(hostKey)).toMatchObject({ status: 'unknown' });
    expect(await w.jobs.listJobs({ status: 'failed' })).toEqual([]);
    expect((await store.listUncertainMessages()).map((m) => m.key)).toEqual([hostKey]);
  });

  it('throws TRANSPORT_REJECTED and keeps no claim when the outbox cannot store the message', async () => {
    const store = createMemoryStore();
    const w = await world({ store, jobs: store, ledger: store });
    const { booking } = await w.book();
    await store.appendOutbox({
      id: 'taken',
      messageId: '<x@test>',
      from: 'x',
      to: [],
      subject: 'older',
      text: '',
      html: '',
      ics: null,
      icsMethod: null,
      raw: '',
      createdAt: 0,
    });
    // The first id collides (the insert fails), the next ones are fresh.
    const ids = ['taken', 'fresh-1', 'fresh-2', 'fresh-3'];
    const transport = createOutboxTransport(store, {
      clock: w.clock,
      id: () => ids.shift() ?? 'x',
    });
    const runner = w.runner(transport);
    const first = await runner.runOnce();
    expect(first.retried).toBe(1);
    const keys = [
      `${booking.id}:email.confirmation:0:attendee`,
      `${booking.id}:email.host-notice:0:host`,
    ];
    const records = await Promise.all(keys.map((k) => store.findMessage(k)));
    expect(records.filter((r) => r === null)).toHaveLength(1); // the refused one left no claim
    w.clock.advance(60_000);
    await drain(runner);
    const after = await Promise.all(keys.map((k) => store.findMessage(k)));
    expect(after.map((r) => [r?.status, r?.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    expect((await store.listOutbox()).filter((m) => m.subject !== 'older')).toHaveLength(2);
  });
});
