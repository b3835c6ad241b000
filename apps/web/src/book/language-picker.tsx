import { useState } from 'preact/hooks';
import {
  ATTENDEE_LOCALES,
  LANGUAGE_QUERY_PARAM,
  LOCALE_NAMES,
  type AttendeeLocale,
} from '@workestra/booking-core/locales';
import { currentLanguage, setLanguage, t } from '../common/i18n';

/**
 * The attendee pages' language switcher: each language named in itself. The choice goes into the
 * address (`?lang=`), so a reload or a shared link keeps it, and with the booking to the emails.
 */
export function LanguagePicker() {
  const [failed, setFailed] = useState(false);
  const change = async (lang: AttendeeLocale) => {
    try {
      await setLanguage(lang);
      setFailed(false);
      const url = new URL(location.href);
      url.searchParams.set(LANGUAGE_QUERY_PARAM, lang);
      history.replaceState(history.state, '', url);
    } catch {
      setFailed(true);
    }
  };
  return (
    <footer class="language">
      <label>
        {t('language.label')}{' '}
        <select
          value={currentLanguage()}
          onChange={(e) => void change(e.currentTarget.value as AttendeeLocale)}
        >
          {ATTENDEE_LOCALES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {LOCALE_NAMES[lang]}
            </option>
          ))}
        </select>
      </label>
      {failed && (
        <p role="alert" class="muted">
          {t('language.failed')}
        </p>
      )}
    </footer>
  );
}
