import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded files are kept, by key. Keys are random ids ({@link newStorageKey}); an
 * implementation refuses any other shape ({@link StorageKeyError}), so a key can never name a
 * path outside its storage.
 */
export interface FileStorage {
  /**
   * Stores everything `source` yields under `key` and resolves with the number of bytes. The file
   * appears under `key` only once complete: when `source` fails (or is destroyed), the promise
   * rejects with that error and nothing is left behind.
   */
  put(key: string, source: Readable): Promise<number>;
  /** The stored file's bytes, or null when there is none under `key`. */
  open(key: string): Promise<Readable | null>;
  /** Removes the file under `key`; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** The shape of every storage key: 16 to 64 letters, digits, `_` and `-`. */
export const STORAGE_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A storage key of the wrong shape: a bug in the caller, never a client's input. */
export class StorageKeyError extends Error {
  readonly code = 'INVALID_STORAGE_KEY';
  constructor(key: string) {
    super(`Not a storage key: ${JSON.stringify(key.slice(0, 80))}`);
    this.name = 'StorageKeyError';
  }
}

function checkKey(key: string): string {
  if (!STORAGE_KEY_PATTERN.test(key)) throw new StorageKeyError(key);
  return key;
}

/**
 * A new random storage key: 144 random bits, base64url (24 characters).
 *
 * @example
 * ```ts
 * STORAGE_KEY_PATTERN.test(newStorageKey()); // true
 * ```
 */
export function newStorageKey(): string {
  return randomBytes(18).toString('base64url');
}

/** Whether `path` is `dir` or inside it. */
function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Options of {@link createDiskStorage}. */
export interface DiskStorageOptions {
  /**
   * Folders the storage must not be in (such as the web app that is served): creating one there
   * throws, so an upload can never be reachable by URL.
   */
  readonly notUnder?: readonly string[];
}

/**
 * A {@link FileStorage} in a folder of the local disk (created with mode 0700 on first write):
 * each file is `<dir>/<key>` (mode 0600), written first to a temporary name that no key can have
 * (`.part-...`), then renamed, so a reader never sees half a file. The server keeps it in
 * `<DATA_DIR>/uploads`.
 *
 * @example
 * ```ts
 * import { Readable } from 'node:stream';
 * const storage = createDiskStorage('./data/uploads', { notUnder: ['./apps/web/dist'] });
 * const key = newStorageKey();
 * const bytes = await storage.put(key, Readable.from([Buffer.from('hello')]));
 * ```
 */
export function createDiskStorage(dir: string, options: DiskStorageOptions = {}): FileStorage {
  const root = resolve(dir);
  for (const forbidden of options.notUnder ?? [])
    if (isInside(root, forbidden))
      throw new Error(`The upload folder ${root} must not be inside ${resolve(forbidden)}`);
  let made: Promise<unknown> | undefined;

  return {
    async put(key, source) {
      const path = join(root, checkKey(key));
      await (made ??= mkdir(root, { recursive: true, mode: 0o700 }));
      const temp = join(root, `.part-${key}-${randomBytes(6).toString('hex')}`);
      let bytes = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          callback(null, chunk);
        },
      });
      const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
      try {
        await pipeline(source, count, out);
        await rename(temp, path);
      } catch (error) {
        // The file may still be opening: delete it only once the stream is closed.
        if (!out.closed) {
          const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
          out.destroy();
          await closed;
        }
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      return bytes;
    },

    async open(key) {
      const path = join(root, checkKey(key));
      try {
        const handle = await open(path, 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async delete(key) {
      try {
        await unlink(join(root, checkKey(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
