import { useEffect } from 'preact/hooks';
import { t } from '../common/i18n';
import { prefers12h } from '../common/time';
import { Confirmation, fromToken } from './confirmation';
import { Loading } from './status-page';
import { TokenError, useTokenInfo } from './use-token';

/**
 * The history entry's state on the confirmation: the cancel link, which the token view cannot
 * give back (it is a different token), so a reload of the same tab still offers it.
 */
export interface BookingViewState {
  cancelUrl: string;
}

function savedCancelUrl(): string | null {
  const state = history.state as Partial<BookingViewState> | null;
  return typeof state?.cancelUrl === 'string' ? state.cancelUrl : null;
}

/**
 * `/book/booking/<rescheduleToken>`: the confirmation of a booking, read again through its token,
 * so reloading or coming back to the address keeps showing it.
 */
export function BookingViewPage({ token }: { token: string }) {
  const info = useTokenInfo(token, 'reschedule');
  const title = info.kind === 'ready' ? info.data.link.title : '';
  // Made in render, so a change of language renames the tab too.
  const pageTitle = title ? t('view.documentTitle', { title }) : '';
  useEffect(() => {
    if (pageTitle) document.title = pageTitle;
  }, [pageTitle]);
  if (info.kind === 'loading') return <Loading />;
  if (info.kind === 'error') return <TokenError error={info.error} />;
  return (
    <main>
      <header class="card">
        <h1>{info.data.link.title}</h1>
        <p class="muted">{t('book.duration', { count: info.data.link.durationMinutes })}</p>
      </header>
      <Confirmation meeting={fromToken(info.data, token, savedCancelUrl())} h12={prefers12h()} />
    </main>
  );
}
