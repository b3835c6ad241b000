import { bounds, hostSlotStarts, type HostPlan } from './engine.js';
import { toEpochMs } from './instants.js';
import { resolvePolicy, type ResolvedPolicy } from './policy.js';
import { compileRules } from './rules.js';
import type { InstantInput, SlotCheck, SlotInput } from './types.js';
import { workMeter, type WorkMeter } from './work.js';

/** Input of {@link checkSlot}: a host's inputs and the one start to check. */
export interface SlotCheckInput extends Omit<SlotInput, 'from' | 'to' | 'limit'> {
  readonly start: InstantInput;
}

/**
 * The booking-time race guard: is this exact start still a slot {@link computeSlots} would offer?
 * It runs the same engine over a one-millisecond range, so its answer can never disagree with the
 * slot list, and only busy time near the start is looked at. On refusal it names the first rule
 * that fails, in order: notice, horizon, availability, busy, daily cap.
 *
 * @example
 * ```ts
 * import { checkSlot } from '@workestra/slots';
 *
 * const result = checkSlot({
 *   rules: { timeZone: 'Europe/Berlin', weekly: { monday: [{ start: '09:00', end: '17:00' }] } },
 *   bookings: [{ start: '2026-11-02T08:00:00Z', end: '2026-11-02T08:30:00Z' }],
 *   start: '2026-11-02T08:00:00Z',
 *   now: '2026-11-01T00:00:00Z',
 * });
 * result; // { bookable: false, reason: 'BUSY' }
 * ```
 */
export function checkSlot(input: SlotCheckInput): SlotCheck {
  return checkSlotMetered(input, workMeter());
}

/** {@link checkSlot}, counting its work into `meter` (for the tests' work bounds). */
export function checkSlotMetered(input: SlotCheckInput, meter: WorkMeter): SlotCheck {
  const start = toEpochMs(input.start, 'start');
  const now = toEpochMs(input.now, 'now');
  const policy = resolvePolicy(input.policy);
  const rules = compileRules(input.rules, 'rules', meter);
  const plan: HostPlan = { rules, busy: input.busy, bookings: input.bookings, field: '' };
  const offered = (p: HostPlan, pol: ResolvedPolicy): boolean =>
    hostSlotStarts(p, pol, start, start + 1, now, 1, meter)[0] === start;
  if (offered(plan, policy))
    return { bookable: true, slot: { start, end: start + policy.duration } };
  const { lo, hi } = bounds(rules.timeZone, policy, start, start + 1, now);
  if (start < lo) return { bookable: false, reason: 'MIN_NOTICE' };
  if (start >= hi) return { bookable: false, reason: 'BEYOND_MAX_DAYS_AHEAD' };
  const uncapped: ResolvedPolicy = { ...policy, dailyCap: undefined };
  if (!offered({ ...plan, busy: undefined, bookings: undefined }, uncapped))
    return { bookable: false, reason: 'OUTSIDE_AVAILABILITY' };
  if (!offered(plan, uncapped)) return { bookable: false, reason: 'BUSY' };
  return { bookable: false, reason: 'DAILY_CAP_REACHED' };
}
