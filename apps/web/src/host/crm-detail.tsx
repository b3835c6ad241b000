import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../common/time';
import {
  type CrmBookedMeeting,
  type CrmContact,
  type CrmDeal,
  type CrmDealWithContact,
  type CrmMeeting,
  type CrmNote,
  MEETING_STATUS_LABELS,
  fetchContact,
  fetchDeal,
  formatMoney,
  splitByStart,
} from './crm-api';
import { PROVIDER_LABELS } from './calendar-connections-api';
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
      <Notes notes={data.notes} zone={zone} />
    </>
  );
}
