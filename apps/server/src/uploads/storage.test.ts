import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDiskStorage,
  newStorageKey,
  STORAGE_KEY_PATTERN,
  StorageKeyError,
} from './storage.js';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'workestra-storage-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('createDiskStorage', () => {
  it('puts, opens and deletes a file by key, counting its bytes', async () => {
    const dir = join(base, 'uploads');
    const storage = createDiskStorage(dir);
    const key = newStorageKey();
    expect(
      await storage.put(key, Readable.from([Buffer.from('hello '), Buffer.from('world')])),
    ).toBe(11);
    expect(await readFile(join(dir, key), 'utf8')).toBe('hello world');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, key))).mode & 0o777).toBe(0o600);
    const stream = await storage.open(key);
    expect(stream && (await text(stream))).toBe('hello world');
    await storage.delete(key);
    expect(await storage.open(key)).toBeNull();
    await storage.delete(key); // already gone: fine
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves nothing behind when the source fails', async () => {
    const dir = join(base, 'uploads');
    const storage = createDiskStorage(dir);
    const key = newStorageKey();
    async function* failing() {
      yield Buffer.alloc(100_000, 1);
      throw new Error('client went away');
    }
    await expect(storage.put(key, Readable.from(failing()))).rejects.toThrow('client went away');
    expect(await readdir(dir)).toEqual([]);
    expect(await storage.open(key)).toBeNull();
  });

  it('refuses keys that are not random ids (no path traversal)', async () => {
    const storage = createDiskStorage(join(base, 'uploads'));
    for (const key of [
      '../../etc/passwd',
      'short',
      '..%2f..%2fsecret.key',
      'a/bcdefghijklmnopq',
      '.part-abcdefghijklmnop',
      'x'.repeat(65),
    ]) {
      await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
        StorageKeyError,
      );
      await expect(storage.open(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(StorageKeyError);
    }
    expect(STORAGE_KEY_PATTERN.test(newStorageKey())).toBe(true);
    expect(newStorageKey()).not.toBe(newStorageKey());
  });

  it('cannot be created inside a served folder', () => {
    expect(() =>
      createDiskStorage(join(base, 'web', 'uploads'), { notUnder: [join(base, 'web')] }),
    ).toThrow(/must not be inside/);
    expect(() => createDiskStorage(join(base, 'web'), { notUnder: [join(base, 'web')] })).toThrow(
      /must not be inside/,
    );
    expect(() =>
      createDiskStorage(join(base, 'data', 'uploads'), { notUnder: [join(base, 'web')] }),
    ).not.toThrow();
  });
});
