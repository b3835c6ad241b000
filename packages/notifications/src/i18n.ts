import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import {
  ATTENDEE_LOCALES,
  canonicalLocale,
  matchAttendeeLocale,
  type AttendeeLocale,
  type HourCycle,
} from '@workestra/booking-core';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };
import pt from './locales/pt.json' with { type: 'json' };

/**
 * The id of one message of the attendee emails: a key of the English catalog (`locales/en.json`),
 * the source every other catalog translates.
 *
 * @example
 * ```ts
 * const id: MessageId = 'confirmation.subject';
 * ```
 */
export type MessageId = keyof typeof en;

/**
 * The email catalogs as written (ICU MessageFormat), one per attendee language. The `satisfies`
 * makes the typecheck fail when a language of `ATTENDEE_LOCALES` has no catalog. Internal.
 *
 * @example
 * ```ts
 * // Through the public API: the German catalog's "When".
 * emailLanguageFor({ attendeeLocale: 'de' }).t('label.when'); // 'Wann'
 * ```
 */
export const EMAIL_CATALOGS = { en, de, fr, es, pt, ja } satisfies Record<
  AttendeeLocale,
  Readonly<Record<string, string>>
> as Readonly<Record<AttendeeLocale, Readonly<Partial<Record<MessageId, string>>>>>;

/**
 * Values a message interpolates (`{title}`, `{hosts}`, ...).
 *
 * @example
 * ```ts
 * const values: MessageValues = { title: 'Intro call', hosts: 'Ana' };
 * ```
 */
export type MessageValues = Readonly<Record<string, string | number>>;

/**
 * One language's Lingui instance. Lingui compiles messages at runtime only outside production
 * (`NODE_ENV`), so the catalog is compiled here, once; English goes under it, so a key the
 * translation lacks reads in English rather than as its id. Internal (tested directly).
 */
export function translatorOf(
  language: AttendeeLocale,
  catalog: Readonly<Record<string, string>>,
): I18n {
  const merged: Record<string, string> = { ...EMAIL_CATALOGS.en, ...catalog };
  const messages: Messages = Object.fromEntries(
    Object.entries(merged).map(([id, message]) => [id, compileMessage(message)]),
  );
  return setupI18n({ locale: language, messages: { [language]: messages } });
}

/** Every language's translator, built once at load. */
const translators: Readonly<Record<AttendeeLocale, I18n>> = Object.fromEntries(
  ATTENDEE_LOCALES.map((language) => [language, translatorOf(language, EMAIL_CATALOGS[language])]),
) as Record<AttendeeLocale, I18n>;

/**
 * The language one email is written in: the catalog language, the full tag its dates are
 * formatted with and its HTML `lang` names, the reader's clock, and the message lookup.
 *
 * @example
 * ```ts
 * const lang: EmailLanguage = emailLanguageFor({ attendeeLocale: 'de-AT', attendeeHourCycle: null });
 * lang.t('label.when'); // 'Wann'
 * ```
 */
export interface EmailLanguage {
  /** The catalog the texts come from. */
  readonly language: AttendeeLocale;
  /**
   * The BCP 47 tag for dates, lists and the HTML `lang` attribute: the attendee's own tag when its
   * language has a catalog (`en-GB`, `pt-BR`), else the catalog language (`en`).
   */
  readonly locale: string;
  /** The attendee's clock; null keeps the locale's own. */
  readonly hourCycle: HourCycle | null;
  /** The message `id` in this language, with `values` filled in. */
  t(id: MessageId, values?: MessageValues): string;
}

/**
 * The language of an attendee's emails: the catalog `matchAttendeeLocale` picks for the booking's
 * stored tag (English when there is none or its language has no catalog), and the attendee's clock.
 *
 * @example
 * ```ts
 * import { emailLanguageFor } from '@workestra/notifications';
 * const lang = emailLanguageFor({ attendeeLocale: 'en-GB', attendeeHourCycle: 'h23' });
 * lang.language; // 'en'
 * lang.locale; // 'en-GB'
 * emailLanguageFor({ attendeeLocale: 'ko-KR' }).locale; // 'en': no Korean catalog
 * ```
 */
export function emailLanguageFor(booking: {
  readonly attendeeLocale?: string | null;
  readonly attendeeHourCycle?: HourCycle | null;
}): EmailLanguage {
  const language = matchAttendeeLocale([booking.attendeeLocale]);
  const tag = booking.attendeeLocale ? canonicalLocale(booking.attendeeLocale) : null;
  const sameLanguage = tag !== null && tag.split('-')[0]?.toLowerCase() === language;
  const i18n = translators[language];
  return {
    language,
    locale: sameLanguage ? tag : language,
    hourCycle: booking.attendeeHourCycle ?? null,
    t: (id, values) => i18n._(id, values),
  };
}

/**
 * The English of the host-side emails (the host's language is not known) and of attendees
 * without a language.
 *
 * @example
 * ```ts
 * // The same as the language of a booking that names none:
 * emailLanguageFor({}).t('label.what'); // 'What'
 * ```
 */
export const ENGLISH: EmailLanguage = emailLanguageFor({});
