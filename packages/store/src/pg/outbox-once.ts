import type { MessageClaim, MessageRecord, OutboxMessage } from '@workestra/booking-core';
import { getTableColumns, sql, type Column } from 'drizzle-orm';
import { outboxRow, toMessageRecord } from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/pg.js';
import type { Dialect } from '../shared/dialect.js';
import { claimStatement } from '../shared/messages.js';

type LedgerRow = typeof messageLedger.$inferSelect;

const ledgerColumns = Object.entries(getTableColumns(messageLedger)) as [string, Column][];
const outboxColumns = Object.entries(getTableColumns(outboxMessages)) as [string, Column][];

/** `won`'s columns under their property names, so the result maps like a drizzle select. */
const ledgerSelection = sql.join(
  ledgerColumns.map(([field, c]) => sql`${sql.identifier(c.name)} as ${sql.identifier(field)}`),
  sql`, `,
);
const outboxTargets = sql.join(
  outboxColumns.map(([, c]) => sql.identifier(c.name)),
  sql`, `,
);

/**
 * Claims `claim.key` as `sent` and stores `message` in ONE statement: a data-modifying CTE wins
 * the key (`INSERT ... ON CONFLICT DO UPDATE ... WHERE status = 'failed' RETURNING`) and the
 * outbox insert runs only when it did. One statement is one transaction, so the claim and the
 * stored message commit together or not at all, as with an explicit transaction, but in one round
 * trip instead of four (BEGIN, claim, insert, COMMIT). A concurrent claimer waits on the key's
 * row lock and then finds it taken (no row returned), or, if the winner rolled back, wins itself.
 * Resolves the won row, or null when the key was not claimable.
 */
export async function claimAndStore(
  dialect: Dialect,
  claim: MessageClaim,
  message: OutboxMessage,
  now: number,
): Promise<MessageRecord | null> {
  const won = claimStatement(dialect, claim, now, 'sent');
  const row = outboxRow(message) as Record<string, unknown>;
  // Parameters in a SELECT list have no target type to infer, so each is cast to its column's.
  const values = sql.join(
    outboxColumns.map(([field, c]) => sql`${sql.param(row[field], c)}::${sql.raw(c.getSQLType())}`),
    sql`, `,
  );
  const result = await dialect.db.execute<Record<string, unknown>>(
    sql`with won as (${won.getSQL()}), stored as (insert into ${outboxMessages} (${outboxTargets}) select ${values} where exists (select 1 from won)) select ${ledgerSelection} from won`,
  );
  const [raw] = result.rows;
  if (raw === undefined) return null;
  // The driver's values (a bigint arrives as a string) become the schema's, as drizzle maps them.
  const mapped = Object.fromEntries(
    ledgerColumns.map(([field, c]) => [
      field,
      raw[field] === null || raw[field] === undefined ? null : c.mapFromDriverValue(raw[field]),
    ]),
  ) as LedgerRow;
  return toMessageRecord(mapped);
}
