import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStoreError } from './errors.js';
import {
  WEBHOOK_AUTO_DISABLE_AFTER_FAILURES,
  WEBHOOK_AUTO_DISABLED_REASON,
} from './webhook-store.js';
import type { StoreHandle } from './store-handle.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-support/databases.js';
import { T0 } from './test-support/fixtures.js';

const url = 'https://hooks.example.com/in';
const secretSealed = 'sealed:v1:abc';

/** The StoreError code `promise` rejects with (fails the test if it resolves or throws another error). */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isStoreError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe.each(DIALECTS)('webhook store on %s', (dialect) => {
  let db: TestDatabase;
  let first: StoreHandle;
  let second: StoreHandle;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    first = await db.open({ maxConnections: 10 });
    second = await db.open({ maxConnections: 10 });
  });
  afterAll(async () => db.drop());

  const subscribe = (workspaceId: string, events: string[], active = true) =>
    first.webhooks.createSubscription({ workspaceId, url, events, secretSealed, active });
  const deliver = (workspaceId: string, subscriptionId: string, id: string) =>
    first.webhooks.recordDelivery({
      id,
      workspaceId,
      subscriptionId,
      event: 'booking.created',
      payload: `{"id":"${id}"}`,
    });

  it('creates, reads, updates and deletes subscriptions (deliveries go with them)', async () => {
    const { webhooks } = first;
    const created = await webhooks.createSubscription({
      workspaceId: 'ws_crud',
      url,
      events: ['booking.created', 'booking.cancelled'],
      secretSealed,
      description: 'Zapier',
    });
    expect(created).toMatchObject({
      workspaceId: 'ws_crud',
      url,
      events: ['booking.created', 'booking.cancelled'],
      secretSealed,
      description: 'Zapier',
      active: true,
      disabledReason: null,
    });
    expect(created.id).toMatch(/^whs_/);
    const other = await subscribe('ws_crud', ['booking.rescheduled']);
    expect((await webhooks.listSubscriptions('ws_crud')).map((s) => s.id)).toEqual([
      created.id,
      other.id,
    ]);
    expect(
      await webhooks.getSubscription({ workspaceId: 'ws_crud', subscriptionId: created.id }),
    ).toEqual(created);

    const off = await webhooks.updateSubscription({
      workspaceId: 'ws_crud',
      subscriptionId: created.id,
      patch: { active: false, disabledReason: 'too many failures', events: ['booking.created'] },
    });
    expect(off).toMatchObject({
      active: false,
      disabledReason: 'too many failures',
      events: ['booking.created'],
      description: 'Zapier',
      url,
    });
    const on = await webhooks.updateSubscription({
      workspaceId: 'ws_crud',
      subscriptionId: created.id,
      patch: {
        active: true,
        url: 'https://other.example.com/x',
        description: null,
        secretSealed: 'sealed:v1:rotated',
      },
    });
    expect(on).toMatchObject({
      active: true,
      disabledReason: null,
      url: 'https://other.example.com/x',
      description: null,
      secretSealed: 'sealed:v1:rotated',
    });
    expect(
      await webhooks.getSubscription({ workspaceId: 'ws_crud', subscriptionId: created.id }),
    ).toEqual(on);

    await deliver('ws_crud', created.id, 'whd_crud_1');
    expect(
      await webhooks.deleteSubscription({ workspaceId: 'ws_crud', subscriptionId: created.id }),
    ).toBe(true);
    expect(
      await webhooks.deleteSubscription({ workspaceId: 'ws_crud', subscriptionId: created.id }),
    ).toBe(false);
    expect(
      await webhooks.getSubscription({ workspaceId: 'ws_crud', subscriptionId: created.id }),
    ).toBeNull();
    expect(await db.raw(`SELECT id FROM webhook_deliveries WHERE id = 'whd_crud_1'`)).toEqual([]);
    expect((await webhooks.listSubscriptions('ws_crud')).map((s) => s.id)).toEqual([other.id]);
  });

  it('keeps workspaces apart', async () => {
    const { webhooks } = first;
    const mine = await subscribe('ws_a', ['booking.created']);
    await deliver('ws_a', mine.id, 'whd_iso_1');
    const key = { workspaceId: 'ws_b', subscriptionId: mine.id };
    expect(await webhooks.listSubscriptions('ws_b')).toEqual([]);
    expect(await webhooks.getSubscription(key)).toBeNull();
    expect(await webhooks.subscriptionsFor('ws_b', 'booking.created')).toEqual([]);
    expect(await codeOf(webhooks.updateSubscription({ ...key, patch: { active: false } }))).toBe(
      'WEBHOOK_SUBSCRIPTION_NOT_FOUND',
    );
    expect(await webhooks.deleteSubscription(key)).toBe(false);
    expect(await codeOf(deliver('ws_b', mine.id, 'whd_iso_2'))).toBe(
      'WEBHOOK_SUBSCRIPTION_NOT_FOUND',
    );
    // ws_b's own subscription cannot take ws_a's delivery id.
    const theirs = await subscribe('ws_b', ['booking.created']);
    expect(await codeOf(deliver('ws_b', theirs.id, 'whd_iso_1'))).toBe('WEBHOOK_DELIVERY_ID_TAKEN');
    expect(await webhooks.listDeliveries({ workspaceId: 'ws_b', limit: 10 })).toEqual({
      items: [],
      next: null,
    });
    expect(
      await codeOf(
        webhooks.markDeliveryAttempt({
          workspaceId: 'ws_b',
          deliveryId: 'whd_iso_1',
          ok: true,
          statusCode: 200,
          error: null,
          nextAttemptAt: null,
          now: T0,
        }),
      ),
    ).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    expect(
      await webhooks.getSubscription({ workspaceId: 'ws_a', subscriptionId: mine.id }),
    ).toMatchObject({ active: true });
    const [kept] = (await webhooks.listDeliveries({ workspaceId: 'ws_a', limit: 10 })).items;
    expect(kept).toMatchObject({ id: 'whd_iso_1', status: 'pending', attempts: 0 });
  });

  it('subscriptionsFor returns the active subscriptions listening to the event', async () => {
    const both = await subscribe('ws_for', ['booking.created', 'booking.cancelled']);
    const created = await subscribe('ws_for', ['booking.created']);
    await subscribe('ws_for', ['booking.created'], false);
    await subscribe('ws_for', ['booking.rescheduled']);
    const ids = async (event: string) =>
      (await second.webhooks.subscriptionsFor('ws_for', event)).map((s) => s.id);
    expect(await ids('booking.created')).toEqual([both.id, created.id]);
    expect(await ids('booking.cancelled')).toEqual([both.id]);
    expect(await ids('booking')).toEqual([]);
  });

  it('10 concurrent recordDelivery calls with one id make one row', async () => {
    const sub = await subscribe('ws_race', ['booking.created']);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? first : second).webhooks.recordDelivery({
          id: 'whd_race',
          workspaceId: 'ws_race',
          subscriptionId: sub.id,
          event: 'booking.created',
          payload: `{"try":${i}}`,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.payload)).size).toBe(1);
    expect(results.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);
    const rows = await db.raw(`SELECT count(*) AS n FROM webhook_deliveries WHERE id = 'whd_race'`);
    expect(Number(rows[0]?.['n'])).toBe(1);
    // Later calls are no-ops returning the first row, payload included.
    const again = await deliver('ws_race', sub.id, 'whd_race');
    expect(again).toEqual(results[0]);
  });

  it('books attempts: retry pending, then delivered; failed when no retry is left', async () => {
    const { webhooks } = first;
    const sub = await subscribe('ws_attempts', ['booking.created']);
    const recorded = await deliver('ws_attempts', sub.id, 'whd_att_1');
    expect(recorded).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      deliveredAt: null,
    });
    expect(recorded.nextAttemptAt).toBe(recorded.createdAt);
    const attempt = { workspaceId: 'ws_attempts', deliveryId: 'whd_att_1' };
    const retry = await webhooks.markDeliveryAttempt({
      ...attempt,
      ok: false,
      statusCode: 503,
      error: 'HTTP 503',
      nextAttemptAt: T0 + 60_000,
      now: T0,
    });
    expect(retry).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
      nextAttemptAt: T0 + 60_000,
      updatedAt: T0,
      deliveredAt: null,
      payload: '{"id":"whd_att_1"}',
    });
    const done = await webhooks.markDeliveryAttempt({
      ...attempt,
      ok: true,
      statusCode: 204,
      error: null,
      nextAttemptAt: null,
      now: T0 + 60_000,
    });
    expect(done).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: T0 + 60_000,
    });
    // A late report of a duplicate attempt changes nothing.
    const late = await webhooks.markDeliveryAttempt({
      ...attempt,
      ok: false,
      statusCode: null,
      error: 'timeout',
      nextAttemptAt: null,
      now: T0 + 120_000,
    });
    expect(late).toEqual(done);

    await deliver('ws_attempts', sub.id, 'whd_att_2');
    const failed = await webhooks.markDeliveryAttempt({
      workspaceId: 'ws_attempts',
      deliveryId: 'whd_att_2',
      ok: false,
      statusCode: null,
      error: 'connection refused',
      nextAttemptAt: null,
      now: T0,
    });
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'connection refused',
      nextAttemptAt: null,
    });
    expect(
      await codeOf(
        webhooks.markDeliveryAttempt({
          ...attempt,
          deliveryId: 'whd_none',
          ok: true,
          statusCode: 200,
          error: null,
          nextAttemptAt: null,
          now: T0,
        }),
      ),
    ).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
  });

  it('dueDeliveries returns pending deliveries whose next attempt has come', async () => {
    const { webhooks } = first;
    const sub = await subscribe('ws_due', ['booking.created']);
    const later = await deliver('ws_due', sub.id, 'whd_due_later');
    await webhooks.markDeliveryAttempt({
      workspaceId: 'ws_due',
      deliveryId: later.id,
      ok: false,
      statusCode: 500,
      error: 'HTTP 500',
      nextAttemptAt: Number.MAX_SAFE_INTEGER,
      now: T0,
    });
    const now = await deliver('ws_due', sub.id, 'whd_due_now');
    const due = await webhooks.dueDeliveries({ now: now.createdAt, limit: 200 });
    const ids = due.map((d) => d.id);
    expect(ids).toContain('whd_due_now');
    expect(ids).not.toContain('whd_due_later');
    expect(due.every((d) => d.status === 'pending')).toBe(true);
  });

  it('claims due deliveries once across concurrent senders, then again after the lease', async () => {
    const sub = await subscribe('ws_claim', ['booking.created']);
    const ids = Array.from({ length: 12 }, (_, i) => `whd_claim_${String(i).padStart(2, '0')}`);
    let at = 0;
    for (const id of ids) at = Math.max(at, (await deliver('ws_claim', sub.id, id)).createdAt);
    const mine = (rows: readonly { id: string }[]) =>
      rows.map((r) => r.id).filter((id) => id.startsWith('whd_claim_'));
    // Two handles (two pools: as two instances) claim at the same instant, several times each.
    const claims = await Promise.all(
      [first, second, first, second, first, second].map((h) =>
        h.webhooks.claimDueDeliveries({ now: at, limit: 3, leaseMs: 60_000 }),
      ),
    );
    const claimed = claims.flatMap(mine);
    expect(new Set(claimed).size).toBe(claimed.length);
    const rest = mine(
      await first.webhooks.claimDueDeliveries({ now: at, limit: 200, leaseMs: 60_000 }),
    );
    expect([...claimed, ...rest].sort()).toEqual(ids);
    // Leased: nothing is due until the lease ends, then everything is again.
    expect(
      mine(await second.webhooks.claimDueDeliveries({ now: at + 59_999, limit: 200, leaseMs: 1 })),
    ).toEqual([]);
    const again = mine(
      await second.webhooks.claimDueDeliveries({ now: at + 60_000, limit: 200, leaseMs: 60_000 }),
    );
    expect(again.sort()).toEqual(ids);
    expect(
      (await first.webhooks.listDeliveries({ workspaceId: 'ws_claim', limit: 200 })).items.every(
        (d) => d.status === 'pending' && d.nextAttemptAt === at + 120_000,
      ),
    ).toBe(true);
  });

  it('claims one delivery of its workspace only when it is due and pending', async () => {
    const sub = await subscribe('ws_claim_one', ['booking.created']);
    const d = await deliver('ws_claim_one', sub.id, 'whd_claim_one');
    const args = { deliveryId: d.id, now: d.createdAt, leaseMs: 30_000 };
    expect(await second.webhooks.claimDelivery({ ...args, workspaceId: 'ws_other' })).toBeNull();
    const [a, b] = await Promise.all([
      first.webhooks.claimDelivery({ ...args, workspaceId: 'ws_claim_one' }),
      second.webhooks.claimDelivery({ ...args, workspaceId: 'ws_claim_one' }),
    ]);
    expect([a, b].filter((x) => x !== null)).toHaveLength(1);
    expect((a ?? b)?.nextAttemptAt).toBe(d.createdAt + 30_000);
    await first.webhooks.markDeliveryAttempt({
      workspaceId: 'ws_claim_one',
      deliveryId: d.id,
      ok: true,
      statusCode: 200,
      error: null,
      nextAttemptAt: null,
      now: d.createdAt,
    });
    expect(
      await first.webhooks.claimDelivery({
        ...args,
        now: d.createdAt + 60_000,
        workspaceId: 'ws_claim_one',
      }),
    ).toBeNull();
  });

  const fail = (workspaceId: string, deliveryId: string, now = T0) =>
    first.webhooks.markDeliveryAttempt({
      workspaceId,
      deliveryId,
      ok: false,
      statusCode: 410,
      error: 'HTTP 410',
      nextAttemptAt: null,
      now,
    });

  it('reopens a failed or pending delivery due now, keeps a delivered one, per workspace', async () => {
    const { webhooks } = first;
    const sub = await subscribe('ws_reopen', ['booking.created']);
    const d = await deliver('ws_reopen', sub.id, 'whd_reopen_1');
    await fail('ws_reopen', d.id);
    const args = { workspaceId: 'ws_reopen', deliveryId: d.id };
    const reopened = await webhooks.reopenDelivery({ ...args, now: T0 + 5_000 });
    expect(reopened).toMatchObject({
      id: d.id,
      payload: d.payload,
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 410',
      nextAttemptAt: T0 + 5_000,
      updatedAt: T0 + 5_000,
    });
    // Pending again: reopening makes it due at the new instant.
    expect((await webhooks.reopenDelivery({ ...args, now: T0 + 6_000 })).nextAttemptAt).toBe(
      T0 + 6_000,
    );
    expect(
      await webhooks.claimDelivery({ ...args, now: T0 + 6_000, leaseMs: 1_000 }),
    ).not.toBeNull();
    const done = await webhooks.markDeliveryAttempt({
      ...args,
      ok: true,
      statusCode: 200,
      error: null,
      nextAttemptAt: null,
      now: T0 + 6_000,
    });
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(await webhooks.reopenDelivery({ ...args, now: T0 + 7_000 })).toEqual(done);
    expect(
      await codeOf(webhooks.reopenDelivery({ ...args, workspaceId: 'ws_other', now: T0 })),
    ).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    expect(
      await codeOf(webhooks.reopenDelivery({ ...args, deliveryId: 'whd_none', now: T0 })),
    ).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
  });

  it(`turns a subscription off after ${WEBHOOK_AUTO_DISABLE_AFTER_FAILURES} failed deliveries in a row`, async () => {
    const { webhooks } = first;
    const sub = await subscribe('ws_streak', ['booking.created']);
    const key = { workspaceId: 'ws_streak', subscriptionId: sub.id };
    const read = async () => (await webhooks.getSubscription(key))!;
    const failOne = async (id: string) => {
      await deliver('ws_streak', sub.id, id);
      await fail('ws_streak', id);
    };
    // Retries that stay pending do not count; a delivered one starts the count again.
    await deliver('ws_streak', sub.id, 'whd_streak_retry');
    await webhooks.markDeliveryAttempt({
      workspaceId: 'ws_streak',
      deliveryId: 'whd_streak_retry',
      ok: false,
      statusCode: 503,
      error: 'HTTP 503',
      nextAttemptAt: T0 + 60_000,
      now: T0,
    });
    expect((await read()).failureStreak).toBe(0);
    for (let i = 0; i < WEBHOOK_AUTO_DISABLE_AFTER_FAILURES - 1; i++)
      await failOne(`whd_streak_a${i}`);
    expect(await read()).toMatchObject({
      active: true,
      disabledReason: null,
      failureStreak: WEBHOOK_AUTO_DISABLE_AFTER_FAILURES - 1,
    });
    await webhooks.markDeliveryAttempt({
      workspaceId: 'ws_streak',
      deliveryId: 'whd_streak_retry',
      ok: true,
      statusCode: 200,
      error: null,
      nextAttemptAt: null,
      now: T0,
    });
    expect((await read()).failureStreak).toBe(0);

    // Concurrent failures each count once; the one reaching the limit turns it off.
    await Promise.all(
      Array.from({ length: WEBHOOK_AUTO_DISABLE_AFTER_FAILURES }, (_, i) =>
        deliver('ws_streak', sub.id, `whd_streak_b${i}`),
      ),
    );
    await Promise.all(
      Array.from({ length: WEBHOOK_AUTO_DISABLE_AFTER_FAILURES }, (_, i) =>
        (i % 2 === 0 ? first : second).webhooks.markDeliveryAttempt({
          workspaceId: 'ws_streak',
          deliveryId: `whd_streak_b${i}`,
          ok: false,
          statusCode: null,
          error: 'connection refused',
          nextAttemptAt: null,
          now: T0 + 1_000,
        }),
      ),
    );
    const off = await read();
    expect(off).toMatchObject({
      active: false,
      disabledReason: WEBHOOK_AUTO_DISABLED_REASON,
      failureStreak: WEBHOOK_AUTO_DISABLE_AFTER_FAILURES,
      updatedAt: T0 + 1_000,
    });
    expect(await webhooks.subscriptionsFor('ws_streak', 'booking.created')).toEqual([]);
    // Failing on while off keeps the reason; turning it back on clears it and the count.
    await failOne('whd_streak_c');
    expect(await read()).toMatchObject({
      active: false,
      disabledReason: WEBHOOK_AUTO_DISABLED_REASON,
    });
    const on = await webhooks.updateSubscription({ ...key, patch: { active: true } });
    expect(on).toMatchObject({ active: true, disabledReason: null, failureStreak: 0 });

    // A subscription turned off by hand gets no system reason however often it fails.
    const manual = await subscribe('ws_streak', ['booking.created'], false);
    for (let i = 0; i < WEBHOOK_AUTO_DISABLE_AFTER_FAILURES; i++) {
      await deliver('ws_streak', manual.id, `whd_streak_m${i}`);
      await fail('ws_streak', `whd_streak_m${i}`);
    }
    expect(
      await webhooks.getSubscription({ workspaceId: 'ws_streak', subscriptionId: manual.id }),
    ).toMatchObject({ active: false, disabledReason: null });
  });

  it('lists deliveries newest first, page by page, per workspace or subscription', async () => {
    const { webhooks } = first;
    const a = await subscribe('ws_page', ['booking.created']);
    const b = await subscribe('ws_page', ['booking.created']);
    const recorded = [];
    for (let i = 0; i < 5; i++)
      recorded.push(await deliver('ws_page', i % 2 === 0 ? a.id : b.id, `whd_page_${i}`));
    const newestFirst = [...recorded]
      .sort((x, y) => y.createdAt - x.createdAt || (y.id < x.id ? -1 : 1))
      .map((d) => d.id);
    expect(newestFirst).toEqual([
      'whd_page_4',
      'whd_page_3',
      'whd_page_2',
      'whd_page_1',
      'whd_page_0',
    ]);

    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await webhooks.listDeliveries({ workspaceId: 'ws_page', limit: 2, after });
      seen.push(...page.items.map((d) => d.id));
      if (page.next === null) break;
      expect(page.items).toHaveLength(2);
      after = page.next;
    }
    expect(seen).toEqual(newestFirst);

    const ofA = await webhooks.listDeliveries({
      workspaceId: 'ws_page',
      subscriptionId: a.id,
      limit: 2,
    });
    expect(ofA.items.map((d) => d.id)).toEqual(['whd_page_4', 'whd_page_2']);
    expect(ofA.next).toBe('whd_page_2');
    const restOfA = await webhooks.listDeliveries({
      workspaceId: 'ws_page',
      subscriptionId: a.id,
      limit: 2,
      after: ofA.next ?? undefined,
    });
    expect(restOfA).toEqual({ items: [expect.objectContaining({ id: 'whd_page_0' })], next: null });
    expect(
      await webhooks.listDeliveries({ workspaceId: 'ws_page', limit: 2, after: 'whd_unknown' }),
    ).toEqual({ items: [], next: null });
  });
});
