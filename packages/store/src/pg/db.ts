import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type * as schema from '../schema/pg.js';

/** A drizzle handle on the pool or on one transaction's client. */
export type PgDb = PgDatabase<NodePgQueryResultHKT, typeof schema>;
