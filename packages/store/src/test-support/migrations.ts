import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from '../migrations-folder.js';

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
