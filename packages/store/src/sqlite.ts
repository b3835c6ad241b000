export { openSqliteStore } from './sqlite/open.js';
export type { SqliteStoreHandle, SqliteStoreOptions } from './sqlite/open.js';
