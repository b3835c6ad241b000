// How the Webhooks page words a delivery, merges a refreshed first page (or a resent delivery)
// into what is shown, and which form field an API error belongs to (pure helpers).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/common/api';
import {
  type DeliveriesPage,
  type WebhookDeliveryView,
  describeDelivery,
  errorField,
  mergeFirstPage,
  withDelivery,
} from '../src/host/webhooks-api';

const delivery = (id: string, status: WebhookDeliveryView['status'] = 'delivered') =>
  ({
    id,
    subscriptionId: 'whs_1',
    event: 'booking.created',
    status,
    attempts: 1,
    lastStatusCode: 200,
    lastError: null,
    nextAttemptAt: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    deliveredAt: null,
  }) satisfies WebhookDeliveryView;

describe('describeDelivery', () => {
  it('says the status, the HTTP status when there was one, and the error unless delivered', () => {
    expect(describeDelivery({ status: 'delivered', lastStatusCode: 204, lastError: null })).toBe(
      'Delivered (HTTP 204)',
    );
    expect(describeDelivery({ status: 'failed', lastStatusCode: 500, lastError: 'Boom' })).toBe(
      'Failed (HTTP 500): Boom',
    );
    expect(
      describeDelivery({ status: 'pending', lastStatusCode: null, lastError: 'ECONNREFUSED' }),
    ).toBe('Pending: ECONNREFUSED');
  });
});

describe('mergeFirstPage', () => {
  const page = (ids: string[], next: string | null, status?: 'pending'): DeliveriesPage => ({
    items: ids.map((id) => delivery(id, status)),
    next,
  });

  it('takes the refreshed page and its cursor when only the first page was shown', () => {
    const merged = mergeFirstPage(page(['b', 'a'], 'c1', 'pending'), page(['c', 'b'], 'c2'));
    expect(merged.items.map((d) => d.id)).toEqual(['c', 'b']);
    expect(merged.items.every((d) => d.status === 'delivered')).toBe(true);
    expect(merged.next).toBe('c2');
  });

  it('keeps rows loaded further down, and the cursor past them', () => {
    const merged = mergeFirstPage(
      page(['c', 'b', 'a'], 'after-a', 'pending'),
      page(['d', 'c'], 'x'),
    );
    expect(merged.items.map((d) => [d.id, d.status])).toEqual([
      ['d', 'delivered'],
      ['c', 'delivered'],
      ['b', 'pending'],
      ['a', 'pending'],
    ]);
    expect(merged.next).toBe('after-a');
  });
});

describe('withDelivery', () => {
  it('replaces the resent delivery in place and keeps the other rows and the cursor', () => {
    const shown: DeliveriesPage = {
      items: [delivery('whd_3'), delivery('whd_2', 'failed'), delivery('whd_1')],
      next: 'whd_1',
    };
    const resent = { ...delivery('whd_2'), attempts: 2 };
    expect(withDelivery(shown, resent)).toEqual({
      items: [delivery('whd_3'), resent, delivery('whd_1')],
      next: 'whd_1',
    });
    expect(withDelivery(shown, delivery('whd_9'))).toEqual(shown);
  });
});

describe('errorField', () => {
  it('puts URL and event errors next to their field and the rest in an alert', () => {
    expect(errorField(new ApiError(400, 'WEBHOOK_URL_NOT_ALLOWED', 'private address'))).toBe('url');
    expect(errorField(new ApiError(400, 'UNKNOWN_WEBHOOK_EVENT', 'no such event'))).toBe('events');
    expect(
      errorField(
        new ApiError(400, 'VALIDATION_FAILED', 'invalid', [{ path: ['url'], message: 'bad' }]),
      ),
    ).toBe('url');
    expect(
      errorField(
        new ApiError(400, 'VALIDATION_FAILED', 'invalid', [{ path: 'events.0', message: 'bad' }]),
      ),
    ).toBe('events');
    expect(errorField(new ApiError(404, 'NOT_FOUND', 'gone'))).toBeNull();
    expect(errorField(new Error('network'))).toBeNull();
  });
});
