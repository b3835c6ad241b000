import type { ResilienceOptions } from './resilience.js';

/**
 * Time the tests drive: `sleep` records each wait and returns at once, `timer` (the call
 * timeout) waits until the test calls `fireTimeouts()`, `now` reads a clock the test moves.
 */
export function manualTime(overrides: ResilienceOptions = {}) {
  const sleeps: number[] = [];
  const pending = new Set<() => void>();
  let now = Date.parse('2026-11-01T00:00:00Z');
  const options: ResilienceOptions = {
    timeoutMs: 10_000,
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 20_000,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timer: (_ms, signal) =>
      new Promise<void>((resolve) => {
        const done = () => {
          pending.delete(done);
          resolve();
        };
        pending.add(done);
        signal.addEventListener('abort', done);
      }),
    ...overrides,
  };
  return {
    options,
    sleeps,
    advance: (ms: number) => {
      now += ms;
    },
    /** Ends every running call's timeout now. */
    fireTimeouts: () => {
      for (const done of [...pending]) done();
    },
  };
}

/** A seeded pseudo-random sequence in [0, 1) (a 32-bit linear congruential generator), so failure patterns repeat. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** What a browser does on an emulator's consent page: load it, submit its form as `account`. */
export async function consent(url: string, account: string): Promise<URL> {
  const page = await fetch(url);
  if (page.status !== 200 || !(await page.text()).includes('<form method="post">'))
    throw new Error(`no consent form at ${url} (${page.status})`);
  const form = new URL(url).searchParams;
  form.set('account', account);
  const answer = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
  if (answer.status !== 302) throw new Error(`consent answered ${answer.status}, not a redirect`);
  return new URL(answer.headers.get('location') ?? '');
}
