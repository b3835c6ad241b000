import { describe, expect, it } from 'vitest';
import { webhookBackoff, WEBHOOK_RETRY_DELAYS_MS } from './backoff.js';
import { parseRetryAfter } from './deliver.js';
import { isWebhookError, WebhookError } from './errors.js';
import {
  isWebhookEvent,
  WEBHOOK_API_VERSION,
  WEBHOOK_EVENTS,
  WEBHOOK_TEST_EVENT,
} from './events.js';
import { buildWebhookDelivery, newWebhookDeliveryId } from './payload.js';
import { bookingFixture, T0 } from './test-utils.js';

describe('buildWebhookDelivery', () => {
  it('carries the public booking fields as ISO strings, and nothing internal', () => {
    const delivery = buildWebhookDelivery({
      event: 'deal.created',
      workspaceId: 'ws_1',
      createdAt: T0,
      booking: bookingFixture(),
      link: { slug: 'intro-call', title: 'Intro call' },
      deal: {
        id: 'deal_1',
        title: 'Intro call with Ada',
        stage: 'New leads',
        valueMinor: 50_000,
        currency: 'EUR',
        contactId: 'c_1',
        meeting: { start: 'a', end: 'b', status: 'scheduled', meetingUrl: null },
      },
    });
    expect(delivery).toEqual({
      id: expect.stringMatching(/^whd_[0-9a-f-]{36}$/),
      apiVersion: WEBHOOK_API_VERSION,
      event: 'deal.created',
      createdAt: '2026-11-09T09:00:00.000Z',
      workspaceId: 'ws_1',
      data: {
        booking: {
          id: 'b_1',
          status: 'confirmed',
          start: '2026-11-09T09:00:00.000Z',
          end: '2026-11-09T09:30:00.000Z',
          noShow: false,
          cancelReason: null,
          meetingUrl: 'https://meet.example.com/abc',
          attendee: { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'Europe/London' },
          link: { slug: 'intro-call', title: 'Intro call' },
          answers: [],
        },
        deal: {
          id: 'deal_1',
          title: 'Intro call with Ada',
          stage: 'New leads',
          valueMinor: 50_000,
          currency: 'EUR',
          contactId: 'c_1',
          meeting: { start: 'a', end: 'b', status: 'scheduled', meetingUrl: null },
        },
      },
    });
    const json = JSON.stringify(delivery);
    for (const internal of ['blockedStart', 'icalUid', 'uid-secret', 'hostId', 'externalRefs'])
      expect(json).not.toContain(internal);
  });

  it('carries the pre-meeting answers, files by name, kind and size only', () => {
    const { data } = buildWebhookDelivery({
      event: 'booking.created',
      workspaceId: 'ws_1',
      createdAt: T0,
      booking: bookingFixture({
        answers: [
          { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' },
          { fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Pricing'] },
          { fieldId: 'consent', label: 'I agree', type: 'checkbox', value: true },
          {
            fieldId: 'brief',
            label: 'Brief',
            type: 'file',
            value: { uploadId: 'up_secret', filename: 'brief.pdf', kind: 'pdf', size: 2048 },
          },
        ],
      }),
      link: { slug: 'intro-call', title: 'Intro call' },
    });
    expect(data.booking.answers).toEqual([
      { fieldId: 'company', label: 'Company', type: 'short_text', value: 'Acme' },
      { fieldId: 'topics', label: 'Topics', type: 'checkboxes', value: ['Pricing'] },
      { fieldId: 'consent', label: 'I agree', type: 'checkbox', value: true },
      {
        fieldId: 'brief',
        label: 'Brief',
        type: 'file',
        value: { filename: 'brief.pdf', kind: 'pdf', size: 2048 },
      },
    ]);
    expect(JSON.stringify(data)).not.toContain('up_secret');
  });

  it('keeps a given id and leaves deal out when there is none', () => {
    const delivery = buildWebhookDelivery({
      id: 'whd_stored',
      event: 'booking.cancelled',
      workspaceId: 'ws_1',
      createdAt: T0,
      booking: bookingFixture({ status: 'cancelled', cancelReason: 'Sick' }),
      link: { slug: 's', title: 't' },
    });
    expect(delivery.id).toBe('whd_stored');
    expect('deal' in delivery.data).toBe(false);
    expect(delivery.data.booking).toMatchObject({ status: 'cancelled', cancelReason: 'Sick' });
  });

  it('makes a new id each time', () => {
    expect(newWebhookDeliveryId()).not.toBe(newWebhookDeliveryId());
  });
});

describe('events and errors', () => {
  it('lists the eight events once, the test event apart', () => {
    expect(WEBHOOK_EVENTS).toEqual([
      'booking.created',
      'booking.rescheduled',
      'booking.cancelled',
      'booking.no_show',
      'booking.no_show_undone',
      'deal.created',
      'deal.updated',
      'note.added',
    ]);
    expect(isWebhookEvent('booking.no_show')).toBe(true);
    expect(isWebhookEvent(WEBHOOK_TEST_EVENT)).toBe(false);
    expect(isWebhookEvent('booking.deleted')).toBe(false);
    expect(isWebhookEvent(42)).toBe(false);
  });

  it('recognises its errors by brand and code, not by class identity', () => {
    const error = new WebhookError('URL_REFUSED', 'no');
    expect(isWebhookError(error)).toBe(true);
    expect(isWebhookError(error, 'URL_REFUSED')).toBe(true);
    expect(isWebhookError(error, 'DELIVERY_TIMEOUT')).toBe(false);
    expect(isWebhookError(Object.assign(new Error('x'), { code: 'URL_REFUSED' }))).toBe(false);
    expect(isWebhookError(null)).toBe(false);
  });
});

describe('webhookBackoff', () => {
  it('follows the schedule, then gives up', () => {
    const waits = WEBHOOK_RETRY_DELAYS_MS.map((_, i) => webhookBackoff(i + 1, { random: () => 0 }));
    expect(waits).toEqual([...WEBHOOK_RETRY_DELAYS_MS]);
    expect(webhookBackoff(WEBHOOK_RETRY_DELAYS_MS.length + 1)).toBeNull();
    expect(() => webhookBackoff(0)).toThrow(RangeError);
  });

  it('adds at most 10% jitter and honours Retry-After up to the longest wait', () => {
    expect(webhookBackoff(1, { random: () => 1 })).toBe(66_000);
    expect(webhookBackoff(1, { random: () => 0, retryAfterMs: 90_000 })).toBe(90_000);
    expect(webhookBackoff(1, { random: () => 0, retryAfterMs: 10 * 86_400_000 })).toBe(86_400_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-11-09T09:00:00Z');
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 09 Nov 2026 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon, 09 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
