import { useEffect, useRef } from 'preact/hooks';
import type { BookingCreated } from '../common/types';
import { formatLongDate, formatTime, zoneOffsetName } from '../common/time';
import { CalendarFileLink } from './calendar-file-link';
import { MeetingLink } from './meeting-link';
import { meetingWith } from '../common/people';
import { embedOptions } from './embed-mode';

interface Props {
  result: BookingCreated;
  h12: boolean;
}

function When({
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
  return (
    <>
      {formatLongDate(start, zone)}, {formatTime(start, zone, h12)} – {formatTime(end, zone, h12)}{' '}
      <span class="muted">
        ({zone.replace(/_/g, ' ')}, {zoneOffsetName(zone, new Date(start))})
      </span>
    </>
  );
}

/** "You're booked": both zones, the meeting link, an .ics download, reschedule and cancel links. */
export function Confirmation({ result, h12 }: Props) {
  const { booking } = result;
  // Embedded, the page lives in a frame on someone else's site: pages outside the booking flow
  // open in a tab of their own.
  const leave = embedOptions ? { target: '_blank', rel: 'noopener' } : {};
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div class="card stack" data-testid="confirmation">
      <h2 ref={heading} tabIndex={-1}>
        You're booked
      </h2>
      <p>
        {booking.linkTitle} with {meetingWith(booking)}. A confirmation was sent to{' '}
        {booking.attendeeEmail}.
      </p>
      <dl>
        <dt>Your time</dt>
        <dd class="summary-time" data-testid="attendee-time">
          <When start={booking.start} end={booking.end} zone={booking.attendeeTimeZone} h12={h12} />
        </dd>
        <dt>Host's time</dt>
        <dd data-testid="host-time">
          <When start={booking.start} end={booking.end} zone={booking.hostTimeZone} h12={h12} />
        </dd>
      </dl>
      <MeetingLink
        token={result.cancelToken}
        purpose="cancel"
        meetingUrl={booking.meetingUrl}
        meetingLinkRequested={booking.meetingLinkRequested}
      />
      <div class="row">
        <CalendarFileLink token={result.rescheduleToken} />
      </div>
      <p>
        Need a change?{' '}
        <a href={result.rescheduleUrl} {...leave}>
          Reschedule
        </a>{' '}
        or{' '}
        <a href={result.cancelUrl} {...leave}>
          cancel
        </a>{' '}
        this meeting.
      </p>
    </div>
  );
}
