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
import { messageLedger, outboxMessages } from '../schema/pg.js';
import type { PgDb } from './db.js';
import { claimAndStore } from './outbox-once.js';

/**
 * The claim: `INSERT ... ON CONFLICT DO UPDATE ... WHERE status = 'failed' RETURNING`, so a new or
 * `failed` key is won (as `status`) and any other key is left alone (no row returned).
 */
async function claimKey(db: PgDb, claim: MessageClaim, now: number, status: 'sending' | 'sent') {
  const [won] = await db
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
    .returning();
  return won ? toMessageRecord(won) : null;
}

async function findKey(db: PgDb, key: string) {
  const [row] = await db.select().from(messageLedger).where(eq(messageLedger.key, key));
  return row ? toMessageRecord(row) : null;
}

/** The row that kept a claim from being won; it exists, or the key was deleted underneath. */
async function holder(db: PgDb, key: string) {
  const record = await findKey(db, key);
  if (record === null) throw new Error(`message ledger: key ${key} vanished`);
  return record;
}

/**
 * `MessageLedger` + `OutboxStore` on PostgreSQL. A claim is one `INSERT ... ON CONFLICT DO UPDATE
 * ... WHERE status = 'failed' RETURNING` in its own (committed) statement: of concurrent claimers
 * on any instance, the row lock on the key lets exactly one win. `appendOutboxOnce` runs the same
 * claim (as `sent`) and the outbox insert in one statement (`claimAndStore`), so one transaction: a concurrent caller waits on the
 * key's row lock and then finds it `sent`, or, if the winner rolled back, claims it itself.
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
      .where(and(eq(messageLedger.key, key), inArray(messageLedger.status, settlesFrom(status))));
  };
  return {
    async claim(claim, now) {
      const won = await claimKey(db, claim, now, 'sending');
      return won
        ? { claimed: true, record: won }
        : { claimed: false, record: await holder(db, claim.key) };
    },
    markSent: (key, now) => settle(key, 'sent', now, null),
    markFailed: (key, error, now) => settle(key, 'failed', now, error),
    markUnknown: (key, error, now) => settle(key, 'unknown', now, error),
    findMessage: (key) => findKey(db, key),
    async listUncertainMessages(query = {}) {
      const rows = await db
        .select()
        .from(messageLedger)
        .where(uncertainWhere(messageLedger, query))
        .orderBy(desc(messageLedger.updatedAt), desc(messageLedger.key))
        .limit(uncertainLimit(query));
      return rows.map(toMessageRecord);
    },

    async appendOutbox(message) {
      await db.insert(outboxMessages).values(outboxRow(message));
    },
    async appendOutboxOnce(claim, message, now) {
      const won = await claimAndStore(db, claim, message, now);
      // Not won: the key's row exists (the claim waited for any concurrent claimer to finish).
      return won
        ? { stored: true, record: won }
        : { stored: false, record: await holder(db, claim.key) };
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
