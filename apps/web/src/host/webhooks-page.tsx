import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../common/api';
import type { Host } from '../common/types';
import { formatDateTime } from '../common/time';
import { ConfirmDialog } from './confirm-dialog';
import { CopyButton } from './copy-button';
import {
  DELIVERY_STATUS_LABELS,
  type DeliveriesPage,
  type WebhookDeliveryView,
  type WebhookSubscription,
  createWebhook,
  deleteWebhook,
  describeDelivery,
  errorField,
  fetchDeliveries,
  fetchWebhookEvents,
  fetchWebhooks,
  mergeFirstPage,
  resendDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhook,
  withDelivery,
} from './webhooks-api';

/** How often the deliveries list re-reads its first page while a delivery shown is pending. */
const PENDING_POLL_MS = 3_000;

/** A secret the API just showed: after creating a subscription or rotating its secret. */
interface ShownSecret {
  url: string;
  secret: string;
  rotated: boolean;
}

/** The one-time secret, how to copy it and how a receiver checks a delivery with it. */
function SecretPanel({ shown, onDone }: { shown: ShownSecret; onDone(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [shown]);
  return (
    <section class="card stack secret-panel" aria-labelledby="secret-title">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>
        {shown.rotated ? 'New signing secret' : 'Signing secret'} for{' '}
        <span class="url">{shown.url}</span>
      </h2>
      <p class="notice" role="note">
        Copy it now: <strong>you won’t see it again</strong>. If it is lost, rotate the secret and
        use the new one.
      </p>
      <div class="row">
        <code class="secret" data-testid="webhook-secret">
          {shown.secret}
        </code>
        <CopyButton
          text={shown.secret}
          label="Copy the signing secret"
          buttonText="Copy secret"
          noun="secret"
        />
      </div>
      <p>
        Every delivery is a <code>POST</code> with a JSON body and a{' '}
        <code>Workestra-Signature</code> header. Check it against the raw body with{' '}
        <code>verifySignature</code> from <code>@workestra/crm-bridge</code> before trusting the
        event:
      </p>
      <pre class="code">
        <code>{`import { verifySignature } from '@workestra/crm-bridge';

const verdict = verifySignature({
  secret: process.env.WORKESTRA_WEBHOOK_SECRET,
  rawBody, // the body exactly as received, not re-serialized JSON
  header: request.headers['workestra-signature'],
});
if (!verdict.ok) return respond(400, verdict.error.code);`}</code>
      </pre>
      <div class="row">
        <button type="button" class="primary" onClick={onDone}>
          I have saved the secret
        </button>
      </div>
    </section>
  );
}

/** The add form: URL, the server's events as checkboxes, an optional description. */
function AddWebhookForm(props: {
  events: string[] | null;
  onCreated(subscription: WebhookSubscription, secret: string): void;
}) {
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'url' | 'events' | 'description', string>>>(
    {},
  );
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setErrors({});
    setFormError('');
    if (chosen.length === 0) {
      setErrors({ events: 'Choose at least one event.' });
      return;
    }
    setBusy(true);
    try {
      const { subscription, secret } = await createWebhook({
        url: url.trim(),
        events: chosen,
        description: description.trim() || null,
      });
      setUrl('');
      setChosen([]);
      setDescription('');
      props.onCreated(subscription, secret);
    } catch (err) {
      const field = errorField(err);
      if (field) setErrors({ [field]: (err as Error).message });
      else setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (event: string, on: boolean) =>
    setChosen((all) =>
      on ? [...all.filter((x) => x !== event), event] : all.filter((x) => x !== event),
    );

  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-webhook-title">
      <h2 id="add-webhook-title">Add a webhook</h2>
      {formError && (
        <p role="alert" class="error">
          {formError}
        </p>
      )}
      <div class="field">
        <label for="wh-url">Endpoint URL</label>
        <input
          id="wh-url"
          type="url"
          required
          placeholder="https://crm.example.com/hooks/workestra"
          value={url}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={errors.url ? 'wh-url-error wh-url-hint' : 'wh-url-hint'}
          onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
        />
        <span id="wh-url-hint" class="hint muted">
          Where each event is sent as a signed <code>POST</code>.
        </span>
        {errors.url && (
          <span id="wh-url-error" class="field-error" role="alert">
            {' '}
            {errors.url}
          </span>
        )}
      </div>
      <fieldset aria-describedby={errors.events ? 'wh-events-error' : undefined}>
        <legend>Events</legend>
        {props.events === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <div class="events-grid">
            {props.events.map((event) => (
              <label key={event} class="check">
                <input
                  type="checkbox"
                  name="events"
                  value={event}
                  checked={chosen.includes(event)}
                  onChange={(e) => toggle(event, (e.currentTarget as HTMLInputElement).checked)}
                />
                <code>{event}</code>
              </label>
            ))}
          </div>
        )}
        {errors.events && (
          <p id="wh-events-error" class="field-error" role="alert">
            {errors.events}
          </p>
        )}
      </fieldset>
      <div class="field">
        <label for="wh-description">
          Description <span class="muted">(optional)</span>
        </label>
        <input
          id="wh-description"
          maxLength={500}
          value={description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? 'wh-description-error' : undefined}
          onInput={(e) => setDescription((e.currentTarget as HTMLInputElement).value)}
        />
        {errors.description && (
          <span id="wh-description-error" class="field-error">
            {errors.description}
          </span>
        )}
      </div>
      <button type="submit" class="primary" disabled={busy || props.events === null}>
        {busy ? 'Adding…' : 'Add webhook'}
      </button>
    </form>
  );
}

