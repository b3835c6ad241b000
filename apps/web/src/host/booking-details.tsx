import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../common/api';
import { followUpLine } from '../common/follow-ups';
import type { FollowUp, HostBooking } from '../common/types';
import { formatDateTime, formatTime } from '../common/time';
import { Answers } from './booking-answers';
import { linkName } from './link-name';

/** One entry of a booking's history as GET /api/host/bookings/:id gives it. */
interface HistoryEvent {
  type: string;
  actor: string;
  at: string;
}

/** Words for the history's event types; an unknown type shows as it is. */
const EVENT_LABELS: Record<string, string> = {
  created: 'Booked',
  rescheduled: 'Moved to another time',
  cancelled: 'Cancelled',
  no_show: 'Marked as a no-show',
  no_show_undone: 'No-show mark taken back',
  followup_failed: 'A follow-up failed',
};

const ACTOR_LABELS: Record<string, string> = {
  host: 'by the host',
  attendee: 'by the attendee',
  system: 'automatically',
};

/** The booking as GET /api/host/bookings/:id gives it. */
interface Details {
  booking: HostBooking;
  events: HistoryEvent[];
  followUps: FollowUp[];
}

/**
 * The follow-ups (emails, calendar, CRM) that need a word: retries with their error and next try,
 * failures with their error; otherwise one quiet line.
 */
function FollowUps(p: { followUps: FollowUp[]; timeZone: string }) {
  if (p.followUps.length === 0) return null;
  const lines = p.followUps
    .map((f) => ({ f, line: followUpLine(f, (iso) => formatDateTime(iso, p.timeZone)) }))
    .filter((l): l is { f: FollowUp; line: string } => l.line !== null);
  const allDone = p.followUps.every((f) => f.status === 'done' || f.status === 'cancelled');
  return (
    <>
      <h3>Follow-ups</h3>
      {lines.length === 0 ? (
        <p class="muted" data-testid="follow-ups-quiet">
          Emails, calendar and CRM updates: {allDone ? 'all done' : 'no errors so far'}
        </p>
      ) : (
        <ul class="follow-ups" data-testid="follow-ups">
          {lines.map(({ f, line }) => (
            <li key={f.id} class={f.status === 'failed' ? 'followup-failed' : undefined}>
              {line}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * A meeting's details in a modal dialog, read fresh from the server: attendee, link, time, meeting
 * link, the form's answers, the follow-ups that retry or failed, and the history. Escape or Close
 * returns focus to the opener.
 *
 * @example
 * {open && <BookingDetails bookingId={open} timeZone={zone} onClose={() => setOpen(null)} />}
 */
export function BookingDetails(p: { bookingId: string; timeZone: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [data, setData] = useState<Details | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal();
    const onClose = () => p.onClose();
    d?.addEventListener('close', onClose);
    return () => {
      d?.removeEventListener('close', onClose);
      opener?.focus();
    };
  }, []);
  useEffect(() => {
    let current = true;
    api<Details>('GET', `/api/host/bookings/${encodeURIComponent(p.bookingId)}`)
      .then((r) => current && setData(r))
      .catch((e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [p.bookingId]);
  const b = data?.booking;
  return (
    <dialog ref={ref} aria-labelledby="details-title" class="booking-details">
      <h2 id="details-title">{b ? `Meeting with ${b.attendeeName}` : 'Meeting details'}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!b && !error && <p class="muted">Loading…</p>}
      {b && data && (
        <>
          <dl class="details-facts">
            <dt>Attendee</dt>
            <dd>
              {b.attendeeName} <span class="muted">{b.attendeeEmail}</span>
            </dd>
            <dt>Link</dt>
            <dd>{linkName(b)}</dd>
            <dt>When</dt>
            <dd>
              {formatDateTime(b.start, p.timeZone)} – {formatTime(b.end, p.timeZone)}
            </dd>
            <dt>Status</dt>
            <dd>{b.status === 'cancelled' ? 'Cancelled' : b.noShow ? 'No-show' : 'Confirmed'}</dd>
            {b.meetingUrl && (
              <>
                <dt>Meeting link</dt>
                <dd>
                  <a href={b.meetingUrl} target="_blank" rel="noopener">
                    {b.meetingUrl}
                  </a>
                </dd>
              </>
            )}
          </dl>
          <Answers booking={b} />
          <FollowUps followUps={data.followUps} timeZone={p.timeZone} />
          <h3>History</h3>
          <ol class="history">
            {data.events.map((e, i) => (
              <li key={i}>
                {formatDateTime(e.at, p.timeZone)}: {EVENT_LABELS[e.type] ?? e.type}{' '}
                <span class="muted">{ACTOR_LABELS[e.actor] ?? ''}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      <form method="dialog" class="row">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
