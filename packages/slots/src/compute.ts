import { hostSlotStarts, type HostPlan } from './engine.js';
import { SlotsError } from './errors.js';
import { toEpochMs } from './instants.js';
import { resolvePolicy } from './policy.js';
import { compileRules } from './rules.js';
import type { Slot, SlotInput, TeamSlot, TeamSlotInput } from './types.js';
import { workMeter, type WorkMeter } from './work.js';

const MAX_RANGE_MS = 3660 * 86_400_000;

/** Reads and checks `from`, `to`, `now`. */
export function readRange(input: {
  from: SlotInput['from'];
  to: SlotInput['to'];
  now: SlotInput['now'];
}): { from: number; to: number; now: number } {
  const from = toEpochMs(input.from, 'from');
  const to = toEpochMs(input.to, 'to');
  const now = toEpochMs(input.now, 'now');
  if (to < from) throw new SlotsError('INVALID_RANGE', 'to', 'must not be before from');
  if (to - from > MAX_RANGE_MS)
    throw new SlotsError('INVALID_RANGE', 'to', 'the range may span at most 3660 days');
  return { from, to, now };
}

/** Reads `limit`: a positive whole number, or unset for no limit. */
function readLimit(limit: unknown): number {
  if (limit === undefined) return Infinity;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
    throw new SlotsError(
      'INVALID_OPTION',
      'limit',
      `must be a whole number of at least 1, got ${String(limit)}`,
    );
  return limit;
}

/**
 * One host's bookable slots that start in `[from, to)`, in time order.
 *
 * Every slot is exactly `durationMinutes` long in real time, lies inside one window of the host's
 * day (wall-clock time in `rules.timeZone`), starts on that window's step grid counted in real time
 * from the window's start instant, keeps `[start - bufferBefore, end + bufferAfter)` clear of all
 * busy time and of existing bookings widened by the buffers, starts no earlier than
 * `now + minimumNotice`, on a host-local date no later than today + `maxDaysAhead`, and on a date
 * with fewer than `dailyCap` bookings.
 *
 * @example
 * ```ts
 * import { computeSlots } from '@workestra/slots';
 *
 * const slots = computeSlots({
 *   rules: { timeZone: 'America/New_York', weekly: { monday: [{ start: '09:00', end: '12:00' }] } },
 *   policy: { durationMinutes: 30, bufferAfterMinutes: 10 },
 *   busy: [{ start: '2026-11-02T15:00:00Z', end: '2026-11-02T15:30:00Z' }],
 *   from: '2026-11-02T00:00:00Z',
 *   to: '2026-11-03T00:00:00Z',
 *   now: '2026-11-01T12:00:00Z',
 * });
 * slots.map((s) => new Date(s.start).toISOString());
 * // 14:00Z and 14:30Z were cut by the buffer before the 15:00 busy time... see README
 * ```
 */
export function computeSlots(input: SlotInput): Slot[] {
  return computeSlotsMetered(input, workMeter());
}

/** {@link computeSlots}, counting its work into `meter` (for the tests' work bounds). */
export function computeSlotsMetered(input: SlotInput, meter: WorkMeter): Slot[] {
  const { from, to, now } = readRange(input);
  const limit = readLimit(input.limit);
  const policy = resolvePolicy(input.policy);
  const plan: HostPlan = {
    rules: compileRules(input.rules, 'rules', meter),
    busy: input.busy,
    bookings: input.bookings,
    field: '',
  };
  const starts = hostSlotStarts(plan, policy, from, to, now, limit, meter);
  const out: Slot[] = new Array(starts.length);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    out[i] = { start, end: start + policy.duration };
  }
  return out;
}

/**
 * Slots for a team. `round-robin`: every start at which at least one host is free, with all hosts
 * free for it (in input order) so the caller can pick one; `collective`: only starts that every
 * host offers, i.e. when all of them can attend.
 *
 * @example
 * ```ts
 * import { computeTeamSlots } from '@workestra/slots';
 *
 * const weekly = { tuesday: [{ start: '09:00', end: '17:00' }] };
 * const slots = computeTeamSlots({
 *   mode: 'round-robin',
 *   hosts: [
 *     { hostId: 'ana', rules: { timeZone: 'Europe/Berlin', weekly } },
 *     { hostId: 'ben', rules: { timeZone: 'Europe/London', weekly } },
 *   ],
 *   from: '2026-11-03T00:00:00Z', to: '2026-11-04T00:00:00Z', now: '2026-11-01T00:00:00Z',
 * });
 * slots[0]; // { start: 1793692800000, end: 1793694600000, hostIds: ['ana'] } (08:00Z = 09:00 Berlin)
 * ```
 */
