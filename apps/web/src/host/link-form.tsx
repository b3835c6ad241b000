import { slugify } from '@workestra/booking-core/slugify';
import { LINK_LIMITS } from '@workestra/booking-core/limits';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../common/api';
import type { CalendarConnections, Link, LinkInput, LinkMember, Member } from '../common/types';
import { allTimeZones, browserTimeZone } from '../common/time';
import { checkFormFields, type FormField } from '../common/form-fields';
import { fetchCalendarConnections } from './calendar-connections-api';
import { FormFieldsEditor } from './form-fields-editor';
import { fetchMembers } from './members-api';
import { currencyDigits, currencyOptions, fromMinorUnits, toMinorUnits } from './money';
import { ProviderField } from './provider-field';
import { TeamField } from './team-field';
import { dayErrorKey, dayMessage, issuesToErrors } from './link-errors';
import { setLeaveGuard } from './router';
import { WEEKDAYS, WeeklyHoursEditor, type FullWeek } from './weekly-hours';

interface Draft {
  kind: LinkInput['kind'];
  /** A team link's members; kept while the kind is switched back and forth. */
  members: LinkMember[];
  title: string;
  description: string;
  slug: string;
  slugTouched: boolean;
  durationMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minNoticeHours: string;
  maxDaysAhead: string;
  timeZone: string;
  weeklyHours: FullWeek;
  calendarProvider: LinkInput['calendarProvider'];
  autoMeetingLink: boolean;
  autoCreateDeal: boolean;
  defaultDealStage: string;
  defaultDealValue: string;
  /** ISO 4217 code, or '' for none. */
  defaultDealCurrency: string;
  /** The pre-meeting form in order. */
  formFields: FormField[];
}

const workdays = (): FullWeek => {
  const w = {} as FullWeek;
  for (const d of WEEKDAYS)
    w[d] = d === 'saturday' || d === 'sunday' ? [] : [{ start: '09:00', end: '17:00' }];
  return w;
};

function toDraft(link: Link | null, likelyCurrency: string | null): Draft {
  if (!link)
    return {
      kind: 'solo',
      members: [],
      title: '',
      description: '',
      slug: '',
      slugTouched: false,
      durationMinutes: '30',
      bufferBeforeMinutes: '0',
      bufferAfterMinutes: '0',
      minNoticeHours: '0',
      maxDaysAhead: '30',
      timeZone: browserTimeZone(),
      weeklyHours: workdays(),
      calendarProvider: 'none',
      autoMeetingLink: false,
      autoCreateDeal: false,
      defaultDealStage: '',
      defaultDealValue: '',
      defaultDealCurrency: likelyCurrency ?? '',
      formFields: [],
    };
  const week = {} as FullWeek;
  for (const d of WEEKDAYS) week[d] = [...(link.weeklyHours[d] ?? [])];
  return {
    kind: link.kind,
    members: link.members.map((m) => ({ ...m })),
    title: link.title,
    description: link.description ?? '',
    slug: link.slug,
    slugTouched: true,
    durationMinutes: String(link.durationMinutes),
    bufferBeforeMinutes: String(link.bufferBeforeMinutes),
    bufferAfterMinutes: String(link.bufferAfterMinutes),
    minNoticeHours: String(link.minNoticeHours),
    maxDaysAhead: String(link.maxDaysAhead),
    timeZone: link.timeZone,
    weeklyHours: week,
    calendarProvider: link.calendarProvider,
    autoMeetingLink: link.autoMeetingLink,
    autoCreateDeal: link.autoCreateDeal,
    defaultDealStage: link.defaultDealStage ?? '',
    defaultDealValue:
      link.defaultDealValueMinor === null
        ? ''
        : fromMinorUnits(link.defaultDealValueMinor, link.defaultDealCurrency),
    // A link saved without a currency keeps none until the host picks one.
    defaultDealCurrency:
      link.defaultDealCurrency ?? (link.autoCreateDeal ? '' : (likelyCurrency ?? '')),
    // Servers without pre-meeting forms send none.
    formFields: (link.formFields ?? []).map((f) => ({ ...f })),
  };
}

