import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The server's 32-byte secret (seals self-service tokens into email jobs): `SECRET_KEY` when set;
 * otherwise `$DATA_DIR/secret.key`, created on first start with mode 0600. A single instance may
 * rely on the file; several instances sharing a database must all be given the same SECRET_KEY.
 *
 * @example
 * ```ts
 * const key = loadSecretKey({ secretKey: process.env.SECRET_KEY, dataDir: './data' });
 * ```
 */
export function loadSecretKey(options: { secretKey: string | undefined; dataDir: string }): {
  key: Buffer;
  source: 'env' | 'file' | 'generated';
} {
  if (options.secretKey) return { key: Buffer.from(options.secretKey, 'base64'), source: 'env' };
  const path = join(options.dataDir, 'secret.key');
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${path} does not hold 32 base64-encoded bytes`);
    return { key, source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // `wx`: never overwrite a key another process wrote meanwhile.
  try {
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretKey(options);
    throw error;
  }
  chmodSync(path, 0o600);
  return { key, source: 'generated' };
}
