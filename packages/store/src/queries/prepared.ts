import type { QueryDb } from './dialect.js';

/**
 * The databases that live as long as their store (a SQLite connection, a PostgreSQL pool), as
 * opposed to one transaction's: only their statements are worth building once.
 */
const longLived = new WeakSet<QueryDb>();
/** Per long-lived database, its statements built so far, by name. */
const built = new WeakMap<QueryDb, Map<string, unknown>>();

/** Marks `db` as living as long as its store: {@link preparedOn} keeps its statements. */
export function markLongLived(db: QueryDb): void {
  longLived.add(db);
}

/**
 * The statement `name` on `db`, built by `build` (a drizzle query with `sql.placeholder`s, then
 * `.prepare(name)`): once per long-lived database, so drizzle does not put the SQL together again
 * on every call (and PostgreSQL, given the name, parses and plans it once per pooled connection);
 * on one transaction's database, built on each call (the statement belongs to that transaction's
 * client). `name` must stand for one SQL text: it is PostgreSQL's name of the statement.
 */
export function preparedOn<Q>(db: QueryDb, name: string, build: () => Q): Q {
  if (!longLived.has(db)) return build();
  let statements = built.get(db);
  if (statements === undefined) {
    statements = new Map();
    built.set(db, statements);
  }
  let statement = statements.get(name) as Q | undefined;
  if (statement === undefined) {
    statement = build();
    statements.set(name, statement);
  }
  return statement;
}
