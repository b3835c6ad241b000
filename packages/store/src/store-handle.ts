import type {
  BookingStore,
  JobStore,
  MessageLedger,
  OutboxStore,
  StoreTx,
} from '@workestra/booking-core';
import type { AuthStore } from './auth-store.js';
import type { CalendarConnectionStore } from './calendar-connection-store.js';
import type { SqlCrm } from './crm-store.js';
import type { WebhookStore } from './webhook-store.js';
import { mapConstraintError } from './constraint-errors.js';

/**
 * An open database: booking-core's ports (booking, job, message ledger, outbox, CRM) plus the auth and calendar connection stores, sharing one connection (SQLite) or
 * one pool (PostgreSQL). Migrations have been applied when you get one.
 *
 * @example
 * ```ts
 * const handle: StoreHandle = await openStore(process.env.DATABASE_URL);
 * try {
 *   const link = await handle.store.transaction((tx) => tx.findLiveLinkBySlug('intro-call'));
 * } finally {
 *   await handle.close();
 * }
 * ```
 */
export interface StoreHandle {
  readonly dialect: 'sqlite' | 'postgres';
  readonly store: BookingStore;
  readonly jobs: JobStore;
  readonly auth: AuthStore;
  /** Hosts' calendar connections (OAuth grants, sealed tokens, calendars, state). */
  readonly calendarConnections: CalendarConnectionStore;
  /** The SQL CRM (contacts, deals, notes, pipeline stages): booking-core's `CrmBridge`, named `workestra`. */
  readonly crm: SqlCrm;
  /** Webhook subscriptions (sealed secrets) and their deliveries with attempt bookkeeping. */
  readonly webhooks: WebhookStore;
  /** Which message keys were claimed/sent: what makes emails go out at most once per key. */
  readonly ledger: MessageLedger;
  /** The development outbox (mail kept instead of sent). */
  readonly outbox: OutboxStore;
  /** Waits for running work, then closes the connection (or the pool the store created). */
  close(): Promise<void>;
}

/**
 * `port` with each method's call run through `around` (a mutex, an error mapping); other
 * properties are kept as they are.
 */
export function aroundEach<T extends object>(
  port: T,
  around: <R>(call: () => Promise<R>) => Promise<R>,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(port) as [string, unknown][]) {
    wrapped[name] =
      typeof value === 'function'
        ? (...args: unknown[]) =>
            around(() => (value as (...a: unknown[]) => Promise<unknown>)(...args))
        : value;
  }
  return wrapped as T;
}

/** Wraps every method so constraint violations surface as `StoreConflictError` inside the transaction too. */
export function withMappedErrors(tx: StoreTx): StoreTx {
  return aroundEach(tx, (call) =>
    call().catch((error: unknown) => {
      throw mapConstraintError(error);
    }),
  );
}

/** The same object under both port names: `{ ledger, outbox }`. */
export function ledgerAndOutbox(both: MessageLedger & OutboxStore): {
  ledger: MessageLedger;
  outbox: OutboxStore;
} {
  return { ledger: both, outbox: both };
}
