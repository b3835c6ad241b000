import { sql } from 'drizzle-orm';
import { outboxRow, toMessageRecord } from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/sqlite.js';
import { type ClaimAndStore, claimConflict } from '../queries/messages.js';
import type { SqliteDb } from './db.js';

const p = (name: string) => sql.placeholder(name);

/**
 * `appendOutboxOnce`'s writes on SQLite: claim the key as `sent` and store the message in one
 * `BEGIN IMMEDIATE` transaction (the insert throws on failure, which rolls the claim back with
 * it). Both statements are built and prepared once per store: every outbox email runs them, and
 * drizzle would otherwise build them again each time. The claim's conflict clause is `claimConflict`, as
 * every claim's.
 */
export function sqliteClaimAndStore(db: SqliteDb): ClaimAndStore {
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
    .onConflictDoUpdate(claimConflict(messageLedger, 'sent'))
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
  // The statements belong to the connection, so they run inside its transaction.
  return async (c, message, now) =>
    db.transaction(
      () => {
        const [won] = claim.all({ ...c, now });
        if (won === undefined) return null;
        insert.run(outboxRow(message));
        return toMessageRecord(won);
      },
      { behavior: 'immediate' },
    );
}
