// Whole days in a zone as instants (the time-off form): midnight across DST changes, a zone whose
// day starts after a gap at midnight, and offsets that are not whole hours.
import { describe, expect, it } from 'vitest';
import { startOfZonedDay } from '../src/common/time';

const start = (date: string, zone: string) => startOfZonedDay(date, zone).toISOString();

describe('startOfZonedDay', () => {
  it('is midnight on each side of a DST change', () => {
    // Paris springs forward on 2026-03-29 at 02:00 and falls back on 2026-10-25 at 03:00.
    expect(start('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(start('2026-03-30', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(start('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(start('2026-10-26', 'Europe/Paris')).toBe('2026-10-25T23:00:00.000Z');
    expect(start('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(start('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
  });

  it('is the end of the gap when the clocks skip midnight', () => {
    // Santiago goes from 00:00 to 01:00 on 2026-09-06: the day starts at 01:00 (-03).
    expect(start('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(start('2026-09-07', 'America/Santiago')).toBe('2026-09-07T03:00:00.000Z');
  });

  it('follows offsets that are not whole hours, and UTC', () => {
    expect(start('2026-12-07', 'Asia/Kolkata')).toBe('2026-12-06T18:30:00.000Z');
    expect(start('2026-12-07', 'Asia/Kathmandu')).toBe('2026-12-06T18:15:00.000Z');
    expect(start('2026-12-07', 'Pacific/Kiritimati')).toBe('2026-12-06T10:00:00.000Z');
    expect(start('2026-12-07', 'UTC')).toBe('2026-12-07T00:00:00.000Z');
  });
});
