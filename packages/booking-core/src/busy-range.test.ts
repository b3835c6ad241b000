import { describe, expect, it } from 'vitest';
import { busyRange } from './busy.js';
import { makeHost, makeLink } from './fixtures.js';

const MIN = 60_000;
const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 2, 9, 0);

describe('busyRange', () => {
  const link = makeLink(makeHost(), {
    durationMinutes: 30,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 15,
    dailyCap: null,
  });

  it('without a daily cap reaches exactly as far as a slot blocked range can', () => {
    expect(busyRange(link, T, T + 1)).toEqual({ from: T - 55 * MIN, to: T + 1 + 55 * MIN });
  });

  it('with a daily cap adds two days each side, for whole host-local days', () => {
    expect(busyRange({ ...link, dailyCap: 3 }, T, T + 1)).toEqual({
      from: T - 55 * MIN - 2 * DAY,
      to: T + 1 + 55 * MIN + 2 * DAY,
    });
  });
});
