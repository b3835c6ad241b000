import type { EpochMs } from '@workestra/booking-core';

/**
 * A host's sign-in secret. `email` is unique across all workspaces; normalise it (trim, lowercase)
 * before storing and before looking it up.
 *
 * @example
 * ```ts
 * const credentials: HostCredentials = { hostId: 'host_1', email: 'ada@example.com', passwordHash: 'scrypt$...', createdAt: now, updatedAt: now };
 * ```
 */
export interface HostCredentials {
  readonly hostId: string;
  readonly email: string;
  /** An already-derived password hash (e.g. scrypt); the store never sees the password. */
  readonly passwordHash: string;
  readonly createdAt: EpochMs;
  readonly updatedAt: EpochMs;
}

/**
 * A host's login session. Only the hash of the session id is stored.
 *
 * @example
 * ```ts
 * const sid = randomBytes(32).toString('base64url'); // goes in the cookie
 * const session: HostSession = { idHash: createHash('sha256').update(sid).digest('hex'), hostId, createdAt: now, expiresAt: now + 7 * 86_400_000 };
 * ```
 */
export interface HostSession {
  /** Lowercase hex SHA-256 of the session id the browser holds. */
  readonly idHash: string;
  readonly hostId: string;
  readonly createdAt: EpochMs;
  readonly expiresAt: EpochMs;
}

/**
 * The little persistence the server's host authentication needs, kept apart from booking-core's
 * ports. Lookups join the host so the caller learns its workspace.
 *
 * @example
 * ```ts
 * const { auth } = await openSqliteStore({ filename: 'workestra.db' });
 * await auth.createCredentials({ hostId, email: 'ada@example.com', passwordHash: 'scrypt$...', createdAt: now, updatedAt: now });
 * const found = await auth.findCredentialsByEmail('ada@example.com'); // { hostId, workspaceId, passwordHash, ... }
 * ```
 */
export interface AuthStore {
  /** Throws `StoreError` with code `EMAIL_TAKEN` when another host has the email. */
  createCredentials(credentials: HostCredentials): Promise<void>;
  findCredentialsByEmail(
    email: string,
  ): Promise<(HostCredentials & { readonly workspaceId: string }) | null>;
  /** Replaces the hash (password change); returns whether the host had credentials. */
  updatePasswordHash(hostId: string, passwordHash: string, now: EpochMs): Promise<boolean>;

  createSession(session: HostSession): Promise<void>;
  /** The session if it exists and `expiresAt > now`. */
  findSession(
    idHash: string,
    now: EpochMs,
  ): Promise<(HostSession & { readonly workspaceId: string }) | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes sessions with `expiresAt <= now`; returns how many. */
  deleteExpiredSessions(now: EpochMs): Promise<number>;
}
