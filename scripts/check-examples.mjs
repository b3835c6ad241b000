#!/usr/bin/env node
// Checks the code people copy: every ```js/```ts block of the READMEs and every `@example` of the
// packages' JSDoc. README blocks are type-checked (ts) and run to completion with the built
// packages; a block whose fence says `ts check` (a test file, a server that never exits) is only
// type-checked. JSDoc examples are type-checked against the built packages with the names of
// scripts/examples-context.d.ts in scope (the conventional `store`, `booking`, `now`, ...), so an
// example that calls a function that no longer exists, or with the wrong shape, fails CI.
//
// Usage: node scripts/check-examples.mjs   (after `npm run build`)

import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const READMES = ['README.md', 'packages', 'apps', 'examples'].flatMap((entry) =>
  entry.endsWith('.md')
    ? [entry]
    : readdirSync(join(root, entry)).map((name) => join(entry, name, 'README.md')),
);
const LANGS = new Set(['js', 'javascript', 'mjs', 'ts', 'typescript']);

/** Fenced blocks of a Markdown file: `{ lang, flags, code, line }`. */
function fencedBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)?(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    blocks.push({
      lang: open[1] ?? '',
      flags: open[2].trim().split(/\s+/).filter(Boolean),
      code: lines.slice(i + 1, end).join('\n'),
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}

/** `@example` blocks of a source file's JSDoc, with the `*` margins removed. */
function jsdocExamples(source) {
  const examples = [];
  const re =
    /@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```(?:ts|typescript|js)?\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```/g;
  for (let match; (match = re.exec(source));) {
    const code = match[2]
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n');
    examples.push({ code, line: source.slice(0, match.index).split('\n').length });
  }
  return examples;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|test-utils\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** Relative imports in a README block are relative to the README; make them absolute. */
function absolutiseImports(code, fromDir) {
  return code.replace(
    /(from\s+['"])(\.{1,2}\/[^'"]+)(['"])/g,
    (_, a, spec, b) => a + join(fromDir, spec) + b,
  );
}

const work = mkdtempSync(join(tmpdir(), 'workestra-examples-'));
symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
const failures = [];
const runs = [];
const checked = [];

for (const readme of READMES) {
  let markdown;
  try {
    markdown = readFileSync(join(root, readme), 'utf8');
  } catch {
    continue;
  }
  const dir = dirname(join(root, readme));
  for (const block of fencedBlocks(markdown).filter((b) => LANGS.has(b.lang))) {
    const ts = block.lang.startsWith('t');
    const name = `readme_${readme.replace(/\W+/g, '_')}_${block.line}.${ts ? 'mts' : 'mjs'}`;
    const file = join(work, name);
    writeFileSync(file, absolutiseImports(block.code, dir) + '\nexport {};\n');
    const where = `${readme}:${block.line}`;
    if (ts) checked.push({ file, where });
    if (!block.flags.includes('check')) runs.push({ file, where, ts });
  }
}

/**
 * Every public name of every package entry, from the named barrels (`export { a, type B } from`):
 * `[{ specifier: '@workestra/store', names: [...] }]`. The entries come from each package.json's
 * `exports` map (each `./dist/<name>.js` is built from the `<name>.ts` beside `index.ts`).
 */
function publicEntries(pkg) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports ?? {})
    .filter(([key]) => key !== './package.json')
    .map(([key, target]) => {
      const built = JSON.stringify(target).match(/\.\/dist\/([\w/-]+)\.js/)?.[1] ?? 'index';
      const source = readFileSync(join(root, 'packages', pkg, 'src', `${built}.ts`), 'utf8');
      const names = [];
      for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
        for (const part of m[1].split(',')) {
          const name = part
            .replace(/^\s*type\s+/, '')
            .split(/\s+as\s+/)
            .pop()
            .trim();
          if (name) names.push(name);
        }
      }
      for (const m of source.matchAll(
        /export\s+(?:async\s+)?(?:function|const|class|interface|type)\s+(\w+)/g,
      )) {
        names.push(m[1]);
      }
      return { pkg, specifier: manifest.name + key.slice(1), names };
    });
}

