import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { StoreError } from '../errors.js';
import {
  WEBHOOK_AUTO_DISABLE_AFTER_FAILURES,
  WEBHOOK_AUTO_DISABLED_REASON,
  WEBHOOK_PAGE_LIMIT_MAX,
  type WebhookDeliveryRecord,
  type WebhookStore,
  type WebhookSubscriptionRecord,
} from '../webhook-store.js';
import { timeOrderedId } from './crm.js';
import type { Dialect } from './dialect.js';

/**
 * What the webhook store takes from outside: the clock and the subscription ids (defaults:
 * `Date.now`, time-ordered random `whs_` ids). Delivery ids are the caller's. Tests pass their own.
 */
export interface WebhookStoreDeps {
  readonly now?: () => number;
  readonly newId?: (prefix: 'whs') => string;
}

/** `limit` as a whole number from 1 to {@link WEBHOOK_PAGE_LIMIT_MAX}. */
function pageSize(limit: number): number {
  const whole = Number.isFinite(limit) ? Math.trunc(limit) : 1;
  return Math.min(WEBHOOK_PAGE_LIMIT_MAX, Math.max(1, whole));
}

/**
 * `WebhookStore` over either dialect. `recordDelivery` is one `INSERT ... ON CONFLICT DO NOTHING`
 * on the delivery id, then a read of it, so concurrent callers with one id make one row.
 * `subscriptionsFor` filters the workspace's active subscriptions' event lists in code (a
 * workspace has few), which keeps the query the same on both dialects.
 */
