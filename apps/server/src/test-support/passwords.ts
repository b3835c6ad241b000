import type { ScryptParams } from '../auth/password.js';

/**
 * Cheap scrypt for tests (the OWASP default costs most of a second per hash, and tests sign up a
 * lot). `auth/password.test.ts` checks the default itself.
 */
export const TEST_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

/**
 * Made by the previous implementation (`scrypt$N$r$p$salt$hash`, base64url, N=16384) for the
 * password `correct horse battery`: such hashes are in databases and must keep working.
 */
export const LEGACY_HASH =
  'scrypt$16384$8$1$d29ya2VzdHJhLWxlZ2FjeQ$6_nMCavT2QY_gJ8uiF8xZmesB65rGSUXtNuRs1KfLns';