export function computeTeamSlots(input: TeamSlotInput): TeamSlot[] {
  const { from, to, now } = readRange(input);
  const policy = resolvePolicy(input.policy);
  if (input.mode !== 'round-robin' && input.mode !== 'collective') {
    throw new SlotsError('INVALID_HOSTS', 'mode', 'must be "round-robin" or "collective"');
  }
  if (!Array.isArray(input.hosts) || input.hosts.length === 0)
    throw new SlotsError('INVALID_HOSTS', 'hosts', 'must list at least one host');
  const ids = new Set<string>();
  const collective = input.mode === 'collective';
  // Collective: the starts offered by every host so far. Each next host is asked only for the
  // span those starts cover (its slots there are the same: they do not depend on the range), and
  // once none is left the rest are only checked, so bad input still fails as it would otherwise.
  let common: Float64Array | undefined;
  const lists: Float64Array[] = [];
  input.hosts.forEach((host, i) => {
    if (typeof host?.hostId !== 'string' || host.hostId.length === 0)
      throw new SlotsError('INVALID_HOSTS', `hosts[${i}].hostId`, 'must be a non-empty string');
    if (ids.has(host.hostId))
      throw new SlotsError(
        'INVALID_HOSTS',
        `hosts[${i}].hostId`,
        `"${host.hostId}" is listed twice`,
      );
    ids.add(host.hostId);
    const plan: HostPlan = {
      rules: compileRules(host.rules, `hosts[${i}].rules`),
      busy: host.busy,
      bookings: host.bookings,
      field: `hosts[${i}].`,
    };
    if (!collective) lists.push(hostSlotStarts(plan, policy, from, to, now));
    else if (common === undefined) common = hostSlotStarts(plan, policy, from, to, now);
    else if (common.length === 0) hostSlotStarts(plan, policy, from, from, now);
    else {
      const last = common[common.length - 1] as number;
      common = intersect(common, hostSlotStarts(plan, policy, common[0] as number, last + 1, now));
    }
  });
  const hostIds = input.hosts.map((h) => h.hostId);
  if (!collective) return union(lists, hostIds, policy.duration);
  const starts = common as Float64Array;
  const out: TeamSlot[] = new Array(starts.length);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    out[i] = { start, end: start + policy.duration, hostIds: hostIds.slice() };
  }
  return out;
}

/**
 * k-way merge of sorted start lists into slots carrying the hosts that offer each start. One scan
 * of the hosts' next starts per slot finds the earliest start and the hosts at it, in input order.
 */
function union(
  lists: readonly Float64Array[],
  hostIds: readonly string[],
  duration: number,
): TeamSlot[] {
  const k = lists.length;
  const pos = new Int32Array(k);
  // The next start of each host (Infinity once its list is done), read in one tight scan.
  const next = new Float64Array(k);
  for (let h = 0; h < k; h++) {
    const list = lists[h] as Float64Array;
    next[h] = list.length > 0 ? (list[0] as number) : Infinity;
  }
  const at = new Int32Array(k);
  const out: TeamSlot[] = [];
  for (;;) {
    let min = Infinity;
    let count = 0;
    for (let h = 0; h < k; h++) {
      const head = next[h] as number;
      if (head < min) {
        min = head;
        at[0] = h;
        count = 1;
      } else if (head === min) {
        at[count++] = h;
      }
    }
    if (min === Infinity) return out;
    const free: string[] = new Array(count);
    for (let c = 0; c < count; c++) {
      const h = at[c] as number;
      free[c] = hostIds[h] as string;
      const list = lists[h] as Float64Array;
      const p = (pos[h] as number) + 1;
      pos[h] = p;
      next[h] = p < list.length ? (list[p] as number) : Infinity;
    }
    out.push({ start: min, end: min + duration, hostIds: free });
  }
}

/** Starts present in both sorted lists. */
function intersect(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(Math.min(a.length, b.length));
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const start = a[i] as number;
    while (j < b.length && (b[j] as number) < start) j++;
    if (b[j] === start) out[n++] = start;
  }
  return out.subarray(0, n);
}