const entries = readdirSync(join(root, 'packages')).flatMap(publicEntries);

/** Imports every public name an example uses without importing it: its own package's first. */
function autoImports(pkg, code) {
  const taken = new Set(
    [...code.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}/gm)].flatMap((m) =>
      m[1].split(',').map((n) =>
        n
          .replace(/^\s*type\s+/, '')
          .split(/\s+as\s+/)
          .pop()
          .trim(),
      ),
    ),
  );
  const lines = [];
  const ordered = [
    ...entries.filter((e) => e.pkg === pkg),
    ...entries.filter((e) => e.pkg !== pkg),
  ];
  for (const entry of ordered) {
    const names = entry.names.filter((n) => !taken.has(n) && new RegExp(`\\b${n}\\b`).test(code));
    names.forEach((n) => taken.add(n));
    if (names.length > 0) lines.push(`import { ${names.join(', ')} } from '${entry.specifier}';`);
  }
  const node = ['randomBytes', 'createHash'].filter(
    (n) => !taken.has(n) && new RegExp(`\\b${n}\\b`).test(code),
  );
  if (node.length > 0) lines.push(`import { ${node.join(', ')} } from 'node:crypto';`);
  return lines;
}

let exampleCount = 0;
for (const pkg of readdirSync(join(root, 'packages'))) {
  for (const path of sourceFiles(join(root, 'packages', pkg, 'src'))) {
    const rel = relative(root, path);
    for (const example of jsdocExamples(readFileSync(path, 'utf8'))) {
      exampleCount++;
      const file = join(work, `jsdoc_${rel.replace(/\W+/g, '_')}_${example.line}.mts`);
      // Each example is its own module: a script body inside an async function, so `await` works
      // and names it declares stay its own.
      const imports = [
        ...(example.code.match(/^import .*;$/gm) ?? []),
        ...autoImports(pkg, example.code),
      ];
      const body = example.code.replace(/^import .*;$/gm, '');
      writeFileSync(
        file,
        `${imports.join('\n')}\nexport async function example(): Promise<void> {\n${body}\n}\n`,
      );
      checked.push({ file, where: `${rel}:${example.line}` });
    }
  }
}

// Type-check everything in one program.
writeFileSync(
  join(work, 'tsconfig.json'),
  JSON.stringify({
    extends: join(root, 'tsconfig.base.json'),
    compilerOptions: {
      noEmit: true,
      declaration: false,
      noUnusedLocals: false,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
    },
    files: [join(root, 'scripts/examples-context.d.ts'), ...checked.map((c) => c.file)],
  }),
);
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', work],
  {
    encoding: 'utf8',
  },
);
if (tsc.status !== 0) {
  const byFile = new Map(checked.map((c) => [c.file, c.where]));
  for (const line of tsc.stdout.split('\n').filter(Boolean)) {
    const file = line.split('(')[0];
    const where = byFile.get(resolve(work, file)) ?? byFile.get(file);
    failures.push(`${where ?? file}: ${line.slice(line.indexOf(':') + 1).trim()}`);
  }
}

// Run README blocks, each in a scratch directory of its own (they may create a SQLite file).
for (const run of runs) {
  const cwd = join(work, `${relative(work, run.file)}.cwd`);
  mkdirSync(cwd);
  const args = run.ts ? ['--import', 'tsx', run.file] : [run.file];
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    failures.push(`${run.where}: exited ${result.status ?? result.signal}\n${result.stderr}`);
  }
}

rmSync(work, { recursive: true, force: true });
console.log(
  `examples: ${checked.length} type-checked (${exampleCount} JSDoc), ${runs.length} README blocks run`,
);
if (failures.length > 0) {
  console.error(failures.join('\n'));
  console.error(`\n${failures.length} example problem(s)`);
  process.exit(1);
}
