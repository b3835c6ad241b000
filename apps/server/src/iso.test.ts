import { describe, expect, it } from 'vitest';
import { daysJson, iso, slotsAnswerJson } from './serialize.js';

/** A seeded PRNG (mulberry32): the same values on every run, so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const YEAR_10000 = 253_402_300_800_000;

describe('iso', () => {
  it('equals toISOString for random instants across the whole supported range', () => {
    const next = random(20261207);
    const mismatches: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      // Uniform over years 1970..9999, and dense runs within one day to exercise the day cache.
      const ms =
        i % 2 === 0
          ? Math.floor(next() * YEAR_10000)
          : 1_790_000_000_000 + Math.floor(next() * 3 * DAY_MS);
      if (iso(ms) !== new Date(ms).toISOString()) mismatches.push(ms);
    }
    expect(mismatches).toEqual([]);
  });

  it('equals toISOString at the edges of days, years and the range', () => {
    const edges = [
      0,
      1,
      999,
      1000,
      59_999,
      60_000,
      3_599_999,
      3_600_000,
      DAY_MS - 1,
      DAY_MS,
      951_782_400_000, // 2000-02-29
      4_107_542_400_000 - 1, // 2100-02-28T23:59:59.999Z
      4_107_542_400_000,
      YEAR_10000 - 1,
      YEAR_10000,
      YEAR_10000 + 1,
      -1,
      -DAY_MS,
      -62_198_755_200_000, // year 0
      8.64e15,
      -8.64e15,
      1.5,
      1_790_000_000_000.7,
      -0.5,
    ];
    for (const ms of edges) expect(iso(ms), String(ms)).toBe(new Date(ms).toISOString());
    // The day cache is not fooled by alternating days.
    for (const ms of [DAY_MS + 5, 5, DAY_MS + 6, 2 * DAY_MS - 1, DAY_MS - 1]) {
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('throws as toISOString does for values that are no instant', () => {
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, 8.64e15 + 1]) {
      expect(() => iso(ms)).toThrow(RangeError);
    }
  });
});

describe('slotsAnswerJson', () => {
  it('is exactly JSON.stringify of the answer built with daysJson', () => {
    const next = random(7);
    const days = Array.from({ length: 31 }, (_, d) => ({
      date: `2026-12-${String(d + 1).padStart(2, '0')}`,
      slots: Array.from({ length: Math.floor(next() * 20) }, () => {
        const start = 1_796_000_000_000 + Math.floor(next() * 40 * DAY_MS);
        return { start, end: start + 1_800_000 };
      }),
    }));
    for (const timeZone of ['America/New_York', 'UTC', 'Etc/GMT+5', 'a"b\\c\u2028']) {
      expect(slotsAnswerJson(timeZone, days)).toBe(
        JSON.stringify({ timeZone, days: daysJson(days) }),
      );
    }
    expect(slotsAnswerJson('UTC', [])).toBe(JSON.stringify({ timeZone: 'UTC', days: [] }));
    expect(JSON.parse(slotsAnswerJson('UTC', days))).toEqual({
      timeZone: 'UTC',
      days: daysJson(days),
    });
  });
});
