import { StoreError } from './errors.js';

/** The npm package of each dialect's driver: optional peer dependencies of `@workestra/store`. */
export const DRIVER_PACKAGES = { sqlite: 'better-sqlite3', postgres: 'pg' } as const;

/** Whether `error` is Node's "module not found" for `packageName` itself (ESM or CommonJS). */
function isMissing(error: unknown, packageName: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${packageName}'`)
  );
}

/**
 * Runs `load` (the dynamic imports of a driver and drizzle's module for it), turning "the driver
 * package is not installed" into `StoreError('DRIVER_MISSING')` that names the package to install.
 * Drivers load only here, when a store of their dialect is opened, never when an entry is imported.
 */
export async function loadDriver<T>(
  dialect: keyof typeof DRIVER_PACKAGES,
  load: () => Promise<T>,
): Promise<T> {
  const packageName = DRIVER_PACKAGES[dialect];
  try {
    return await load();
  } catch (error) {
    if (!isMissing(error, packageName)) throw error;
    throw new StoreError(
      'DRIVER_MISSING',
      `The ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} driver is not installed: ` +
        `run \`npm install ${packageName}\` (an optional peer dependency of @workestra/store).`,
      { cause: error },
    );
  }
}
