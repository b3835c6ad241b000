import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from '../webhook-store.js';
import { sqlList } from './sql-list.js';

/** PostgreSQL's webhook tables (`handle.webhooks`), re-exported by `./pg.ts`; twins of `./sqlite-webhooks.ts`. */

const instant = (name: string) => bigint(name, { mode: 'number' });

/** A workspace's webhook subscriptions; `events` is a JSON list of event names. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    description: text('description'),
    active: boolean('active').notNull(),
    disabledReason: text('disabled_reason'),
    /** Deliveries ended `failed` in a row since the last delivered one (the auto-disable count). */
    failureStreak: integer('failure_streak').notNull().default(0),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    unique('webhook_subscriptions_workspace_id_id_unique').on(t.workspaceId, t.id),
    index('webhook_subscriptions_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Deliveries: `id` is the delivery id (`whd_...`), `payload` the exact raw body sent. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    subscriptionId: text('subscription_id').notNull(),
    event: text('event').notNull(),
    payload: text('payload').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    deliveredAt: instant('delivered_at'),
  },
  (t) => [
    foreignKey({
      columns: [t.workspaceId, t.subscriptionId],
      foreignColumns: [webhookSubscriptions.workspaceId, webhookSubscriptions.id],
      name: 'webhook_deliveries_subscription_fk',
    }).onDelete('cascade'),
    index('webhook_deliveries_subscription_recent_idx').on(
      t.workspaceId,
      t.subscriptionId,
      t.createdAt,
      t.id,
    ),
    index('webhook_deliveries_workspace_recent_idx').on(t.workspaceId, t.createdAt, t.id),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    check(
      'webhook_deliveries_status_check',
      sql`${t.status} IN ${sqlList(WEBHOOK_DELIVERY_STATUSES)}`,
    ),
  ],
);
