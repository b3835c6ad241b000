/**
 * The waits between attempts of one delivery, declared once: after the first failure 1 minute,
 * then 5 and 30 minutes, 2, 6, 12 and 24 hours; eight attempts over about two days in all.
 *
 * @example
 * ```ts
 * import { WEBHOOK_RETRY_DELAYS_MS } from '@workestra/crm-bridge';
 * WEBHOOK_RETRY_DELAYS_MS.length + 1; // 8 attempts
 * ```
 */
export const WEBHOOK_RETRY_DELAYS_MS = Object.freeze([
  60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
] as const);

/**
 * How long to wait after failed attempt number `attempt` (1-based) before the next one, or null
 * when the schedule is used up and the delivery has failed for good. Adds up to 10% random jitter
 * so deliveries that failed together (a receiver outage) do not all return at once, and never
 * waits less than the receiver's `Retry-After` when one is given (up to the longest wait, 24 h).
 *
 * @example
 * ```ts
 * import { webhookBackoff } from '@workestra/crm-bridge';
 * webhookBackoff(1, { random: () => 0 }); // 60000
 * webhookBackoff(2, { random: () => 0, retryAfterMs: 600_000 }); // 600000
 * webhookBackoff(8); // null: give up
 * ```
 */
export function webhookBackoff(
  attempt: number,
  options: { readonly retryAfterMs?: number | null; readonly random?: () => number } = {},
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError('attempt counts from 1');
  const nominal = WEBHOOK_RETRY_DELAYS_MS[attempt - 1];
  if (nominal === undefined) return null;
  const r = Math.min(1, Math.max(0, (options.random ?? Math.random)()));
  const delay = nominal + Math.floor((r * nominal) / 10);
  const longest = WEBHOOK_RETRY_DELAYS_MS[WEBHOOK_RETRY_DELAYS_MS.length - 1] ?? nominal;
  return Math.max(delay, Math.min(options.retryAfterMs ?? 0, longest));
}
