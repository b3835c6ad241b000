import { CalendarProviderError } from './errors.js';

/**
 * Timeouts, retries and the busy cache of an adapter. Time is injected: `now` for the cache and
 * HTTP-date `Retry-After`, `sleep` for the waits between attempts, `timer` for call timeouts,
 * and `random` for the jitter, so tests drive time themselves and never sleep.
 *
 * @example
 * ```ts
 * const resilience: ResilienceOptions = { timeoutMs: 10_000, maxAttempts: 4, busyCacheMs: 30_000 };
 * ```
 */
export interface ResilienceOptions {
  /** Each HTTP call is aborted after this long (default 10 s). */
  readonly timeoutMs?: number;
  /** Attempts per call, the first included (default 4). */
  readonly maxAttempts?: number;
  /** First backoff step (default 250 ms); it doubles per attempt, with full jitter. */
  readonly baseDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included (default 30 s); a longer `Retry-After` ends the retries. */
  readonly maxDelayMs?: number;
  /** How long a busy answer is served again for the same connection and range (default 30 s; 0 turns the cache off). */
  readonly busyCacheMs?: number;
  /** The clock (default `Date.now`). */
  readonly now?: () => number;
  /** Waits `ms` between attempts (default a `setTimeout`). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Resolves after `ms`, the timeout of one call; may resolve early once `signal` aborts (the call ended). */
  readonly timer?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A number in `[0, 1)` for the jitter (default `Math.random`). */
  readonly random?: () => number;
}

/** {@link ResilienceOptions} with every default filled in. */
export type Resilience = Required<ResilienceOptions>;

const realDelay = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** Fills in the defaults of {@link ResilienceOptions}. */
export function resolveResilience(options: ResilienceOptions = {}): Resilience {
  return {
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    busyCacheMs: options.busyCacheMs ?? 30_000,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => realDelay(ms, new AbortController().signal)),
    timer: options.timer ?? realDelay,
    random: options.random ?? Math.random,
  };
}

/** How a provider adapter reads a failed attempt. */
export type AttemptVerdict =
  | { readonly kind: 'retry'; readonly status: number | null; readonly retryAfterMs: number | null }
  | { readonly kind: 'auth' }
  | { readonly kind: 'fail'; readonly error: Error };

/**
 * Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or null when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Runs `attempt` with a timeout on each try, retrying what `classify` calls retryable with
 * exponential backoff and full jitter (or the provider's `Retry-After`), at most `maxAttempts`
 * times. A refused token is asked for once more with `refresh: true`; refused again, the call
 * ends with `CALENDAR_AUTH_EXPIRED`. Anything still failing ends with `CALENDAR_UNAVAILABLE`.
 */
export async function withRetries<T>(
  resilience: Resilience,
  what: string,
  attempt: (signal: AbortSignal, refresh: boolean) => Promise<T>,
  classify: (error: unknown) => AttemptVerdict,
): Promise<T> {
  let refresh = false;
  let last: unknown = null;
  let lastStatus: number | null = null;
  // `n` counts attempts that may be retried; the one extra try with a fresh token is not one.
  for (let n = 1; n <= resilience.maxAttempts;) {
    let verdict: AttemptVerdict;
    try {
      return await withTimeout(resilience, (signal) => attempt(signal, refresh));
    } catch (error) {
      last = error;
      verdict = error instanceof TimeoutSignal ? timeoutVerdict : classify(error);
    }
    if (verdict.kind === 'fail') throw verdict.error;
    if (verdict.kind === 'auth') {
      if (refresh)
        throw new CalendarProviderError(
          'CALENDAR_AUTH_EXPIRED',
          `${what}: the access token was refused`,
          { cause: last, status: 401 },
        );
      refresh = true;
      continue; // a fresh token is worth one more try at once
    }
    lastStatus = verdict.status;
    if (n === resilience.maxAttempts) break;
    const backoff = Math.min(
      resilience.maxDelayMs,
      resilience.random() * resilience.baseDelayMs * 2 ** (n - 1),
    );
    const wait = verdict.retryAfterMs ?? backoff;
    if (wait > resilience.maxDelayMs) break; // the provider asks for longer than we may wait
    await resilience.sleep(wait);
    n++;
  }
  throw new CalendarProviderError(
    'CALENDAR_UNAVAILABLE',
    `${what}: the provider did not answer after ${resilience.maxAttempts} attempt(s)`,
    { cause: last, status: lastStatus },
  );
}

class TimeoutSignal extends Error {
  override readonly name = 'TimeoutSignal';
}

const timeoutVerdict: AttemptVerdict = { kind: 'retry', status: null, retryAfterMs: null };

/** Runs `fn` with an abort signal that fires after `timeoutMs` (by the injected `timer`). */
async function withTimeout<T>(
  resilience: Resilience,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const call = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  void resilience.timer(resilience.timeoutMs, timer.signal).then(() => {
    if (timer.signal.aborted) return; // the call ended first
    timedOut = true;
    call.abort(new TimeoutSignal('timed out'));
  });
  try {
    return await fn(call.signal);
  } catch (error) {
    if (timedOut)
      throw new TimeoutSignal(`timed out after ${resilience.timeoutMs} ms`, { cause: error });
    throw error;
  } finally {
    timer.abort();
  }
}
