import { useEffect, useState } from 'preact/hooks';
import { api } from '../common/api';
import { formatDateTime } from '../common/time';
import type { Link } from '../common/types';
import {
  type CrmBookedMeeting,
  type CrmContact,
  type CrmDeal,
  type CrmDealWithContact,
  type CrmMeeting,
  type CrmNote,
  MEETING_STATUS_LABELS,
  defaultLinkId,
  fetchContact,
  fetchDeal,
  formatMoney,
  scheduleCall,
  splitByStart,
} from './crm-api';
import { PROVIDER_LABELS } from './calendar-connections-api';
import { CopyButton } from './copy-button';
import { A } from './router';

/** A calendar provider's name as the Calendars page shows it; an unknown one as it came. */
const providerLabel = (provider: string): string =>
  (PROVIDER_LABELS as Record<string, string>)[provider] ?? provider;

/** Loads once per `id`: the value, or the error's message. */
function useLoad<T>(load: (id: string) => Promise<T>, id: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setData(null);
    setError('');
    load(id)
      .then((value) => live && setData(value))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [id]);
  return { data, error };
}

function Back() {
  return (
    <p>
      <A href="/crm">← All contacts and deals</A>
    </p>
  );
}

function Meeting({ meeting, zone }: { meeting: CrmMeeting; zone: string }) {
  return (
    <>
      <time dateTime={meeting.start}>{formatDateTime(meeting.start, zone)}</time>{' '}
      <span class="status">{MEETING_STATUS_LABELS[meeting.status]}</span>
      {meeting.meetingUrl && meeting.status === 'scheduled' && (
        <>
          {' '}
          <a href={meeting.meetingUrl} target="_blank" rel="noopener noreferrer">
            Join meeting
          </a>
        </>
      )}
    </>
  );
}

const money = (d: CrmDeal) => (d.valueMinor === null ? '—' : formatMoney(d.valueMinor, d.currency));

