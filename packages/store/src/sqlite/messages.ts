import type { MessageLedger, MessageStatus, OutboxStore } from '@workestra/booking-core';
import { and, desc, eq, sql } from 'drizzle-orm';
import {
  claimRow,
  outboxRow,
  toMessageRecord,
  toOutboxMessage,
  toOutboxSummary,
} from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';

/**
 * `MessageLedger` + `OutboxStore` on SQLite. A claim is one `INSERT ... ON CONFLICT DO UPDATE ...
 * WHERE status = 'failed' RETURNING`: atomic by itself, and against other processes through
 * SQLite's write lock; it commits before the caller goes on to the transport.
 */
export function sqliteMessaging(
  db: SqliteDb,
  serial: <T>(fn: () => Promise<T>) => Promise<T>,
): MessageLedger & OutboxStore {
  const settle = (key: string, status: MessageStatus, now: number, error: string | null) =>
    serial(async () => {
      db.update(messageLedger)
        .set({
          status,
          updatedAt: now,
          ...(error === null ? {} : { lastError: error }),
          ...(status === 'sent' ? { sentAt: now } : {}),
        })
        .where(and(eq(messageLedger.key, key), eq(messageLedger.status, 'sending')))
        .run();
    });
  const find = (key: string) => {
    const row = db.select().from(messageLedger).where(eq(messageLedger.key, key)).get();
    return row ? toMessageRecord(row) : null;
  };
  return {
    claim: (claim, now) =>
      serial(async () => {
        const [won] = db
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
          .returning()
          .all();
        if (won) return { claimed: true, record: toMessageRecord(won) };
        const record = find(claim.key);
        if (record === null) throw new Error(`message ledger: key ${claim.key} vanished`);
        return { claimed: false, record };
      }),
    markSent: (key, now) => settle(key, 'sent', now, null),
    markFailed: (key, error, now) => settle(key, 'failed', now, error),
    markUnknown: (key, error, now) => settle(key, 'unknown', now, error),
    findMessage: (key) => serial(async () => find(key)),

    appendOutbox: (message) =>
      serial(async () => {
        db.insert(outboxMessages).values(outboxRow(message)).run();
      }),
    listOutbox: (options) =>
      serial(async () =>
        db
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
          .orderBy(desc(outboxMessages.createdAt), desc(sql`rowid`))
          .limit(Math.max(0, options?.limit ?? 100))
          .all()
          .map(toOutboxSummary),
      ),
    getOutboxMessage: (id) =>
      serial(async () => {
        const row = db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).get();
        return row ? toOutboxMessage(row) : null;
      }),
  };
}
