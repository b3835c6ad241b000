import { sql } from 'drizzle-orm';
import * as schema from '../schema/sqlite.js';
import type { Dialect, QueryDb, Tables } from '../queries/dialect.js';
import type { SqliteDb } from './db.js';

/**
 * SQLite as the shared queries see it. The one place where drizzle's two database types are
 * unified: the better-sqlite3 database and `schema/sqlite.ts` are passed on typed as their
 * PostgreSQL counterparts. That holds because
 * - both schemas read and write rows of the same shape (the mappers are typed against both);
 * - the shared queries use only builders that both dialects implement and run alike (select,
 *   insert, update, delete with where/orderBy/limit, `onConflictDo*`, `returning`, `prepare` +
 *   `execute`; better-sqlite3's run synchronously and are awaited like PostgreSQL's);
 * - what only one dialect has is behind {@link Dialect}'s shims, chosen here.
 */
export function sqliteDialect(db: SqliteDb): Dialect {
  return {
    db: db as unknown as QueryDb,
    tables: schema as unknown as Tables,
    // The database write lock serialises writers; SQLite has no row locks to skip.
    skipLocked: false,
    // The BINARY collation already compares text in code-unit order.
    codeUnitOrder: (column) => sql`${column}`,
    withExternalRef: (column, system, value) =>
      sql`json_set(${column}, ${`$."${system}"`}, json(${value}))`,
    coHostIn: (column, hostIds) =>
      sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN (${sql.join(
        hostIds.map((id) => sql`${id}`),
        sql`, `,
      )}))`,
    outboxInsertOrder: sql`rowid`,
  };
}
