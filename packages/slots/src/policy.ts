import { MINUTE } from './calendar.js';
import { SlotsError } from './errors.js';
import type { SlotPolicy } from './types.js';

/** A policy with every default filled in and every value in milliseconds where it is a length. */
export interface ResolvedPolicy {
  readonly duration: number;
  readonly step: number;
  readonly bufferBefore: number;
  readonly bufferAfter: number;
  readonly minimumNotice: number;
  readonly maxDaysAhead: number;
  readonly dailyCap: number | undefined;
}

/** Defaults of {@link SlotPolicy}: 30-minute slots, step = duration, no buffers, 30 days ahead. */
export const DEFAULT_POLICY = Object.freeze({
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  maxDaysAhead: 30,
});

function integer(
  value: unknown,
  field: string,
  min: number,
  max: number,
  code: 'INVALID_DURATION' | 'INVALID_OPTION' = 'INVALID_OPTION',
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SlotsError(
      code,
      field,
      `must be a whole number from ${min} to ${max}, got ${String(value)}`,
    );
  }
  return value;
}

const resolved = new WeakMap<SlotPolicy, ResolvedPolicy>();

/** Validates a policy and fills in defaults. Throws `INVALID_DURATION` / `INVALID_OPTION`. */
export function resolvePolicy(policy: SlotPolicy | undefined): ResolvedPolicy {
  const p = policy ?? {};
  const hit = resolved.get(p);
  if (hit) return hit;
  const durationMinutes = integer(
    p.durationMinutes ?? DEFAULT_POLICY.durationMinutes,
    'policy.durationMinutes',
    1,
    480,
    'INVALID_DURATION',
  );
  const out: ResolvedPolicy = {
    duration: durationMinutes * MINUTE,
    step: integer(p.stepMinutes ?? durationMinutes, 'policy.stepMinutes', 1, 1440) * MINUTE,
    bufferBefore:
      integer(p.bufferBeforeMinutes ?? 0, 'policy.bufferBeforeMinutes', 0, 1440) * MINUTE,
    bufferAfter: integer(p.bufferAfterMinutes ?? 0, 'policy.bufferAfterMinutes', 0, 1440) * MINUTE,
    minimumNotice:
      integer(p.minimumNoticeMinutes ?? 0, 'policy.minimumNoticeMinutes', 0, 5_256_000) * MINUTE,
    maxDaysAhead: integer(
      p.maxDaysAhead ?? DEFAULT_POLICY.maxDaysAhead,
      'policy.maxDaysAhead',
      0,
      3650,
    ),
    dailyCap:
      p.dailyCap === undefined ? undefined : integer(p.dailyCap, 'policy.dailyCap', 1, 10_000),
  };
  resolved.set(p, out);
  return out;
}
