// The attendee pages' language: Lingui with catalogs compiled at build time (scripts/
// catalog-plugin.ts). English ships with the page; another language's catalog is fetched when it
// is chosen. The language comes from `?lang=`, else the browser's preferred languages; dates and
// times follow the browser's own tag for that language (en-GB keeps British dates).
import { setupI18n, type Messages } from '@lingui/core';
import {
  ATTENDEE_LOCALES,
  LANGUAGE_QUERY_PARAM,
  matchAttendeeLocale,
  type AttendeeLocale,
} from '@workestra/booking-core/locales';
import english from '../locales/en.json?catalog';
import type source from '../locales/en.json';
import { setTimeLocale } from './time';

/** A message's id: a key of the English catalog, the source every other catalog translates. */
export type MessageId = keyof typeof source;

const i18n = setupI18n({ locale: 'en', messages: { en: english } });

const catalogs = import.meta.glob<Messages>(['../locales/*.json', '!../locales/en.json'], {
  query: '?catalog',
  import: 'default',
});

const loaded = new Set<AttendeeLocale>(['en']);
let language: AttendeeLocale = 'en';
let tag = 'en';
const listeners = new Set<() => void>();

/**
 * A message in the current language, with ICU placeholders filled from `values`.
 *
 * @example
 * t('book.pickTime'); // 'Pick a time' (English), 'Uhrzeit wählen' (German)
 */
export function t(id: MessageId, values?: Record<string, unknown>): string {
  return i18n._(id, values);
}

/** The current catalog language (`de`). */
export function currentLanguage(): AttendeeLocale {
  return language;
}

/** The BCP 47 tag dates and numbers are formatted with (`de-AT` for an Austrian browser reading German). */
export function currentLocale(): string {
  return tag;
}

/** The browser's preferred tags, most preferred first. */
function browserTags(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The language the page opens in: `?lang=`, else the browser's first language with a catalog. */
export function detectLanguage(search = location.search): AttendeeLocale {
  return matchAttendeeLocale([
    new URLSearchParams(search).get(LANGUAGE_QUERY_PARAM),
    ...browserTags(),
  ]);
}

/** The formatting tag for `lang`: the browser's own tag of that language, else the language itself. */
function localeFor(lang: AttendeeLocale): string {
  for (const candidate of browserTags()) {
    try {
      const canonical = Intl.getCanonicalLocales(candidate)[0];
      if (canonical && canonical.split('-')[0]?.toLowerCase() === lang) return canonical;
    } catch {
      // not a tag: skip it
    }
  }
  return lang;
}

/**
 * Switches the page to `lang`: fetches its catalog once (English is always there, and fills any
 * gap), sets `<html lang>`, the formatting locale and re-renders through {@link onLanguageChange}.
 * A catalog that cannot be fetched leaves the page in its current language and rejects.
 */
export async function setLanguage(lang: AttendeeLocale): Promise<void> {
  if (!ATTENDEE_LOCALES.includes(lang)) throw new Error(`no catalog for ${lang}`);
  if (!loaded.has(lang)) {
    const load = catalogs[`../locales/${lang}.json`];
    if (!load) throw new Error(`no catalog for ${lang}`);
    i18n.load(lang, { ...english, ...(await load()) });
    loaded.add(lang);
  }
  i18n.activate(lang);
  language = lang;
  tag = localeFor(lang);
  setTimeLocale(tag);
  document.documentElement.lang = tag;
  for (const listener of listeners) listener();
}

/** Calls `listener` after every language change; returns the unsubscribe. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
