import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { HourCycle } from '@workestra/booking-core/locales';
import { ApiError, api, query, type FieldIssue } from '../common/api';
import type { BookingCreated, PublicLink, Slot, SlotDay } from '../common/types';
import { answersPayload, type AnswerDraft } from '../common/form-fields';
import { currentLocale, t, type MessageId } from '../common/i18n';
import { browserTimeZone, prefers12h } from '../common/time';
import type { BookingViewState } from './booking-view-page';
import { bookingViewPath } from './booking-view-path';
import { ClockToggle } from './clock-toggle';
import { Confirmation, When, fromCreated } from './confirmation';
import { DetailsForm } from './details-form';
import { embedError, embedOptions, notifyParent } from './embed-mode';
import { SLOTS_HEADING_ID } from './slot-list';
import { SlotPicker, slotErrorMessage } from './slot-picker';
import { Loading, StatusPage } from './status-page';
import { TimeZonePicker } from './timezone-picker';
import { uploadAnswerFile } from './upload';
import { readBookingView, stepBack, writeBookingView, type BookingView } from './url-state';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; link: PublicLink }
  | { kind: 'not-found' }
  | { kind: 'inactive' }
  | { kind: 'error'; error: unknown };

/**
 * What the notice above the page says: one of its messages, or a failure in the attendee's words
 * (see slotErrorMessage). Kept as such, not as text, so a language change re-words it.
 */
type Notice = { message: MessageId } | { error: unknown } | null;

/** Where focus goes once the times are shown again. */
type FocusTarget = { kind: 'notice' } | { kind: 'time'; start: string } | null;

/** After a visit back to the times: the chosen time's button, or the day's heading. */
function applyFocus(target: NonNullable<FocusTarget>): boolean {
  const el =
    target.kind === 'notice'
      ? document.querySelector<HTMLElement>('[data-testid="notice"]')
      : (document.querySelector<HTMLElement>(`ul.slots button[data-start="${target.start}"]`) ??
        document.getElementById(SLOTS_HEADING_ID));
  el?.focus();
  return !!el;
}

/**
 * Who a team link's meeting is with, under its title: "With Ana, Bea, or Cy" (round robin: one of
 * them) or "With Ana, Bea, and Cy" (collective: all of them), in the page's language; '' for a
 * solo link.
 */
function teamLine(link: PublicLink): string {
  const names = (link.members ?? []).map((m) => m.name);
  if (!link.kind || link.kind === 'solo' || names.length === 0) return '';
  const list = new Intl.ListFormat(currentLocale(), {
    type: link.kind === 'round_robin' ? 'disjunction' : 'conjunction',
  }).format(names);
  return t('book.teamLine', { names: list });
}

/**
 * `/book/<slug>`: pick a day, a time, enter details, get a confirmation. The query may pre-fill
 * `name` and `email`, and carry a `dealToken` (a host's "Schedule a call" link): it goes with the
 * booking, which then joins that CRM deal. Embedded (see embed-mode.ts), the query may also open a
 * day and hide the host's details, and the page tells the embedding page what happens. The month,
 * day and chosen time live in the query too (url-state.ts), with Back and Forward stepping through
 * them; the confirmation moves to `/book/booking/<token>`, which survives a reload.
 */
