import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { t } from '../common/i18n';
import type { PublicBooking } from '../common/types';
import { browserTimeZone, prefers12h } from '../common/time';
import { withElements } from '../common/rich-message';
import { keepPathKey, startsAt } from './confirmation';
import { Loading, StatusPage } from './status-page';
import { MeetingLink } from './meeting-link';
import { TokenError, tokenErrorMessage, useTokenInfo } from './use-token';
import { meetingWith } from '../common/people';

/** The confirmation this tab came from, if it left for this cancel page. */
function savedKeepPath(): string | null {
  try {
    return sessionStorage.getItem(keepPathKey(location.pathname));
  } catch {
    return null;
  }
}

/** `/book/cancel/<token>`: confirm the cancellation, with an optional reason. */
export function CancelPage({ token }: { token: string }) {
  const info = useTokenInfo(token, 'cancel');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState<PublicBooking | null>(null);
  const [kept, setKept] = useState(false);
  const title = info.kind === 'ready' ? info.data.link.title : '';
  // Made in render, so a change of language renames the tab too.
  const pageTitle = title && !done && !kept ? t('cancel.documentTitle', { title }) : '';
  useEffect(() => {
    if (pageTitle) document.title = pageTitle;
  }, [pageTitle]);

  if (info.kind === 'loading') return <Loading />;
  if (info.kind === 'error') return <TokenError error={info.error} />;
  const { data } = info;
  const zone = data.booking.attendeeTimeZone || browserTimeZone();
  const h12 = prefers12h();
  const when = startsAt(data.booking.start, zone, h12);
  const meeting = { title: data.link.title, who: meetingWith(data), when };

  if (done)
    return (
      <StatusPage title={t('cancel.doneTitle')}>
        <p>{t('cancel.doneBody', meeting)}</p>
        {data.linkActive && (
          <p>
            <a href={`/book/${encodeURIComponent(data.link.slug)}`}>{t('cancel.bookNew')}</a>
          </p>
        )}
      </StatusPage>
    );

  if (kept)
    return (
      <StatusPage title={t('cancel.keptTitle')}>
        <p data-testid="kept">{t('cancel.keptBody', meeting)}</p>
      </StatusPage>
    );

  // Came here from the booking's confirmation in this tab: "Keep my meeting" goes back to it.
  const backTo = savedKeepPath();

  async function cancel(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await api<{ booking: PublicBooking }>(
        'POST',
        `/api/public/tokens/${encodeURIComponent(token)}/cancel`,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      setDone(r.booking);
    } catch (err) {
      setError(tokenErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <form class="card stack" onSubmit={cancel}>
        <h1>{t('cancel.heading', { title: data.link.title })}</h1>
        <p>
          {withElements(
            'cancel.summary',
            { who: meeting.who, when, zone: zone.replace(/_/g, ' ') },
            {
              time: (text) => <strong data-testid="current-time">{text}</strong>,
              zone: (text) => <span class="muted">{text}</span>,
            },
          )}
        </p>
        <MeetingLink
          token={token}
          purpose="cancel"
          meetingUrl={data.booking.meetingUrl}
          meetingLinkRequested={data.booking.meetingLinkRequested}
        />
        <div class="field">
          <label for="reason">
            {withElements(
              'cancel.reason',
              {},
              {
                muted: (text) => <span class="muted">{text}</span>,
              },
            )}
          </label>
          <textarea
            id="reason"
            rows={3}
            maxLength={500}
            value={reason}
            onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
        <p class="error" role="alert">
          {error}
        </p>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('cancel.submitting') : t('cancel.submit')}
          </button>
          {backTo ? (
            <a class="button" href={backTo}>
              {t('cancel.keep')}
            </a>
          ) : (
            <button type="button" onClick={() => setKept(true)}>
              {t('cancel.keep')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
