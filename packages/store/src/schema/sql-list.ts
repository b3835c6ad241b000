import { type SQL, sql } from 'drizzle-orm';

/** `('a', 'b')` for a check constraint, from a list declared once in code. */
export function sqlList(values: readonly string[]): SQL {
  return sql.raw(`(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`);
}
