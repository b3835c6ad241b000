#!/usr/bin/env node
// What maintainers publish is what users get: pack every public package with `npm pack`, install
// the tarballs into a scratch project outside the workspace, and import each one from ESM and
// from CommonJS, checking that its named exports are there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const scratch = join(tmpdir(), `workestra-pack-smoke-${process.pid}`);
rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(scratch, 'tarballs'), { recursive: true });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => !pkg.private);

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const tarballs = packages.map(({ dir, pkg }) => {
  const out = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', join(scratch, 'tarballs')], dir),
  );
  console.log(
    `packed ${pkg.name}: ${out[0].filename} (${out[0].entryCount} files, ${(out[0].size / 1024).toFixed(1)} KB)`,
  );
  return join(scratch, 'tarballs', out[0].filename);
});

writeFileSync(
  join(scratch, 'package.json'),
  JSON.stringify(
    { name: 'pack-smoke', private: true, allowScripts: { 'better-sqlite3': true } },
    null,
    2,
  ),
);
// Install every tarball together so workspace dependencies resolve to the packed versions.
// vitest is the optional peer of the `/testing` subpaths (contract suites for adapter authors).
run(
  'npm',
  ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'vitest@~4.1.12'],
  scratch,
);

let failures = 0;
for (const { pkg } of packages) {
  const expect = Object.keys(pkg.exports ?? { '.': null }).filter((k) => k !== './package.json');
  for (const sub of expect) {
    const spec = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
    const esm = `import * as m from '${spec}'; const keys = Object.keys(m).filter(k => k !== 'default'); if (keys.length === 0) throw new Error('no exports'); console.log('esm ${spec}: ' + keys.length + ' exports');`;
    const cjs = `const m = require('${spec}'); const keys = Object.keys(m); if (keys.length === 0) throw new Error('no exports'); console.log('cjs ${spec}: ' + keys.length + ' exports');`;
    const target = pkg.exports?.[sub];
    const esmOnly =
      typeof target === 'object' &&
      target !== null &&
      !('require' in target) &&
      !('default' in target);
    const modes = esmOnly
      ? [['--input-type=module', esm]]
      : [
          ['--input-type=module', esm],
          ['--input-type=commonjs', cjs],
        ];
    for (const [flag, code] of modes) {
      try {
        process.stdout.write(run('node', [flag, '-e', code], scratch));
      } catch {
        failures++;
        console.error(`FAILED: ${flag} import of ${spec}`);
      }
    }
  }
}
// @workestra/store's drivers are optional peers, so none is installed here: each entry must still
// import (above), and opening a store must say which package to install, from ESM and CommonJS.
const driverCases = [
  ['@workestra/store', 'openStore', "':memory:'", 'better-sqlite3'],
  ['@workestra/store', 'openStore', "'postgres://smoke@127.0.0.1:1/smoke'", 'pg'],
  ['@workestra/store/sqlite', 'openSqliteStore', "{ filename: ':memory:' }", 'better-sqlite3'],
  [
    '@workestra/store/postgres',
    'openPostgresStore',
    "{ connectionString: 'postgres://smoke@127.0.0.1:1/smoke' }",
    'pg',
  ],
];
for (const [spec, fn, arg, driver] of driverCases) {
  const check = `.${fn}(${arg}).then(() => { throw new Error('opened without ${driver}'); }, (e) => { if (e.code !== 'DRIVER_MISSING' || !e.message.includes('npm install ${driver}')) throw e; console.log('${spec} ${fn}: DRIVER_MISSING names ${driver}'); })`;
  for (const [flag, code] of [
    ['--input-type=module', `await (await import('${spec}'))${check};`],
    [
      '--input-type=commonjs',
      `require('${spec}')${check}.catch((e) => { console.error(e); process.exitCode = 1; });`,
    ],
  ]) {
    try {
      process.stdout.write(run('node', [flag, '-e', code], scratch));
    } catch {
      failures++;
      console.error(`FAILED: ${flag} ${spec} ${fn} without ${driver}`);
    }
  }
}

rmSync(scratch, { recursive: true, force: true });
if (failures > 0) {
  console.error(`pack-smoke: ${failures} import(s) failed`);
  process.exit(1);
}
console.log(
  `pack-smoke: ${packages.length} package(s) install from their tarballs and import from ESM and CommonJS`,
);
