import type { MessageClaim, MessageRecord, OutboxMessage } from '@workestra/booking-core';
import { fillPlaceholders, getTableColumns, sql, type Column } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { claimRow, outboxRow, toMessageRecord } from '../messages-common.js';
import { messageLedger, outboxMessages } from '../schema/pg.js';
import type { Dialect } from '../queries/dialect.js';
import { claimConflict, type ClaimAndStore } from '../queries/messages.js';

type LedgerRow = typeof messageLedger.$inferSelect;

const ledgerColumns = Object.entries(getTableColumns(messageLedger)) as [string, Column][];
const outboxColumns = Object.entries(getTableColumns(outboxMessages)) as [string, Column][];

/** The server-side name of the prepared statement (one per pooled connection, parsed and planned once). */
const STATEMENT_NAME = 'workestra_outbox_once_many';

/** Most messages one statement stores; a larger turn's are split into several statements. */
const MAX_BATCH = 64;

/** The input column (and placeholder) of a ledger or outbox field. */
const ledgerInput = (field: string) => `ledger_${field}`;
const outboxInput = (field: string) => `outbox_${field}`;

/**
 * The statement's text and parameters, built once from drizzle with placeholders. Every field
 * arrives as one array (`unnest` turns them into the `input` rows), so one prepared statement
 * serves any number of messages. `won` claims the keys with the claim's own conflict clause
 * (`claimConflict`), in key order so that two statements never lock the same keys in opposite
 * orders; `stored` inserts the outbox rows of the won keys; the result is `won`'s columns under
 * their property names.
 */
function buildStatement(dialect: Dialect) {
  const inputs = [
    ...ledgerColumns.map(([field, c]) => [ledgerInput(field), c] as const),
    ...outboxColumns.map(([field, c]) => [outboxInput(field), c] as const),
  ];
  const arrays = sql.join(
    inputs.map(([name, c]) => sql`${sql.placeholder(name)}::${sql.raw(c.getSQLType())}[]`),
    sql`, `,
  );
  const inputNames = sql.join(
    inputs.map(([name]) => sql.identifier(name)),
    sql`, `,
  );
  const pick = (names: readonly string[]) =>
    sql.join(
      names.map((name) => sql`input.${sql.identifier(name)}`),
      sql`, `,
    );
  const won = dialect.db
    .insert(messageLedger)
    .select(
      sql`select ${pick(ledgerColumns.map(([f]) => ledgerInput(f)))} from input order by input.${sql.identifier(ledgerInput('key'))}`,
    )
    .onConflictDoUpdate(claimConflict(messageLedger, 'sent'))
    .returning();
  const ledgerSelection = sql.join(
    ledgerColumns.map(([field, c]) => sql`${sql.identifier(c.name)} as ${sql.identifier(field)}`),
    sql`, `,
  );
  const outboxTargets = sql.join(
    outboxColumns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  return new PgDialect().sqlToQuery(
    sql`with input as (select * from unnest(${arrays}) as input(${inputNames})), won as (${won.getSQL()}), stored as (insert into ${outboxMessages} (${outboxTargets}) select ${pick(outboxColumns.map(([f]) => outboxInput(f)))} from input join won on won.${sql.identifier(messageLedger.key.name)} = input.${sql.identifier(ledgerInput('key'))}) select ${ledgerSelection} from won`,
  );
}

interface Pending {
  readonly claim: MessageClaim;
  readonly message: OutboxMessage;
  readonly now: number;
  readonly resolve: (won: MessageRecord | null) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `appendOutboxOnce`'s writes on PostgreSQL: claims each key as `sent` and stores its message in
 * ONE statement, so the claim and the stored message commit together or not at all, as with an
 * explicit transaction, but in one round trip instead of four (BEGIN, claim, insert, COMMIT).
 *
 * The calls made in one turn of the event loop (the emails of one claimed batch of jobs, which
 * run together) share one statement and so one round trip and one commit: each message is still
 * claimed on its own (a key is won when new or `failed`, and a taken key returns no row), and a
 * key asked for twice in a turn goes in a later statement, so it meets its own earlier claim. A
 * concurrent claimer waits on the key's row lock and then finds it taken (no row returned), or,
 * if the winner rolled back, wins itself. When a shared statement fails, each of its messages is
 * tried again alone, so one bad message cannot fail the others. The statement is built once and
 * sent as a named prepared statement on `pool`.
 * The returned function resolves the won row, or null when the key was not claimable.
 */
export function outboxOnce(dialect: Dialect, pool: pg.Pool): ClaimAndStore {
  const { sql: text, params } = buildStatement(dialect);

  const run = async (batch: readonly Pending[]): Promise<Map<string, MessageRecord>> => {
    const columns: Record<string, unknown[]> = {};
    for (const [field] of ledgerColumns) columns[ledgerInput(field)] = [];
    for (const [field] of outboxColumns) columns[outboxInput(field)] = [];
    for (const { claim, message, now } of batch) {
      const ledger = claimRow(claim, now, 'sent') as Record<string, unknown>;
      const outbox = outboxRow(message) as Record<string, unknown>;
      // Each value in the driver's form (`to` as JSON text), as drizzle would send it.
      for (const [field, c] of ledgerColumns)
        columns[ledgerInput(field)]!.push(driverValue(c, ledger[field]));
      for (const [field, c] of outboxColumns)
        columns[outboxInput(field)]!.push(driverValue(c, outbox[field]));
    }
    const result = await pool.query<Record<string, unknown>>({
      name: STATEMENT_NAME,
      text,
      values: fillPlaceholders(params, columns),
    });
    // The driver's values (a bigint arrives as a string) become the schema's, as drizzle maps them.
    const won = new Map<string, MessageRecord>();
    for (const raw of result.rows) {
      const mapped = Object.fromEntries(
        ledgerColumns.map(([field, c]) => [
          field,
          raw[field] === null || raw[field] === undefined ? null : c.mapFromDriverValue(raw[field]),
        ]),
      ) as LedgerRow;
      won.set(mapped.key, toMessageRecord(mapped));
    }
    return won;
  };

  const settle = async (batch: readonly Pending[]): Promise<void> => {
    try {
      const won = await run(batch);
      for (const p of batch) p.resolve(won.get(p.claim.key) ?? null);
    } catch (error) {
      if (batch.length === 1) return void batch[0]!.reject(error);
      for (const p of batch) await settle([p]);
    }
  };

  let pending: Pending[] = [];
  const flush = async (): Promise<void> => {
    let rest = pending;
    pending = [];
    // Each round takes every key's first call, in statements of at most MAX_BATCH run side by
    // side; a key asked for again waits for the next round, so it meets its own earlier claim.
    while (rest.length > 0) {
      const keys = new Set<string>();
      const round: Pending[] = [];
      const later: Pending[] = [];
      for (const p of rest) {
        if (keys.has(p.claim.key)) later.push(p);
        else {
          keys.add(p.claim.key);
          round.push(p);
        }
      }
      const statements: Promise<void>[] = [];
      for (let at = 0; at < round.length; at += MAX_BATCH)
        statements.push(settle(round.slice(at, at + MAX_BATCH)));
      await Promise.all(statements);
      rest = later;
    }
  };

  return (claim, message, now) =>
    new Promise<MessageRecord | null>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ claim, message, now, resolve, reject });
    });
}

const driverValue = (column: Column, value: unknown): unknown =>
  value === null || value === undefined ? null : column.mapToDriverValue(value);
