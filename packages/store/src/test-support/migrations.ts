import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from '../migrations-folder.js';
import { openPostgresStore } from '../pg/open.js';
import { openSqliteStore } from '../sqlite/open.js';
import { createTestDatabase, type Dialect, type TestDatabase } from './databases.js';

/**
 * A temporary copy of the dialect's migrations without the one whose tag ends with `tagSuffix`
 * and those after it: a database migrated from it is one from before that change. The caller
 * removes the folder.
 *
 * @example
 * ```ts
 * const folder = migrationsBefore('sqlite', '_team_links');
 * ```
 */
export function migrationsBefore(dialect: 'sqlite' | 'pg', tagSuffix: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'workestra-migrations-'));
  cpSync(migrationsFolder(dialect), dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { tag: string }[];
  };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (at <= 0) throw new Error(`no migration after the first ends with ${tagSuffix}`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

/**
 * A fresh test database migrated up to just before the migration whose tag ends with `tagSuffix`
 * (see {@link migrationsBefore}), its store closed again. The caller drops the database and
 * removes the folder.
 *
 * @example
 * ```ts
 * const { db, folder } = await databaseBefore('sqlite', '_team_links');
 * ```
 */
export async function databaseBefore(
  dialect: Dialect,
  tagSuffix: string,
): Promise<{ db: TestDatabase; folder: string }> {
  const db = await createTestDatabase(dialect);
  const folder = migrationsBefore(dialect === 'sqlite' ? 'sqlite' : 'pg', tagSuffix);
  const old =
    dialect === 'sqlite'
      ? await openSqliteStore({ filename: db.url, migrationsFolder: folder })
      : await openPostgresStore({ connectionString: db.url, migrationsFolder: folder });
  await old.close();
  return { db, folder };
}
