import { createHash, randomBytes } from 'node:crypto';
import type { HostRef } from '@workestra/booking-core';
import type { AuthStore } from '@workestra/store';
import type { Request, RequestHandler, Response } from 'express';
import { readCookie } from './cookies.js';
import { HttpError } from './errors.js';

/** The session cookie's name (docs/http-api.md). */
export const SESSION_COOKIE = 'wk_session';
/** 32 random bytes in base64url. */
const SID_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What the store keeps instead of the session id: its SHA-256, hex. */
export function hashSessionId(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}

/** The signed-in host and its session id, as set by {@link Sessions.requireHost}. */
export interface SignedIn {
  readonly host: HostRef;
  readonly sid: string;
}

/**
 * Host sessions: a random 32-byte id in an httpOnly `SameSite=Lax` cookie, only its SHA-256 in the
 * store.
 *
 * @example
 * ```ts
 * const sessions = createSessions({ auth, ttlMs: 14 * 86_400_000, secure: false });
 * router.use(sessions.requireHost);
 * router.get('/me', (req, res) => res.json(signedIn(res).host));
 * ```
 */
export interface Sessions {
  /** Creates a session for the host, sets the cookie, returns the session id. */
  start(res: Response, hostId: string): Promise<string>;
  /** The request's live session, if any. */
  read(req: Request): Promise<SignedIn | null>;
  /** Deletes the request's session (if any) and clears the cookie. */
  end(req: Request, res: Response): Promise<void>;
  /** `401 UNAUTHENTICATED` without a live session; else `res.locals.signedIn`. */
  readonly requireHost: RequestHandler;
}

export function createSessions(options: {
  auth: AuthStore;
  ttlMs: number;
  secure: boolean;
  now?: () => number;
}): Sessions {
  const { auth, ttlMs, secure } = options;
  const now = options.now ?? Date.now;
  const cookieOptions = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;

  const read = async (req: Request): Promise<SignedIn | null> => {
    const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!sid || !SID_SHAPE.test(sid)) return null;
    const session = await auth.findSession(hashSessionId(sid), now());
    return session
      ? { sid, host: { workspaceId: session.workspaceId, hostId: session.hostId } }
      : null;
  };

  return {
    async start(res, hostId) {
      const sid = randomBytes(32).toString('base64url');
      const t = now();
      await auth.createSession({
        idHash: hashSessionId(sid),
        hostId,
        createdAt: t,
        expiresAt: t + ttlMs,
      });
      res.cookie(SESSION_COOKIE, sid, { ...cookieOptions, maxAge: ttlMs });
      return sid;
    },
    read,
    async end(req, res) {
      const sid = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (sid && SID_SHAPE.test(sid)) await auth.deleteSession(hashSessionId(sid));
      res.clearCookie(SESSION_COOKIE, cookieOptions);
    },
    requireHost: async (req, res, next) => {
      const signed = await read(req);
      if (!signed)
        throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first (no session, or it expired)');
      res.locals.signedIn = signed;
      next();
    },
  };
}

/** The host {@link Sessions.requireHost} found; only call behind it. */
export function signedIn(res: Response): SignedIn {
  const value = res.locals.signedIn as SignedIn | undefined;
  if (!value) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first');
  return value;
}
