import type { MessageLedger, MessageStatus, OutboxStore } from '@workestra/booking-core';
import { and, desc, eq, sql } from 'drizzle-orm';
import {
  claimRow,
  outboxRow,
  toMessageRecord,
  toOutboxMessage,
  toOutboxSummary,
} from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/pg.js';
import type { PgDb } from './db.js';

/**
 * `MessageLedger` + `OutboxStore` on PostgreSQL. A claim is one `INSERT ... ON CONFLICT DO UPDATE
 * ... WHERE status = 'failed' RETURNING` in its own (committed) statement: of concurrent claimers
 * on any instance, the row lock on the key lets exactly one win.
 */
export function pgMessaging(db: PgDb): MessageLedger & OutboxStore {
  const settle = async (key: string, status: MessageStatus, now: number, error: string | null) => {
    await db
      .update(messageLedger)
      .set({
        status,
        updatedAt: now,
        ...(error === null ? {} : { lastError: error }),
        ...(status === 'sent' ? { sentAt: now } : {}),
      })
      .where(and(eq(messageLedger.key, key), eq(messageLedger.status, 'sending')));
  };
  const find = async (key: string) => {
    const [row] = await db.select().from(messageLedger).where(eq(messageLedger.key, key));
    return row ? toMessageRecord(row) : null;
  };
  return {
    async claim(claim, now) {
      const [won] = await db
        .insert(messageLedger)
        .values(claimRow(claim, now))
        .onConflictDoUpdate({
          target: messageLedger.key,
          set: {
            status: 'sending',
            attempts: sql`${messageLedger.attempts} + 1`,
            claimedBy: claim.claimedBy,
            updatedAt: now,
          },
          setWhere: eq(messageLedger.status, 'failed'),
        })
        .returning();
      if (won) return { claimed: true, record: toMessageRecord(won) };
      const record = await find(claim.key);
      if (record === null) throw new Error(`message ledger: key ${claim.key} vanished`);
      return { claimed: false, record };
    },
    markSent: (key, now) => settle(key, 'sent', now, null),
    markFailed: (key, error, now) => settle(key, 'failed', now, error),
    markUnknown: (key, error, now) => settle(key, 'unknown', now, error),
    findMessage: (key) => find(key),

    async appendOutbox(message) {
      await db.insert(outboxMessages).values(outboxRow(message));
    },
    async listOutbox(options) {
      const rows = await db
        .select({
          id: outboxMessages.id,
          messageId: outboxMessages.messageId,
          from: outboxMessages.from,
          to: outboxMessages.to,
          subject: outboxMessages.subject,
          icsMethod: outboxMessages.icsMethod,
          createdAt: outboxMessages.createdAt,
        })
        .from(outboxMessages)
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(Math.max(0, options?.limit ?? 100));
      return rows.map(toOutboxSummary);
    },
    async getOutboxMessage(id) {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row ? toOutboxMessage(row) : null;
    },
  };
}
