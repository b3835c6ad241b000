import type { Host } from '@workestra/booking-core';
import { isStoreError } from '@workestra/store';
import type { Response } from 'express';
import type { RouteContext } from '../context.js';
import { csrfTokenFor } from '../http/csrf.js';
import { HttpError } from '../http/errors.js';

/**
 * `409 EMAIL_TAKEN`: an account with this email exists.
 *
 * @example
 * ```ts
 * if (await auth.findCredentialsByEmail(email)) throw emailTaken();
 * ```
 */
export const emailTaken = (): HttpError =>
  new HttpError(409, 'EMAIL_TAKEN', 'An account with this email already exists; sign in instead');

/**
 * A new host account: who, in which workspace, and its already-derived password hash.
 *
 * @example
 * ```ts
 * const account: NewAccount = { workspaceId: 'ws_1', email: 'ada@example.com', name: 'Ada', timeZone: 'UTC', passwordHash: await passwords.hash(password) };
 * ```
 */
export interface NewAccount {
  readonly workspaceId: string;
  /** Normalised (trimmed, lowercase). */
  readonly email: string;
  readonly name: string;
  readonly timeZone: string;
  readonly passwordHash: string;
}

/**
 * Creates a host in `account.workspaceId` with its credentials and signs it in (the session
 * cookie is set on `res`): what signup and accepting an invite share. Throws `409 EMAIL_TAKEN`
 * when another account got the email first; the host row of the loser stays without credentials
 * (unusable, harmless).
 *
 * @example
 * ```ts
 * const session = await createAccount(ctx, res, { workspaceId: 'ws_1', email: 'ada@example.com', name: 'Ada', timeZone: 'Europe/Berlin', passwordHash });
 * res.status(201).json({ host: hostJson(session.host), csrfToken: session.csrfToken });
 * ```
 */
export async function createAccount(
  ctx: Pick<RouteContext, 'core' | 'auth' | 'sessions' | 'now'>,
  res: Response,
  account: NewAccount,
): Promise<{ host: Host; csrfToken: string }> {
  const host = await ctx.core.createHost({
    workspaceId: account.workspaceId,
    email: account.email,
    name: account.name,
    timeZone: account.timeZone,
  });
  const now = ctx.now();
  try {
    await ctx.auth.createCredentials({
      hostId: host.id,
      email: account.email,
      passwordHash: account.passwordHash,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (isStoreError(error, 'EMAIL_TAKEN')) throw emailTaken();
    throw error;
  }
  const sid = await ctx.sessions.start(res, host.id);
  return { host, csrfToken: csrfTokenFor(sid) };
}