function toInput(d: Draft): LinkInput {
  const currency = d.autoCreateDeal ? d.defaultDealCurrency || null : null;
  const team = d.kind !== 'solo';
  // A team link's calendars are its members'; the link's own provider is none.
  const calendarProvider = team ? 'none' : d.calendarProvider;
  return {
    kind: d.kind,
    members: team
      ? d.members.map((m) => ({ ...m, weight: d.kind === 'round_robin' ? m.weight : 1 }))
      : [],
    title: d.title.trim(),
    description: d.description.trim() || null,
    slug: d.slug.trim(),
    durationMinutes: Number(d.durationMinutes),
    bufferBeforeMinutes: Number(d.bufferBeforeMinutes),
    bufferAfterMinutes: Number(d.bufferAfterMinutes),
    minNoticeHours: Number(d.minNoticeHours),
    maxDaysAhead: Number(d.maxDaysAhead),
    timeZone: d.timeZone,
    weeklyHours: d.weeklyHours,
    calendarProvider,
    autoMeetingLink: calendarProvider !== 'none' && d.autoMeetingLink,
    autoCreateDeal: d.autoCreateDeal,
    defaultDealStage: d.autoCreateDeal ? d.defaultDealStage.trim() || null : null,
    defaultDealValueMinor:
      d.autoCreateDeal && d.defaultDealValue.trim() !== ''
        ? toMinorUnits(d.defaultDealValue, currency)
        : null,
    defaultDealCurrency: currency,
    formFields: d.formFields.map((f) => ({
      ...f,
      label: f.label.trim(),
      help: f.help?.trim() || null,
    })),
  };
}

/** The line beside the save button: how many fields to fix, and a day's problem by name. */
function summary(errors: Record<string, string>): string {
  const messages = Object.values(errors);
  const days = Object.entries(errors)
    .filter(([k]) => k.startsWith('weeklyHours.'))
    .map(([, m]) => m);
  const count =
    messages.length === 1 ? 'Please fix 1 field' : `Please fix ${messages.length} fields`;
  return days.length ? `${count}. ${days.join(' ')}` : `${count} highlighted above.`;
}

function localCheck(d: Draft, input: LinkInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (
    d.autoCreateDeal &&
    d.defaultDealValue.trim() !== '' &&
    input.defaultDealValueMinor === null
  ) {
    const digits = currencyDigits(input.defaultDealCurrency);
    errors.defaultDealValueMinor =
      digits === 0
        ? `Enter a whole amount: ${input.defaultDealCurrency ?? 'this currency'} has no minor unit.`
        : `Enter an amount with at most ${digits} decimals.`;
  }
  if (!input.title) errors.title = 'Give the link a title.';
  if (input.kind !== 'solo' && input.members.length === 0)
    errors.members = 'Pick at least one member.';
  if (input.members.some((m) => !Number.isInteger(m.weight) || m.weight < 1 || m.weight > 100))
    errors.members = 'Each weight is a whole number from 1 to 100.';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(input.slug))
    errors.slug = 'Use lowercase letters, numbers and dashes.';
  for (const day of WEEKDAYS)
    for (const w of input.weeklyHours[day] ?? [])
      if (!(w.start < w.end))
        errors[dayErrorKey(day)] = dayMessage(day, 'each window must end after it starts');
  Object.assign(errors, checkFormFields(input.formFields ?? []));
  return errors;
}

/** Asked before unsaved edits are dropped. */
const LEAVE_QUESTION = 'Leave this link without saving your changes?';

interface Props {
  link: Link | null;
  /** The currency a new deal link starts with (e.g. the workspace's usual one), or null. */
  likelyCurrency: string | null;
  onSaved(link: Link): void;
  onCancel(): void;
}

