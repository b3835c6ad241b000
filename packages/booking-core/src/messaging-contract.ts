import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_EPOCH } from './fixtures.js';
import type {
  MessageClaim,
  MessageLedger,
  OutboxMessage,
  OutboxStore,
  UncertainMessageQuery,
} from './ports.js';

/**
 * What {@link describeMessagingContract} needs: a fresh, empty ledger + outbox per test.
 *
 * @example
 * ```ts
 * const factory: MessagingFactory = async () => {
 *   const store = createMemoryStore();
 *   return { ledger: store, outbox: store, close: async () => {} };
 * };
 * ```
 */
export type MessagingFactory = () => Promise<{
  ledger: MessageLedger;
  outbox: OutboxStore;
  close(): Promise<void>;
}>;

const claimOf = (
  key: string,
  claimedBy = 'worker-1',
  owner: { workspaceId: string; hostId: string } = { workspaceId: 'ws_1', hostId: 'h_1' },
): MessageClaim => ({
  key,
  kind: 'email.reminder',
  recipient: 'ada@example.com',
  messageId: `<${key}@test>`,
  claimedBy,
  ...owner,
  bookingId: `b_${key}`,
});

const outboxMessage = (id: string, createdAt: number): OutboxMessage => ({
  id,
  messageId: `<${id}@test>`,
  from: 'Workestra <no-reply@workestra.test>',
  to: ['ada@example.com', 'Bob <bob@example.com>'],
  subject: `Subject ${id} — ünïcode`,
  text: 'Hello\nworld',
  html: '<p>Hello</p>',
  ics: id === 'a' ? 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' : null,
  icsMethod: id === 'a' ? 'REQUEST' : null,
  raw: 'Subject: x\r\n\r\nbody',
  createdAt,
});

/**
 * The contract of the {@link MessageLedger} and {@link OutboxStore} ports: a key is claimed once
 * (also by concurrent claimers), only a `failed` key is claimed again, settled states are final
 * (but a presumed `unknown` becomes `sent` when its sender finishes after all), undecided
 * messages are listed per host, the outbox keeps messages intact, newest first, and
 * `appendOutboxOnce` claims, stores and marks sent all together or not at all.
 *
 * @example
 * ```ts
 * import { describeMessagingContract } from '@workestra/booking-core/testing';
 * describeMessagingContract('sqlite', async () => {
 *   const handle = await openSqliteStore({ filename: ':memory:' });
 *   return { ledger: handle.ledger, outbox: handle.outbox, close: handle.close };
 * });
 * ```
 */
