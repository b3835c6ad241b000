import { useEffect, useRef } from 'preact/hooks';
import { t } from '../common/i18n';
import { withElements } from '../common/rich-message';
import type { BookingCreated, TokenInfo } from '../common/types';
import { formatLongDate, formatTime, zoneOffsetName } from '../common/time';
import { bookingViewPath } from './booking-view-path';
import { CalendarFileLink } from './calendar-file-link';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links';
import { MeetingLink } from './meeting-link';
import { meetingWith } from '../common/people';
import { embedOptions } from './embed-mode';

/** What the confirmation shows: from a fresh booking, or re-read through its reschedule token. */
export interface ConfirmedMeeting {
  title: string;
  withWhom: string;
  attendeeEmail: string;
  start: string;
  end: string;
  attendeeTimeZone: string;
  /** Known right after booking; the token view does not carry it. */
  hostTimeZone: string | null;
  meetingUrl: string | null;
  meetingLinkRequested: boolean;
  rescheduleToken: string;
  /** Known right after booking (and kept in the page's history entry); null when lost. */
  cancelUrl: string | null;
  slug: string;
}

/** The confirmation's view of a booking just made. */
export function fromCreated(r: BookingCreated): ConfirmedMeeting {
  const b = r.booking;
  return {
    title: b.linkTitle,
    withWhom: meetingWith(b),
    attendeeEmail: b.attendeeEmail,
    start: b.start,
    end: b.end,
    attendeeTimeZone: b.attendeeTimeZone,
    hostTimeZone: b.hostTimeZone,
    meetingUrl: b.meetingUrl,
    meetingLinkRequested: b.meetingLinkRequested,
    rescheduleToken: r.rescheduleToken,
    cancelUrl: r.cancelUrl,
    slug: b.linkSlug,
  };
}

/** The confirmation's view of a booking read through its reschedule token. */
export function fromToken(
  info: TokenInfo,
  rescheduleToken: string,
  cancelUrl: string | null,
): ConfirmedMeeting {
  const b = info.booking;
  return {
    title: info.link.title,
    withWhom: meetingWith(info),
    attendeeEmail: b.attendeeEmail,
    start: b.start,
    end: b.end,
    attendeeTimeZone: b.attendeeTimeZone,
    hostTimeZone: info.hostTimeZone,
    meetingUrl: b.meetingUrl,
    meetingLinkRequested: b.meetingLinkRequested,
    rescheduleToken,
    cancelUrl,
    slug: info.link.slug,
  };
}

/** Key of the confirmation's address for the cancel page's "Keep my meeting" (this tab only). */
export function keepPathKey(cancelPath: string): string {
  return `workestra:keep:${cancelPath}`;
}

/**
 * Leaving for the cancel page: remember where "Keep my meeting" returns to. Pages send no
 * referrer (the addresses hold tokens), and the cancel token cannot be turned into this one.
 */
function rememberKeepPath(m: ConfirmedMeeting): void {
  if (!m.cancelUrl) return;
  try {
    const cancelPath = new URL(m.cancelUrl, location.href).pathname;
    sessionStorage.setItem(keepPathKey(cancelPath), bookingViewPath(m.rescheduleToken));
  } catch {
    // Storage is off: the cancel page then offers to keep the meeting in place.
  }
}

/** `Monday, December 7, 2026, 10:00` in `zone`: when a meeting starts. */
export function startsAt(start: string, zone: string, h12: boolean): string {
  return t('confirm.startsAt', {
    date: formatLongDate(start, zone),
    time: formatTime(start, zone, h12),
  });
}

/** `Monday, December 7, 2026, 10:00 – 10:30 (Asia/Tokyo, GMT+9)`. */
export function When({
  start,
  end,
  zone,
  h12,
}: {
  start: string;
  end: string;
  zone: string;
  h12: boolean;
}) {
  const values = {
    date: formatLongDate(start, zone),
    start: formatTime(start, zone, h12),
    end: formatTime(end, zone, h12),
    zone: zone.replace(/_/g, ' '),
    offset: zoneOffsetName(zone, new Date(start)),
  };
  return (
    <>
      {withElements('confirm.when', values, { zone: (text) => <span class="muted">{text}</span> })}
    </>
  );
}

/**
 * "You're booked": both zones, the meeting link, calendar links (.ics, Google, Outlook),
 * reschedule and cancel links, and a way to book another time.
 */
export function Confirmation({ meeting: m, h12 }: { meeting: ConfirmedMeeting; h12: boolean }) {
  // Embedded, the page lives in a frame on someone else's site: pages outside the booking flow
  // open in a tab of their own.
  const leave = embedOptions ? { target: '_blank', rel: 'noopener' } : {};
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const rescheduleUrl = `/book/reschedule/${encodeURIComponent(m.rescheduleToken)}`;
  const event = {
    title: t('confirm.eventTitle', { title: m.title, who: m.withWhom }),
    start: m.start,
    end: m.end,
    details: [
      m.meetingUrl,
      t('confirm.eventReschedule', { url: new URL(rescheduleUrl, location.href).href }),
    ]
      .filter(Boolean)
      .join('\n'),
    location: m.meetingUrl ?? '',
  };

  return (
    <div class="card stack" data-testid="confirmation">
      <h2 ref={heading} tabIndex={-1}>
        {t('confirm.heading')}
      </h2>
      <p>{t('confirm.summary', { title: m.title, who: m.withWhom, email: m.attendeeEmail })}</p>
      <dl>
        <dt>{t('confirm.yourTime')}</dt>
        <dd class="summary-time" data-testid="attendee-time">
          <When start={m.start} end={m.end} zone={m.attendeeTimeZone} h12={h12} />
        </dd>
        {m.hostTimeZone && (
          <>
            <dt>{t('confirm.hostTime')}</dt>
            <dd data-testid="host-time">
              <When start={m.start} end={m.end} zone={m.hostTimeZone} h12={h12} />
            </dd>
          </>
        )}
      </dl>
      <MeetingLink
        token={m.rescheduleToken}
        purpose="reschedule"
        meetingUrl={m.meetingUrl}
        meetingLinkRequested={m.meetingLinkRequested}
      />
      <div class="row" data-testid="calendar-links">
        <CalendarFileLink token={m.rescheduleToken} />
        <a class="button" href={googleCalendarUrl(event)} target="_blank" rel="noopener">
          {t('confirm.addGoogle')}
        </a>
        <a class="button" href={outlookCalendarUrl(event)} target="_blank" rel="noopener">
          {t('confirm.addOutlook')}
        </a>
      </div>
      <p>
        {withElements(
          m.cancelUrl ? 'confirm.change' : 'confirm.changeNoCancel',
          {},
          {
            reschedule: (text) => (
              <a href={rescheduleUrl} {...leave}>
                {text}
              </a>
            ),
            cancel: (text) =>
              m.cancelUrl && (
                <a href={m.cancelUrl} {...leave} onClick={() => rememberKeepPath(m)}>
                  {text}
                </a>
              ),
          },
        )}
      </p>
      {m.slug && (
        <p>
          <a href={`/book/${encodeURIComponent(m.slug)}`} data-testid="book-another">
            {t('confirm.bookAnother')}
          </a>
        </p>
      )}
    </div>
  );
}
