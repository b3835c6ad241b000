import type Database from 'better-sqlite3';

/** How many compiled statements one connection keeps (least recently prepared dropped first). */
const MAX_CACHED_STATEMENTS = 500;

/** The part of a better-sqlite3 statement drizzle calls. */
type Statement = Database.Statement<unknown[], unknown>;

/**
 * `conn` as drizzle sees it, with `prepare` answered from a cache of compiled statements keyed by
 * their SQL text: drizzle prepares every statement it runs, and compiling one costs more than
 * running most of the store's queries. A cached statement is shared by every query of the same
 * text, so each use gets a view of it that sets the row shape it asks for on every call (drizzle
 * asks for arrays through `raw()` and for objects otherwise; better-sqlite3 keeps that mode on the
 * statement). Statements are run to completion synchronously (no `iterate`), so sharing one is
 * safe; SQLite recompiles a cached statement by itself after a schema change. Every other member
 * of `conn` is passed through, bound to it.
 */
export function cachingStatements(conn: Database.Database): Database.Database {
  const cache = new Map<string, Statement>();
  const compiled = (source: string): Statement => {
    let stmt = cache.get(source);
    if (stmt === undefined) {
      stmt = conn.prepare(source);
      cache.set(source, stmt);
      if (cache.size > MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
    }
    return stmt;
  };
  const view = (stmt: Statement) => {
    const asObjects = () => (stmt.reader ? stmt.raw(false) : stmt);
    return {
      get reader() {
        return stmt.reader;
      },
      run: (...params: unknown[]) => stmt.run(...params),
      get: (...params: unknown[]) => asObjects().get(...params),
      all: (...params: unknown[]) => asObjects().all(...params),
      raw: (toggle = true) => {
        if (!toggle) return asObjects();
        return {
          get: (...params: unknown[]) => stmt.raw(true).get(...params),
          all: (...params: unknown[]) => stmt.raw(true).all(...params),
        };
      },
    };
  };
  return new Proxy(conn, {
    get(target, property) {
      if (property === 'prepare') return (source: string) => view(compiled(source));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