export function webhookStore(dialect: Dialect, deps: WebhookStoreDeps = {}): WebhookStore {
  const { db, tables, codeUnitOrder, skipLocked } = dialect;
  const { webhookSubscriptions: subs, webhookDeliveries: deliveries } = tables;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? timeOrderedId;

  type SubRow = typeof subs.$inferSelect;
  const toSub = (r: SubRow): WebhookSubscriptionRecord => ({ ...r, events: [...r.events] });
  const toDelivery = (r: typeof deliveries.$inferSelect): WebhookDeliveryRecord => ({ ...r });
  const subKey = (workspaceId: string, subscriptionId: string) =>
    and(eq(subs.workspaceId, workspaceId), eq(subs.id, subscriptionId));
  const deliveryKey = (workspaceId: string, deliveryId: string) =>
    and(eq(deliveries.workspaceId, workspaceId), eq(deliveries.id, deliveryId));
  const subsWhere = (where: ReturnType<typeof subKey>) =>
    db
      .select()
      .from(subs)
      .where(where)
      .orderBy(asc(subs.createdAt), asc(codeUnitOrder(subs.id)));
  const subNotFound = (subscriptionId: string) =>
    new StoreError(
      'WEBHOOK_SUBSCRIPTION_NOT_FOUND',
      `no webhook subscription ${subscriptionId} in this workspace`,
    );
  const deliveryNotFound = (deliveryId: string) =>
    new StoreError(
      'WEBHOOK_DELIVERY_NOT_FOUND',
      `no webhook delivery ${deliveryId} in this workspace`,
    );

  const dueWhere = (at: number) =>
    and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, at));
  /**
   * One `UPDATE ... RETURNING` over a sub-select of due rows (`FOR UPDATE SKIP LOCKED` on
   * PostgreSQL; SQLite's write lock makes the statement atomic). The outer due condition is
   * checked again on the locked row, so a row another sender moved on is not taken twice.
   */
  const claim = async (where: SQL | undefined, at: number, limit: number, leaseMs: number) => {
    const due = db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(dueWhere(at), where))
      .orderBy(asc(deliveries.nextAttemptAt), asc(codeUnitOrder(deliveries.id)))
      .limit(limit);
    const rows = await db
      .update(deliveries)
      .set({ nextAttemptAt: at + Math.max(1, Math.trunc(leaseMs)) })
      .where(
        and(
          inArray(deliveries.id, skipLocked ? due.for('update', { skipLocked: true }) : due),
          dueWhere(at),
        ),
      )
      .returning();
    return rows
      .map(toDelivery)
      .sort((x, y) => (x.nextAttemptAt ?? 0) - (y.nextAttemptAt ?? 0) || (x.id < y.id ? -1 : 1));
  };

  /**
   * The auto-disable count of a delivery's subscription, in one statement (each `SET` expression
   * reads the row as it was, so concurrent outcomes each count once): delivered starts it again;
   * failed adds 1 and turns an active subscription off on reaching the limit.
   */
  const countOutcome = async (d: typeof deliveries.$inferSelect) => {
    const key = subKey(d.workspaceId, d.subscriptionId);
    if (d.status === 'delivered') {
      await db.update(subs).set({ failureStreak: 0 }).where(key);
      return;
    }
    const tripped = sql`(${subs.active} AND ${subs.failureStreak} + 1 >= ${WEBHOOK_AUTO_DISABLE_AFTER_FAILURES})`;
    await db
      .update(subs)
      .set({
        failureStreak: sql`${subs.failureStreak} + 1`,
        // Unchanged, unless it trips (the same as `CASE WHEN tripped THEN false ...`, portable).
        active: sql`(${subs.active} AND ${subs.failureStreak} + 1 < ${WEBHOOK_AUTO_DISABLE_AFTER_FAILURES})`,
        disabledReason: sql`CASE WHEN ${tripped} THEN ${WEBHOOK_AUTO_DISABLED_REASON} ELSE ${subs.disabledReason} END`,
        updatedAt: sql`CASE WHEN ${tripped} THEN ${d.updatedAt} ELSE ${subs.updatedAt} END`,
      })
      .where(key);
  };

  return {
    async createSubscription(input) {
      const at = now();
      const [row] = await db
        .insert(subs)
        .values({
          id: newId('whs'),
          workspaceId: input.workspaceId,
          url: input.url,
          events: [...input.events],
          secretSealed: input.secretSealed,
          description: input.description ?? null,
          active: input.active ?? true,
          disabledReason: null,
          failureStreak: 0,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (row === undefined) throw new Error('webhook subscription insert returned no row');
      return toSub(row);
    },

    async listSubscriptions(workspaceId) {
      return (await subsWhere(eq(subs.workspaceId, workspaceId))).map(toSub);
    },

    async getSubscription({ workspaceId, subscriptionId }) {
      const [row] = await subsWhere(subKey(workspaceId, subscriptionId));
      return row === undefined ? null : toSub(row);
    },

    async updateSubscription({ workspaceId, subscriptionId, patch }) {
      const disabledReason =
        patch.disabledReason !== undefined
          ? patch.disabledReason
          : patch.active === true
            ? null
            : undefined;
      const [row] = await db
        .update(subs)
        .set({
          ...(patch.url !== undefined && { url: patch.url }),
          ...(patch.secretSealed !== undefined && { secretSealed: patch.secretSealed }),
          ...(patch.events !== undefined && { events: [...patch.events] }),
          ...(patch.active !== undefined && { active: patch.active }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(disabledReason !== undefined && { disabledReason }),
          ...(patch.active === true && { failureStreak: 0 }),
          updatedAt: now(),
        })
        .where(subKey(workspaceId, subscriptionId))
        .returning();
      if (row === undefined) throw subNotFound(subscriptionId);
      return toSub(row);
    },

    async deleteSubscription({ workspaceId, subscriptionId }) {
      // The deliveries go with it (ON DELETE CASCADE).
      const gone = await db
        .delete(subs)
        .where(subKey(workspaceId, subscriptionId))
        .returning({ id: subs.id });
      return gone.length > 0;
    },

    async subscriptionsFor(workspaceId, event) {
      const rows = await subsWhere(and(eq(subs.workspaceId, workspaceId), eq(subs.active, true)));
      return rows.filter((r) => r.events.includes(event)).map(toSub);
    },

    async recordDelivery(input) {
      const [sub] = await db
        .select({ id: subs.id })
        .from(subs)
        .where(subKey(input.workspaceId, input.subscriptionId));
      if (sub === undefined) throw subNotFound(input.subscriptionId);
      const at = input.now ?? now();
      await db
        .insert(deliveries)
        .values({
          id: input.id,
          workspaceId: input.workspaceId,
          subscriptionId: input.subscriptionId,
          event: input.event,
          payload: input.payload,
          status: 'pending',
          attempts: 0,
          lastStatusCode: null,
          lastError: null,
          nextAttemptAt: at,
          createdAt: at,
          updatedAt: at,
          deliveredAt: null,
        })
        .onConflictDoNothing({ target: deliveries.id });
      const [row] = await db
        .select()
        .from(deliveries)
        .where(deliveryKey(input.workspaceId, input.id));
      if (row === undefined)
        throw new StoreError(
          'WEBHOOK_DELIVERY_ID_TAKEN',
          `webhook delivery id ${input.id} belongs to another workspace`,
        );
      return toDelivery(row);
    },

    async markDeliveryAttempt(o) {
      const [row] = await db
        .update(deliveries)
        .set({
          status: o.ok ? 'delivered' : o.nextAttemptAt === null ? 'failed' : 'pending',
          attempts: sql`${deliveries.attempts} + 1`,
          lastStatusCode: o.statusCode,
          lastError: o.ok ? null : o.error,
          nextAttemptAt: o.ok ? null : o.nextAttemptAt,
          deliveredAt: o.ok ? o.now : null,
          updatedAt: o.now,
        })
        .where(and(deliveryKey(o.workspaceId, o.deliveryId), eq(deliveries.status, 'pending')))
        .returning();
      if (row !== undefined) {
        if (row.status !== 'pending') await countOutcome(row);
        return toDelivery(row);
      }
      const [finished] = await db
        .select()
        .from(deliveries)
        .where(deliveryKey(o.workspaceId, o.deliveryId));
      if (finished === undefined) throw deliveryNotFound(o.deliveryId);
      return toDelivery(finished);
    },

    async reopenDelivery({ workspaceId, deliveryId, now: at }) {
      const [row] = await db
        .update(deliveries)
        .set({ status: 'pending', nextAttemptAt: at, updatedAt: at })
        .where(
          and(
            deliveryKey(workspaceId, deliveryId),
            inArray(deliveries.status, ['pending', 'failed']),
          ),
        )
        .returning();
      if (row !== undefined) return toDelivery(row);
      const [delivered] = await db
        .select()
        .from(deliveries)
        .where(deliveryKey(workspaceId, deliveryId));
      if (delivered === undefined) throw deliveryNotFound(deliveryId);
      return toDelivery(delivered);
    },

    async listDeliveries({ workspaceId, subscriptionId, limit, after }) {
      const size = pageSize(limit);
      const id = codeUnitOrder(deliveries.id);
      let cursor;
      if (after !== undefined) {
        const [c] = await db
          .select({ createdAt: deliveries.createdAt, id: deliveries.id })
          .from(deliveries)
          .where(deliveryKey(workspaceId, after));
        if (c === undefined) return { items: [], next: null };
        cursor = or(
          sql`${deliveries.createdAt} < ${c.createdAt}`,
          and(eq(deliveries.createdAt, c.createdAt), sql`${id} < ${c.id}`),
        );
      }
      const rows = await db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.workspaceId, workspaceId),
            subscriptionId === undefined
              ? undefined
              : eq(deliveries.subscriptionId, subscriptionId),
            cursor,
          ),
        )
        .orderBy(desc(deliveries.createdAt), desc(id))
        .limit(size + 1);
      const items = rows.slice(0, size).map(toDelivery);
      return { items, next: rows.length > size ? (items[items.length - 1]?.id ?? null) : null };
    },

    async dueDeliveries({ now: at, limit }) {
      const rows = await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, at)))
        .orderBy(asc(deliveries.nextAttemptAt), asc(codeUnitOrder(deliveries.id)))
        .limit(pageSize(limit));
      return rows.map(toDelivery);
    },

    claimDueDeliveries({ now: at, limit, leaseMs }) {
      return claim(undefined, at, pageSize(limit), leaseMs);
    },

    async claimDelivery({ workspaceId, deliveryId, now: at, leaseMs }) {
      const [row] = await claim(deliveryKey(workspaceId, deliveryId), at, 1, leaseMs);
      return row ?? null;
    },
  };
}
