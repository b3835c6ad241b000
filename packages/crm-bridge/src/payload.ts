import { randomUUID } from 'node:crypto';
import type { Booking, BookingLink, EpochMs } from '@workestra/booking-core';
import { WEBHOOK_API_VERSION, type WebhookEvent } from './events.js';

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
}

/**
 * The deal a booking created (event `deal.created`, and later events of a booking with a deal).
 *
 * @example
 * ```ts
 * const deal: WebhookDeal = { id: 'deal_1', title: 'Intro call with Ada', stage: 'New leads', valueMinor: 50_000 };
 * ```
 */
export interface WebhookDeal {
  readonly id: string;
  readonly title: string;
  readonly stage: string | null;
  /** Minor units (cents), or null when the link sets no value. */
  readonly valueMinor: number | null;
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
  readonly event: WebhookEvent;
  /** When the event happened, ISO 8601 UTC (not when this attempt was sent). */
  readonly createdAt: string;
  readonly workspaceId: string;
  readonly data: { readonly booking: WebhookBooking; readonly deal?: WebhookDeal };
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
  readonly event: WebhookEvent;
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
  >;
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
export function buildWebhookDelivery(input: WebhookDeliveryInput): WebhookDelivery {
  const { booking: b, link } = input;
  const booking: WebhookBooking = {
    id: b.id,
    status: b.status,
    start: new Date(b.start).toISOString(),
    end: new Date(b.end).toISOString(),
    noShow: b.noShow,
    cancelReason: b.cancelReason,
    meetingUrl: b.meetingUrl,
    attendee: { name: b.attendeeName, email: b.attendeeEmail, timeZone: b.attendeeTimeZone },
    link: { slug: link.slug, title: link.title },
  };
  return {
    id: input.id ?? newWebhookDeliveryId(),
    apiVersion: WEBHOOK_API_VERSION,
    event: input.event,
    createdAt: new Date(input.createdAt).toISOString(),
    workspaceId: input.workspaceId,
    data: input.deal === undefined ? { booking } : { booking, deal: { ...input.deal } },
  };
}
