import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../common/api';
import type { BookingFilter, Host, HostBooking, Link } from '../common/types';
import { fetchBookingsPage } from './bookings-api';
import { browserTimeZone, formatDateTime, formatTime } from '../common/time';
import { followUpLabel } from '../common/follow-ups';
import { Answers } from './booking-answers';
import { ConfirmDialog } from './confirm-dialog';
import { FirstLinkGuide } from './first-link-guide';
import { linkName } from './link-name';
import { setQuery, useSearch } from './router';
import { UncertainEmails } from './uncertain-emails';
import { WeekView } from './week-view';

const TABS: { id: BookingFilter; label: string }[] = [
  { id: 'upcoming', label: 'Upcoming' },
  { id: 'past', label: 'Past' },
  { id: 'no_show', label: 'No-shows' },
  { id: 'cancelled', label: 'Cancellations' },
];

/** The tab named by `?tab=` (the default, upcoming, has none). */
function tabOf(search: URLSearchParams): BookingFilter {
  const id = search.get('tab');
  return TABS.find((t) => t.id === id)?.id ?? 'upcoming';
}

function statusOf(b: HostBooking): string {
  if (b.status === 'cancelled') return 'Cancelled';
  if (b.noShow) return 'No-show';
  return Date.parse(b.end) < Date.now() ? 'Completed' : 'Confirmed';
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Who is booked, when the row should say it: the booking went to another member than `me`, or it
 * is a team link's (`teamLinks`: ids of the host's team links) or has co-hosts. '' otherwise.
 */
function bookedHosts(b: HostBooking, me: Host, teamLinks: ReadonlySet<string>): string {
  if (!b.host) return '';
  const coHosts = b.coHosts ?? [];
  if (b.host.id === me.id && coHosts.length === 0 && !teamLinks.has(b.linkId)) return '';
  const names = [b.host, ...coHosts].map((p) => (p.id === me.id ? `${p.name} (you)` : p.name));
  return new Intl.ListFormat(undefined, { type: 'conjunction' }).format(names);
}

