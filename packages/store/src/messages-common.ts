import type {
  MessageClaim,
  MessageRecord,
  MessageStatus,
  OutboxMessage,
  OutboxSummary,
  UncertainMessageQuery,
} from '@workestra/booking-core';
import { and, eq, lt, or, type Column, type SQL } from 'drizzle-orm';
import type * as pg from './schema/pg.js';
import type * as sqlite from './schema/sqlite.js';

type LedgerRow = typeof sqlite.messageLedger.$inferSelect | typeof pg.messageLedger.$inferSelect;
type OutboxRow = typeof sqlite.outboxMessages.$inferSelect | typeof pg.outboxMessages.$inferSelect;

/**
 * The row a first claim inserts: `sending`, or `sent` at once when the message is stored in the
 * same transaction (`appendOutboxOnce`).
 */
export function claimRow(
  claim: MessageClaim,
  now: number,
  status: 'sending' | 'sent' = 'sending',
): typeof sqlite.messageLedger.$inferInsert {
  return {
    key: claim.key,
    kind: claim.kind,
    recipient: claim.recipient,
    messageId: claim.messageId,
    claimedBy: claim.claimedBy,
    workspaceId: claim.workspaceId,
    hostId: claim.hostId,
    bookingId: claim.bookingId,
    status,
    attempts: 1,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    sentAt: status === 'sent' ? now : null,
  };
}

/**
 * The statuses a ledger row may leave for `status`: only `sending` settles, except that a
 * presumed `unknown` becomes `sent` when its sender finishes after all (booking-core `markSent`).
 */
export function settlesFrom(status: MessageStatus): MessageStatus[] {
  return status === 'sent' ? ['sending', 'unknown'] : ['sending'];
}

/** The ledger columns {@link uncertainWhere} reads (either dialect's table). */
interface LedgerColumns {
  readonly status: Column;
  readonly updatedAt: Column;
  readonly workspaceId: Column;
  readonly hostId: Column;
}

/** `listUncertainMessages`' filter: `unknown`, or `sending` since before the cutoff; one host's when asked. */
export function uncertainWhere(t: LedgerColumns, query: UncertainMessageQuery): SQL | undefined {
  const undecided =
    query.sendingBefore === undefined
      ? eq(t.status, 'unknown')
      : or(
          eq(t.status, 'unknown'),
          and(eq(t.status, 'sending'), lt(t.updatedAt, query.sendingBefore)),
        );
  return query.owner
    ? and(undecided, eq(t.workspaceId, query.owner.workspaceId), eq(t.hostId, query.owner.hostId))
    : undecided;
}

/** How many rows `listUncertainMessages` returns. */
export const uncertainLimit = (query: UncertainMessageQuery): number =>
  Math.max(0, query.limit ?? 100);

export const toMessageRecord = (r: LedgerRow): MessageRecord => ({ ...r });

export const toOutboxMessage = (r: OutboxRow): OutboxMessage => ({ ...r, to: [...r.to] });

export const toOutboxSummary = (r: OutboxSummary): OutboxSummary => ({ ...r, to: [...r.to] });

export function outboxRow(m: OutboxMessage): typeof sqlite.outboxMessages.$inferInsert {
  return { ...m, to: [...m.to] };
}
