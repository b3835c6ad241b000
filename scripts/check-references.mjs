#!/usr/bin/env node
// The repository explains itself: every file path a tracked file mentions (a source file under
// packages/, `docs/architecture.md`, `BENCH.md`) must exist in the repository, so comments and docs never
// point at something that is not here. Paths are resolved from the repository root, then from
// the mentioning file's folder and its package. Build output (`dist/`) is made, not kept: skipped.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => /\.(ts|tsx|mjs|js|md|json|yml|css|html)$|^\.ci\/run$/.test(file))
  .filter(
    (file) => !/(^|\/)(package-lock\.json|CHANGELOG\.md)$|\/migrations\/|^\.changeset\//.test(file),
  );

// A path inside the repo (top folder + segments + extension), or a bare upper-case Markdown name.
const PATH =
  /(?<![\w@/.-])((?:packages|apps|examples|docs|scripts|tooling|src)\/[\w./-]*\w\.(?:ts|tsx|mjs|js|md|json|sql|png))(?![\w-])/g;
const DOC = /(?<![\w/.-])([A-Z][A-Z_-]+\.md)\b/g;

function candidates(file, mention) {
  const folder = dirname(file);
  const pkg = file.split('/').slice(0, 2).join('/');
  return [mention, join(folder, mention), join(pkg, mention)].map((p) => join(root, p));
}

const basenames = new Set(tracked.map((file) => file.split('/').pop()));
const missing = [];
for (const file of tracked) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const re of [PATH, DOC]) {
    for (const match of text.matchAll(re)) {
      const mention = match[1];
      // Build output and local data are made by commands, not kept in the repository.
      if (/(^|\/)(dist|node_modules|data|test-results)\//.test(mention)) continue;
      if (re === DOC && basenames.has(mention)) continue;
      if (candidates(file, mention).some((p) => existsSync(p))) continue;
      const line = text.slice(0, match.index).split('\n').length;
      missing.push(`${file}:${line}: mentions ${mention}, which is not in the repository`);
    }
  }
}

if (missing.length > 0) {
  console.error(missing.join('\n'));
  process.exit(1);
}
console.log(`references: ${tracked.length} files, every mentioned path exists`);