/** `/calendar`: meetings by tab, plus a week grid. */
export function CalendarPage({ host }: { host: Host }) {
  const zone = browserTimeZone();
  // The tab lives in the URL, so Back and reload return to it.
  const search = useSearch();
  const tab = tabOf(search);
  const setTab = (id: BookingFilter) => setQuery({ tab: id === 'upcoming' ? undefined : id });
  const [bookings, setBookings] = useState<HostBooking[] | null>(null);
  /** Continues the tab's list; null once every page is shown. */
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  /** Which tab load is current, so an answer for a tab the host already left is dropped. */
  const loadId = useRef(0);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [version, setVersion] = useState(0);
  const [cancelling, setCancelling] = useState<HostBooking | null>(null);
  const [markingNoShow, setMarkingNoShow] = useState<HostBooking | null>(null);
  /** The meeting just marked a no-show, offered for Undo until another action. */
  const [undoable, setUndoable] = useState<HostBooking | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  /** The host's team links, so their rows name the member booked; empty until read (or unreadable). */
  const [teamLinks, setTeamLinks] = useState<ReadonlySet<string>>(new Set());
  /** Whether the host has any link (null until known): none means a first-run guide. */
  const [hasLinks, setHasLinks] = useState<boolean | null>(null);
  useEffect(() => {
    document.title = 'Calendar · Workestra';
    api<{ links: Link[] }>('GET', '/api/host/links')
      .then(({ links }) => {
        setTeamLinks(new Set(links.filter((l) => l.kind !== 'solo').map((l) => l.id)));
        setHasLinks(links.length > 0);
      })
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    const id = ++loadId.current;
    setBookings(null);
    setNextCursor(null);
    setError('');
    fetchBookingsPage(tab, null)
      .then((page) => {
        if (id !== loadId.current) return;
        setBookings(page.bookings);
        setNextCursor(page.nextCursor);
      })
      .catch((e: Error) => id === loadId.current && setError(e.message));
  }, [tab, version]);

  async function loadMore() {
    if (nextCursor === null) return;
    const id = loadId.current;
    setLoadingMore(true);
    setError('');
    try {
      const page = await fetchBookingsPage(tab, nextCursor);
      if (id !== loadId.current) return;
      setBookings((shown) => [...(shown ?? []), ...page.bookings]);
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (id === loadId.current) setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }

  async function act(b: HostBooking, action: 'cancel' | 'no-show' | 'undo-no-show', body?: object) {
    setBusy(true);
    setError('');
    try {
      if (action === 'undo-no-show') await api('DELETE', `/api/host/bookings/${b.id}/no-show`);
      else await api('POST', `/api/host/bookings/${b.id}/${action}`, body ?? {});
      setStatus(
        action === 'cancel'
          ? `Cancelled the meeting with ${b.attendeeName}.`
          : action === 'no-show'
            ? `Marked ${b.attendeeName} as a no-show.`
            : `${b.attendeeName} is no longer marked as a no-show.`,
      );
      setUndoable(action === 'no-show' ? b : null);
      setCancelling(null);
      setMarkingNoShow(null);
      setReason('');
      setVersion((v) => v + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function onTabKey(e: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = TABS[(i + d + TABS.length) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  return (
    <>
      <h1>Calendar</h1>
      <p class="muted">
        Hi {host.name}. Times are shown in {zone.replace(/_/g, ' ')}.
      </p>
      <div class="row">
        <p role="status" class="success">
          {status}
        </p>
        {undoable && (
          <button type="button" disabled={busy} onClick={() => act(undoable, 'undo-no-show')}>
            Undo<span class="visually-hidden"> the no-show of {undoable.attendeeName}</span>
          </button>
        )}
      </div>
      {hasLinks === false && <FirstLinkGuide />}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <UncertainEmails zone={zone} />
      <section class="card" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Meetings</h2>
        <div role="tablist" aria-label="Meetings" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="meetings-panel"
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="meetings-panel" aria-labelledby={`tab-${tab}`} tabIndex={0}>
          {bookings === null ? (
            <p class="muted">Loading…</p>
          ) : bookings.length === 0 ? (
            <p class="muted">No meetings here.</p>
          ) : (
            <table class="meetings">
              <thead>
                <tr>
                  <th scope="col">Attendee</th>
                  <th scope="col">Link</th>
                  <th scope="col">Time</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {bookings.map((b) => {
                  const started = Date.parse(b.start) <= Date.now();
                  return (
                    <tr key={b.id} data-booking-id={b.id}>
                      <td>
                        <strong>{b.attendeeName}</strong>
                        <br />
                        <span class="muted">{b.attendeeEmail}</span>
                        <Answers booking={b} />
                      </td>
                      <td>
                        {linkName(b)}
                        {bookedHosts(b, host, teamLinks) && (
                          <div class="muted" data-testid="booked-host">
                            With {bookedHosts(b, host, teamLinks)}
                          </div>
                        )}
                      </td>
                      <td>
                        {formatDateTime(b.start, zone)} – {formatTime(b.end, zone)}
                        {b.meetingUrl && (
                          <div>
                            <a
                              class="meeting-link"
                              href={b.meetingUrl}
                              target="_blank"
                              rel="noopener"
                              data-testid="meeting-link"
                            >
                              Join meeting
                              <span class="visually-hidden"> with {b.attendeeName}</span>
                            </a>
                          </div>
                        )}
                      </td>
                      <td>
                        <span class="status">{statusOf(b)}</span>
                        {b.cancelReason && <div class="muted">“{b.cancelReason}”</div>}
                        {b.followUpFailures.map((f) => (
                          <div
                            key={`${f.kind}-${f.at}`}
                            class="followup-failed"
                            data-testid="followup-failed"
                          >
                            <span aria-hidden="true">⚠ </span>
                            {capitalise(followUpLabel(f.kind))} failed
                            <span class="muted">
                              {' '}
                              after {f.attempts} {f.attempts === 1 ? 'try' : 'tries'} (
                              {formatDateTime(f.at, zone)}): {f.error}
                            </span>
                          </div>
                        ))}
                      </td>
                      <td>
                        <div class="row">
                          {b.status === 'confirmed' && !started && (
                            <button type="button" class="danger" onClick={() => setCancelling(b)}>
                              Cancel
                              <span class="visually-hidden"> meeting with {b.attendeeName}</span>
                            </button>
                          )}
                          {b.status === 'confirmed' && started && !b.noShow && (
                            <button
                              type="button"
                              disabled={busy}
                              onClick={() => setMarkingNoShow(b)}
                            >
                              Mark no-show
                              <span class="visually-hidden"> for {b.attendeeName}</span>
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {bookings !== null && bookings.length > 0 && (
            <p class="row spread" data-testid="meetings-footer">
              <span class="muted" aria-live="polite">
                Showing {bookings.length} {bookings.length === 1 ? 'meeting' : 'meetings'}
                {nextCursor === null ? '.' : '; there are more.'}
              </span>
              {nextCursor !== null && (
                <button type="button" disabled={loadingMore} onClick={loadMore}>
                  {loadingMore ? 'Loading…' : 'Load more'}
                </button>
              )}
            </p>
          )}
        </div>
      </section>
      <WeekView timeZone={zone} version={version} />
      {markingNoShow && (
        <ConfirmDialog
          title={`Mark ${markingNoShow.attendeeName} as a no-show?`}
          confirmLabel="Mark no-show"
          busy={busy}
          onClose={() => setMarkingNoShow(null)}
          onConfirm={() => act(markingNoShow, 'no-show')}
        >
          <p>
            The meeting of {formatDateTime(markingNoShow.start, zone)} moves to No-shows. You can
            undo this.
          </p>
        </ConfirmDialog>
      )}
      {cancelling && (
        <ConfirmDialog
          title={`Cancel the meeting with ${cancelling.attendeeName}?`}
          confirmLabel="Cancel meeting"
          busy={busy}
          onClose={() => setCancelling(null)}
          onConfirm={() =>
            act(cancelling, 'cancel', reason.trim() ? { reason: reason.trim() } : {})
          }
        >
          <p>{formatDateTime(cancelling.start, zone)}. The attendee is told by email.</p>
          <div class="field">
            <label for="cancel-reason">
              Reason <span class="muted">(optional)</span>
            </label>
            <textarea
              id="cancel-reason"
              rows={2}
              value={reason}
              onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
            />
          </div>
        </ConfirmDialog>
      )}
    </>
  );
}
