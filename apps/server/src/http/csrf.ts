import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors.js';
import { signedIn } from './session.js';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The CSRF token of a session: derived from the session id, so nothing more is stored and it dies
 * with the session. The session id itself never leaves the httpOnly cookie.
 *
 * @example
 * ```ts
 * res.json({ host, csrfToken: csrfTokenFor(sid) });
 * ```
 */
export function csrfTokenFor(sid: string): string {
  return createHash('sha256').update(`csrf:${sid}`).digest('base64url');
}

/** Constant-time check of the `X-CSRF-Token` header against the session's token. */
export function csrfMatches(req: Request, sid: string): boolean {
  const sent = req.get('x-csrf-token');
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(sid));
  const actual = Buffer.from(sent);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * `403 CSRF_FAILED` on a state-changing request without the session's `X-CSRF-Token`. Mount
 * after `requireHost`.
 *
 * @example
 * ```ts
 * router.use(sessions.requireHost, requireCsrf);
 * ```
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!csrfMatches(req, signedIn(res).sid))
    throw new HttpError(
      403,
      'CSRF_FAILED',
      'Missing or wrong X-CSRF-Token header; reload the page and try again',
    );
  next();
};

/**
 * `403 CSRF_FAILED` on a state-changing request whose `Origin` is present and is neither
 * `PUBLIC_URL`'s origin nor the request's own host: a second line behind `SameSite=Lax` and the token.
 *
 * @example
 * ```ts
 * app.use('/api/host', sameOrigin('https://book.example.com'));
 * ```
 */
export function sameOrigin(publicUrl: string): RequestHandler {
  const allowed = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get('origin');
    if (origin === undefined) return next();
    let host: string | undefined;
    try {
      const parsed = new URL(origin);
      if (parsed.origin === allowed) return next();
      host = parsed.host;
    } catch {
      host = undefined;
    }
    if (host !== undefined && host === req.get('host')) return next();
    throw new HttpError(403, 'CSRF_FAILED', 'Cross-origin request refused');
  };
}