export function describeMessagingContract(name: string, factory: MessagingFactory): void {
  describe(`MessageLedger/OutboxStore contract: ${name}`, () => {
    let ledger: MessageLedger;
    let outbox: OutboxStore;
    let close: () => Promise<void>;
    const now = FIXTURE_EPOCH;

    beforeEach(async () => {
      ({ ledger, outbox, close } = await factory());
    });
    afterEach(async () => {
      await close();
    });

    it('claims a new key once, recording it as sending', async () => {
      const first = await ledger.claim(claimOf('k1'), now);
      expect(first.claimed).toBe(true);
      expect(first.record).toEqual({
        ...claimOf('k1'),
        status: 'sending',
        attempts: 1,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
      });
      const second = await ledger.claim(claimOf('k1', 'worker-2'), now + 1);
      expect(second.claimed).toBe(false);
      expect(second.record.claimedBy).toBe('worker-1');
      expect(await ledger.findMessage('k1')).toEqual(first.record);
      expect(await ledger.findMessage('unknown')).toBeNull();
    });

    it('gives a key to exactly one of 10 concurrent claimers', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => ledger.claim(claimOf('race', `w${i}`), now)),
      );
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
    });

    it('marks sent; a sent key is never claimed again', async () => {
      await ledger.claim(claimOf('k2'), now);
      await ledger.markSent('k2', now + 5);
      expect(await ledger.findMessage('k2')).toMatchObject({ status: 'sent', sentAt: now + 5 });
      expect((await ledger.claim(claimOf('k2'), now + 6)).claimed).toBe(false);
      await ledger.markFailed('k2', 'late failure', now + 7);
      expect(await ledger.findMessage('k2')).toMatchObject({ status: 'sent', lastError: null });
    });

    it('lets a failed (definitely refused) key be claimed again, counting attempts', async () => {
      await ledger.claim(claimOf('k3'), now);
      await ledger.markFailed('k3', '451 try later', now + 1);
      expect(await ledger.findMessage('k3')).toMatchObject({
        status: 'failed',
        lastError: '451 try later',
      });
      const again = await ledger.claim(claimOf('k3', 'worker-2'), now + 2);
      expect(again.claimed).toBe(true);
      expect(again.record).toMatchObject({ status: 'sending', attempts: 2, claimedBy: 'worker-2' });
    });

    it('never claims an unknown-outcome key again; only a late markSent settles it', async () => {
      await ledger.claim(claimOf('k4'), now);
      await ledger.markUnknown('k4', 'timeout after DATA', now + 1);
      expect(await ledger.findMessage('k4')).toMatchObject({ status: 'unknown' });
      expect((await ledger.claim(claimOf('k4'), now + 2)).claimed).toBe(false);
      await ledger.markFailed('k4', 'late refusal', now + 3);
      expect(await ledger.findMessage('k4')).toMatchObject({ status: 'unknown' });
      // Its sender was presumed dead, but it finished: the transport's answer wins.
      await ledger.markSent('k4', now + 4);
      expect(await ledger.findMessage('k4')).toMatchObject({ status: 'sent', sentAt: now + 4 });
    });

    it('lists unknown messages, and sending ones claimed before a cutoff, per host', async () => {
      const other = { workspaceId: 'ws_2', hostId: 'h_1' };
      await ledger.claim(claimOf('u1'), now);
      await ledger.markUnknown('u1', 'timeout after DATA', now + 10);
      await ledger.claim(claimOf('u2', 'worker-1', other), now);
      await ledger.markUnknown('u2', 'sender stopped', now + 20);
      await ledger.claim(claimOf('old-sending'), now + 5);
      await ledger.claim(claimOf('new-sending'), now + 50);
      await ledger.claim(claimOf('sent'), now);
      await ledger.markSent('sent', now + 1);
      await ledger.claim(claimOf('failed'), now);
      await ledger.markFailed('failed', '550 no such user', now + 1);

      const keys = async (query?: UncertainMessageQuery) =>
        (await ledger.listUncertainMessages(query)).map((m) => m.key);
      expect(await keys()).toEqual(['u2', 'u1']);
      expect(await keys({ sendingBefore: now + 50 })).toEqual(['u2', 'u1', 'old-sending']);
      expect(
        await keys({ owner: { workspaceId: 'ws_1', hostId: 'h_1' }, sendingBefore: now + 50 }),
      ).toEqual(['u1', 'old-sending']);
      expect(await keys({ owner: other })).toEqual(['u2']);
      expect(await keys({ owner: { workspaceId: 'ws_1', hostId: 'h_2' } })).toEqual([]);
      expect(await keys({ limit: 1 })).toEqual(['u2']);
      const [u1] = await ledger.listUncertainMessages({
        owner: { workspaceId: 'ws_1', hostId: 'h_1' },
      });
      expect(u1).toMatchObject({
        key: 'u1',
        status: 'unknown',
        lastError: 'timeout after DATA',
        workspaceId: 'ws_1',
        hostId: 'h_1',
        bookingId: 'b_u1',
      });
    });

    it('appendOutboxOnce claims, stores and marks sent together, once per key', async () => {
      const first = await outbox.appendOutboxOnce(claimOf('o1'), outboxMessage('a', now), now + 1);
      expect(first.stored).toBe(true);
      expect(first.record).toEqual({
        ...claimOf('o1'),
        status: 'sent',
        attempts: 1,
        lastError: null,
        createdAt: now + 1,
        updatedAt: now + 1,
        sentAt: now + 1,
      });
      expect(await ledger.findMessage('o1')).toEqual(first.record);
      expect(await outbox.getOutboxMessage('a')).toEqual(outboxMessage('a', now));

      const again = await outbox.appendOutboxOnce(
        claimOf('o1', 'worker-2'),
        outboxMessage('b', now),
        now + 2,
      );
      expect(again).toEqual({ stored: false, record: first.record });
      expect(await outbox.getOutboxMessage('b')).toBeNull();
    });

    it('appendOutboxOnce stores nothing for a key claimed elsewhere, retries a failed one', async () => {
      await ledger.claim(claimOf('busy'), now);
      const busy = await outbox.appendOutboxOnce(
        claimOf('busy', 'worker-2'),
        outboxMessage('a', now),
        now + 1,
      );
      expect(busy.stored).toBe(false);
      expect(busy.record).toMatchObject({ status: 'sending', claimedBy: 'worker-1' });
      expect(await outbox.listOutbox()).toEqual([]);

      await ledger.claim(claimOf('refused'), now);
      await ledger.markFailed('refused', 'disk full', now + 1);
      const retried = await outbox.appendOutboxOnce(
        claimOf('refused', 'worker-2'),
        outboxMessage('b', now),
        now + 2,
      );
      expect(retried.stored).toBe(true);
      expect(retried.record).toMatchObject({ status: 'sent', attempts: 2, claimedBy: 'worker-2' });
    });

    it('appendOutboxOnce leaves no claim behind when the message cannot be stored', async () => {
      await outbox.appendOutbox(outboxMessage('a', now));
      // Same outbox id: the insert fails, so the claim must not survive it.
      await expect(
        outbox.appendOutboxOnce(claimOf('o2'), outboxMessage('a', now + 1), now + 1),
      ).rejects.toThrow();
      expect(await ledger.findMessage('o2')).toBeNull();
      const retried = await outbox.appendOutboxOnce(
        claimOf('o2'),
        outboxMessage('b', now),
        now + 2,
      );
      expect(retried.stored).toBe(true);
      expect(retried.record.attempts).toBe(1);
    });

    it('appendOutboxOnce stores one message of 10 concurrent calls for a key', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          outbox.appendOutboxOnce(claimOf('race', `w${i}`), outboxMessage(`m${i}`, now), now),
        ),
      );
      expect(results.filter((r) => r.stored)).toHaveLength(1);
      expect(await outbox.listOutbox()).toHaveLength(1);
      expect(await ledger.findMessage('race')).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('appendOutboxOnce: calls made together for many keys each stand alone', async () => {
      await outbox.appendOutbox(outboxMessage('taken-id', now));
      await ledger.claim(claimOf('k-busy'), now);
      const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
      const results = await Promise.allSettled([
        ...keys.map((key, i) =>
          outbox.appendOutboxOnce(claimOf(key, `w${i}`), outboxMessage(`m-${key}`, now), now + i),
        ),
        // Its outbox id is taken: it fails, and only it.
        outbox.appendOutboxOnce(claimOf('k-bad'), outboxMessage('taken-id', now), now),
        outbox.appendOutboxOnce(claimOf('k-busy', 'w-late'), outboxMessage('m-busy', now), now),
        // The same key twice in one go: the second meets the first's claim.
        outbox.appendOutboxOnce(claimOf('k0', 'w-again'), outboxMessage('m-again', now), now),
      ]);
      const values = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
      keys.forEach((key, i) =>
        expect(values[i]).toEqual({
          stored: true,
          record: expect.objectContaining({ key, claimedBy: `w${i}`, sentAt: now + i }),
        }),
      );
      expect(results[keys.length]!.status).toBe('rejected');
      expect(await ledger.findMessage('k-bad')).toBeNull();
      expect(values[keys.length + 1]).toMatchObject({ stored: false, record: { key: 'k-busy' } });
      expect(values[keys.length + 2]).toMatchObject({
        stored: false,
        record: { key: 'k0', claimedBy: 'w0' },
      });
      const stored = (await outbox.listOutbox({ limit: 100 })).map((m) => m.id).sort();
      expect(stored).toEqual([...keys.map((k) => `m-${k}`), 'taken-id'].sort());
    });

    it('keeps outbox messages intact and lists them newest first', async () => {
      await outbox.appendOutbox(outboxMessage('a', now));
      await outbox.appendOutbox(outboxMessage('b', now + 10));
      expect(await outbox.getOutboxMessage('a')).toEqual(outboxMessage('a', now));
      expect(await outbox.getOutboxMessage('zzz')).toBeNull();
      const list = await outbox.listOutbox();
      expect(list.map((m) => m.id)).toEqual(['b', 'a']);
      expect(list[1]).toEqual({
        id: 'a',
        messageId: '<a@test>',
        from: 'Workestra <no-reply@workestra.test>',
        to: ['ada@example.com', 'Bob <bob@example.com>'],
        subject: 'Subject a — ünïcode',
        icsMethod: 'REQUEST',
        createdAt: now,
      });
      expect((await outbox.listOutbox({ limit: 1 })).map((m) => m.id)).toEqual(['b']);
    });
  });
}
