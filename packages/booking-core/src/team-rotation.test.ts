/**
 * Property tests of `pickTeamMember`: each guarantee its JSDoc states, checked by replaying
 * bounded runs of picks on a link that starts with no bookings, recording every pick as the
 * booking store would (count + 1, latest booking time = the pick's turn).
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isBookingError } from './errors.js';
import { pickTeamMember, type RotationMember } from './team-rotation.js';

const START = Date.parse('2026-11-02T09:00:00Z');

/**
 * Generous per-test budget: the runs below are bounded by pick counts, not by time; this only
 * keeps a slow machine from failing them.
 */
const TIMEOUT = 60_000;

/** Member ids in member order. */
const idsOf = (n: number): string[] => Array.from({ length: n }, (_, i) => `host_${i}`);

interface Run {
  /** The id picked at each turn (null when nobody was eligible). */
  readonly picks: (string | null)[];
  /** The members' final state, in member order. */
  readonly members: RotationMember[];
  /** For each turn, the eligible set and the state just before the pick. */
  readonly turns: { eligible: ReadonlySet<string>; before: RotationMember[] }[];
}

/**
 * Plays `turns` picks over members of the given weights, with `eligibleAt(turn)` the eligible
 * ids at each turn, recording each pick on the chosen member.
 */
function play(
  weights: readonly number[],
  turns: number,
  eligibleAt: (turn: number, ids: readonly string[]) => ReadonlySet<string>,
  onPick?: (members: readonly RotationMember[]) => void,
): Run {
  const ids = idsOf(weights.length);
  let members: RotationMember[] = ids.map((hostId, i) => ({
    hostId,
    weight: weights[i],
    bookedCount: 0,
    lastBookedAt: null,
  }));
  const picks: (string | null)[] = [];
  const played: Run['turns'] = [];
  for (let turn = 0; turn < turns; turn += 1) {
    const eligible = eligibleAt(turn, ids);
    const picked = pickTeamMember({ members, eligible });
    played.push({ eligible, before: members });
    picks.push(picked);
    members = members.map((m) =>
      m.hostId === picked
        ? { ...m, bookedCount: m.bookedCount + 1, lastBookedAt: START + turn }
        : m,
    );
    onPick?.(members);
  }
  return { picks, members, turns: played };
}

const everyone = (_turn: number, ids: readonly string[]): ReadonlySet<string> => new Set(ids);

const countsOf = (members: readonly RotationMember[]): number[] =>
  members.map((m) => m.bookedCount);
const spread = (counts: readonly number[]): number => Math.max(...counts) - Math.min(...counts);

/** Random member state: any counts, weights and booking times, unique ids in member order. */
const membersArb = fc
  .array(
    fc.record({
      weight: fc.integer({ min: 1, max: 20 }),
      bookedCount: fc.integer({ min: 0, max: 50 }),
      lastBookedAt: fc.option(fc.integer({ min: START, max: START + 1_000 }), { nil: null }),
    }),
    { minLength: 0, maxLength: 8 },
  )
  .map((rows) => rows.map((row, i): RotationMember => ({ hostId: `host_${i}`, ...row })));

