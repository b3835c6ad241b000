import { useEffect, useState } from 'preact/hooks';
import type { HourCycle } from '@workestra/booking-core/locales';
import { ApiError, api, query } from '../common/api';
import { currentLocale, t } from '../common/i18n';
import type { PublicBooking, PublicLink, Slot, TokenInfo } from '../common/types';
import { browserTimeZone, prefers12h } from '../common/time';
import { withElements } from '../common/rich-message';
import { startsAt, When } from './confirmation';
import { CalendarFileLink } from './calendar-file-link';
import { ClockToggle } from './clock-toggle';
import { SlotPicker } from './slot-picker';
import { Loading, StatusPage } from './status-page';
import { TimeZonePicker } from './timezone-picker';
import { MeetingLink } from './meeting-link';
import { TokenError, tokenErrorMessage, useTokenInfo } from './use-token';
import { meetingWith } from '../common/people';

/** Answer of a reschedule: tokens rotate, so new self-service links come back with it. */
interface Rescheduled {
  booking: PublicBooking;
  rescheduleToken?: string;
  rescheduleUrl?: string;
  cancelUrl?: string;
}

/** Body of the move: the new start, and the language and clock the attendee's emails use. */
interface RescheduleBody {
  start: string;
  locale: string;
  hourCycle: HourCycle;
}

/** `/book/reschedule/<token>`: pick a new slot for an existing booking. */
export function ReschedulePage({ token }: { token: string }) {
  const info = useTokenInfo(token, 'reschedule');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [h12, setH12] = useState(prefers12h);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Rescheduled | null>(null);
  const [maxDaysAhead, setMaxDaysAhead] = useState<number | null>(null);

  const title = info.kind === 'ready' ? info.data.link.title : '';
  // Made in render, so a change of language renames the tab too.
  const pageTitle = title && !done ? t('reschedule.documentTitle', { title }) : '';
  useEffect(() => {
    if (pageTitle) document.title = pageTitle;
  }, [pageTitle]);

  useEffect(() => {
    if (info.kind !== 'ready') return;
    setTimeZone(info.data.booking.attendeeTimeZone || browserTimeZone());
    // The token answer has no booking window; the public link does (when it is still active).
    api<{ link: PublicLink }>('GET', `/api/public/links/${encodeURIComponent(info.data.link.slug)}`)
      .then((r) => setMaxDaysAhead(r.link.maxDaysAhead))
      .catch(() => setMaxDaysAhead(60));
  }, [info.kind]);

  if (info.kind === 'loading') return <Loading />;
  if (info.kind === 'error') return <TokenError error={info.error} />;
  const { data } = info;
  const path = `/api/public/tokens/${encodeURIComponent(token)}`;

  if (done)
    return (
      <StatusPage title={t('reschedule.doneTitle')}>
        <p data-testid="new-time">
          {withElements(
            'reschedule.doneBody',
            { title: done.booking.linkTitle, who: meetingWith(done.booking) },
            {
              when: () => (
                <strong>
                  <When
                    start={done.booking.start}
                    end={done.booking.end}
                    zone={timeZone}
                    h12={h12}
                  />
                </strong>
              ),
            },
          )}
        </p>
        <MeetingLink
          token={done.rescheduleToken ?? token}
          purpose="reschedule"
          meetingUrl={done.booking.meetingUrl}
          meetingLinkRequested={done.booking.meetingLinkRequested}
        />
        <div class="row">
          <CalendarFileLink token={done.rescheduleToken ?? token} />
        </div>
        {done.rescheduleUrl && done.cancelUrl && (
          <p data-testid="new-links">
            {withElements(
              'reschedule.newLinks',
              {},
              {
                reschedule: (text) => <a href={done.rescheduleUrl}>{text}</a>,
                cancel: (text) => <a href={done.cancelUrl}>{text}</a>,
              },
            )}
          </p>
        )}
      </StatusPage>
    );

  async function confirm() {
    if (!slot) return;
    setBusy(true);
    try {
      const body: RescheduleBody = {
        start: slot.start,
        locale: currentLocale(),
        hourCycle: h12 ? 'h12' : 'h23',
      };
      setDone(await api<Rescheduled>('POST', `${path}/reschedule`, body));
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'SLOT_TAKEN' || e.code === 'SLOT_UNAVAILABLE')) {
        setNotice(t('book.slotTaken'));
        setRefreshKey((k) => k + 1);
      } else setNotice(tokenErrorMessage(e));
      setSlot(null);
    } finally {
      setBusy(false);
    }
  }

  const current = data.booking;
  return (
    <main>
      <header class="card">
        <h1>{t('reschedule.heading', { title: data.link.title })}</h1>
        <p>
          {withElements(
            'reschedule.current',
            { who: meetingWith(data), when: startsAt(current.start, timeZone, h12) },
            { time: (text) => <strong data-testid="current-time">{text}</strong> },
          )}
        </p>
        <MeetingLink
          token={token}
          purpose="reschedule"
          meetingUrl={current.meetingUrl}
          meetingLinkRequested={current.meetingLinkRequested}
        />
        {!data.linkActive && <p class="error">{t('reschedule.linkInactive')}</p>}
      </header>
      <div class="notice" role="alert" aria-live="assertive" data-testid="notice">
        {notice}
      </div>
      {slot && (
        <div class="card stack">
          <h2>{t('reschedule.confirmTitle')}</h2>
          <p class="summary-time">
            <When start={slot.start} end={slot.end} zone={timeZone} h12={h12} />
          </p>
          <div class="row">
            <button type="button" class="primary" disabled={busy} onClick={confirm}>
              {busy ? t('reschedule.moving') : t('reschedule.confirm')}
            </button>
            <button type="button" onClick={() => setSlot(null)}>
              {t('details.back')}
            </button>
          </div>
        </div>
      )}
      {data.linkActive && maxDaysAhead !== null && (
        <section class="booking" aria-label={t('reschedule.pickNew')} hidden={!!slot}>
          <div class="controls row spread">
            <TimeZonePicker value={timeZone} onChange={setTimeZone} />
            <ClockToggle h12={h12} onChange={setH12} />
          </div>
          <SlotPicker
            load={(from, to, tz) =>
              api<TokenInfo>(
                'GET',
                `${path}${query({ purpose: 'reschedule', from, to, timeZone: tz })}`,
              ).then((r) => r.slots ?? [])
            }
            timeZone={timeZone}
            h12={h12}
            maxDaysAhead={maxDaysAhead}
            refreshKey={refreshKey}
            currentStart={current.start}
            onPick={(s) => {
              setNotice('');
              setSlot(s);
            }}
          />
        </section>
      )}
    </main>
  );
}
