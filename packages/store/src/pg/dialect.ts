import { sql } from 'drizzle-orm';
import * as schema from '../schema/pg.js';
import type { Dialect } from '../queries/dialect.js';
import type { PgDb } from './db.js';

/** PostgreSQL as the shared queries see it; `db` is the pool's database or one transaction's. */
export function pgDialect(db: PgDb): Dialect {
  return {
    db,
    tables: schema,
    skipLocked: true,
    // The "C" collation compares ids in code-unit order, like the other stores, in any locale.
    codeUnitOrder: (column) => sql`${column} collate "C"`,
    // `||` replaces this system's key only.
    withExternalRef: (column, system, value) =>
      sql`${column} || jsonb_build_object(${system}::text, ${value}::jsonb)`,
    // `?|`: does any of the array's strings occur as a top-level element of the JSON array.
    coHostIn: (column, hostIds) =>
      sql`${column} ?| array[${sql.join(
        hostIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]`,
    outboxInsertOrder: schema.outboxMessages.id,
  };
}
