// The Time off page's pure helpers: whole days in the host's zone to the API's instants and back,
// and which form field an API error belongs to.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/common/api';
import { asWholeDays, errorAtField, wholeDays } from '../src/host/time-off-api';

describe('wholeDays', () => {
  it('runs from the first day’s midnight to the midnight after the last day, across DST', () => {
    // Paris springs forward on 2026-03-29: that day has 23 hours.
    expect(wholeDays('2026-03-28', '2026-03-29', 'Europe/Paris')).toEqual({
      start: '2026-03-27T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(wholeDays('2026-12-31', '2026-12-31', 'America/New_York')).toEqual({
      start: '2026-12-31T05:00:00.000Z',
      end: '2027-01-01T05:00:00.000Z',
    });
  });
});

describe('asWholeDays', () => {
  it('reads a range of whole days back as its first and last day', () => {
    const range = { id: 'r', note: null, ...wholeDays('2026-10-24', '2026-10-26', 'Europe/Paris') };
    expect(asWholeDays(range, 'Europe/Paris')).toEqual({
      firstDay: '2026-10-24',
      lastDay: '2026-10-26',
    });
  });

  it('is null when the range does not start and end at the start of a day in the zone', () => {
    const range = { id: 'r', note: null, ...wholeDays('2026-12-24', '2026-12-24', 'UTC') };
    expect(asWholeDays(range, 'Europe/Paris')).toBeNull();
    expect(
      asWholeDays(
        { id: 'r', note: null, start: '2026-12-24T14:00:00Z', end: '2026-12-25T00:00:00Z' },
        'UTC',
      ),
    ).toBeNull();
  });
});

describe('errorAtField', () => {
  it('puts a validation detail at the field its property is entered in', () => {
    const err = (path: string | string[]) =>
      new ApiError(400, 'VALIDATION_FAILED', 'The request is not valid', [
        { path, message: 'must be after start' },
      ]);
    expect(errorAtField(err('end'))).toEqual({ field: 'lastDay', message: 'must be after start' });
    expect(errorAtField(err(['start']))?.field).toBe('firstDay');
    expect(errorAtField(err('note'))?.field).toBe('note');
  });

  it('is null for errors about the whole form', () => {
    expect(errorAtField(new ApiError(0, 'NETWORK', 'offline'))).toBeNull();
    expect(errorAtField(new Error('boom'))).toBeNull();
    expect(
      errorAtField(new ApiError(400, 'VALIDATION_FAILED', 'x', [{ path: '', message: 'y' }])),
    ).toBeNull();
  });
});
