/**
 * Stable codes of {@link StoreError}. Conflicts on booking-core's ports (slug, booking overlap,
 * duplicate id) are booking-core's own `StoreConflictError`, not this.
 *
 * @example
 * ```ts
 * const code: StoreErrorCode = 'EMAIL_TAKEN';
 * ```
 */
export type StoreErrorCode =
  /** `AuthStore.createCredentials`: another host already signs in with this email. */
  'EMAIL_TAKEN';

/**
 * The error class of `@workestra/store`'s own API (the auth store): a stable `code`, and the driver
 * error as `cause`.
 *
 * @example
 * ```ts
 * const { auth } = handle;
 * try {
 *   await auth.createCredentials({ hostId, email: 'ada@example.com', passwordHash: 'scrypt$...', createdAt: now, updatedAt: now });
 * } catch (error) {
 *   if (!(error instanceof StoreError && error.code === 'EMAIL_TAKEN')) throw error;
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
  }
}
