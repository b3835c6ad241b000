// The previous release of the engine, for same-run ratios in bench/run.mjs: its sources are read
// from git at the pinned commit, bundled with esbuild into a temporary directory and imported.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The previous release: main before the speed work (the engine as published before it). */
export const BASELINE_COMMIT = '7552344a00d8623728169a88f3fc535cecc25c0c';

const SRC = 'packages/slots/src';

/**
 * `{ url, dir }` of the previous release bundled as one ES module (remove `dir` when done), or
 * `{ error }` saying why it is unavailable (no git, a shallow clone without the commit, ...).
 */
export async function buildBaseline() {
  const here = dirname(fileURLToPath(import.meta.url));
  let dir;
  try {
    const gitIn = (cwd, ...args) =>
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const root = gitIn(here, 'rev-parse', '--show-toplevel').trim();
    // From the top of the repository: git reads tree paths relative to the working directory.
    const git = (...args) => gitIn(root, ...args);
    const files = git('ls-tree', '--name-only', `${BASELINE_COMMIT}:${SRC}`)
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-utils.ts');
    if (!files.includes('index.ts')) throw new Error(`no ${SRC}/index.ts at ${BASELINE_COMMIT}`);
    dir = mkdtempSync(join(tmpdir(), 'slots-baseline-'));
    mkdirSync(join(dir, 'src'));
    for (const file of files)
      writeFileSync(join(dir, 'src', file), git('show', `${BASELINE_COMMIT}:${SRC}/${file}`));
    const { build } = await import('esbuild');
    const outfile = join(dir, 'index.js');
    await build({
      entryPoints: [join(dir, 'src', 'index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile,
      logLevel: 'silent',
      absWorkingDir: root,
    });
    return { url: pathToFileURL(outfile).href, dir };
  } catch (error) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    const message = String(error?.stderr || error?.message || error)
      .trim()
      .split('\n')[0];
    return { error: message };
  }
}
