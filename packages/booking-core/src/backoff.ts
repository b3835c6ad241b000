/**
 * How retries space out: the `n`-th retry waits about `baseMs * 2^(n-1)`, capped at `maxMs`.
 *
 * @example
 * ```ts
 * const backoff: BackoffOptions = { baseMs: 30_000, maxMs: 3_600_000 };
 * ```
 */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Delay before retrying after failed attempt number `attempt` (1-based): exponential, capped, with
 * "equal jitter" (half fixed, half random) so that jobs failing together do not retry in lockstep
 * yet never retry sooner than half the nominal delay.
 *
 * @example
 * ```ts
 * import { backoffDelay } from '@workestra/booking-core';
 * backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }, () => 0.5); // 3000 (nominal 4000: 2000 + 0.5 * 2000)
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(nominal / 2 + (r * nominal) / 2);
}
