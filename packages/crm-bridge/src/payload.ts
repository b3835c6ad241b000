import { randomUUID } from 'node:crypto';
import type {
  Booking,
  BookingLink,
  EpochMs,
  FileAnswer,
  FileKind,
  FormAnswer,
} from '@workestra/booking-core';
import { WEBHOOK_API_VERSION, type WebhookDeliveryEvent } from './events.js';

/**
 * The booking as a webhook receiver sees it: the public fields only (no tokens, buffers or
 * internal references), instants as ISO 8601 UTC strings.
 *
 * @example
 * ```ts
 * const data: WebhookBooking = {
 *   id: 'b_1', status: 'confirmed', start: '2026-11-09T09:00:00.000Z', end: '2026-11-09T09:30:00.000Z',
 *   noShow: false, cancelReason: null, meetingUrl: null,
 *   attendee: { name: 'Ada', email: 'ada@example.com', timeZone: 'Europe/London' },
 *   link: { slug: 'intro-call', title: 'Intro call' },
 *   answers: [{ fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' }],
 * };
 * ```
 */
export interface WebhookBooking {
  readonly id: string;
  readonly status: Booking['status'];
  readonly start: string;
  readonly end: string;
  readonly noShow: boolean;
  readonly cancelReason: string | null;
  readonly meetingUrl: string | null;
  readonly attendee: { readonly name: string; readonly email: string; readonly timeZone: string };
  readonly link: { readonly slug: string; readonly title: string };
  /** The pre-meeting form's answers as stored with the booking, in form order; `[]` for none. */
  readonly answers: readonly WebhookAnswer[];
}

/**
 * One pre-meeting answer as a webhook receiver sees it: the field's id, label and type as they
 * were at booking time, and the value (text, the chosen options, a checkbox's boolean, or a file's
 * name, kind and size in bytes; the file itself is not sent).
 *
 * @example
 * ```ts
 * const answer: WebhookAnswer = {
 *   fieldId: 'brief',
 *   label: 'Brief',
 *   type: 'file',
 *   value: { filename: 'brief.pdf', kind: 'pdf', size: 48_213 },
 * };
 * ```
 */
export interface WebhookAnswer {
  readonly fieldId: string;
  readonly label: string;
  readonly type: FormAnswer['type'];
  readonly value:
    | string
    | readonly string[]
    | boolean
    | { readonly filename: string; readonly kind: FileKind; readonly size: number };
}

const isFileAnswer = (v: readonly string[] | FileAnswer): v is FileAnswer => !Array.isArray(v);

/** An answer without internal references (a file's upload id stays inside). */
function webhookAnswerOf(a: FormAnswer): WebhookAnswer {
  const v = a.value;
  let value: WebhookAnswer['value'];
  if (typeof v === 'string' || typeof v === 'boolean') value = v;
  else if (isFileAnswer(v)) value = { filename: v.filename, kind: v.kind, size: v.size };
  else value = [...v];
  return { fieldId: a.fieldId, label: a.label, type: a.type, value };
}

/**
 * The meeting a deal tracks, instants as ISO 8601 UTC strings.
 *
 * @example
 * ```ts
 * const meeting: WebhookMeeting = { start: '2026-11-09T09:00:00.000Z', end: '2026-11-09T09:30:00.000Z', status: 'scheduled', meetingUrl: null };
 * ```
 */
export interface WebhookMeeting {
  readonly start: string;
  readonly end: string;
  readonly status: 'scheduled' | 'cancelled' | 'no_show';
  readonly meetingUrl: string | null;
}

/**
 * A deal as it was created (event `deal.created`): everything a receiver needs to mirror it.
 *
 * @example
 * ```ts
 * const deal: WebhookDeal = {
 *   id: 'deal_1', title: 'Intro call with Ada', stage: 'New leads', valueMinor: 50_000, currency: 'EUR',
 *   contactId: 'c_1',
 *   meeting: { start: '2026-11-09T09:00:00.000Z', end: '2026-11-09T09:30:00.000Z', status: 'scheduled', meetingUrl: null },
 * };
 * ```
 */
export interface WebhookDeal {
  readonly id: string;
  readonly title: string;
  readonly stage: string | null;
  /** Minor units (cents), or null when the link sets no value. */
  readonly valueMinor: number | null;
  /** ISO 4217 code of `valueMinor`, or null when none is known. */
  readonly currency: string | null;
  readonly contactId: string;
  readonly meeting: WebhookMeeting;
}

/**
 * A change of a deal (event `deal.updated`): the meeting it now tracks, and `stage` only when the
 * deal was moved to another stage (otherwise the stage stays as it was).
 *
 * @example
 * ```ts
 * const change: WebhookDealChange = {
 *   id: 'deal_1',
 *   meeting: { start: '2026-11-09T09:00:00.000Z', end: '2026-11-09T09:30:00.000Z', status: 'cancelled', meetingUrl: null },
 * };
 * ```
 */
export interface WebhookDealChange {
  readonly id: string;
  readonly meeting: WebhookMeeting;
  readonly stage?: string;
}

/**
 * What a delivery carries, by event: `booking` for the `booking.*` events (and for deal and note
 * events caused by a booking change), `deal` for `deal.created` (a {@link WebhookDeal}) and
 * `deal.updated` (a {@link WebhookDealChange}), `contact` for deal and note events, `note` for
 * `note.added` and the `booking.*` events (the note the CRM got), `test` for `webhook.test`.
 *
 * @example
 * ```ts
 * const data: WebhookDeliveryData = { contact: { id: 'c_1' }, note: { text: 'Called back', dealId: null } };
 * ```
 */