describe('pickTeamMember on any state', () => {
  propTest.prop([membersArb, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })], {
    numRuns: 500,
  })(
    'picks an eligible member, and null exactly when nobody is eligible',
    (members, flags) => {
      const eligible = new Set(members.filter((_, i) => flags[i]).map((m) => m.hostId));
      eligible.add('host_not_a_member');
      const picked = pickTeamMember({ members, eligible });
      const anyEligible = members.some((m) => eligible.has(m.hostId));
      expect(picked === null).toBe(!anyEligible);
      if (picked !== null) {
        expect(eligible.has(picked)).toBe(true);
        expect(members.some((m) => m.hostId === picked)).toBe(true);
      }
    },
    TIMEOUT,
  );

  propTest.prop([membersArb, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })], {
    numRuns: 500,
  })(
    'picks the first eligible member by (count + 1) / weight, then oldest booking, then order',
    (members, flags) => {
      const eligible = new Set(members.filter((_, i) => flags[i]).map((m) => m.hostId));
      const picked = pickTeamMember({ members, eligible });
      const candidates = members.filter((m) => eligible.has(m.hostId));
      const key = (m: RotationMember): [number, number, number] => [
        (m.bookedCount + 1) / (m.weight ?? 1),
        m.lastBookedAt ?? -Infinity,
        members.indexOf(m),
      ];
      const sorted = [...candidates].sort((a, b) => {
        const [ka, kb] = [key(a), key(b)];
        return ka[0] - kb[0] || (ka[1] === kb[1] ? 0 : ka[1] < kb[1] ? -1 : 1) || ka[2] - kb[2];
      });
      expect(picked).toBe(sorted[0]?.hostId ?? null);
    },
    TIMEOUT,
  );

  propTest.prop([membersArb, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })], {
    numRuns: 200,
  })(
    'answers the same for the same input (no hidden state)',
    (members, flags) => {
      const eligible = new Set(members.filter((_, i) => flags[i]).map((m) => m.hostId));
      expect(pickTeamMember({ members, eligible })).toBe(pickTeamMember({ members, eligible }));
    },
    TIMEOUT,
  );
});

describe('equal weights, everyone always eligible', () => {
  propTest.prop([fc.integer({ min: 1, max: 12 })], { numRuns: 12 })(
    'a strict rotation in member order, counts within 1 after every one of 1,000 picks',
    (n) => {
      const spreads: number[] = [];
      const run = play(Array<number>(n).fill(1), 1_000, everyone, (members) =>
        spreads.push(spread(countsOf(members))),
      );
      expect(run.picks).toEqual(Array.from({ length: 1_000 }, (_, k) => `host_${k % n}`));
      expect(Math.max(...spreads)).toBeLessThanOrEqual(1);
    },
    TIMEOUT,
  );

  it('takes the least recently booked first, never-booked first in member order', () => {
    const members: RotationMember[] = [
      { hostId: 'host_a', bookedCount: 2, lastBookedAt: START + 30 },
      { hostId: 'host_b', bookedCount: 2, lastBookedAt: START + 10 },
      { hostId: 'host_c', bookedCount: 2, lastBookedAt: START + 20 },
    ];
    const all = new Set(['host_a', 'host_b', 'host_c']);
    expect(pickTeamMember({ members, eligible: all })).toBe('host_b');
    const fresh: RotationMember[] = [
      { hostId: 'host_a', bookedCount: 0, lastBookedAt: null },
      { hostId: 'host_b', bookedCount: 0, lastBookedAt: null },
    ];
    expect(pickTeamMember({ members: fresh, eligible: new Set(['host_a', 'host_b']) })).toBe(
      'host_a',
    );
    expect(pickTeamMember({ members: fresh, eligible: new Set(['host_b']) })).toBe('host_b');
  });
});

describe('weights, everyone always eligible', () => {
  const weightsArb = fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 10 });

  propTest.prop([weightsArb], { numRuns: 60 })(
    'after 1,000 picks each share is within 1 percentage point of its weight share',
    (weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const run = play(weights, 1_000, everyone);
      run.members.forEach((m, i) => {
        expect(Math.abs(m.bookedCount / 1_000 - weights[i]! / total)).toBeLessThanOrEqual(0.01);
      });
    },
    TIMEOUT,
  );

  propTest.prop([weightsArb, fc.integer({ min: 1, max: 1_500 })], { numRuns: 60 })(
    'after N picks each count is within [N w / W - 1, (N + n) w / W]',
    (weights, turns) => {
      const total = weights.reduce((a, b) => a + b, 0);
      const n = weights.length;
      const run = play(weights, turns, everyone);
      run.members.forEach((m, i) => {
        const w = weights[i]!;
        expect(m.bookedCount * total).toBeGreaterThanOrEqual(turns * w - total);
        expect(m.bookedCount * total).toBeLessThanOrEqual((turns + n) * w);
      });
    },
    TIMEOUT,
  );
});

