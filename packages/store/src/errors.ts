/** Stable codes of {@link StoreError}. */
export type StoreErrorCode =
  /** A confirmed booking would overlap another confirmed booking of the same host (DB backstop). */
  | 'SLOT_TAKEN'
  /** Another live (not deleted) link already has this slug. */
  | 'SLUG_TAKEN'
  /** Another host already signs in with this email. */
  | 'EMAIL_TAKEN'
  /** `withHostLock` was asked to lock a host that does not exist in that workspace. */
  | 'HOST_NOT_FOUND'
  /** `completeJob`/`failJob` by a worker that does not hold the job's lock (any more). */
  | 'JOB_NOT_CLAIMED';

/** Codes of {@link StoreConflictError}: the write lost against existing data. */
export type StoreConflictCode = Extract<StoreErrorCode, 'SLOT_TAKEN' | 'SLUG_TAKEN' | 'EMAIL_TAKEN'>;

/**
 * The one error class of `@workestra/store`: a stable `code` and the driver error as `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await store.withHostLock(workspaceId, hostId, (tx) => tx.insertBooking(booking));
 * } catch (error) {
 *   if (error instanceof StoreError && error.code === 'HOST_NOT_FOUND') console.warn('no such host');
 *   else throw error;
 * }
 * ```
 */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * A unique or no-overlap constraint refused the write: `SLOT_TAKEN` (the double-booking backstop),
 * `SLUG_TAKEN` or `EMAIL_TAKEN`. Same class on SQLite and PostgreSQL.
 *
 * @example
 * ```ts
 * try {
 *   await store.transaction((tx) => tx.insertLink(link));
 * } catch (error) {
 *   if (error instanceof StoreConflictError && error.code === 'SLUG_TAKEN') return { error: 'pick another slug' };
 *   throw error;
 * }
 * ```
 */
export class StoreConflictError extends StoreError {
  override readonly name: string = 'StoreConflictError';
  declare readonly code: StoreConflictCode;

  constructor(code: StoreConflictCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
