export { openPostgresStore } from './pg/open.js';
export type { PostgresStoreHandle, PostgresStoreOptions } from './pg/open.js';
