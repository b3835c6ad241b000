import type {
  MessageClaim,
  MessageLedger,
  MessageRecord,
  MessageStatus,
  OutboxMessage,
  OutboxStore,
} from '@workestra/booking-core';
import { and, type Column, desc, eq, inArray, sql } from 'drizzle-orm';
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
import type { Dialect } from './dialect.js';

/**
 * The dialect's `appendOutboxOnce` writes: claim `claim.key` as `sent` and store `message`,
 * together or not at all. Resolves the won ledger row, or null when the key was not claimable.
 */
export type ClaimAndStore = (
  claim: MessageClaim,
  message: OutboxMessage,
  now: number,
) => Promise<MessageRecord | null>;

/**
 * The conflict clause of every claim: a key already in the ledger is won again (as `status`, one
 * more attempt, by the new claimer, at the new row's time) only when it is `failed`; any other key
 * is left alone and returns no row. It reads the new row's values through `excluded`, so the same
 * clause serves a one-row claim, a prepared one and a many-row insert.
 */
export function claimConflict<
  L extends Record<'key' | 'status' | 'attempts' | 'claimedBy' | 'updatedAt' | 'sentAt', Column>,
>(messageLedger: L, status: 'sending' | 'sent') {
  const excluded = (column: { name: string }) => sql`excluded.${sql.identifier(column.name)}`;
  const target: L['key'] = messageLedger.key;
  return {
    target,
    set: {
      status,
      attempts: sql`${messageLedger.attempts} + 1`,
      claimedBy: excluded(messageLedger.claimedBy),
      updatedAt: excluded(messageLedger.updatedAt),
      ...(status === 'sent' ? { sentAt: excluded(messageLedger.sentAt) } : {}),
    },
    setWhere: eq(messageLedger.status, 'failed'),
  };
}

/**
 * The claim: `INSERT ... ON CONFLICT DO UPDATE ... WHERE status = 'failed' RETURNING`
 * ({@link claimConflict}), so a new or `failed` key is won (as `status`) and any other key is left
 * alone (no row returned).
 */
export function claimStatement(
  { db, tables }: Dialect,
  claim: MessageClaim,
  now: number,
  status: 'sending' | 'sent',
) {
  const { messageLedger } = tables;
  return db
    .insert(messageLedger)
    .values(claimRow(claim, now, status))
    .onConflictDoUpdate(claimConflict(messageLedger, status))
    .returning();
}

/**
 * `MessageLedger` + `OutboxStore` over either dialect. A claim is one `INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE status = 'failed' RETURNING` in its own statement, so a new or `failed` key is
 * won and any other key is left alone: of concurrent claimers (any process or instance) exactly
 * one wins, through the key's row lock on PostgreSQL and the database write lock on SQLite.
 * `appendOutboxOnce` runs the same claim (as `sent`) and the outbox insert through the dialect's
 * `claimAndStore` (one statement on PostgreSQL, one `BEGIN IMMEDIATE` transaction on SQLite).
 */
export function messaging(
  dialect: Dialect,
  claimAndStore: ClaimAndStore,
): MessageLedger & OutboxStore {
  const { db, tables, outboxInsertOrder } = dialect;
  const { messageLedger, outboxMessages } = tables;

  const findKey = async (key: string) => {
    const [row] = await db.select().from(messageLedger).where(eq(messageLedger.key, key));
    return row ? toMessageRecord(row) : null;
  };
  /** The row that kept a claim from being won; it exists, or the key was deleted underneath. */
  const holder = async (key: string) => {
    const record = await findKey(key);
    if (record === null) throw new Error(`message ledger: key ${key} vanished`);
    return record;
  };
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
      const [won] = await claimStatement(dialect, claim, now, 'sending');
      return won
        ? { claimed: true, record: toMessageRecord(won) }
        : { claimed: false, record: await holder(claim.key) };
    },
    markSent: (key, now) => settle(key, 'sent', now, null),
    markFailed: (key, error, now) => settle(key, 'failed', now, error),
    markUnknown: (key, error, now) => settle(key, 'unknown', now, error),
    findMessage: findKey,
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
      const won = await claimAndStore(claim, message, now);
      // Not won: the key's row exists (the claim waited for any concurrent claimer to finish).
      return won
        ? { stored: true, record: won }
        : { stored: false, record: await holder(claim.key) };
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
        .orderBy(desc(outboxMessages.createdAt), desc(outboxInsertOrder))
        .limit(Math.max(0, options?.limit ?? 100));
      return rows.map(toOutboxSummary);
    },
    async getOutboxMessage(id) {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row ? toOutboxMessage(row) : null;
    },
  };
}
