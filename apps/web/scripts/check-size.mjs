#!/usr/bin/env node
// Size budgets of the public scripts, gzipped: every JS file that dist/book.html loads (entry
// scripts, modulepreloads and, transitively, their static and dynamic imports) must stay under
// 35 KB, and the embed loader dist/embed.js, which customers' pages load, under 3 KB. A visit loads
// one language's catalog at most (assets/locale-*.js, fetched when chosen), so the budget counts
// the largest catalog and not all of them. Runs after both builds; exits 1 when either is over
// its budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 35 * 1024;
const LOADER_BUDGET = 3 * 1024;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'book.html'), 'utf8');

const toFile = (ref, from) => (ref.startsWith('/') ? join(dist, ref) : resolve(dirname(from), ref));

const queue = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.m?js)"/g)].map((m) =>
  toFile(m[1], join(dist, 'book.html')),
);
const seen = new Set();
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  if (!existsSync(file)) throw new Error(`book.html references a missing file: ${file}`);
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  const imports = code.matchAll(
    /(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["']([^"']+\.js)["']|import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g,
  );
  for (const m of imports) queue.push(toFile(m[1] ?? m[2], file));
  // Vite's preload helper lists dynamic chunks as "assets/x.js" strings.
  for (const m of code.matchAll(/["'](assets\/[\w.-]+\.js)["']/g)) queue.push(join(dist, m[1]));
}

const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

const isCatalog = (file) => /^locale-/.test(relative(join(dist, 'assets'), file));
let total = 0;
let largestCatalog = 0;
for (const file of [...seen].sort()) {
  const size = gzipSize(file);
  if (isCatalog(file)) largestCatalog = Math.max(largestCatalog, size);
  else total += size;
  console.log(`  ${relative(dist, file).padEnd(40)} ${(size / 1024).toFixed(2)} KB gzip`);
}
const catalogs = [...seen].filter(isCatalog).length;
if (catalogs < 1) throw new Error('book.html loads no language catalog: check the locale chunks');
total += largestCatalog;
console.log(
  `  (of ${catalogs} language catalogs, the largest counts: ${(largestCatalog / 1024).toFixed(2)} KB)`,
);
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(
  `book.html JavaScript: ${(total / 1024).toFixed(2)} KB gzip (${seen.size} files), ${verdict} the ${BUDGET / 1024} KB budget`,
);

const loader = join(dist, 'embed.js');
if (!existsSync(loader)) throw new Error(`the embed loader is missing: ${loader}`);
const loaderSize = gzipSize(loader);
const loaderVerdict = loaderSize <= LOADER_BUDGET ? 'within' : 'OVER';
console.log(
  `embed.js loader: ${(loaderSize / 1024).toFixed(2)} KB gzip, ${loaderVerdict} the ${LOADER_BUDGET / 1024} KB budget`,
);
if (total > BUDGET || loaderSize > LOADER_BUDGET) process.exit(1);
