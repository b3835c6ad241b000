import { readFileSync, readdirSync } from 'node:fs';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import { ATTENDEE_LOCALES } from '@workestra/booking-core/locales';
import { describe, expect, it } from 'vitest';

// The attendee pages' catalogs (src/locales): one per language the booking core lists, each with
// exactly the English catalog's messages, each message valid ICU that uses English's placeholders.
const dir = new URL('../src/locales/', import.meta.url);
const read = (lang: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`${lang}.json`, dir), 'utf8')) as Record<string, string>;

/** The argument names a compiled message reads (`{name}`, `{count, plural, ...}`), nested ones too. */
function placeholders(tokens: unknown, into = new Set<string>()): Set<string> {
  if (!Array.isArray(tokens)) return into;
  for (const token of tokens) {
    if (!Array.isArray(token)) continue;
    if (typeof token[0] === 'string') into.add(token[0]);
    const choices = token[2];
    if (choices && typeof choices === 'object')
      for (const branch of Object.values(choices as Record<string, unknown>))
        placeholders(branch, into);
  }
  return into;
}

/** The element tags a message holds (`<cancel>…</cancel>`, `<zone/>`), for rich-message.tsx. */
const tags = (message: string): string[] =>
  [...message.matchAll(/<\/?\w+\/?>/g)].map((m) => m[0]).sort();

const english = read('en');

describe('attendee page catalogs', () => {
  it('has one catalog per attendee language, and no other', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...ATTENDEE_LOCALES].sort());
  });

  it.each(ATTENDEE_LOCALES.filter((l) => l !== 'en'))(
    '%s translates every English message with the same placeholders and tags',
    (lang) => {
      const catalog = read(lang);
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
      for (const [id, message] of Object.entries(catalog)) {
        expect(message.trim(), `${lang} ${id}`).not.toBe('');
        const theirs = [...placeholders(compileMessageOrThrow(message))].sort();
        const ours = [...placeholders(compileMessageOrThrow(english[id]!))].sort();
        expect(theirs, `${lang} ${id}`).toEqual(ours);
        expect(tags(message), `${lang} ${id} tags`).toEqual(tags(english[id]!));
      }
    },
  );

  it('English messages are valid ICU and not left empty', () => {
    for (const [id, message] of Object.entries(english)) {
      expect(message.trim(), id).not.toBe('');
      expect(() => compileMessageOrThrow(message), id).not.toThrow();
    }
  });
});