describe('eligibility changing from pick to pick', () => {
  /** Per member: always eligible, or eligible on the turns the seed says. */
  const scenarioArb = fc.record({
    weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
    always: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    availability: fc.array(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), {
      minLength: 1,
      maxLength: 50,
    }),
    equal: fc.boolean(),
  });

  propTest.prop([scenarioArb], { numRuns: 200 })(
    'never picks an ineligible member; members eligible at every pick keep c_i/w_i <= (c_j+1)/w_j',
    ({ weights: drawn, always, availability, equal }) => {
      const weights = equal ? drawn.map(() => 1) : drawn;
      const turns = 400;
      const eligibleAt = (turn: number, ids: readonly string[]): ReadonlySet<string> => {
        const row = availability[turn % availability.length]!;
        return new Set(ids.filter((_, i) => always[i] || row[i]));
      };
      const steady = idsOf(weights.length).filter((_, i) => always[i]);
      const broken: string[] = [];
      const checkSteady = (members: readonly RotationMember[]): void => {
        const kept = members.filter((m) => steady.includes(m.hostId));
        for (const a of kept) {
          for (const b of kept) {
            // a.count / a.weight <= (b.count + 1) / b.weight, on integers
            if (a.bookedCount * b.weight! > (b.bookedCount + 1) * a.weight!) {
              broken.push(`${a.hostId} ahead of ${b.hostId}: ${countsOf(members).join(',')}`);
            }
          }
        }
        if (equal && kept.length > 0 && spread(countsOf(kept)) > 1) {
          broken.push(`spread over 1: ${countsOf(kept).join(',')}`);
        }
      };
      const run = play(weights, turns, eligibleAt, checkSteady);
      expect(broken).toEqual([]);
      run.picks.forEach((picked, turn) => {
        const { eligible } = run.turns[turn]!;
        if (picked === null) expect(eligible.size).toBe(0);
        else expect(eligible.has(picked)).toBe(true);
      });
    },
    TIMEOUT,
  );

  it('a member back from time off catches up on the bookings it is free for', () => {
    // host_1 is out for the first 10 picks, then everyone is free again.
    const run = play(
      [1, 1, 1],
      16,
      (turn, ids) => new Set(turn < 10 ? ids.filter((id) => id !== 'host_1') : ids),
    );
    expect(run.picks.slice(10)).toEqual([
      'host_1',
      'host_1',
      'host_1',
      'host_1',
      'host_1',
      'host_0',
    ]);
    expect(countsOf(run.members)).toEqual([6, 5, 5]);
  });
});

describe('pickTeamMember refuses a malformed member list', () => {
  const bad: [string, RotationMember[], string][] = [
    [
      'zero weight',
      [{ hostId: 'a', weight: 0, bookedCount: 0, lastBookedAt: null }],
      'members[0].weight',
    ],
    [
      'fractional weight',
      [{ hostId: 'a', weight: 1.5, bookedCount: 0, lastBookedAt: null }],
      'members[0].weight',
    ],
    [
      'negative count',
      [{ hostId: 'a', bookedCount: -1, lastBookedAt: null }],
      'members[0].bookedCount',
    ],
    [
      'NaN time',
      [{ hostId: 'a', bookedCount: 0, lastBookedAt: Number.NaN }],
      'members[0].lastBookedAt',
    ],
    [
      'repeated id',
      [
        { hostId: 'a', bookedCount: 0, lastBookedAt: null },
        { hostId: 'a', bookedCount: 0, lastBookedAt: null },
      ],
      'members[1].hostId',
    ],
  ];
  it.each(bad)('%s', (_name, members, path) => {
    let caught: unknown;
    try {
      pickTeamMember({ members, eligible: new Set(['a']) });
    } catch (error) {
      caught = error;
    }
    expect(isBookingError(caught, 'VALIDATION_FAILED')).toBe(true);
    expect((caught as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([path]);
  });
});
