import type { Column, SQL } from 'drizzle-orm';
import type { PgDb } from '../pg/db.js';
import type * as pg from '../schema/pg.js';

/** The tables the shared queries name: one dialect's schema module (`schema/pg.ts` or `schema/sqlite.ts`). */
export type Tables = typeof pg;

/**
 * The database the shared queries are written against. It is typed as drizzle's PostgreSQL
 * database; SQLite's is unified with it in one documented place (`sqlite/dialect.ts`), which is
 * why the shared queries keep to the builder methods both dialects run alike and leave every
 * dialect-only one (`for`, `execute`, JSON functions, collations) to the shims of {@link Dialect}.
 */
export type QueryDb = PgDb;

/**
 * One SQL dialect as the shared queries see it: a drizzle database (the pool, one connection, or
 * an open transaction), its tables, and the few pieces of SQL that differ between SQLite and
 * PostgreSQL. Everything else (`src/queries/*`) is written once over this.
 */
export interface Dialect {
  readonly db: QueryDb;
  readonly tables: Tables;
  /**
   * Whether a job claim's sub-select locks its rows with `FOR UPDATE SKIP LOCKED` (PostgreSQL,
   * where concurrent workers take disjoint jobs without waiting). SQLite has no row locks: its
   * database write lock makes each `UPDATE ... RETURNING` claim atomic instead.
   */
  readonly skipLocked: boolean;
  /** `column` compared in code-unit order, as the other stores compare ids, in any locale. */
  codeUnitOrder(column: Column): SQL;
  /** The `external_refs` JSON of `column` with `system`'s key set to the JSON text `value`, other keys kept. */
  withExternalRef(column: Column, system: string, value: string): SQL;
  /**
   * Whether one of the host ids in the JSON array `column` (a booking's `co_host_ids`) is in
   * `hostIds` (non-empty). SQLite: `EXISTS` over `json_each`; PostgreSQL: `?|`.
   */
  coHostIn(column: Column, hostIds: readonly string[]): SQL;
  /** The outbox's insertion order, newest last: the tie-break of `listOutbox`. */
  readonly outboxInsertOrder: SQL | Column;
}
