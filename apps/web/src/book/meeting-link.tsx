import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { t } from '../common/i18n';
import type { TokenInfo } from '../common/types';

/**
 * Waits before each re-read of the booking while its meeting link is being created (a follow-up
 * job after the booking): about a minute in all, then the attendee can ask again.
 */
export const MEETING_LINK_BACKOFF_MS: readonly number[] = [1000, 2000, 4000, 8000, 15_000, 30_000];

interface Props {
  /** A self-service token of the booking and its purpose, to re-read the booking with. */
  token: string;
  purpose: 'reschedule' | 'cancel';
  /** What the page already knows about the booking. */
  meetingUrl: string | null;
  meetingLinkRequested: boolean;
}

type Phase = 'waiting' | 'gave-up';

/**
 * The booking's online meeting link. While the link asks for one and it is not there yet, the
 * booking is read again a bounded number of times with backoff ("being created…"); after that the
 * attendee can check again by hand. Nothing is shown for links without a meeting link.
 */
export function MeetingLink({ token, purpose, meetingUrl, meetingLinkRequested }: Props) {
  const [url, setUrl] = useState(meetingUrl);
  const [phase, setPhase] = useState<Phase>('waiting');
  const [round, setRound] = useState(0);

  useEffect(() => setUrl(meetingUrl), [meetingUrl]);

  useEffect(() => {
    if (url !== null || !meetingLinkRequested) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setPhase('waiting');
    const attempt = (i: number) => {
      if (i >= MEETING_LINK_BACKOFF_MS.length) return setPhase('gave-up');
      timer = setTimeout(() => {
        api<TokenInfo>('GET', `/api/public/tokens/${encodeURIComponent(token)}?purpose=${purpose}`)
          .then((info) => {
            if (stopped) return;
            if (info.booking.meetingUrl !== null) setUrl(info.booking.meetingUrl);
            else attempt(i + 1);
          })
          // The meeting started, was cancelled, or the server is unreachable: stop asking.
          .catch(() => !stopped && setPhase('gave-up'));
      }, MEETING_LINK_BACKOFF_MS[i]);
    };
    attempt(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, purpose, meetingLinkRequested, url === null, round]);

  if (url !== null)
    return (
      <p data-testid="meeting-link">
        {t('meeting.label')}{' '}
        <a class="meeting-link" href={url} target="_blank" rel="noopener">
          {url}
        </a>
      </p>
    );
  if (!meetingLinkRequested) return null;
  return (
    <div role="status" data-testid="meeting-link-pending">
      {phase === 'waiting' ? (
        <p class="muted">{t('meeting.creating')}</p>
      ) : (
        <p class="row">
          <span class="muted">{t('meeting.notReady')}</span>
          <button type="button" onClick={() => setRound((r) => r + 1)}>
            {t('meeting.checkAgain')}
          </button>
        </p>
      )}
    </div>
  );
}