export interface WebhookDeliveryData {
  readonly booking?: WebhookBooking;
  readonly deal?: WebhookDeal | WebhookDealChange;
  readonly contact?: { readonly id: string };
  readonly note?: { readonly text: string; readonly dealId: string | null };
  readonly test?: { readonly message: string };
}

/**
 * One delivery: the JSON body POSTed to a subscribed URL. `id` is unique per delivery and stays the
 * same on every retry of it, so a receiver deduplicates on it (also sent as `Workestra-Delivery-Id`).
 *
 * @example
 * ```ts
 * import { buildWebhookDelivery } from '@workestra/crm-bridge';
 * const delivery: WebhookDelivery = buildWebhookDelivery({
 *   event: 'booking.created', workspaceId: booking.workspaceId, createdAt: now,
 *   booking, link: { slug: 'intro-call', title: 'Intro call' },
 * });
 * JSON.stringify(delivery); // the raw body to sign and send
 * ```
 */
export interface WebhookDelivery {
  /** `whd_<uuid>`. */
  readonly id: string;
  readonly apiVersion: typeof WEBHOOK_API_VERSION;
  readonly event: WebhookDeliveryEvent;
  /** When the event happened, ISO 8601 UTC (not when this attempt was sent). */
  readonly createdAt: string;
  readonly workspaceId: string;
  readonly data: WebhookDeliveryData;
}

/**
 * A new delivery id, `whd_` and a random UUID.
 *
 * @example
 * ```ts
 * import { newWebhookDeliveryId } from '@workestra/crm-bridge';
 * newWebhookDeliveryId(); // 'whd_0b9c3f8e-...'
 * ```
 */
export function newWebhookDeliveryId(): string {
  return `whd_${randomUUID()}`;
}

/**
 * What {@link buildWebhookDelivery} takes: the event, the booking and its link as booking-core has
 * them, the deal when there is one, and the instant of the event.
 *
 * @example
 * ```ts
 * const input: WebhookDeliveryInput = { event: 'booking.cancelled', workspaceId, createdAt: now, booking, link: { slug: 'intro', title: 'Intro' } };
 * ```
 */
export interface WebhookDeliveryInput {
  readonly event: WebhookDeliveryEvent;
  readonly workspaceId: string;
  readonly createdAt: EpochMs;
  readonly booking: Pick<
    Booking,
    | 'id'
    | 'status'
    | 'start'
    | 'end'
    | 'noShow'
    | 'cancelReason'
    | 'meetingUrl'
    | 'attendeeName'
    | 'attendeeEmail'
    | 'attendeeTimeZone'
  > & {
    /** The booking's pre-meeting answers; none when absent. */
    readonly answers?: Booking['answers'];
  };
  readonly link: Pick<BookingLink, 'slug' | 'title'>;
  readonly deal?: WebhookDeal;
  /** Defaults to {@link newWebhookDeliveryId}; pass the stored id when rebuilding a delivery. */
  readonly id?: string;
}

/**
 * The delivery for one event, as plain data: the booking's public fields only, instants as ISO
 * strings. Build it once per (subscription, event), store it, and send the same body on every retry.
 *
 * @example
 * ```ts
 * import { buildWebhookDelivery } from '@workestra/crm-bridge';
 * const delivery = buildWebhookDelivery({
 *   event: 'booking.rescheduled', workspaceId: booking.workspaceId, createdAt: now,
 *   booking, link: { slug: 'intro-call', title: 'Intro call' },
 * });
 * delivery.data.booking.start; // e.g. '2026-11-09T09:00:00.000Z'
 * ```
 */
export function buildWebhookDelivery(input: WebhookDeliveryInput): WebhookDelivery & {
  readonly data: { readonly booking: WebhookBooking };
} {
  const booking = webhookBookingOf(input.booking, input.link);
  return {
    id: input.id ?? newWebhookDeliveryId(),
    apiVersion: WEBHOOK_API_VERSION,
    event: input.event,
    createdAt: new Date(input.createdAt).toISOString(),
    workspaceId: input.workspaceId,
    data: input.deal === undefined ? { booking } : { booking, deal: { ...input.deal } },
  };
}

/**
 * The public view of a booking ({@link WebhookBooking}) from booking-core's booking and its link;
 * file answers carry the file's name, kind and size, not the upload's id.
 *
 * @example
 * ```ts
 * import { webhookBookingOf } from '@workestra/crm-bridge';
 * webhookBookingOf(booking, { slug: 'intro-call', title: 'Intro call' }).attendee.email; // 'ada@example.com'
 * ```
 */
export function webhookBookingOf(
  b: WebhookDeliveryInput['booking'],
  link: WebhookDeliveryInput['link'],
): WebhookBooking {
  return {
    id: b.id,
    status: b.status,
    start: new Date(b.start).toISOString(),
    end: new Date(b.end).toISOString(),
    noShow: b.noShow,
    cancelReason: b.cancelReason,
    meetingUrl: b.meetingUrl,
    attendee: { name: b.attendeeName, email: b.attendeeEmail, timeZone: b.attendeeTimeZone },
    link: { slug: link.slug, title: link.title },
    answers: (b.answers ?? []).map(webhookAnswerOf),
  };
}
