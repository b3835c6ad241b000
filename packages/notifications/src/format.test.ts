import { describe, expect, it } from 'vitest';
import { formatMeetingTime, joinNames } from './format.js';

const start = Date.parse('2026-11-02T09:00:00Z');
const end = Date.parse('2026-11-02T09:30:00Z');
/** ICU puts thin and narrow no-break spaces around the dash and before AM. */
const plain = (s: string) => s.replace(/[\u2009\u202f\u00a0]/g, ' ');

describe('formatMeetingTime', () => {
  it('builds the formatter of a zone once, not once per email', () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    // Counts constructions and otherwise is the real formatter.
    class Counting extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    }
    Intl.DateTimeFormat = Counting as typeof Real;
    try {
      for (let i = 0; i < 5; i++) formatMeetingTime(start, end, 'Asia/Tokyo');
    } finally {
      Intl.DateTimeFormat = Real;
    }
    // One probe of the zone and its three formatters (range, date, times), whatever the number
    // of calls.
    expect(made).toBeLessThanOrEqual(4);
  });

  it('keeps each zone its own formatter and falls back to UTC for an unknown zone', () => {
    expect(plain(formatMeetingTime(start, end, 'Europe/Berlin'))).toBe(
      'Monday, November 2, 2026, 10:00 – 10:30 AM GMT+1 (Europe/Berlin)',
    );
    expect(plain(formatMeetingTime(start, end, 'America/New_York'))).toBe(
      'Monday, November 2, 2026, 4:00 – 4:30 AM EST (America/New_York)',
    );
    expect(plain(formatMeetingTime(start, end, 'Not/AZone'))).toBe(
      'Monday, November 2, 2026, 9:00 – 9:30 AM UTC (UTC)',
    );
    expect(plain(formatMeetingTime(start, end, 'Europe/Berlin'))).toContain(
      '10:00 – 10:30 AM GMT+1',
    );
  });

  it('formats in the reader’s locale and clock, each with its own cached formatter', () => {
    expect(plain(formatMeetingTime(start, end, 'Europe/Berlin', { locale: 'de' }))).toBe(
      'Montag, 2. November 2026, 10:00–10:30 Uhr MEZ (Europe/Berlin)',
    );
    expect(plain(formatMeetingTime(start, end, 'Europe/Berlin', { locale: 'en-GB' }))).toBe(
      'Monday, 2 November 2026, 10:00–10:30 CET (Europe/Berlin)',
    );
    expect(
      plain(formatMeetingTime(start, end, 'Europe/Berlin', { locale: 'en-GB', hourCycle: 'h12' })),
    ).toBe('Monday, 2 November 2026, 10:00 – 10:30 am CET (Europe/Berlin)');
    expect(plain(formatMeetingTime(start, end, 'Europe/Berlin', { hourCycle: 'h23' }))).toBe(
      'Monday, November 2, 2026, 10:00 – 10:30 GMT+1 (Europe/Berlin)',
    );
    // The zone’s formatter of the first test is still the US English one.
    expect(plain(formatMeetingTime(start, end, 'Europe/Berlin', { locale: null }))).toBe(
      'Monday, November 2, 2026, 10:00 – 10:30 AM GMT+1 (Europe/Berlin)',
    );
  });

  it('falls back to US English for a locale that is not a BCP 47 tag', () => {
    expect(plain(formatMeetingTime(start, end, 'UTC', { locale: 'not a tag!' }))).toBe(
      'Monday, November 2, 2026, 9:00 – 9:30 AM UTC (UTC)',
    );
  });
});

describe('joinNames', () => {
  it('keeps its English form without a locale and follows the locale with one', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Ana'], 'de')).toBe('Ana');
    expect(joinNames(['Ana', 'Ben', 'Dee'])).toBe('Ana, Ben and Dee');
    expect(joinNames(['Ana', 'Ben', 'Dee'], 'de')).toBe('Ana, Ben und Dee');
    expect(joinNames(['Ana', 'Ben'], 'es')).toBe('Ana y Ben');
    expect(joinNames(['Ana', 'Ben', 'Dee'], 'ja')).toBe('Ana、Ben、Dee');
    expect(joinNames(['Ana', 'Ben'], 'not a tag!')).toBe('Ana and Ben');
  });
});

describe('formatMeetingTime across days and languages', () => {
  const at = (iso: string) => Date.parse(iso);
  it('writes the long date once for a range within one day, in every attendee language', () => {
    const s = at('2026-11-09T05:00:00Z');
    const e = at('2026-11-09T05:30:00Z');
    const text = (locale: string) =>
      formatMeetingTime(s, e, 'Asia/Tokyo', { locale, hourCycle: 'h23' }).replace(/\s/g, ' ');
    expect(text('ja')).toMatch(/^2026年11月9日月曜日 14時00分～14時30分/);
    expect(text('de')).toMatch(/^Montag, 9\. November 2026, 14:00–14:30/);
    expect(text('pt-BR')).toMatch(/^segunda-feira, 9 de novembro de 2026 14:00 – 14:30/);
  });

  it('names both days of a meeting that crosses midnight', () => {
    const text = formatMeetingTime(
      at('2026-11-09T14:30:00Z'),
      at('2026-11-09T15:30:00Z'),
      'Asia/Tokyo',
    );
    expect(text).toContain('November 9');
    expect(text).toContain('November 10');
  });
});
