import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, query, type FieldIssue } from '../common/api';
import type { BookingCreated, PublicLink, Slot, SlotDay } from '../common/types';
import { answersPayload, type AnswerDraft } from '../common/form-fields';
import { browserTimeZone, formatLongDate, formatTime, prefers12h } from '../common/time';
import { ClockToggle } from './clock-toggle';
import { Confirmation } from './confirmation';
import { DetailsForm } from './details-form';
import { embedError, embedOptions, notifyParent } from './embed-mode';
import { SlotPicker, slotErrorMessage } from './slot-picker';
import { Loading, StatusPage } from './status-page';
import { TimeZonePicker } from './timezone-picker';
import { uploadAnswerFile } from './upload';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; link: PublicLink }
  | { kind: 'not-found' }
  | { kind: 'inactive' }
  | { kind: 'error'; message: string };

const TAKEN = 'That time was just taken. Please pick another time.';

/**
 * Who a team link's meeting is with, under its title: "With Ana, Bea, or Cy" (round robin: one of
 * them) or "With Ana, Bea, and Cy" (collective: all of them), in the browser's language; '' for
 * a solo link.
 */
function teamLine(link: PublicLink): string {
  const names = (link.members ?? []).map((m) => m.name);
  if (!link.kind || link.kind === 'solo' || names.length === 0) return '';
  const list = new Intl.ListFormat(undefined, {
    type: link.kind === 'round_robin' ? 'disjunction' : 'conjunction',
  }).format(names);
  return `With ${list}`;
}

/**
 * `/book/<slug>`: pick a day, a time, enter details, get a confirmation. The query may pre-fill
 * `name` and `email`, and carry a `dealToken` (a host's "Schedule a call" link): it goes with the
 * booking, which then joins that CRM deal. Embedded (see embed-mode.ts), the query may also open a
 * day and hide the host's details, and the page tells the embedding page what happens.
 */
export function BookingPage({ slug }: { slug: string }) {
  const params = new URLSearchParams(location.search);
  const [dealToken] = useState(() => params.get('dealToken') || undefined);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [h12, setH12] = useState(prefers12h);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [notice, setNotice] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [details, setDetails] = useState({
    name: params.get('name') ?? '',
    email: params.get('email') ?? '',
  });
  /** The pre-meeting form's answers by field id; kept across refusals and slot changes. */
  const [answers, setAnswers] = useState<Record<string, AnswerDraft>>({});
  const [result, setResult] = useState<BookingCreated | null>(null);

  useEffect(() => {
    api<{ link: PublicLink }>('GET', `/api/public/links/${encodeURIComponent(slug)}`)
      .then(({ link }) => {
        document.title = `${link.title} · ${link.hostName}`;
        setState({ kind: 'ready', link });
        notifyParent('ready', { slug });
      })
      .catch((e: unknown) => {
        notifyParent('error', embedError(e));
        if (e instanceof ApiError && e.code === 'LINK_INACTIVE') setState({ kind: 'inactive' });
        else if (e instanceof ApiError && e.status === 404) setState({ kind: 'not-found' });
        else setState({ kind: 'error', message: (e as Error).message });
      });
  }, [slug]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'not-found')
    return (
      <StatusPage title="404 – Page not found">
        <p>There is no booking page at this address. Check the link you were given.</p>
      </StatusPage>
    );
  if (state.kind === 'inactive')
    return (
      <StatusPage title="This link is no longer active">
        <p>The host has turned this booking page off. Contact them for a new link.</p>
      </StatusPage>
    );
  if (state.kind === 'error')
    return (
      <StatusPage title="Something went wrong">
        <p>{state.message}</p>
      </StatusPage>
    );

  const { link } = state;
  const hideDetails = !!embedOptions?.hideDetails;
  // Servers without pre-meeting forms send no `formFields`.
  const formFields = link.formFields ?? [];
  const load = (from: string, to: string, tz: string) =>
    api<{ days: SlotDay[] }>(
      'GET',
      `/api/public/links/${encodeURIComponent(slug)}/slots${query({ from, to, timeZone: tz })}`,
    ).then((r) => r.days);

  async function book(name: string, email: string) {
    if (!slot) return;
    setDetails({ name, email });
    setSubmitting(true);
    setIssues([]);
    try {
      const created = await api<BookingCreated>(
        'POST',
        `/api/public/links/${encodeURIComponent(slug)}/bookings`,
        {
          start: slot.start,
          name,
          email,
          timeZone,
          dealToken,
          ...(formFields.length ? { answers: answersPayload(formFields, answers) } : {}),
        },
      );
      setResult(created);
      setNotice('');
      const { id: bookingId, start, end } = created.booking;
      notifyParent('booked', { bookingId, start, end });
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'SLOT_TAKEN' || e.code === 'SLOT_UNAVAILABLE')) {
        setSlot(null);
        setNotice(TAKEN);
        setRefreshKey((k) => k + 1);
      } else if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        setIssues(e.details.length ? e.details : [{ path: 'email', message: e.message }]);
      } else {
        // The rest fail for good: the visitor cannot fix them on this page.
        notifyParent('error', embedError(e));
        if (e instanceof ApiError && e.code === 'INVALID_DEAL_TOKEN') {
          setNotice(`${e.message}. Ask your host for a new link.`);
        } else if (e instanceof ApiError && e.code === 'LINK_INACTIVE') {
          setState({ kind: 'inactive' });
        } else {
          setNotice(slotErrorMessage(e));
        }
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <main>
      <header class="card">
        {!hideDetails && <p class="muted">{link.hostName}</p>}
        <h1>{link.title}</h1>
        {teamLine(link) && (
          <p class="muted" data-testid="team-members">
            {teamLine(link)}
          </p>
        )}
        {link.description && !hideDetails && <p>{link.description}</p>}
        <p class="muted">{link.durationMinutes} minutes</p>
      </header>
      <div class="notice" role="alert" aria-live="assertive" data-testid="notice">
        {notice}
      </div>
      {result ? (
        <Confirmation result={result} h12={h12} />
      ) : (
        slot && (
          <div class="card">
            <h2>Your details</h2>
            <p class="summary-time" data-testid="selected-time">
              {formatLongDate(slot.start, timeZone)}, {formatTime(slot.start, timeZone, h12)} –{' '}
              {formatTime(slot.end, timeZone, h12)}
            </p>
            <DetailsForm
              initialName={details.name}
              initialEmail={details.email}
              submitting={submitting}
              issues={issues}
              fields={formFields}
              answers={answers}
              onAnswer={(id, value) => setAnswers((a) => ({ ...a, [id]: value }))}
              upload={(field, file, onProgress) => uploadAnswerFile(slug, field, file, onProgress)}
              onBack={() => setSlot(null)}
              onSubmit={book}
            />
          </div>
        )
      )}
      <section class="booking" aria-label="Pick a time" hidden={!!slot || !!result}>
        <div class="controls row spread">
          <TimeZonePicker value={timeZone} onChange={setTimeZone} />
          <ClockToggle h12={h12} onChange={setH12} />
        </div>
        <SlotPicker
          load={load}
          timeZone={timeZone}
          h12={h12}
          maxDaysAhead={link.maxDaysAhead}
          refreshKey={refreshKey}
          initialDate={embedOptions?.date}
          onPick={(s) => {
            setNotice('');
            setSlot(s);
            notifyParent('slot-selected', { start: s.start, end: s.end });
          }}
          onLoadError={(e) => notifyParent('error', embedError(e))}
        />
      </section>
    </main>
  );
}
