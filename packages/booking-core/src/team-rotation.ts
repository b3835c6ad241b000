import type { EpochMs } from './domain.js';
import { BookingError, type ValidationIssue } from './errors.js';

/**
 * One member of a team link as {@link pickTeamMember} sees it: its weight on the link and its
 * history of bookings on that link.
 *
 * - `weight`: a positive integer (absent means 1); a member of weight 2 gets twice the bookings
 *   of a member of weight 1 when both are always free.
 * - `bookedCount`: how many bookings this link gave the member (a non-negative integer).
 * - `lastBookedAt`: when the member's latest booking on this link was made, or `null` if never.
 *
 * @example
 * ```ts
 * const member: RotationMember = { hostId: 'host_ana', weight: 2, bookedCount: 7, lastBookedAt: Date.parse('2026-11-02T09:00:00Z') };
 * ```
 */
export interface RotationMember {
  readonly hostId: string;
  readonly weight?: number;
  readonly bookedCount: number;
  readonly lastBookedAt: EpochMs | null;
}

/**
 * What {@link pickTeamMember} chooses from: the link's members in its stable member order (ties
 * are broken by this order, so it must not change between bookings) and the ids of the members
 * who may take this booking (free for the slot and not out of office: the caller decides that).
 * Ids in `eligible` that name no member are ignored.
 *
 * @example
 * ```ts
 * const input: TeamPickInput = {
 *   members: [
 *     { hostId: 'host_ana', bookedCount: 3, lastBookedAt: Date.parse('2026-11-02T09:00:00Z') },
 *     { hostId: 'host_ben', bookedCount: 3, lastBookedAt: Date.parse('2026-11-01T09:00:00Z') },
 *   ],
 *   eligible: new Set(['host_ana', 'host_ben']),
 * };
 * ```
 */
export interface TeamPickInput {
  readonly members: readonly RotationMember[];
  readonly eligible: ReadonlySet<string>;
}

/** Why a member list cannot be rotated over: one issue per bad field. */
function memberIssues(members: readonly RotationMember[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  members.forEach((member, index) => {
    const at = `members[${index}]`;
    if (typeof member.hostId !== 'string' || member.hostId === '') {
      issues.push({ path: `${at}.hostId`, message: 'must be a non-empty string' });
    } else if (seen.has(member.hostId)) {
      issues.push({ path: `${at}.hostId`, message: 'must appear once in the member list' });
    } else {
      seen.add(member.hostId);
    }
    const weight = member.weight ?? 1;
    if (!Number.isSafeInteger(weight) || weight < 1) {
      issues.push({ path: `${at}.weight`, message: 'must be a positive integer' });
    }
    if (!Number.isSafeInteger(member.bookedCount) || member.bookedCount < 0) {
      issues.push({ path: `${at}.bookedCount`, message: 'must be a non-negative integer' });
    }
    if (member.lastBookedAt !== null && !Number.isFinite(member.lastBookedAt)) {
      issues.push({ path: `${at}.lastBookedAt`, message: 'must be an instant in ms or null' });
    }
  });
  return issues;
}

/**
 * Whether member `a` comes before member `b` in the rotation (`ai`, `bi`: their places in the
 * member order). See {@link pickTeamMember} for the rule.
 */
function comesFirst(a: RotationMember, ai: number, b: RotationMember, bi: number): boolean {
  // (a.bookedCount + 1) / wa < (b.bookedCount + 1) / wb, compared exactly on integers.
  const left = BigInt(a.bookedCount + 1) * BigInt(b.weight ?? 1);
  const right = BigInt(b.bookedCount + 1) * BigInt(a.weight ?? 1);
  if (left !== right) return left < right;
  if (a.lastBookedAt !== b.lastBookedAt) {
    if (a.lastBookedAt === null) return true;
    if (b.lastBookedAt === null) return false;
    return a.lastBookedAt < b.lastBookedAt;
  }
  return ai < bi;
}

/**
 * Picks the host of the next booking on a team (round-robin) link. Pure: no I/O, no clock, no
 * randomness; the same input always gives the same answer. Returns `null` exactly when no member
 * is eligible; never returns an ineligible member.
 *
 * The rule: among the eligible members, the one with the lowest `(bookedCount + 1) / weight`
 * (the member furthest behind its share once it takes this booking); on a tie, the least
 * recently booked (`lastBookedAt` earliest, never booked before any booked member); on a further
 * tie, the first in member order.
 *
 * What the rule guarantees (each is a property test in `team-rotation.test.ts`), for a link that
 * starts with no bookings and records each pick (`bookedCount + 1`, `lastBookedAt` = a later time):
 *
 * - Equal weights, every member always eligible: a strict rotation in member order (member
 *   `k mod n` takes pick `k`), which is "least recently booked first, never booked first in member
 *   order"; at any time the members' counts differ by at most 1.
 * - Eligibility changing from pick to pick: the members that are eligible at every pick keep
 *   `c_i / w_i <= (c_j + 1) / w_j` among themselves, whatever the others do; with equal weights
 *   their counts stay within 1 of each other. (A member back from time off has a lower count, so
 *   it takes the next bookings it is free for until it has caught up.)
 * - Any weights, every member always eligible: the invariant `c_i / w_i <= (c_j + 1) / w_j` holds
 *   for every pair after every pick, so after `N` picks on `n` members of total weight `W` each
 *   member has between `N * w_i / W - 1` and `(N + n) * w_i / W` bookings: within one percentage
 *   point of its weight's share after 1,000 picks on up to 10 members.
 *
 * Throws `BookingError` `VALIDATION_FAILED` when a member's weight is not a positive integer, its
 * count is not a non-negative integer, its `lastBookedAt` is not finite, or a host id repeats.
 *
 * @example
 * ```ts
 * import { pickTeamMember } from '@workestra/booking-core';
 * const hostId = pickTeamMember({
 *   members: [
 *     { hostId: 'host_ana', bookedCount: 1, lastBookedAt: Date.parse('2026-11-02T09:00:00Z') },
 *     { hostId: 'host_ben', bookedCount: 0, lastBookedAt: null },
 *     { hostId: 'host_cy', bookedCount: 0, lastBookedAt: null },
 *   ],
 *   eligible: new Set(['host_ana', 'host_cy']), // host_ben is busy at this time
 * }); // 'host_cy'
 * ```
 */
export function pickTeamMember(input: TeamPickInput): string | null {
  const issues = memberIssues(input.members);
  if (issues.length > 0) throw new BookingError('VALIDATION_FAILED', { details: issues });
  let best: RotationMember | null = null;
  let bestIndex = -1;
  input.members.forEach((member, index) => {
    if (!input.eligible.has(member.hostId)) return;
    if (best === null || comesFirst(member, index, best, bestIndex)) {
      best = member;
      bestIndex = index;
    }
  });
  return best === null ? null : (best as RotationMember).hostId;
}
