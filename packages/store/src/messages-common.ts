import type {
  MessageClaim,
  MessageRecord,
  OutboxMessage,
  OutboxSummary,
} from '@workestra/booking-core';
import type * as pg from './schema/pg.js';
import type * as sqlite from './schema/sqlite.js';

type LedgerRow = typeof sqlite.messageLedger.$inferSelect | typeof pg.messageLedger.$inferSelect;
type OutboxRow = typeof sqlite.outboxMessages.$inferSelect | typeof pg.outboxMessages.$inferSelect;

/** The row a first claim inserts. */
export function claimRow(
  claim: MessageClaim,
  now: number,
): typeof sqlite.messageLedger.$inferInsert {
  return {
    key: claim.key,
    kind: claim.kind,
    recipient: claim.recipient,
    messageId: claim.messageId,
    claimedBy: claim.claimedBy,
    status: 'sending',
    attempts: 1,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  };
}

export const toMessageRecord = (r: LedgerRow): MessageRecord => ({ ...r });

export const toOutboxMessage = (r: OutboxRow): OutboxMessage => ({ ...r, to: [...r.to] });

export const toOutboxSummary = (r: OutboxSummary): OutboxSummary => ({ ...r, to: [...r.to] });

export function outboxRow(m: OutboxMessage): typeof sqlite.outboxMessages.$inferInsert {
  return { ...m, to: [...m.to] };
}
