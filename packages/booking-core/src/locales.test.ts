import { describe, expect, it } from 'vitest';
import { ATTENDEE_LOCALES, LOCALE_NAMES, canonicalLocale, matchAttendeeLocale } from './locales.js';

describe('attendee locales', () => {
  it('names every language and starts with English, the fallback', () => {
    expect(ATTENDEE_LOCALES[0]).toBe('en');
    expect(Object.keys(LOCALE_NAMES).sort()).toEqual([...ATTENDEE_LOCALES].sort());
  });

  it('canonicalizes tags and refuses what is not one', () => {
    expect(canonicalLocale('EN-gb')).toBe('en-GB');
    expect(canonicalLocale('pt-br')).toBe('pt-BR');
    expect(canonicalLocale('not a tag')).toBeNull();
    expect(canonicalLocale('')).toBeNull();
    expect(canonicalLocale(`en-${'x'.repeat(40)}`)).toBeNull();
  });

  it('picks the first preferred language with a catalog, else English', () => {
    expect(matchAttendeeLocale(['ko-KR', 'de-CH', 'fr'])).toBe('de');
    expect(matchAttendeeLocale(['JA-jp'])).toBe('ja');
    expect(matchAttendeeLocale(['bad tag!', null, 'es-419'])).toBe('es');
    expect(matchAttendeeLocale(['ko-KR'])).toBe('en');
    expect(matchAttendeeLocale([])).toBe('en');
  });
});
