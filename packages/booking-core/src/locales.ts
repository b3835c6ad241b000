/**
 * The languages the attendee side speaks (the booking, reschedule, cancel and booking view pages,
 * and the attendee's emails), English first: the fallback and the source every other catalog
 * translates. The web app's catalogs and the notifications package's email catalogs each hold one
 * catalog per entry, and their tests check that against this list.
 *
 * @example
 * ```ts
 * import { ATTENDEE_LOCALES } from '@workestra/booking-core/locales';
 * ATTENDEE_LOCALES.includes('de'); // true
 * ```
 */
export const ATTENDEE_LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'ja'] as const;

/**
 * One of {@link ATTENDEE_LOCALES}: a language with a message catalog.
 *
 * @example
 * ```ts
 * const language: AttendeeLocale = 'ja';
 * ```
 */
export type AttendeeLocale = (typeof ATTENDEE_LOCALES)[number];

/**
 * Each language's name in that language, for a language switcher.
 *
 * @example
 * ```ts
 * import { LOCALE_NAMES } from '@workestra/booking-core/locales';
 * LOCALE_NAMES.de; // 'Deutsch'
 * ```
 */
export const LOCALE_NAMES: Readonly<Record<AttendeeLocale, string>> = Object.freeze({
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  ja: '日本語',
});

/**
 * The query parameter that names the attendee pages' language (`/book/intro?lang=de`): what the
 * language switcher writes and an embed's `data-lang` sets.
 *
 * @example
 * ```ts
 * import { LANGUAGE_QUERY_PARAM } from '@workestra/booking-core/locales';
 * `https://book.example.com/book/intro?${LANGUAGE_QUERY_PARAM}=ja`;
 * ```
 */
export const LANGUAGE_QUERY_PARAM = 'lang';

/**
 * The two clocks an attendee can choose: `h12` (`2:30 PM`) or `h23` (`14:30`).
 *
 * @example
 * ```ts
 * import { HOUR_CYCLES } from '@workestra/booking-core/locales';
 * HOUR_CYCLES; // ['h12', 'h23']
 * ```
 */
export const HOUR_CYCLES = ['h12', 'h23'] as const;

/**
 * One of {@link HOUR_CYCLES}.
 *
 * @example
 * ```ts
 * const clock: HourCycle = 'h23';
 * ```
 */
export type HourCycle = (typeof HOUR_CYCLES)[number];

/** The longest locale tag a booking keeps (BCP 47 tags in practice stay far below it). */
export const MAX_LOCALE_TAG_LENGTH = 35;

/**
 * Whether `value` is one of {@link ATTENDEE_LOCALES}.
 *
 * @example
 * ```ts
 * import { isAttendeeLocale } from '@workestra/booking-core/locales';
 * isAttendeeLocale('fr'); // true
 * isAttendeeLocale('fr-CA'); // false: a tag, not a catalog language
 * ```
 */
export function isAttendeeLocale(value: unknown): value is AttendeeLocale {
  return typeof value === 'string' && (ATTENDEE_LOCALES as readonly string[]).includes(value);
}

/**
 * The canonical form of a BCP 47 tag (`EN-gb` → `en-GB`), or null when it is not one or is longer
 * than {@link MAX_LOCALE_TAG_LENGTH}.
 *
 * @example
 * ```ts
 * import { canonicalLocale } from '@workestra/booking-core/locales';
 * canonicalLocale('pt-br'); // 'pt-BR'
 * canonicalLocale('not a tag'); // null
 * ```
 */
export function canonicalLocale(tag: string): string | null {
  if (tag.length === 0 || tag.length > MAX_LOCALE_TAG_LENGTH) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The catalog language for a list of BCP 47 tags in order of preference (`navigator.languages`,
 * a booking's stored locale): the first whose language has a catalog, else English. Tags that are
 * not valid are skipped.
 *
 * @example
 * ```ts
 * import { matchAttendeeLocale } from '@workestra/booking-core/locales';
 * matchAttendeeLocale(['de-CH', 'en']); // 'de'
 * matchAttendeeLocale(['ko-KR']); // 'en'
 * ```
 */
export function matchAttendeeLocale(tags: readonly (string | null | undefined)[]): AttendeeLocale {
  for (const tag of tags) {
    const canonical = tag ? canonicalLocale(tag) : null;
    if (!canonical) continue;
    const language = canonical.split('-')[0]?.toLowerCase();
    if (isAttendeeLocale(language)) return language;
  }
  return ATTENDEE_LOCALES[0];
}
