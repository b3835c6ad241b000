/**
 * Stable codes of {@link StoreError}. Conflicts on booking-core's ports (slug, booking overlap,
 * duplicate id) are booking-core's own `StoreConflictError`, not this.
 */
export type StoreErrorCode =
  /** `AuthStore.createCredentials`: another host already signs in with this email. */
  | 'EMAIL_TAKEN'
  /**
   * SQLite: another connection held the database's write lock for longer than `busyTimeoutMs`
   * ("database is locked"). Nothing was written; the call may be retried.
   */
  | 'DATABASE_BUSY'
  /** `openSqliteStore({ exclusive: true })`: another process already holds the database file. */
  | 'DATABASE_IN_USE'
  /**
   * Opening a store: its dialect's driver package (`better-sqlite3` or `pg`, optional peer
   * dependencies) is not installed; the message names the package to install.
   */
  | 'DRIVER_MISSING'
  /** The SQL CRM (`handle.crm`): a deal or note names a contact the workspace does not have. */
  | 'CRM_CONTACT_NOT_FOUND'
  /** Webhooks (`handle.webhooks`): the workspace has no subscription with this id. */
  | 'WEBHOOK_SUBSCRIPTION_NOT_FOUND'
  /** Webhooks (`handle.webhooks`): the workspace has no delivery with this id. */
  | 'WEBHOOK_DELIVERY_NOT_FOUND'
  /** Webhooks (`handle.webhooks.recordDelivery`): another workspace already holds this delivery id. */
  | 'WEBHOOK_DELIVERY_ID_TAKEN';

/** Same key in the ESM and the CJS build (`Symbol.for`), so {@link isStoreError} works across them. */
const STORE_ERROR = Symbol.for('@workestra/store.StoreError');

/**
 * The error class of `@workestra/store`'s own API (the auth store, opening, a locked SQLite file):
 * a stable `code`, and the driver error as `cause`.
 *
 * @example
 * ```ts
 * const { auth } = handle;
 * try {
 *   await auth.createCredentials({ hostId, email: 'ada@example.com', passwordHash: 'scrypt$...', createdAt: now, updatedAt: now });
 * } catch (error) {
 *   if (!isStoreError(error, 'EMAIL_TAKEN')) throw error;
 *   console.log('email already registered');
 * }
 * ```
 */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    Object.defineProperty(this, STORE_ERROR, { value: true });
  }
}

/**
 * Whether `error` is a {@link StoreError} (with `code`, if given), whichever build of
 * `@workestra/store` (ESM or CJS) threw it. Use it instead of `instanceof`, which fails when an
 * application loads both builds.
 *
 * @example
 * ```ts
 * import { isStoreError } from '@workestra/store';
 * const retryable = (error: unknown) => isStoreError(error, 'DATABASE_BUSY');
 * ```
 */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [STORE_ERROR]?: unknown })[STORE_ERROR] === true &&
    (code === undefined || (error as StoreError).code === code)
  );
}
