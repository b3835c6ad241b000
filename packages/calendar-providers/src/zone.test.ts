import { describe, expect, it } from 'vitest';
import { instantOfWallTime } from './zone.js';

describe('instantOfWallTime', () => {
  it('reads a day start and a time in a zone', () => {
    expect(instantOfWallTime('2026-11-04', 'Europe/Berlin')).toBe(
      Date.parse('2026-11-03T23:00:00Z'),
    );
    expect(instantOfWallTime('2026-07-01T09:30:00.0000000', 'America/New_York')).toBe(
      Date.parse('2026-07-01T13:30:00Z'),
    );
    expect(instantOfWallTime('2026-07-01T09:30', 'UTC')).toBe(Date.parse('2026-07-01T09:30:00Z'));
    expect(instantOfWallTime('next tuesday', 'UTC')).toBeNaN();
  });

  // Regression: a day that starts in a gap. Santiago moved its clocks from 00:00 to 01:00 on
  // 2026-09-06, so that day's first instant is 01:00 local (04:00Z), not a time that never was.
  it('starts a day that begins in a daylight-saving gap at its first real instant', () => {
    expect(instantOfWallTime('2026-09-06', 'America/Santiago')).toBe(
      Date.parse('2026-09-06T04:00:00Z'),
    );
  });

  // Regression: a day that starts twice. Havana turns its clocks back from 01:00 to 00:00 on
  // 2026-11-01, so midnight happens at -04:00 and again at -05:00; the day starts at the first.
  it('starts a day that begins in an ambiguous hour at the earlier instant', () => {
    expect(instantOfWallTime('2026-11-01', 'America/Havana')).toBe(
      Date.parse('2026-11-01T04:00:00Z'),
    );
  });
});
