import { describe, expect, it } from 'vitest';
import { buildIcs, escapeIcsText, foldIcsLine, type IcsInput } from './ics.js';
import { parseIcs, rawValue } from './test-support/ical.js';

const base: IcsInput = {
  method: 'REQUEST',
  uid: 'b_1@workestra.test',
  sequence: 0,
  dtstamp: Date.parse('2026-11-02T12:00:00.789Z'),
  start: Date.parse('2026-11-09T09:00:00Z'),
  end: Date.parse('2026-11-09T09:30:00Z'),
  summary: 'Intro call',
  organizer: { name: 'Ana', email: 'ana@example.com' },
  attendee: { name: 'Ada', email: 'ada@example.com' },
};

describe('buildIcs', () => {
  it('writes an iTIP REQUEST that ical.js reads back field by field', () => {
    const ics = buildIcs({ ...base, meetingUrl: 'https://meet.example.com/abc-def' });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
    const { calendar, vevent } = parseIcs(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Workestra//Scheduling//EN');
    expect(vevent.getFirstPropertyValue('uid')).toBe('b_1@workestra.test');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('location')).toBe('https://meet.example.com/abc-def');
    expect(rawValue(ics, 'DTSTAMP')).toBe('20261102T120000Z');
    expect(rawValue(ics, 'DTSTART')).toBe('20261109T090000Z');
    expect(rawValue(ics, 'DTEND')).toBe('20261109T093000Z');
    const start = vevent.getFirstPropertyValue('dtstart') as unknown as {
      zone: { tzid: string };
      toJSDate(): Date;
    };
    expect(start.zone.tzid).toBe('UTC');
    expect(start.toJSDate().toISOString()).toBe('2026-11-09T09:00:00.000Z');
    expect(ics).not.toContain('TZID');

    const organizer = vevent.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:ana@example.com');
    expect(organizer?.getParameter('cn')).toBe('Ana');
    const attendee = vevent.getFirstProperty('attendee');
    expect(attendee?.getFirstValue()).toBe('mailto:ada@example.com');
    expect(attendee?.getParameter('rsvp')).toBe('TRUE');
    expect(attendee?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee?.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee?.getParameter('cn')).toBe('Ada');
  });

  it('writes a CANCEL with STATUS:CANCELLED and the SEQUENCE it is given', () => {
    const { calendar, vevent } = parseIcs(buildIcs({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
  });

  it('cannot be injected through names, titles or descriptions', () => {
    const hostile = 'Eve\r\nATTENDEE:mailto:evil@example.com;X=1,\\ "q" :: \nMETHOD:PUBLISH';
    const ics = buildIcs({
      ...base,
      summary: hostile,
      description: `${hostile}\nline two`,
      organizer: { name: hostile, email: 'ana@example.com' },
      attendee: { name: hostile, email: 'ada@example.com' },
      meetingUrl: 'javascript:alert(1)',
    });
    const { calendar, vevent } = parseIcs(ics);
    expect(calendar.getAllProperties('method')).toHaveLength(1);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getAllProperties('attendee')).toHaveLength(1);
    expect(vevent.getAllProperties('location')).toHaveLength(0); // not an http(s) URL
    expect(vevent.getFirstPropertyValue('summary')).toBe(hostile.replace(/\r\n/g, '\n'));
    expect(vevent.getFirstPropertyValue('description')).toBe(
      `${hostile.replace(/\r\n/g, '\n')}\nline two`,
    );
    const cn = vevent.getFirstProperty('attendee')?.getParameter('cn');
    expect(cn).toBe(`Eve ATTENDEE:mailto:evil@example.com;X=1,\\ 'q' ::  METHOD:PUBLISH`);
    expect(vevent.getFirstProperty('attendee')?.getFirstValue()).toBe('mailto:ada@example.com');
  });

  it('percent-encodes what an address cannot hold, so it cannot end the value', () => {
    const ics = buildIcs({ ...base, attendee: { name: 'x', email: 'a"b;c:d@example.com' } });
    expect(parseIcs(ics).vevent.getFirstProperty('attendee')?.getFirstValue()).toBe(
      'mailto:a%22b%3Bc%3Ad@example.com',
    );
  });

  it('folds long lines at 75 octets without splitting UTF-8 characters', () => {
    const name = 'Zoë Ångström-Müller 李小龍 🎉'.repeat(6);
    const ics = buildIcs({ ...base, summary: name, description: 'é'.repeat(200) });
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(Buffer.from(ics, 'utf8').toString('utf8')).toBe(ics);
    const { vevent } = parseIcs(ics);
    expect(vevent.getFirstPropertyValue('summary')).toBe(name);
    expect(vevent.getFirstPropertyValue('description')).toBe('é'.repeat(200));
  });

  it('refuses nonsense instead of writing it', () => {
    expect(() => buildIcs({ ...base, end: base.start })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, start: Number.NaN })).toThrow(RangeError);
  });
});

describe('escapeIcsText and foldIcsLine', () => {
  it('escapes the RFC 5545 TEXT specials', () => {
    expect(escapeIcsText('a\\b;c,d\r\ne\rf\ng')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeIcsText('bell\u0007')).toBe('bell');
  });

  it('leaves short lines alone and starts continuations with one space', () => {
    expect(foldIcsLine('SUMMARY:x')).toBe('SUMMARY:x');
    const folded = foldIcsLine(`X:${'a'.repeat(200)}`);
    const lines = folded.split('\r\n');
    expect(lines[0]).toHaveLength(75);
    expect(lines.slice(1).every((l) => l.startsWith(' ') && l.length <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`X:${'a'.repeat(200)}`);
  });
});
