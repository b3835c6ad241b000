import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import { ATTENDEE_LOCALES } from '@workestra/booking-core';
import { EMAIL_CATALOGS, emailLanguageFor, translatorOf } from './i18n.js';

/** The argument names a compiled message uses, plural branches included. */
function placeholders(message: CompiledMessage): string[] {
  const names = new Set<string>();
  const walk = (tokens: CompiledMessage) => {
    for (const token of tokens) {
      if (typeof token === 'string') continue;
      const [name, , format] = token;
      names.add(name);
      if (format && typeof format === 'object' && !Array.isArray(format))
        for (const [key, branch] of Object.entries(format))
          if (key !== 'offset' && Array.isArray(branch)) walk(branch as CompiledMessage);
    }
  };
  walk(message);
  return [...names].sort();
}

const english = EMAIL_CATALOGS.en;
const englishKeys = Object.keys(english).sort();

describe('email catalogs', () => {
  it('has one catalog per attendee language, none more', () => {
    expect(Object.keys(EMAIL_CATALOGS).sort()).toEqual([...ATTENDEE_LOCALES].sort());
  });

  it.each(ATTENDEE_LOCALES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(EMAIL_CATALOGS[language]).sort()).toEqual(englishKeys);
  });

  it.each(ATTENDEE_LOCALES)(
    '%s: every message compiles and uses the English placeholders',
    (language) => {
      for (const [id, message] of Object.entries(EMAIL_CATALOGS[language])) {
        const source = english[id as keyof typeof english]!;
        expect(message, id).not.toBe('');
        expect(placeholders(compileMessageOrThrow(message)), `${language} ${id}`).toEqual(
          placeholders(compileMessageOrThrow(source)),
        );
      }
    },
  );

  it('the placeholder check sees arguments inside plural branches', () => {
    expect(
      placeholders(compileMessageOrThrow('{count, plural, one {# with {hosts}} other {#}}')),
    ).toEqual(['count', 'hosts']);
  });
});

describe('translatorOf', () => {
  it('falls back to English for a key the translation lacks', () => {
    const i18n = translatorOf('de', { 'label.when': 'Wann' });
    expect(i18n._('label.when')).toBe('Wann');
    expect(i18n._('label.what')).toBe('What');
    expect(i18n._('confirmation.subject', { title: 'Call', hosts: 'Ana' })).toBe(
      'Confirmed: Call with Ana',
    );
  });
});

describe('emailLanguageFor', () => {
  it.each([
    [null, 'en', 'en'],
    [undefined, 'en', 'en'],
    ['de', 'de', 'de'],
    ['de-AT', 'de', 'de-AT'],
    ['en-gb', 'en', 'en-GB'],
    ['pt-BR', 'pt', 'pt-BR'],
    ['ko-KR', 'en', 'en'],
    ['not a tag', 'en', 'en'],
  ])('%s → catalog %s, tag %s', (attendeeLocale, language, locale) => {
    const lang = emailLanguageFor({ attendeeLocale });
    expect(lang.language).toBe(language);
    expect(lang.locale).toBe(locale);
  });

  it('fills placeholders in the attendee language and keeps the clock', () => {
    const lang = emailLanguageFor({ attendeeLocale: 'fr', attendeeHourCycle: 'h12' });
    expect(lang.t('cancellation.subject', { title: 'Appel', hosts: 'Ana' })).toBe(
      'Annulé : Appel avec Ana',
    );
    expect(lang.hourCycle).toBe('h12');
    expect(emailLanguageFor({ attendeeLocale: 'fr' }).hourCycle).toBeNull();
  });
});

describe('in production', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('interpolates (Lingui compiles nothing itself when NODE_ENV is production)', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const fresh = await import('./i18n.js');
    const lang = fresh.emailLanguageFor({ attendeeLocale: 'es' });
    expect(lang.t('reminder.subject', { title: 'Demo', hosts: 'Ana' })).toBe(
      'Recordatorio: Demo con Ana mañana',
    );
  });
});
