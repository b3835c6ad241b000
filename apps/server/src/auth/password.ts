import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost parameters: `N` (CPU/memory cost, a power of two), `r` (block size), `p`
 * (parallelism). Memory per hash is about `128 * N * r` bytes.
 *
 * @example
 * ```ts
 * const cheap: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }; // tests only
 * ```
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1 (128 MiB, under a
 * second per hash). What new hashes use, and what older hashes are upgraded to at sign-in.
 */
export const OWASP_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/**
 * What a stored hash may ask for: a row with absurd parameters (a tampered database) must not make
 * one sign-in allocate gigabytes or spin for minutes. Anything outside is a failed verification.
 */
const LIMITS = { log2N: [1, 20], r: [1, 32], p: [1, 16], keyBytes: [16, 64], saltBytes: [8, 64] };

/** A stored hash, parsed. */
interface Parsed {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
  /** The pre-2026 `scrypt$N$r$p$salt$hash` (base64url) format, always upgraded. */
  readonly legacy: boolean;
}

/** PHC string encoding: standard base64 without padding. */
const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

const within = (value: number, [min, max]: readonly number[]): boolean =>
  Number.isInteger(value) && value >= (min as number) && value <= (max as number);

function isAcceptable({ params, salt, key }: Parsed): boolean {
  return (
    within(Math.log2(params.N), LIMITS.log2N) &&
    within(params.r, LIMITS.r) &&
    within(params.p, LIMITS.p) &&
    within(key.length, LIMITS.keyBytes) &&
    within(salt.length, LIMITS.saltBytes)
  );
}

/**
 * Reads `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (the PHC string format, base64 salt and key) or the
 * legacy `scrypt$16384$8$1$<salt>$<key>` (base64url); `undefined` for anything else.
 */
function parse(stored: string): Parsed | undefined {
  const phc =
    /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
      stored,
    );
  if (phc) return parsed(phc, (ln) => 2 ** ln, 'base64', false);
  const legacy = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (legacy) return parsed(legacy, (n) => n, 'base64url', true);
  return undefined;
}

/** The parts of a matched hash: `[, cost, r, p, salt, key]`, the cost read by `toN`. */
function parsed(
  match: RegExpExecArray,
  toN: (cost: number) => number,
  encoding: 'base64' | 'base64url',
  legacy: boolean,
): Parsed {
  const [cost, r, p, salt, key] = match.slice(1) as [string, string, string, string, string];
  return {
    params: { N: toN(Number(cost)), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, encoding),
    key: Buffer.from(key, encoding),
    legacy,
  };
}

/** node:crypto's scrypt with `maxmem` sized for the parameters (its 32 MiB default is below N=2^15, r=8). */
function derive(
  password: string,
  salt: Buffer,
  keyBytes: number,
  params: ScryptParams,
): Promise<Buffer> {
  const { N, r, p } = params;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyBytes,
      { N, r, p, maxmem: 128 * r * (N + p + 2) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** The outcome of {@link PasswordHasher.verify}. */
export interface PasswordCheck {
  readonly ok: boolean;
  /**
   * The password was right but the stored hash is in the legacy format or uses other parameters
   * than the hasher's: store `hash(password)` in its place.
   */
  readonly needsRehash: boolean;
}

/**
 * Hashes passwords with scrypt into self-describing strings, and checks them.
 *
 * @example
 * ```ts
 * const passwords = createPasswordHasher();
 * const stored = await passwords.hash('correct horse battery'); // '$scrypt$ln=17,r=8,p=1$...'
 * const { ok, needsRehash } = await passwords.verify('correct horse battery', stored);
 * ```
 */
export interface PasswordHasher {
  /** The parameters new hashes use. */
  readonly params: ScryptParams;
  /** `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>` with a fresh 16-byte salt. */
  hash(password: string): Promise<string>;
  /**
   * Constant-time check of `password` against a stored hash of either format, with the parameters
   * stored in it. A malformed hash, or one with parameters out of bounds, is `ok: false`.
   */
  verify(password: string, stored: string): Promise<PasswordCheck>;
  /**
   * Costs what checking a real account costs, for sign-ins to unknown emails: a miss must not
   * answer faster than a wrong password. Always `false`.
   */
  verifyNothing(password: string): Promise<false>;
}

/**
 * A {@link PasswordHasher} with `params` (default {@link OWASP_SCRYPT_PARAMS}). Tests may pass cheaper
 * parameters; stored hashes keep theirs and verify whatever the hasher's.
 *
 * @example
 * ```ts
 * const passwords = createPasswordHasher(); // OWASP parameters
 * const fast = createPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }); // tests only
 * ```
 */
export function createPasswordHasher(params: ScryptParams = OWASP_SCRYPT_PARAMS): PasswordHasher {
  const log2N = Math.log2(params.N);
  if (!within(log2N, LIMITS.log2N) || !within(params.r, LIMITS.r) || !within(params.p, LIMITS.p))
    throw new Error(`scrypt parameters out of bounds: ${JSON.stringify(params)}`);
  let dummy: Promise<string> | undefined;

  const hash = async (password: string): Promise<string> => {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, KEY_BYTES, params);
    return `$scrypt$ln=${log2N},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
  };

  const verify = async (password: string, stored: string): Promise<PasswordCheck> => {
    const parsed = parse(stored);
    if (!parsed || !isAcceptable(parsed)) return { ok: false, needsRehash: false };
    const key = await derive(password, parsed.salt, parsed.key.length, parsed.params);
    const ok = timingSafeEqual(key, parsed.key);
    const same =
      parsed.params.N === params.N && parsed.params.r === params.r && parsed.params.p === params.p;
    return { ok, needsRehash: ok && (parsed.legacy || !same || parsed.key.length !== KEY_BYTES) };
  };

  return {
    params,
    hash,
    verify,
    verifyNothing: async (password) => {
      await verify(password, await (dummy ??= hash('not-a-real-password')));
      return false;
    },
  };
}
