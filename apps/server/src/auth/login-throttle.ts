/** How long failed sign-ins count against an account. */
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** How long a client address that signed in to an account stays known to it. */
export const KNOWN_CLIENT_MS = 30 * 24 * 3_600_000;
/** Known client addresses remembered per account (the most recent ones). */
const KNOWN_PER_ACCOUNT = 10;

/** A `Map` kept in insertion order that drops its oldest entries beyond `max`. */
function boundedSet<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}

/**
 * Per-account sign-in throttling, on top of the per-IP rate limit: guessing one account's password
 * from many addresses is slowed too.
 *
 * @example
 * ```ts
 * const throttle = createLoginThrottle({ failuresPerAccount: 10 });
 * const wait = throttle.blockedFor(email, req.ip); // seconds, or 0
 * ```
 */
export interface LoginThrottle {
  /**
   * Seconds until `email` may be tried again from `client`, or 0. An account is blocked once it
   * has `failuresPerAccount` failures in its current 15-minute window, except from an address that
   * signed in to it in the last 30 days.
   */
  blockedFor(email: string, client: string): number;
  /** Counts a failed sign-in: wrong password or unknown email alike. */
  failed(email: string): void;
  /** Remembers `client` as an address this account signs in from. */
  succeeded(email: string, client: string): void;
}

/**
 * A {@link LoginThrottle} in this process's memory (several instances each count their share).
 * Emails must be normalised (trimmed, lowercased) by the caller.
 *
 * Why these rules. Failures are counted per email whether or not an account has it, and a blocked
 * email is refused before its password is checked, so neither the answer nor its timing tells
 * whether the account exists or whether a guess was right. Anyone can fail on anyone's email, so
 * the block would let a stranger lock a host out; addresses the host signed in from recently stay
 * exempt (an attacker cannot choose to come from the host's address), the block ends with its
 * window, and the per-IP rate limit caps how fast one address can fail.
 *
 * At most `maxAccounts` (default 50,000) accounts' counters are kept; making room drops the oldest.
 *
 * @example
 * ```ts
 * const throttle = createLoginThrottle({ failuresPerAccount: 10, now: () => clock.now() });
 * ```
 */
export function createLoginThrottle(options: {
  failuresPerAccount: number;
  now?: () => number;
  maxAccounts?: number;
}): LoginThrottle {
  const now = options.now ?? Date.now;
  const maxAccounts = Math.max(1, options.maxAccounts ?? 50_000);
  const failures = new Map<string, { start: number; count: number }>();
  const known = new Map<string, Map<string, number>>();

  const liveWindow = (email: string, t: number) => {
    const w = failures.get(email);
    return w && t - w.start < FAILURE_WINDOW_MS ? w : undefined;
  };

  return {
    blockedFor(email, client) {
      const t = now();
      const w = liveWindow(email, t);
      if (!w || w.count < options.failuresPerAccount) return 0;
      const seen = known.get(email)?.get(client);
      if (seen !== undefined && t - seen < KNOWN_CLIENT_MS) return 0;
      return Math.max(1, Math.ceil((w.start + FAILURE_WINDOW_MS - t) / 1000));
    },
    failed(email) {
      const t = now();
      const w = liveWindow(email, t);
      if (w) w.count++;
      else boundedSet(failures, email, { start: t, count: 1 }, maxAccounts);
    },
    succeeded(email, client) {
      const clients = known.get(email) ?? new Map<string, number>();
      boundedSet(clients, client, now(), KNOWN_PER_ACCOUNT);
      boundedSet(known, email, clients, maxAccounts);
    },
  };
}
