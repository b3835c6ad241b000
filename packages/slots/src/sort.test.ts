import { describe, expect, test } from 'vitest';
import { sortNumbers } from './sort.js';

// The radix path only runs from 512 values up and only for whole numbers; check both paths and
// spans that need one, two, three and five 11-bit passes against the native sort.
describe('sortNumbers', () => {
  const spans = [10, 1e6, 5e9, 2 ** 47, 1e15];
  test.each(spans)('matches the native sort for values spanning %d', (span) => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [1, 100, 511, 512, 5000]) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = 1.7e12 + Math.floor((random() - 0.3) * span);
      const expected = Float64Array.from(values).sort();
      expect(Array.from(sortNumbers(values))).toEqual(Array.from(expected));
    }
  });

  test('falls back to the native sort for fractions', () => {
    const values = Float64Array.from({ length: 600 }, (_, i) => ((i * 7919) % 600) + 0.5);
    expect(Array.from(sortNumbers(values))).toEqual(Array.from(values).sort((a, b) => a - b));
  });
});
