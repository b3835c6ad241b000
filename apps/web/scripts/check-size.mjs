#!/usr/bin/env node
// Size budget of the public booking page: every JS file that dist/book.html loads (entry scripts,
// modulepreloads and, transitively, their static and dynamic imports), gzipped, must stay under
// 35 KB. Runs after `vite build`; exits 1 over budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 35 * 1024;
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
    /(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["']([^"']+\.js)["']|import\(\s*["']([^"']+\.js)["']\s*\)/g,
  );
  for (const m of imports) queue.push(toFile(m[1] ?? m[2], file));
  // Vite's preload helper lists dynamic chunks as "assets/x.js" strings.
  for (const m of code.matchAll(/["'](assets\/[\w.-]+\.js)["']/g)) queue.push(join(dist, m[1]));
}

let total = 0;
for (const file of [...seen].sort()) {
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  total += size;
  console.log(`  ${relative(dist, file).padEnd(40)} ${(size / 1024).toFixed(2)} KB gzip`);
}
const verdict = total <= BUDGET ? 'within' : 'OVER';
console.log(
  `book.html JavaScript: ${(total / 1024).toFixed(2)} KB gzip (${seen.size} files), ${verdict} the ${BUDGET / 1024} KB budget`,
);
if (total > BUDGET) process.exit(1);