/** Create or edit a booking link: every field of the product doc, in four groups. */
export function LinkForm({ link, likelyCurrency, onSaved, onCancel }: Props) {
  const [d, setD] = useState<Draft>(() => toDraft(link, likelyCurrency));
  /** The draft as opened, to tell unsaved edits. */
  const [initial] = useState(() => JSON.stringify(d));
  const dirty = JSON.stringify(d) !== initial;
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Bumped when a save fails on fields, so the first invalid one is focused once rendered. */
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState('');
  /** A free slug the server offered after `SLUG_TAKEN`, until the slug changes again. */
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const zones = useMemo(allTimeZones, []);
  const currencies = useMemo(() => currencyOptions(), []);
  /** Which providers the server offers and which the host connected; null until known. */
  const [calendars, setCalendars] = useState<CalendarConnections | null>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (focusRequest === 0) return;
    // The host pressed save at the bottom; the first problem may be far above it.
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusRequest]);
  // Unsaved edits: the browser asks before a reload or closing the tab, the app before leaving.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    const release = setLeaveGuard(() => window.confirm(LEAVE_QUESTION));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      release();
    };
  }, [dirty]);
  useEffect(() => {
    fetchCalendarConnections()
      .then(setCalendars)
      .catch(() => setCalendars(null));
  }, []);
  /** The workspace's hosts for a team link's member picker; loaded once a team kind is shown. */
  const [workspace, setWorkspace] = useState<Member[] | null>(null);
  const [workspaceError, setWorkspaceError] = useState('');
  const team = d.kind !== 'solo';
  useEffect(() => {
    if (!team || workspace !== null) return;
    fetchMembers()
      .then((r) => setWorkspace(r.members))
      .catch((e: Error) => setWorkspaceError(`Could not load the members: ${e.message}`));
  }, [team]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    // A title change moves an untouched slug, so an offer for the old one no longer applies.
    if (key === 'title' && !d.slugTouched) setSuggestion(null);
    setD((prev) => {
      const next = { ...prev, [key]: value };
      // The same rule as the server's; an empty title has no slug yet.
      if (key === 'title' && !prev.slugTouched)
        next.slug = String(value).trim() === '' ? '' : slugify(String(value));
      return next;
    });
  };
  const text = (key: keyof Draft) => (e: Event) =>
    set(key, (e.currentTarget as HTMLInputElement).value as never);

  async function submit(e: Event | null, draft: Draft = d) {
    e?.preventDefault();
    const input = toInput(draft);
    const local = localCheck(draft, input);
    setErrors(local);
    setFormError('');
    if (Object.keys(local).length) {
      setFormError(summary(local));
      setFocusRequest((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const r = link
        ? await api<{ link: Link }>('PATCH', `/api/host/links/${link.id}`, input)
        : await api<{ link: Link }>('POST', '/api/host/links', input);
      onSaved(r.link);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SLUG_TAKEN') {
        const free = typeof err.info.suggestion === 'string' ? err.info.suggestion : null;
        setSuggestion(free);
        setErrors({
          slug: free
            ? `/book/${input.slug} is already used by another link. ${free} is free.`
            : `/book/${input.slug} is already used by another link. Pick another.`,
        });
        setFormError(
          free ? `This slug is already used; ${free} is free.` : 'This slug is already used.',
        );
        setFocusRequest((n) => n + 1);
      } else if (err instanceof ApiError && err.details.length) {
        const map = issuesToErrors(err.details);
        setErrors(map);
        setFormError(summary(map));
        setFocusRequest((n) => n + 1);
      } else setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const num = (key: keyof Draft, label: string, min: number, max: number, hint?: string) => (
    <div class="field">
      <label for={`f-${key}`}>{label}</label>
      <input
        id={`f-${key}`}
        type="number"
        inputMode="numeric"
        required
        min={min}
        max={max}
        step={1}
        value={d[key] as string}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `e-${key}` : hint ? `h-${key}` : undefined}
        onInput={text(key)}
      />
      {hint && !errors[key] && (
        <span id={`h-${key}`} class="hint muted">
          {hint}
        </span>
      )}
      {errors[key] && (
        <span id={`e-${key}`} class="field-error">
          {errors[key]}
        </span>
      )}
    </div>
  );

  /** One click: take the offered slug and save with it. */
  function takeSuggestion(slug: string) {
    const next = { ...d, slug, slugTouched: true };
    setD(next);
    setSuggestion(null);
    void submit(null, next);
  }

  return (
    <form
      ref={formRef}
      class="card"
      onSubmit={submit}
      noValidate={false}
      aria-labelledby="link-form-title"
    >
      <h1 id="link-form-title" ref={heading} tabIndex={-1}>
        {link ? `Edit “${link.title}”` : 'New booking link'}
      </h1>
      <fieldset>
        <legend>Identity</legend>
        <div class="field">
          <label for="f-title">Title</label>
          <input
            id="f-title"
            required
            maxLength={120}
            value={d.title}
            placeholder="30-minute intro call"
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? 'e-title' : undefined}
            onInput={text('title')}
          />
          {errors.title && (
            <span id="e-title" class="field-error">
              {errors.title}
            </span>
          )}
        </div>
        <div class="field">
          <label for="f-description">
            Description <span class="muted">(optional, shown on the public page)</span>
          </label>
          <textarea
            id="f-description"
            rows={3}
            value={d.description}
            onInput={text('description')}
          />
        </div>
        <div class="field">
          <label for="f-slug">Slug</label>
          <input
            id="f-slug"
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            value={d.slug}
            aria-invalid={errors.slug ? true : undefined}
            aria-describedby={errors.slug ? 'e-slug h-slug' : 'h-slug'}
            onInput={(e) => {
              setSuggestion(null);
              setD({ ...d, slug: (e.currentTarget as HTMLInputElement).value, slugTouched: true });
            }}
          />
          <span id="h-slug" class="hint muted">
            /book/{d.slug || '…'} — derived from the title until you edit it.
          </span>
          {errors.slug && (
            <span id="e-slug" class="field-error">
              {' '}
              {errors.slug}
            </span>
          )}
          {suggestion && (
            <button
              type="button"
              class="slug-suggestion"
              disabled={busy}
              onClick={() => takeSuggestion(suggestion)}
            >
              Use {suggestion}
              <span class="visually-hidden"> as the slug and save</span>
            </button>
          )}
        </div>
      </fieldset>

      <TeamField
        kind={d.kind}
        members={d.members}
        workspace={workspace}
        loadError={workspaceError}
        error={errors.members}
        onKind={(kind) => set('kind', kind)}
        onMembers={(members) => set('members', members)}
      />

      <fieldset>
        <legend>Availability rules</legend>
        <div class="grid-2">
          {num(
            'durationMinutes',
            'Duration (minutes)',
            LINK_LIMITS.minDurationMinutes,
            LINK_LIMITS.maxDurationMinutes,
          )}
          {num('bufferBeforeMinutes', 'Buffer before (minutes)', 0, 480)}
          {num('bufferAfterMinutes', 'Buffer after (minutes)', 0, 480)}
          {num('minNoticeHours', 'Minimum notice (hours)', 0, 8760)}
          {num('maxDaysAhead', 'Max days ahead', 1, 365)}
          <div class="field">
            <label for="f-timeZone">Timezone</label>
            <select id="f-timeZone" value={d.timeZone} onChange={text('timeZone')}>
              {(zones.includes(d.timeZone) ? zones : [d.timeZone, ...zones]).map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </div>
        </div>
        <WeeklyHoursEditor
          value={d.weeklyHours}
          error={errors.weeklyHours}
          dayErrors={Object.fromEntries(
            WEEKDAYS.filter((day) => errors[dayErrorKey(day)]).map((day) => [
              day,
              errors[dayErrorKey(day)],
            ]),
          )}
          onChange={(w) => set('weeklyHours', w)}
        />
      </fieldset>

      {!team && (
        <fieldset>
          <legend>Calendar integration</legend>
          <ProviderField
            value={d.calendarProvider}
            saved={link?.calendarProvider ?? 'none'}
            calendars={calendars}
            onChange={(provider) => set('calendarProvider', provider)}
          />
          <label class="check">
            <input
              type="checkbox"
              checked={d.autoMeetingLink}
              disabled={d.calendarProvider === 'none'}
              onChange={(e) =>
                set('autoMeetingLink', (e.currentTarget as HTMLInputElement).checked)
              }
            />
            Auto-generate a meeting link (Meet / Teams)
          </label>
        </fieldset>
      )}

      <fieldset>
        <legend>CRM behaviour</legend>
        <label class="check field">
          <input
            type="checkbox"
            checked={d.autoCreateDeal}
            onChange={(e) => set('autoCreateDeal', (e.currentTarget as HTMLInputElement).checked)}
          />
          Auto-create a deal when someone books
        </label>
        <div class="grid-2">
          <div class="field">
            <label for="f-stage">Default deal stage</label>
            <input
              id="f-stage"
              value={d.defaultDealStage}
              placeholder="New leads"
              disabled={!d.autoCreateDeal}
              onInput={text('defaultDealStage')}
            />
          </div>
          <div class="field">
            <label for="f-value">Default deal value</label>
            <input
              id="f-value"
              type="number"
              min={0}
              step={10 ** -currencyDigits(d.defaultDealCurrency || null)}
              value={d.defaultDealValue}
              disabled={!d.autoCreateDeal}
              aria-invalid={errors.defaultDealValueMinor ? true : undefined}
              aria-describedby={errors.defaultDealValueMinor ? 'e-value' : undefined}
              onInput={text('defaultDealValue')}
            />
            {errors.defaultDealValueMinor && (
              <span id="e-value" class="field-error">
                {errors.defaultDealValueMinor}
              </span>
            )}
          </div>
          {d.autoCreateDeal && (
            <div class="field">
              <label for="f-currency">Currency</label>
              <select
                id="f-currency"
                value={d.defaultDealCurrency}
                aria-invalid={errors.defaultDealCurrency ? true : undefined}
                aria-describedby={errors.defaultDealCurrency ? 'e-currency' : 'h-currency'}
                onChange={text('defaultDealCurrency')}
              >
                <option value="">No currency</option>
                {(currencies.some((c) => c.code === d.defaultDealCurrency) ||
                d.defaultDealCurrency === ''
                  ? currencies
                  : [{ code: d.defaultDealCurrency, name: d.defaultDealCurrency }, ...currencies]
                ).map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} · {c.name}
                  </option>
                ))}
              </select>
              {!errors.defaultDealCurrency && (
                <span id="h-currency" class="hint muted">
                  Without one, deal values show without a currency symbol.
                </span>
              )}
              {errors.defaultDealCurrency && (
                <span id="e-currency" class="field-error">
                  {errors.defaultDealCurrency}
                </span>
              )}
            </div>
          )}
        </div>
      </fieldset>

      <FormFieldsEditor
        fields={d.formFields}
        errors={errors}
        onChange={(fields) => {
          set('formFields', fields);
          // Its errors are keyed by position, which a move or removal changes: drop them until the
          // next save checks again.
          setErrors((e) =>
            Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('formFields'))),
          );
        }}
      />

      <p class="error" role="alert">
        {formError}
      </p>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : link ? 'Save changes' : 'Create link'}
        </button>
        {/* An explicit discard: no question, unlike leaving by the menu or Back. */}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