export function BookingPage({ slug }: { slug: string }) {
  const params = new URLSearchParams(location.search);
  const [dealToken] = useState(() => params.get('dealToken') || undefined);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  /** The attendee's own clock choice; until they make one, the page's locale decides. */
  const [h12Choice, setH12] = useState<boolean | null>(null);
  const h12 = h12Choice ?? prefers12h();
  const [slot, setSlot] = useState<Slot | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [notice, setNotice] = useState<Notice>(null);
  const [submitting, setSubmitting] = useState(false);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [details, setDetails] = useState({
    name: params.get('name') ?? '',
    email: params.get('email') ?? '',
  });
  /** The pre-meeting form's answers by field id; kept across refusals and slot changes. */
  const [answers, setAnswers] = useState<Record<string, AnswerDraft>>({});
  const [result, setResult] = useState<BookingCreated | null>(null);
  /** The view the slot picker opens with; replaced (and the picker remounted) on Back/Forward. */
  const [start, setStart] = useState<BookingView>(readBookingView);
  const [pickerKey, setPickerKey] = useState(0);
  /** What the slot picker shows now, to tell whether a history step needs it to change. */
  const shown = useRef<{ month: string | null; date: string | null }>(start);
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  const duration = state.kind === 'ready' ? state.link.durationMinutes : 0;
  const slotRef = useRef(slot);
  slotRef.current = slot;

  useLayoutEffect(() => {
    if (focusTarget && !slot && applyFocus(focusTarget)) setFocusTarget(null);
  });

  useEffect(() => {
    if (!duration) return;
    const path = location.pathname;
    const onPop = () => {
      // Back from the confirmation (or to another page's entry): show that entry afresh.
      if (result || location.pathname !== path) return location.reload();
      const view = readBookingView();
      const now = shown.current;
      if ((view.month ?? now.month) !== now.month || (view.date ?? now.date) !== now.date) {
        setStart({ ...view, slot: null });
        setPickerKey((k) => k + 1);
      }
      if (view.slot) {
        const end = new Date(Date.parse(view.slot) + duration * 60_000).toISOString();
        setSlot({ start: view.slot, end });
      } else if (slotRef.current) {
        setFocusTarget({ kind: 'time', start: slotRef.current.start });
        setSlot(null);
      }
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [duration, result]);

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
        else setState({ kind: 'error', error: e });
      });
  }, [slug]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'not-found')
    return (
      <StatusPage title={t('notFound.title')}>
        <p>{t('book.notFoundBody')}</p>
      </StatusPage>
    );
  if (state.kind === 'inactive')
    return (
      <StatusPage title={t('book.inactiveTitle')}>
        <p>{t('book.inactiveBody')}</p>
      </StatusPage>
    );
  if (state.kind === 'error')
    return (
      <StatusPage title={t('book.errorTitle')}>
        <p>{slotErrorMessage(state.error)}</p>
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
    const hourCycle: HourCycle = h12 ? 'h12' : 'h23';
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
          locale: currentLocale(),
          hourCycle,
          ...(formFields.length ? { answers: answersPayload(formFields, answers) } : {}),
        },
      );
      setResult(created);
      setNotice(null);
      // The confirmation gets an address of its own that a reload keeps. Embedded, the frame
      // stays where it is: that address is not one the customer's page may frame.
      if (!embedOptions) {
        const saved: BookingViewState = { cancelUrl: created.cancelUrl };
        history.replaceState(saved, '', bookingViewPath(created.rescheduleToken));
      }
      const { id: bookingId, start, end } = created.booking;
      notifyParent('booked', { bookingId, start, end });
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'SLOT_TAKEN' || e.code === 'SLOT_UNAVAILABLE')) {
        setSlot(null);
        setNotice({ message: 'book.slotTaken' });
        setRefreshKey((k) => k + 1);
        setFocusTarget({ kind: 'notice' });
        writeBookingView({ ...readBookingView(), slot: null }, 'replace');
      } else if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        setIssues(e.details.length ? e.details : [{ path: 'email', message: e.message }]);
      } else {
        // The rest fail for good: the visitor cannot fix them on this page.
        notifyParent('error', embedError(e));
        if (e instanceof ApiError && e.code === 'INVALID_DEAL_TOKEN') {
          setNotice({ message: 'book.dealTokenInvalid' });
        } else if (e instanceof ApiError && e.code === 'LINK_INACTIVE') {
          setState({ kind: 'inactive' });
        } else {
          setNotice({ error: e });
        }
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    // Embedded, the page's main sits inside the customer page's own: a name tells them apart.
    <main aria-label={embedOptions ? t('book.embeddedLabel', { title: link.title }) : undefined}>
      <header class="card">
        {!hideDetails && <p class="muted">{link.hostName}</p>}
        <h1>{link.title}</h1>
        {teamLine(link) && (
          <p class="muted" data-testid="team-members">
            {teamLine(link)}
          </p>
        )}
        {link.description && !hideDetails && <p>{link.description}</p>}
        <p class="muted">{t('book.duration', { count: link.durationMinutes })}</p>
      </header>
      <div class="notice" role="alert" aria-live="assertive" data-testid="notice" tabIndex={-1}>
        {notice && ('message' in notice ? t(notice.message) : slotErrorMessage(notice.error))}
      </div>
      {result ? (
        <Confirmation meeting={fromCreated(result)} h12={h12} />
      ) : (
        slot && (
          <div class="card">
            <h2>{t('book.detailsHeading')}</h2>
            <p class="summary-time" data-testid="selected-time">
              <When start={slot.start} end={slot.end} zone={timeZone} h12={h12} />
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
              onBack={() => {
                // Browser Back and this button do the same; Forward then returns to the details.
                if (stepBack()) return;
                setFocusTarget({ kind: 'time', start: slot.start });
                setSlot(null);
                writeBookingView({ ...readBookingView(), slot: null }, 'replace');
              }}
              onSubmit={book}
            />
          </div>
        )
      )}
      <section class="booking" aria-label={t('book.pickTime')} hidden={!!slot || !!result}>
        <div class="controls row spread">
          <TimeZonePicker value={timeZone} onChange={setTimeZone} />
          <ClockToggle h12={h12} onChange={setH12} />
        </div>
        <SlotPicker
          key={pickerKey}
          load={load}
          timeZone={timeZone}
          h12={h12}
          maxDaysAhead={link.maxDaysAhead}
          refreshKey={refreshKey}
          initialDate={start.date}
          initialMonth={start.month}
          initialSlot={start.slot}
          onRestoreSlot={(s) => {
            if (s) return setSlot(s);
            setNotice({ message: 'book.slotGone' });
            setFocusTarget({ kind: 'notice' });
            writeBookingView({ ...readBookingView(), slot: null }, 'replace');
          }}
          onView={(view, how) => {
            shown.current = view;
            // The page's own choices keep a time already in the address (it may be restored).
            const slotInUrl = how === 'replace' ? readBookingView().slot : null;
            writeBookingView({ ...view, slot: slotInUrl }, how);
          }}
          onPick={(s) => {
            setNotice(null);
            setSlot(s);
            writeBookingView({ ...shown.current, slot: s.start }, 'push');
            notifyParent('slot-selected', { start: s.start, end: s.end });
          }}
          onLoadError={(e) => notifyParent('error', embedError(e))}
        />
      </section>
    </main>
  );
}
