import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import type { PublicBooking } from '../common/types';
import { browserTimeZone, formatLongDate, formatTime, prefers12h } from '../common/time';
import { keepPathKey } from './confirmation';
import { Loading, StatusPage } from './status-page';
import { MeetingLink } from './meeting-link';
import { TokenError, useTokenInfo } from './use-token';
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
  useEffect(() => {
    if (title && !done && !kept) document.title = `Cancel · ${title}`;
  }, [title, done, kept]);

  if (info.kind === 'loading') return <Loading />;
  if (info.kind === 'error') return <TokenError error={info.error} />;
  const { data } = info;
  const zone = data.booking.attendeeTimeZone || browserTimeZone();
  const h12 = prefers12h();
  const when = `${formatLongDate(data.booking.start, zone)}, ${formatTime(data.booking.start, zone, h12)}`;

  if (done)
    return (
      <StatusPage title="Your meeting is cancelled">
        <p>
          {data.link.title} with {meetingWith(data)} on {when} is cancelled. The host has been told.
        </p>
        {data.linkActive && (
          <p>
            <a href={`/book/${encodeURIComponent(data.link.slug)}`}>Book a new time</a>
          </p>
        )}
      </StatusPage>
    );

  if (kept)
    return (
      <StatusPage title="Your meeting stays booked">
        <p data-testid="kept">
          Nothing changed: {data.link.title} with {meetingWith(data)} is still on {when}.
        </p>
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
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <form class="card stack" onSubmit={cancel}>
        <h1>Cancel {data.link.title}?</h1>
        <p>
          with {meetingWith(data)} on <strong data-testid="current-time">{when}</strong>{' '}
          <span class="muted">({zone.replace(/_/g, ' ')})</span>
        </p>
        <MeetingLink
          token={token}
          purpose="cancel"
          meetingUrl={data.booking.meetingUrl}
          meetingLinkRequested={data.booking.meetingLinkRequested}
        />
        <div class="field">
          <label for="reason">
            Reason <span class="muted">(optional, shared with the host)</span>
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
            {busy ? 'Cancelling…' : 'Cancel meeting'}
          </button>
          {backTo ? (
            <a class="button" href={backTo}>
              Keep my meeting
            </a>
          ) : (
            <button type="button" onClick={() => setKept(true)}>
              Keep my meeting
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
