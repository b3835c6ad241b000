import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = '@workestra/store';

/**
 * The package root, found by walking up from this module to our own package.json. Works from
 * `src/` (tests), `dist/index.js` (ESM) and `dist/index.cjs` (CJS; tsup shims `import.meta.url`).
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === PACKAGE_NAME) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        `${PACKAGE_NAME}: cannot find the package root (looked above ${fileURLToPath(import.meta.url)})`,
      );
    dir = parent;
  }
}

/** The folder of the drizzle-kit migrations shipped with the package for one dialect. */
export function migrationsFolder(dialect: 'sqlite' | 'pg'): string {
  return join(packageRoot(), 'migrations', dialect);
}
