import { StoreError } from './errors.js';

/** The npm package of each dialect's driver: optional peer dependencies of `@workestra/store`. */
export const DRIVER_PACKAGES = { sqlite: 'better-sqlite3', postgres: 'pg' } as const;

/** Whether `error` is Node's "module not found" for `packageName` itself (ESM or CommonJS). */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${packageName}'`)
  );
}

/**
 * Imports a dialect's driver, then drizzle's module and migrator for it (which import the driver
 * too), turning "the driver package is not installed" into `StoreError('DRIVER_MISSING')` that
 * names the package to install. Drivers load only here, when a store of their dialect is opened,
 * never when an entry is imported.
 */
export async function loadDriver<Driver, Orm, Migrator>(
  dialect: keyof typeof DRIVER_PACKAGES,
  driver: () => Promise<{ default: Driver }>,
  orm: () => Promise<Orm>,
  migrator: () => Promise<Migrator>,
): Promise<{ driver: Driver; orm: Orm; migrator: Migrator }> {
  const packageName = DRIVER_PACKAGES[dialect];
  try {
    const { default: loaded } = await driver();
    return { driver: loaded, orm: await orm(), migrator: await migrator() };
  } catch (error) {
    if (!isMissingPackage(error, packageName)) throw error;
    throw new StoreError(
      'DRIVER_MISSING',
      `The ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} driver is not installed: ` +
        `run \`npm install ${packageName}\` (an optional peer dependency of @workestra/store).`,
      { cause: error },
    );
  }
}
