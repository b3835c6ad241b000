import type { MessageClaim, MessageRecord, OutboxMessage } from '@workestra/booking-core';
import { eq, sql } from 'drizzle-orm';
import { outboxRow, toMessageRecord } from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/sqlite.js';
import type { SqliteDb } from './db.js';

const p = (name: string) => sql.placeholder(name);

/**
 * The two writes of `appendOutboxOnce` on SQLite (claim the key as `sent`, store the message),
 * built and prepared once per store: every outbox email runs them, and drizzle would otherwise
 * build both statements again each time. The caller runs them in one `BEGIN IMMEDIATE`
 * transaction; the claim is the same `INSERT ... ON CONFLICT DO UPDATE ... WHERE status =
 * 'failed' RETURNING` as `claimKey`'s.
 */
export function sqliteOutboxOnce(db: SqliteDb): {
  claimSent(claim: MessageClaim, now: number): MessageRecord | null;
  store(message: OutboxMessage): void;
} {
  const claim = db
    .insert(messageLedger)
    .values({
      key: p('key'),
      kind: p('kind'),
      recipient: p('recipient'),
      messageId: p('messageId'),
      claimedBy: p('claimedBy'),
      workspaceId: p('workspaceId'),
      hostId: p('hostId'),
      bookingId: p('bookingId'),
      status: 'sent',
      attempts: 1,
      lastError: null,
      createdAt: p('now'),
      updatedAt: p('now'),
      sentAt: p('now'),
    })
    .onConflictDoUpdate({
      target: messageLedger.key,
      set: {
        status: 'sent',
        attempts: sql`${messageLedger.attempts} + 1`,
        claimedBy: sql`excluded.claimed_by`,
        updatedAt: sql`excluded.updated_at`,
        sentAt: sql`excluded.sent_at`,
      },
      setWhere: eq(messageLedger.status, 'failed'),
    })
    .returning()
    .prepare();
  const insert = db
    .insert(outboxMessages)
    .values({
      id: p('id'),
      messageId: p('messageId'),
      from: p('from'),
      to: p('to'),
      subject: p('subject'),
      text: p('text'),
      html: p('html'),
      ics: p('ics'),
      icsMethod: p('icsMethod'),
      raw: p('raw'),
      createdAt: p('createdAt'),
    })
    .prepare();
  // The statements belong to the connection, so they run inside the caller's transaction on it.
  return {
    claimSent(c, now) {
      const [won] = claim.all({ ...c, now });
      return won ? toMessageRecord(won) : null;
    },
    store(message) {
      insert.run(outboxRow(message));
    },
  };
}