/** One subscription: its events and state, the Active switch, test, rotate, delete. */
function SubscriptionCard(props: {
  sub: WebhookSubscription;
  onUpdated(sub: WebhookSubscription, message: string): void;
  onDeleted(sub: WebhookSubscription): void;
  onSecret(secret: string): void;
  onTested(): void;
  onShowDeliveries(): void;
}) {
  const { sub } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [testResult, setTestResult] = useState<WebhookDeliveryView | null>(null);
  const [confirming, setConfirming] = useState<'delete' | 'rotate' | null>(null);
  const headingId = `wh-${sub.id}`;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const toggle = () =>
    run(async () => {
      const { subscription } = await updateWebhook(sub.id, { active: !sub.active });
      props.onUpdated(
        subscription,
        `The webhook to ${subscription.url} is now ${subscription.active ? 'active' : 'inactive'}.`,
      );
    });

  const test = () =>
    run(async () => {
      setTestResult(null);
      const { delivery } = await sendTestWebhook(sub.id);
      setTestResult(delivery);
      props.onTested();
    });

  const rotate = () =>
    run(async () => {
      const { secret } = await rotateWebhookSecret(sub.id);
      setConfirming(null);
      props.onSecret(secret);
    });

  const remove = () =>
    run(async () => {
      await deleteWebhook(sub.id);
      setConfirming(null);
      props.onDeleted(sub);
    });

  return (
    <li class="card stack webhook" data-webhook-id={sub.id}>
      <div class="row spread">
        <h2 id={headingId} class="url webhook-url">
          {sub.url}
        </h2>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={sub.active}
            disabled={busy}
            aria-label={`Active: ${sub.url}`}
            onChange={toggle}
          />
          {sub.active ? 'Active' : 'Inactive'}
        </label>
      </div>
      {sub.description && <p style="margin:0">{sub.description}</p>}
      {sub.disabledReason && (
        <p class="notice" role="note" data-testid="disabled-reason">
          Turned off by the server: {sub.disabledReason}. Fix the endpoint, then switch it back on.
        </p>
      )}
      <p class="muted" style="margin:0">
        Events:{' '}
        {sub.events.map((event, i) => (
          <span key={event}>
            {i > 0 && ', '}
            <code>{event}</code>
          </span>
        ))}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <p role="status" data-testid="test-result" class={testOutcomeClass(testResult)}>
        {testResult && `Test event: ${describeDelivery(testResult)}`}
      </p>
      <div class="row">
        <button type="button" disabled={busy} onClick={test}>
          Send test<span class="visually-hidden"> to {sub.url}</span>
        </button>
        <button type="button" onClick={props.onShowDeliveries}>
          Deliveries<span class="visually-hidden"> to {sub.url}</span>
        </button>
        <button type="button" disabled={busy} onClick={() => setConfirming('rotate')}>
          Rotate secret<span class="visually-hidden"> of {sub.url}</span>
        </button>
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={() => setConfirming('delete')}
        >
          Delete<span class="visually-hidden"> {sub.url}</span>
        </button>
      </div>
      {confirming === 'rotate' && (
        <ConfirmDialog
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          busy={busy}
          onClose={() => setConfirming(null)}
          onConfirm={rotate}
        >
          <p>
            Deliveries to <span class="url">{sub.url}</span> are then signed with a new secret,
            shown once. Update your receiver with it.
          </p>
        </ConfirmDialog>
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title="Delete this webhook?"
          confirmLabel="Delete webhook"
          busy={busy}
          onClose={() => setConfirming(null)}
          onConfirm={remove}
        >
          <p>
            Nothing more is sent to <span class="url">{sub.url}</span>. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function testOutcomeClass(d: WebhookDeliveryView | null): string {
  if (d === null) return '';
  return d.status === 'delivered' ? 'success' : 'error';
}

/** Recent deliveries, of one subscription or all, a page at a time; pending ones refresh; failed ones can be resent. */
function DeliveriesSection(props: {
  subs: WebhookSubscription[];
  filter: string;
  onFilter(id: string): void;
  reloadKey: number;
  zone: string;
}) {
  const [page, setPage] = useState<DeliveriesPage | null>(null);
  const [error, setError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [resending, setResending] = useState<string | null>(null);
  const [resent, setResent] = useState<WebhookDeliveryView | null>(null);
  const loadId = useRef(0);
  const subscriptionId = props.filter || undefined;

  useEffect(() => {
    const id = ++loadId.current;
    setPage(null);
    setError('');
    fetchDeliveries({ subscriptionId })
      .then((p) => id === loadId.current && setPage(p))
      .catch((e: Error) => id === loadId.current && setError(e.message));
  }, [props.filter]);

  async function refresh() {
    const id = loadId.current;
    try {
      const first = await fetchDeliveries({ subscriptionId });
      if (id !== loadId.current) return;
      setError('');
      setPage((shown) => (shown ? mergeFirstPage(shown, first) : first));
    } catch (e) {
      if (id === loadId.current) setError((e as Error).message);
    }
  }

  // A test was sent: its delivery goes at the top.
  useEffect(() => {
    if (props.reloadKey > 0) void refresh();
  }, [props.reloadKey]);

  // While something shown is still pending, re-read the first page now and then.
  const pending = page?.items.some((d) => d.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void refresh(), PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, props.filter]);

  async function more() {
    if (!page?.next) return;
    const id = loadId.current;
    setLoadingMore(true);
    try {
      const next = await fetchDeliveries({ subscriptionId, after: page.next });
      if (id !== loadId.current) return;
      setPage((shown) => ({ items: [...(shown?.items ?? []), ...next.items], next: next.next }));
    } catch (e) {
      if (id === loadId.current) setError((e as Error).message);
    } finally {
      setLoadingMore(false);
    }
  }

  async function resend(d: WebhookDeliveryView) {
    const id = loadId.current;
    setResending(d.id);
    setResent(null);
    setError('');
    try {
      const { delivery } = await resendDelivery(d.id);
      if (id !== loadId.current) return;
      setPage((shown) => shown && withDelivery(shown, delivery));
      setResent(delivery);
    } catch (e) {
      if (id !== loadId.current) return;
      setError((e as Error).message);
      // Delivered meanwhile (another attempt got through): show its state.
      if (e instanceof ApiError && e.code === 'WEBHOOK_DELIVERY_DELIVERED') void refresh();
    } finally {
      setResending(null);
    }
  }

  const urlOf = new Map(props.subs.map((s) => [s.id, s.url]));

  return (
    <section class="card" aria-labelledby="deliveries-title">
      <div class="row spread">
        <h2 id="deliveries-title" tabIndex={-1}>
          Recent deliveries
        </h2>
        <button type="button" onClick={() => void refresh()}>
          Refresh<span class="visually-hidden"> deliveries</span>
        </button>
      </div>
      <div class="field">
        <label for="wh-filter">Show deliveries to</label>
        <select
          id="wh-filter"
          value={props.filter}
          onChange={(e) => props.onFilter((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">All webhooks</option>
          {props.subs.map((s) => (
            <option key={s.id} value={s.id}>
              {s.url}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <p role="status" class={testOutcomeClass(resent)} data-testid="resend-result">
        {resent && `Resent ${resent.event}: ${describeDelivery(resent)}`}
      </p>
      {page === null ? (
        !error && <p class="muted">Loading…</p>
      ) : page.items.length === 0 ? (
        <p class="muted">No deliveries yet. Send a test to see one here.</p>
      ) : (
        <table class="meetings deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              {!props.filter && <th scope="col">Webhook</th>}
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last HTTP status</th>
              <th scope="col">Created</th>
              <th scope="col">Next attempt</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.id} data-delivery-id={d.id} data-event={d.event} data-status={d.status}>
                <td>
                  <code>{d.event}</code>
                </td>
                {!props.filter && (
                  <td class="url">{urlOf.get(d.subscriptionId) ?? 'Deleted webhook'}</td>
                )}
                <td>
                  <span class={`status badge badge-${d.status}`}>
                    {DELIVERY_STATUS_LABELS[d.status]}
                  </span>
                  {d.status !== 'delivered' && d.lastError && (
                    <span class="muted delivery-error"> {d.lastError}</span>
                  )}
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode ?? '—'}</td>
                <td class="created">{formatDateTime(d.createdAt, props.zone)}</td>
                <td>
                  {d.status === 'pending' && d.nextAttemptAt
                    ? formatDateTime(d.nextAttemptAt, props.zone)
                    : '—'}
                </td>
                <td>
                  {d.status === 'failed' && (
                    <button
                      type="button"
                      disabled={resending !== null}
                      onClick={() => void resend(d)}
                    >
                      {resending === d.id ? 'Resending…' : 'Resend'}
                      <span class="visually-hidden">
                        {' '}
                        {d.event} delivery of {formatDateTime(d.createdAt, props.zone)}
                      </span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.next && (
        <p>
          <button type="button" disabled={loadingMore} onClick={() => void more()}>
            {loadingMore ? 'Loading…' : 'Load more'}
            <span class="visually-hidden"> deliveries</span>
          </button>
        </p>
      )}
    </section>
  );
}

/** `/settings/webhooks`: subscriptions (add, switch, test, rotate, delete) and their deliveries. */
export function WebhooksPage({ host }: { host: Host }) {
  const [subs, setSubs] = useState<WebhookSubscription[] | null>(null);
  const [events, setEvents] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [filter, setFilter] = useState('');
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    document.title = 'Webhooks · Workestra';
    fetchWebhooks()
      .then((r) => setSubs(r.subscriptions))
      .catch((e: Error) => setError(e.message));
    fetchWebhookEvents()
      .then(setEvents)
      .catch((e: Error) => setError(e.message));
  }, []);

  const replace = (sub: WebhookSubscription) =>
    setSubs((all) => (all ?? []).map((s) => (s.id === sub.id ? sub : s)));

  function showDeliveries(id: string) {
    setFilter(id);
    document.getElementById('deliveries-title')?.focus();
  }

  return (
    <>
      <h1>Webhooks</h1>
      <p class="muted">
        Send booking and deal events to your own systems as they happen: each delivery is a signed
        JSON <code>POST</code>, retried with backoff until your endpoint answers with a 2xx.
      </p>
      <p role="status" class="success" data-testid="webhooks-status">
        {status}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {secret && <SecretPanel shown={secret} onDone={() => setSecret(null)} />}
      {subs === null ? (
        !error && <p class="muted">Loading…</p>
      ) : subs.length === 0 ? (
        <div class="card">
          <p>No webhooks yet. Add one below to receive events.</p>
        </div>
      ) : (
        <ul class="stack" style="list-style:none;padding:0" aria-label="Webhooks">
          {subs.map((sub) => (
            <SubscriptionCard
              key={sub.id}
              sub={sub}
              onUpdated={(s, message) => {
                replace(s);
                setStatus(message);
              }}
              onDeleted={(s) => {
                setSubs((all) => (all ?? []).filter((x) => x.id !== s.id));
                if (secret?.url === s.url) setSecret(null);
                if (filter === s.id) setFilter('');
                setStatus(`The webhook to ${s.url} was deleted.`);
              }}
              onSecret={(value) => {
                setSecret({ url: sub.url, secret: value, rotated: true });
                setStatus(`The secret of the webhook to ${sub.url} was rotated.`);
              }}
              onTested={() => setReloadKey((k) => k + 1)}
              onShowDeliveries={() => showDeliveries(sub.id)}
            />
          ))}
        </ul>
      )}
      <AddWebhookForm
        events={events}
        onCreated={(subscription, value) => {
          setSubs((all) => [...(all ?? []), subscription]);
          setSecret({ url: subscription.url, secret: value, rotated: false });
          setStatus(`The webhook to ${subscription.url} was added.`);
        }}
      />
      {subs !== null && (
        <DeliveriesSection
          subs={subs}
          filter={filter}
          onFilter={setFilter}
          reloadKey={reloadKey}
          zone={host.timeZone}
        />
      )}
    </>
  );
}
