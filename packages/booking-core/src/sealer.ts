import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { TokenSealer } from './ports.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A {@link TokenSealer} with AES-256-GCM under a 32-byte server key: `v1.<base64url(iv | ciphertext
 * | tag)>`, a fresh random 96-bit IV per seal. `open` throws on a wrong key or any tampering (the
 * GCM tag is checked). Keep the key out of the database: the point is that a database dump alone
 * does not reveal the reschedule/cancel tokens sealed into job payloads.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { createAesGcmSealer } from '@workestra/booking-core';
 *
 * const sealer = createAesGcmSealer(randomBytes(32));
 * const sealed = sealer.seal('token'); // 'v1.…'
 * sealer.open(sealed); // 'token'
 * ```
 */
export function createAesGcmSealer(key: Uint8Array): TokenSealer {
  if (key.length !== 32) throw new Error('createAesGcmSealer needs a 32-byte key');
  const secret = Buffer.from(key);
  return Object.freeze({
    seal(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(sealed: string): string {
      const [version, data, extra] = sealed.split('.');
      if (version !== VERSION || data === undefined || extra !== undefined)
        throw new Error('not a sealed value');
      const bytes = Buffer.from(data, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const body = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  });
}
