import { useEffect, useRef, useState } from 'preact/hooks';
import type { Host } from '../common/types';
import { formatDateTime } from '../common/time';
import {
  type CrmContact,
  type CrmDealWithContact,
  type CrmPage,
  MEETING_STATUS_LABELS,
  fetchContacts,
  fetchCrmSettings,
  fetchDeals,
  formatMoney,
  saveCrmSettings,
} from './crm-api';
import { A } from './router';

type Tab = 'contacts' | 'deals';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'contacts', label: 'Contacts' },
  { id: 'deals', label: 'Deals' },
];
/** How long typing pauses before the search runs. */
const SEARCH_DELAY_MS = 250;

/** Shows one page after another of a list (contacts or deals) for `search`. */
function usePaged<T>(
  load: (search: string, after?: string) => Promise<CrmPage<T>>,
  search: string,
) {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const loadId = useRef(0);

  useEffect(() => {
    const id = ++loadId.current;
    setItems(null);
    setError('');
    load(search)
      .then((page) => {
        if (id !== loadId.current) return;
        setItems(page.items);
        setNext(page.next);
      })
      .catch((e: Error) => id === loadId.current && setError(e.message));
  }, [search]);

  async function more() {
    if (next === null) return;
    const id = loadId.current;
    setLoadingMore(true);
    try {
      const page = await load(search, next);
      if (id !== loadId.current) return;
      setItems((shown) => [...(shown ?? []), ...page.items]);
      setNext(page.next);
    } catch (e) {
      if (id === loadId.current) setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }
  return { items, next, error, loadingMore, more };
}

function LoadMore(props: { next: string | null; loading: boolean; onMore: () => void }) {
  if (props.next === null) return null;
  return (
    <p>
      <button type="button" disabled={props.loading} onClick={props.onMore}>
        {props.loading ? 'Loading…' : 'Load more'}
      </button>
    </p>
  );
}

/** `/crm`: the workspace's contacts and deals, searchable, a page at a time. */
export function CrmPage({ host }: { host: Host }) {
  const [tab, setTab] = useState<Tab>('contacts');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const contacts = usePaged(fetchContacts, search);
  const deals = usePaged(fetchDeals, search);
  const shown = tab === 'contacts' ? contacts : deals;

  useEffect(() => {
    document.title = 'CRM · Workestra';
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  function onTabKey(e: KeyboardEvent) {
    const i = TABS.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const nextTab = TABS[(i + d + TABS.length) % TABS.length]!;
    setTab(nextTab.id);
    document.getElementById(`crm-tab-${nextTab.id}`)?.focus();
  }

  return (
    <>
      <h1>CRM</h1>
      <p class="muted">
        Everyone who booked a meeting with you, and the deals your booking links create.
      </p>
      <form
        role="search"
        class="field"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(typed.trim());
        }}
      >
        <label for="crm-search">Search contacts and deals</label>
        <input
          id="crm-search"
          type="search"
          value={typed}
          placeholder="Name, email or deal"
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />
      </form>
      <section class="card" aria-label="Contacts and deals">
        <div role="tablist" aria-label="CRM lists" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`crm-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="crm-panel"
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="crm-panel" aria-labelledby={`crm-tab-${tab}`} tabIndex={0}>
          {shown.error && (
            <p role="alert" class="error">
              {shown.error}
            </p>
          )}
          {shown.items === null ? (
            !shown.error && <p class="muted">Loading…</p>
          ) : tab === 'contacts' ? (
            <ContactList items={contacts.items ?? []} search={search} />
          ) : (
            <DealList items={deals.items ?? []} search={search} zone={host.timeZone} />
          )}
          <LoadMore
            next={shown.next}
            loading={shown.loadingMore}
            onMore={() => void shown.more()}
          />
        </div>
      </section>
      <CrmSettingsCard />
    </>
  );
}

/** The workspace's CRM settings: the stage a deal moves to when its first meeting is cancelled. */
function CrmSettingsCard() {
  const [stage, setStage] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    fetchCrmSettings()
      .then((s) => setStage(s.cancelledFirstMeetingStage ?? ''))
      .catch((e: Error) => setError(e.message));
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    setStatus('');
    setError('');
    try {
      const saved = await saveCrmSettings({ cancelledFirstMeetingStage: stage?.trim() || null });
      setStage(saved.cancelledFirstMeetingStage ?? '');
      setStatus('Saved');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="card" aria-labelledby="crm-settings">
      <h2 id="crm-settings">Settings</h2>
      {stage === null ? (
        !error && <p class="muted">Loading…</p>
      ) : (
        <form class="row" onSubmit={(e) => void save(e)}>
          <div class="field">
            <label for="crm-cancel-stage">Stage for a cancelled first meeting</label>
            <input
              id="crm-cancel-stage"
              value={stage}
              maxLength={100}
              placeholder="Leave the stage as it is"
              aria-describedby="crm-cancel-stage-help"
              onInput={(e) => setStage((e.currentTarget as HTMLInputElement).value)}
            />
            <span id="crm-cancel-stage-help" class="muted">
              When the meeting that created a deal is cancelled, the deal moves to this stage.
              Empty: the stage stays.
            </span>
          </div>
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <span role="status" class="muted">
            {status}
          </span>
        </form>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}

function ContactList({ items, search }: { items: CrmContact[]; search: string }) {
  if (items.length === 0)
    return (
      <p class="muted">
        {search
          ? `No contacts match “${search}”.`
          : 'No contacts yet: every booking adds its attendee here.'}
      </p>
    );
  return (
    <table class="meetings" aria-label="Contacts">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Time zone</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <A href={`/crm/contacts/${encodeURIComponent(c.id)}`}>{c.name}</A>
            </td>
            <td>{c.email}</td>
            <td>{c.timeZone.replace(/_/g, ' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DealList(props: { items: CrmDealWithContact[]; search: string; zone: string }) {
  if (props.items.length === 0)
    return (
      <p class="muted">
        {props.search
          ? `No deals match “${props.search}”.`
          : 'No deals yet: a booking link with “Auto-create a deal” adds one for every booking.'}
      </p>
    );
  return (
    <table class="meetings" aria-label="Deals">
      <thead>
        <tr>
          <th scope="col">Deal</th>
          <th scope="col">Contact</th>
          <th scope="col">Stage</th>
          <th scope="col">Value</th>
          <th scope="col">Meeting</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((d) => (
          <tr key={d.id}>
            <td>
              <A href={`/crm/deals/${encodeURIComponent(d.id)}`}>{d.title}</A>
            </td>
            <td>{d.contact.name}</td>
            <td>{d.stage ?? '—'}</td>
            <td>{d.valueMinor === null ? '—' : formatMoney(d.valueMinor, d.currency)}</td>
            <td>
              {formatDateTime(d.meeting.start, props.zone)}
              {d.meeting.status !== 'scheduled' && ` (${MEETING_STATUS_LABELS[d.meeting.status]})`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
