import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_EPOCH } from './fixtures.js';
import type { MessageClaim, MessageLedger, OutboxMessage, OutboxStore } from './ports.js';

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

const claimOf = (key: string, claimedBy = 'worker-1'): MessageClaim => ({
  key,
  kind: 'email.reminder',
  recipient: 'ada@example.com',
  messageId: `<${key}@test>`,
  claimedBy,
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
 * (also by concurrent claimers), only a `failed` key is claimed again, settled states are final,
 * and the outbox keeps messages intact, newest first.
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

    it('never claims an unknown-outcome key again', async () => {
      await ledger.claim(claimOf('k4'), now);
      await ledger.markUnknown('k4', 'timeout after DATA', now + 1);
      expect(await ledger.findMessage('k4')).toMatchObject({ status: 'unknown' });
      expect((await ledger.claim(claimOf('k4'), now + 2)).claimed).toBe(false);
      await ledger.markSent('k4', now + 3);
      expect(await ledger.findMessage('k4')).toMatchObject({ status: 'unknown' });
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
