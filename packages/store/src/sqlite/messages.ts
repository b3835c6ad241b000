import type {
  MessageClaim,
  MessageLedger,
  MessageStatus,
  OutboxStore,
} from '@workestra/booking-core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  claimRow,
  outboxRow,
  settlesFrom,
  toMessageRecord,
  toOutboxMessage,
  toOutboxSummary,
  uncertainLimit,
  uncertainWhere,
} from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';
import { sqliteOutboxOnce } from './outbox-once.js';

/**
 * The claim: `INSERT ... ON CONFLICT DO UPDATE ... WHERE status = 'failed' RETURNING`, so a new or
 * `failed` key is won (as `status`) and any other key is left alone (no row returned).
 */
function claimKey(db: SqliteDb, claim: MessageClaim, now: number, status: 'sending' | 'sent') {
  const [won] = db
    .insert(messageLedger)
    .values(claimRow(claim, now, status))
    .onConflictDoUpdate({
      target: messageLedger.key,
      set: {
        status,
        attempts: sql`${messageLedger.attempts} + 1`,
        claimedBy: claim.claimedBy,
        updatedAt: now,
        ...(status === 'sent' ? { sentAt: now } : {}),
      },
      setWhere: eq(messageLedger.status, 'failed'),
    })
    .returning()
    .all();
  return won ? toMessageRecord(won) : null;
}

function findKey(db: SqliteDb, key: string) {
  const row = db.select().from(messageLedger).where(eq(messageLedger.key, key)).get();
  return row ? toMessageRecord(row) : null;
}

/** The row that kept a claim from being won; it exists, or the key was deleted underneath. */
function holder(db: SqliteDb, key: string) {
  const record = findKey(db, key);
  if (record === null) throw new Error(`message ledger: key ${key} vanished`);
  return record;
}

/**
 * `MessageLedger` + `OutboxStore` on SQLite. A claim is one `INSERT ... ON CONFLICT DO UPDATE ...
 * WHERE status = 'failed' RETURNING`: atomic by itself, and against other processes through
 * SQLite's write lock; it commits before the caller goes on to the transport.
 * `appendOutboxOnce` runs the claim (as `sent`) and the outbox insert in one `BEGIN IMMEDIATE`
 * transaction.
 */
export function sqliteMessaging(
  db: SqliteDb,
  serial: <T>(fn: () => Promise<T>) => Promise<T>,
): MessageLedger & OutboxStore {
  const outboxOnce = sqliteOutboxOnce(db);
  const settle = (key: string, status: MessageStatus, now: number, error: string | null) =>
    serial(async () => {
      db.update(messageLedger)
        .set({
          status,
          updatedAt: now,
          ...(error === null ? {} : { lastError: error }),
          ...(status === 'sent' ? { sentAt: now } : {}),
        })
        .where(and(eq(messageLedger.key, key), inArray(messageLedger.status, settlesFrom(status))))
        .run();
    });
  return {
    claim: (claim, now) =>
      serial(async () => {
        const won = claimKey(db, claim, now, 'sending');
        return won
          ? { claimed: true, record: won }
          : { claimed: false, record: holder(db, claim.key) };
      }),
    markSent: (key, now) => settle(key, 'sent', now, null),
    markFailed: (key, error, now) => settle(key, 'failed', now, error),
    markUnknown: (key, error, now) => settle(key, 'unknown', now, error),
    findMessage: (key) => serial(async () => findKey(db, key)),
    listUncertainMessages: (query = {}) =>
      serial(async () =>
        db
          .select()
          .from(messageLedger)
          .where(uncertainWhere(messageLedger, query))
          .orderBy(desc(messageLedger.updatedAt), desc(messageLedger.key))
          .limit(uncertainLimit(query))
          .all()
          .map(toMessageRecord),
      ),

    appendOutbox: (message) =>
      serial(async () => {
        db.insert(outboxMessages).values(outboxRow(message)).run();
      }),
    appendOutboxOnce: (claim, message, now) =>
      serial(async () =>
        db.transaction(
          (tx) => {
            const won = outboxOnce.claimSent(claim, now);
            if (won === null) return { stored: false, record: holder(tx, claim.key) };
            // Throws on failure, which rolls the claim back with it.
            outboxOnce.store(message);
            return { stored: true, record: won };
          },
          { behavior: 'immediate' },
        ),
      ),
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
