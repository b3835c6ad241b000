import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from '../schema/sqlite.js';

/** The drizzle handle of one better-sqlite3 connection. Queries run synchronously underneath. */
export type SqliteDb = BetterSQLite3Database<typeof schema>;
