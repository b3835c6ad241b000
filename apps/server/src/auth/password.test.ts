import { describe, expect, it } from 'vitest';
import { LEGACY_HASH, TEST_SCRYPT_PARAMS } from '../test-support/passwords.js';
import { createPasswordHasher, OWASP_SCRYPT_PARAMS } from './password.js';

const fast = createPasswordHasher(TEST_SCRYPT_PARAMS);

describe('password hashing', () => {
  it("uses OWASP's scrypt parameters by default (N=2^17, r=8, p=1), stored in the hash", async () => {
    expect(OWASP_SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const passwords = createPasswordHasher();
    expect(passwords.params).toEqual(OWASP_SCRYPT_PARAMS);
    const stored = await passwords.hash('correct horse battery');
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    // Any hasher verifies it with the parameters it carries, and reports it current only to OWASP's.
    expect(await passwords.verify('correct horse battery', stored)).toEqual({
      ok: true,
      needsRehash: false,
    });
    expect(await fast.verify('correct horse battery', stored)).toEqual({
      ok: true,
      needsRehash: true,
    });
  });

  it('verifies legacy hashes and asks for them to be rehashed', async () => {
    expect(await fast.verify('correct horse battery', LEGACY_HASH)).toEqual({
      ok: true,
      needsRehash: true,
    });
    expect(await fast.verify('correct horse batteries', LEGACY_HASH)).toEqual({
      ok: false,
      needsRehash: false,
    });
  });

  it('salts every hash and treats NFKC-equivalent passwords as one', async () => {
    const a = await fast.hash('Ｐassword one');
    expect(a).not.toBe(await fast.hash('Ｐassword one'));
    expect((await fast.verify('Password one', a)).ok).toBe(true);
    expect(await fast.verify('Password one', a)).toEqual({ ok: true, needsRehash: false });
  });

  it('refuses malformed hashes and parameters out of bounds without deriving anything', async () => {
    const good = await fast.hash('pw');
    const [, , , salt, key] = good.split('$');
    for (const stored of [
      '',
      'plaintext',
      `$scrypt$ln=30,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=10,r=999,p=1$${salt}$${key}`,
      `$scrypt$ln=10,r=8,p=99$${salt}$${key}`,
      `$scrypt$ln=10,r=8,p=1$${salt}$AAAA`,
      `$scrypt$ln=10,r=8,p=1$$${key}`,
      'scrypt$1073741824$8$1$d29ya2VzdHJhLWxlZ2FjeQ$6_nMCavT2QY_gJ8uiF8xZmesB65rGSUXtNuRs1KfLns',
      'scrypt$16385$8$1$d29ya2VzdHJhLWxlZ2FjeQ$6_nMCavT2QY_gJ8uiF8xZmesB65rGSUXtNuRs1KfLns',
      '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    ])
      expect(await fast.verify('pw', stored), stored).toEqual({ ok: false, needsRehash: false });
    expect(() => createPasswordHasher({ N: 1000, r: 8, p: 1 })).toThrow(/out of bounds/);
  });

  it('costs a verification for unknown accounts too', async () => {
    expect(await fast.verifyNothing('anything')).toBe(false);
  });
});
