import { useEffect, useState } from 'preact/hooks';
import { onLanguageChange, t } from '../common/i18n';
import { BookingPage } from './booking-page';
import { BookingViewPage } from './booking-view-page';
import { CancelPage } from './cancel-page';
import { LanguagePicker } from './language-picker';
import { ReschedulePage } from './reschedule-page';
import { StatusPage } from './status-page';

/**
 * The public bundle: one page by path (no client-side navigation between them) and the language
 * switcher. A language change re-renders every page in place, keeping what was typed and picked.
 */
export function BookApp({ path }: { path: string }) {
  const [, setRenders] = useState(0);
  useEffect(() => onLanguageChange(() => setRenders((n) => n + 1)), []);
  return (
    <>
      <Route path={path} />
      <LanguagePicker />
    </>
  );
}

/** The page at `path`. */
function Route({ path }: { path: string }) {
  const parts = path.replace(/\/+$/, '').split('/').slice(1).map(decodeURIComponent);
  if (parts[0] === 'book') {
    if (parts[1] === 'reschedule' && parts[2] && parts.length === 3)
      return <ReschedulePage token={parts[2]} />;
    if (parts[1] === 'cancel' && parts[2] && parts.length === 3)
      return <CancelPage token={parts[2]} />;
    if (parts[1] === 'booking' && parts[2] && parts.length === 3)
      return <BookingViewPage token={parts[2]} />;
    if (parts[1] && parts.length === 2) return <BookingPage slug={parts[1]} />;
  }
  return (
    <StatusPage title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
    </StatusPage>
  );
}