function Notes({ notes, zone }: { notes: CrmNote[]; zone: string }) {
  return (
    <section class="card" aria-labelledby="crm-notes">
      <h2 id="crm-notes">Notes</h2>
      {notes.length === 0 ? (
        <p class="muted">No notes yet.</p>
      ) : (
        <ul>
          {notes.map((n) => (
            <li key={n.id}>
              <time dateTime={n.createdAt} class="muted">
                {formatDateTime(n.createdAt, zone)}
              </time>
              : {n.note}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A list of meetings; each names its deal (a link) when it has one, else the link's title. */
function MeetingRows(props: {
  id: string;
  title: string;
  meetings: CrmBookedMeeting[];
  deals: ReadonlyMap<string, CrmDeal>;
  zone: string;
  empty: string;
}) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.meetings.length === 0 ? (
        <p class="muted">{props.empty}</p>
      ) : (
        <ul>
          {props.meetings.map((m) => {
            const deal = m.dealId === null ? undefined : props.deals.get(m.dealId);
            return (
              <li key={m.bookingId} data-booking-id={m.bookingId}>
                {deal ? (
                  <A href={`/crm/deals/${encodeURIComponent(deal.id)}`}>{deal.title}</A>
                ) : (
                  m.title
                )}
                : <Meeting meeting={m} zone={props.zone} />
                {m.calendarEvent && (
                  <span class="muted" data-testid="calendar-event">
                    {' '}
                    · in {providerLabel(m.calendarEvent.provider)}
                  </span>
                )}
                {deal && (
                  <span class="muted">
                    {' '}
                    · {deal.stage ?? 'No stage'} · {money(deal)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Upcoming and past meetings, as two sections. */
function Meetings(props: {
  meetings: CrmBookedMeeting[];
  deals: readonly CrmDeal[];
  zone: string;
}) {
  const { upcoming, past } = splitByStart(props.meetings, Date.now());
  const deals = new Map(props.deals.map((d) => [d.id, d]));
  return (
    <>
      <MeetingRows
        id="crm-upcoming"
        title="Upcoming meetings"
        meetings={upcoming}
        deals={deals}
        zone={props.zone}
        empty="No upcoming meetings."
      />
      <MeetingRows
        id="crm-past"
        title="Past meetings"
        meetings={past}
        deals={deals}
        zone={props.zone}
        empty="No past meetings."
      />
    </>
  );
}

/** `/crm/contacts/:id`: a contact, its meetings (upcoming and past) with their deals, and its notes. */
export function CrmContactPage({ id, zone }: { id: string; zone: string }) {
  const { data, error } = useLoad(fetchContact, id);
  useEffect(() => {
    document.title = `${data?.contact.name ?? 'Contact'} · CRM · Workestra`;
  }, [data]);
  if (error)
    return (
      <>
        <Back />
        <h1>Contact</h1>
        <p role="alert" class="error">
          {error}
        </p>
      </>
    );
  if (!data) return <p class="muted">Loading…</p>;
  return (
    <>
      <Back />
      <h1>{data.contact.name}</h1>
      <ContactFacts contact={data.contact} />
      <Meetings meetings={data.meetings} deals={data.deals} zone={zone} />
      <Notes notes={data.notes} zone={zone} />
    </>
  );
}

function ContactFacts({ contact }: { contact: CrmContact }) {
  return (
    <dl class="connection-facts">
      <dt>Email</dt>
      <dd>
        <a href={`mailto:${contact.email}`}>{contact.email}</a>
      </dd>
      <dt>Time zone</dt>
      <dd>{contact.timeZone.replace(/_/g, ' ')}</dd>
    </dl>
  );
}

/** `/crm/deals/:id`: a deal's stage, value, contact, latest meeting, all its meetings and notes. */
export function CrmDealPage({ id, zone }: { id: string; zone: string }) {
  const { data, error } = useLoad(fetchDeal, id);
  useEffect(() => {
    document.title = `${data?.deal.title ?? 'Deal'} · CRM · Workestra`;
  }, [data]);
  if (error)
    return (
      <>
        <Back />
        <h1>Deal</h1>
        <p role="alert" class="error">
          {error}
        </p>
      </>
    );
  if (!data) return <p class="muted">Loading…</p>;
  const deal: CrmDealWithContact = data.deal;
  return (
    <>
      <Back />
      <h1>{deal.title}</h1>
      <dl class="connection-facts" aria-label="Deal">
        <dt>Stage</dt>
        <dd>{deal.stage ?? 'No stage'}</dd>
        <dt>Value</dt>
        <dd>{money(deal)}</dd>
        <dt>Contact</dt>
        <dd>
          <A href={`/crm/contacts/${encodeURIComponent(deal.contact.id)}`}>{deal.contact.name}</A>{' '}
          <span class="muted">{deal.contact.email}</span>
        </dd>
        <dt>
          {Date.parse(deal.meeting.start) >= Date.now() ? 'Upcoming meeting' : 'Past meeting'}
        </dt>
        <dd>
          <Meeting meeting={deal.meeting} zone={zone} />
        </dd>
      </dl>
      <Meetings meetings={data.meetings} deals={[]} zone={zone} />
      <ScheduleCall deal={deal} sourceLinkId={data.sourceLinkId} />
      <Notes notes={data.notes} zone={zone} />
    </>
  );
}

/**
 * "Schedule a call": pick one of the host's active links (the deal's own by default) and open its
 * booking page, pre-filled with the contact; the call booked there joins this deal.
 */
function ScheduleCall(props: { deal: CrmDealWithContact; sourceLinkId: string | null }) {
  const { deal, sourceLinkId } = props;
  const [links, setLinks] = useState<Link[] | null>(null);
  const [linkId, setLinkId] = useState('');
  const [error, setError] = useState('');
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState('');
  useEffect(() => {
    api<{ links: Link[] }>('GET', '/api/host/links')
      .then(({ links: all }) => {
        setLinks(all.filter((l) => l.active));
        setLinkId(defaultLinkId(all, sourceLinkId) ?? '');
      })
      .catch((e: Error) => setError(e.message));
  }, [deal.id]);

  async function open(e: Event) {
    e.preventDefault();
    // Opened before the await, so no popup blocker steps in; pointed at the page once minted.
    const tab = window.open('', '_blank');
    setOpening(true);
    setError('');
    try {
      const { url } = await scheduleCall(deal.id, linkId);
      setOpened(url);
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else location.assign(url);
    } catch (err) {
      tab?.close();
      setError((err as Error).message);
    } finally {
      setOpening(false);
    }
  }

  return (
    <section class="card" aria-labelledby="crm-schedule">
      <h2 id="crm-schedule">Schedule a call</h2>
      {links === null ? (
        !error && <p class="muted">Loading…</p>
      ) : links.length === 0 ? (
        <p class="muted">You have no active booking link to schedule a call with.</p>
      ) : (
        <form class="row" onSubmit={(e) => void open(e)}>
          <div class="field">
            <label for="crm-schedule-link">Booking link</label>
            <select
              id="crm-schedule-link"
              value={linkId}
              onChange={(e) => setLinkId((e.currentTarget as HTMLSelectElement).value)}
            >
              {links.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="primary" disabled={opening || !linkId}>
            {opening ? 'Opening…' : 'Schedule a call'}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {opened && (
        <p class="row" data-testid="schedule-url">
          <span class="muted">Or send {deal.contact.name} the page (valid 14 days):</span>
          <CopyButton text={opened} label="Copy the scheduling link" />
        </p>
      )}
      <p class="muted">
        Opens the booking page with the contact’s name and email filled in; the meeting booked there
        becomes this deal’s meeting.
      </p>
    </section>
  );
}
