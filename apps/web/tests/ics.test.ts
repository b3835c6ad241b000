// The "Add to calendar" file: RFC 5545 shape, UTC instants, escaping and line folding.
import { describe, expect, it } from 'vitest';
import { buildIcs, icsDate, icsEscape, icsFold } from '../src/book/ics';

describe('ics', () => {
  it('builds one VEVENT with UTC DTSTART/DTEND and CRLF lines', () => {
    const text = buildIcs({
      id: 'bk_1',
      start: '2026-11-02T14:00:00.000Z',
      end: '2026-11-02T14:30:00.000Z',
      summary: 'Intro; call, with Ana',
      stamp: new Date('2026-10-01T08:09:10.000Z'),
    });
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Workestra//Scheduling//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:bk_1@workestra',
      'DTSTAMP:20261001T080910Z',
      'DTSTART:20261102T140000Z',
      'DTEND:20261102T143000Z',
      'SUMMARY:Intro\\; call\\, with Ana',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('escapes backslashes and newlines', () => {
    expect(icsEscape('a\\b\nc')).toBe('a\\\\b\\nc');
    expect(icsDate('2026-03-29T01:00:00.000Z')).toBe('20260329T010000Z');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = icsFold(line);
    for (const part of folded.split('\r\n'))
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((p, i) => (i ? p.slice(1) : p))
        .join(''),
    ).toBe(line);
  });
});
