import type { MessageClaim } from '@workestra/booking-core';
import { fillPlaceholders, getTableColumns, sql, type Column } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { outboxRow, toMessageRecord } from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/pg.js';
import type { Dialect } from '../queries/dialect.js';
import { claimStatement, type ClaimAndStore } from '../queries/messages.js';

type LedgerRow = typeof messageLedger.$inferSelect;

const ledgerColumns = Object.entries(getTableColumns(messageLedger)) as [string, Column][];
const outboxColumns = Object.entries(getTableColumns(outboxMessages)) as [string, Column][];

/** The server-side name of the prepared statement (one per pooled connection, parsed and planned once). */
const STATEMENT_NAME = 'workestra_outbox_once';

/** The claim fields the statement takes, each a placeholder named after it. */
const CLAIM_FIELDS = [
  'key',
  'kind',
  'recipient',
  'messageId',
  'claimedBy',
  'workspaceId',
  'hostId',
  'bookingId',
] as const satisfies readonly (keyof MessageClaim)[];

/** Placeholder names of the outbox row's fields, apart from the claim's. */
const outboxName = (field: string) => `outbox_${field}`;

/**
 * The statement's text and parameters, built once from drizzle with placeholders: `won` claims the
 * key (the shared `claimStatement`, as SQLite runs it), `stored` inserts the outbox row only when
 * `won` returned one, and the result is `won`'s columns under their property names.
 */
function buildStatement(dialect: Dialect) {
  const claim = Object.fromEntries(
    CLAIM_FIELDS.map((field) => [field, sql.placeholder(field)]),
  ) as unknown as MessageClaim;
  const now = sql.placeholder('now') as unknown as number;
  const won = claimStatement(dialect, claim, now, 'sent');
  const ledgerSelection = sql.join(
    ledgerColumns.map(([field, c]) => sql`${sql.identifier(c.name)} as ${sql.identifier(field)}`),
    sql`, `,
  );
  const outboxTargets = sql.join(
    outboxColumns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  // Parameters in a SELECT list have no target type to infer, so each is cast to its column's.
  const values = sql.join(
    outboxColumns.map(
      ([field, c]) =>
        sql`${sql.param(sql.placeholder(outboxName(field)), c)}::${sql.raw(c.getSQLType())}`,
    ),
    sql`, `,
  );
  return new PgDialect().sqlToQuery(
    sql`with won as (${won.getSQL()}), stored as (insert into ${outboxMessages} (${outboxTargets}) select ${values} where exists (select 1 from won)) select ${ledgerSelection} from won`,
  );
}

/**
 * `appendOutboxOnce`'s writes on PostgreSQL: claims `claim.key` as `sent` and stores `message` in
 * ONE statement: a data-modifying CTE wins the key (`INSERT ... ON CONFLICT DO UPDATE ... WHERE
 * status = 'failed' RETURNING`) and the outbox insert runs only when it did. One statement is one
 * transaction, so the claim and the stored message commit together or not at all, as with an
 * explicit transaction, but in one round trip instead of four (BEGIN, claim, insert, COMMIT). A
 * concurrent claimer waits on the key's row lock and then finds it taken (no row returned), or, if
 * the winner rolled back, wins itself. The statement is built once and sent as a named prepared
 * statement on `pool`, so neither drizzle nor PostgreSQL rebuilds or re-plans it for each message.
 * The returned function resolves the won row, or null when the key was not claimable.
 */
export function outboxOnce(dialect: Dialect, pool: pg.Pool): ClaimAndStore {
  const { sql: text, params } = buildStatement(dialect);
  return async (claim, message, now) => {
    const row = outboxRow(message) as Record<string, unknown>;
    const inputs: Record<string, unknown> = { now };
    for (const field of CLAIM_FIELDS) inputs[field] = claim[field];
    for (const [field] of outboxColumns) inputs[outboxName(field)] = row[field];
    const result = await pool.query<Record<string, unknown>>({
      name: STATEMENT_NAME,
      text,
      values: fillPlaceholders(params, inputs),
    });
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
  };
}
