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
 * An invitation of a teammate into a workspace. Only the SHA-256 hash of the token the invite URL
 * carries is stored. An invite is pending while `usedAt` is null and `expiresAt > now`.
 *
 * @example
 * ```ts
 * import { createHash, randomBytes } from 'node:crypto';
 *
 * const token = randomBytes(32).toString('base64url'); // goes in the invite URL, shown once
 * const invite: HostInvite = { id: 'inv_1', workspaceId, email: 'grace@example.com', tokenHash: createHash('sha256').update(token).digest('hex'), invitedBy: hostId, createdAt: now, expiresAt: now + 7 * 86_400_000, usedAt: null };
 * ```
 */
export interface HostInvite {
  readonly id: string;
  readonly workspaceId: string;
  /** Normalised (trimmed, lowercase) like credentials' emails: the account the invite creates. */
  readonly email: string;
  /** Lowercase hex SHA-256 of the invite token. */
  readonly tokenHash: string;
  /** The inviting host's id. */
  readonly invitedBy: string;
  readonly createdAt: EpochMs;
  readonly expiresAt: EpochMs;
  /** When the invite was accepted; null while it is not. */
  readonly usedAt: EpochMs | null;
}

/**
 * A pending invite as the accept page shows it: with its workspace's name and the inviter's name.
 *
 * @example
 * ```ts
 * import { createHash } from 'node:crypto';
 *
 * const tokenHash = createHash('sha256').update(token).digest('hex');
 * const found: PendingInvite | null = await handle.auth.findPendingInvite(tokenHash, Date.now());
 * if (found) console.log(`${found.invitedByName} invites ${found.email}`);
 * ```
 */
export interface PendingInvite extends HostInvite {
  readonly workspaceName: string | null;
  readonly invitedByName: string;
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

  /** Stores a new invite (pending). */
  createInvite(invite: HostInvite): Promise<void>;
  /** The workspace's pending invites (not used, `expiresAt > now`), newest first. */
  listPendingInvites(workspaceId: string, now: EpochMs): Promise<HostInvite[]>;
  /** The pending invite whose token hashes to `tokenHash`; null when unknown, used or expired. */
  findPendingInvite(tokenHash: string, now: EpochMs): Promise<PendingInvite | null>;
  /**
   * Marks the invite used at `now` if it is still pending (one conditional update): true for
   * exactly one of several concurrent callers, false when it was used, expired or deleted.
   */
  markInviteUsed(id: string, now: EpochMs): Promise<boolean>;
  /** Deletes the workspace's invite `id` unless it was used; returns whether one was deleted. */
  deleteInvite(workspaceId: string, id: string): Promise<boolean>;
}
