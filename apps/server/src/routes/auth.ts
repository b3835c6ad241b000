import { randomUUID } from 'node:crypto';
import type { Host, HostRef } from '@workestra/booking-core';
import { Router } from 'express';
import { loginBodySchema, signupBodySchema } from '../api-schemas.js';
import { createAccount, emailTaken } from '../auth/accounts.js';
import type { RouteContext } from '../context.js';
import { csrfMatches, csrfTokenFor } from '../http/csrf.js';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { jsonBody, parse } from '../http/validate.js';
import { hostJson } from '../serialize.js';

/** `/api/auth/*`: host signup, login, logout and the current session. */
export function authRoutes(ctx: RouteContext): Router {
  const { auth, sessions, store, passwords, logger, loginThrottle } = ctx;
  const router = Router();

  const findHost = async (ref: HostRef): Promise<Host> => {
    const host = await store.transaction((tx) => tx.findHost(ref.workspaceId, ref.hostId));
    if (!host) throw new HttpError(401, 'UNAUTHENTICATED', 'This account no longer exists');
    return host;
  };

  router.post('/signup', async (req, res) => {
    const body = parse(signupBodySchema, jsonBody(req));
    if (await auth.findCredentialsByEmail(body.email)) throw emailTaken();
    // Every signup is a new workspace; teammates join one through an invite (routes/invites.ts).
    const account = await createAccount(ctx, res, {
      workspaceId: `ws_${randomUUID()}`,
      email: body.email,
      name: body.name,
      timeZone: body.timeZone,
      passwordHash: await passwords.hash(body.password),
    });
    res.status(201).json({ host: hostJson(account.host), csrfToken: account.csrfToken });
  });

  router.post('/login', async (req, res) => {
    const body = parse(loginBodySchema, jsonBody(req));
    const client = req.ip ?? 'unknown';
    // Refused before the password is checked: a blocked account is no oracle for guesses.
    const wait = loginThrottle.blockedFor(body.email, client);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new HttpError(
        429,
        'RATE_LIMITED',
        `Too many failed sign-ins for this email; try again in ${Math.ceil(wait / 60)} min`,
      );
    }
    const credentials = await auth.findCredentialsByEmail(body.email);
    // An unknown email costs as much as a wrong password, so timing does not reveal accounts.
    const check = credentials
      ? await passwords.verify(body.password, credentials.passwordHash)
      : { ok: await passwords.verifyNothing(body.password), needsRehash: false };
    if (!credentials || !check.ok) {
      loginThrottle.failed(body.email);
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    loginThrottle.succeeded(body.email, client);
    // The only moment the password is known: move an older hash to the current parameters.
    if (check.needsRehash)
      await passwords
        .hash(body.password)
        .then((hash) => auth.updatePasswordHash(credentials.hostId, hash, Date.now()))
        .catch((error: unknown) =>
          logger.warn(
            { err: error, hostId: credentials.hostId },
            'could not upgrade password hash',
          ),
        );
    const host = await findHost({
      workspaceId: credentials.workspaceId,
      hostId: credentials.hostId,
    });
    const sid = await sessions.start(res, host.id);
    res.json({ host: hostJson(host), csrfToken: csrfTokenFor(sid) });
  });

  router.post('/logout', async (req, res) => {
    const signed = await sessions.read(req);
    // Without a live session there is nothing to protect: just clear the cookie.
    if (signed && !csrfMatches(req, signed.sid))
      throw new HttpError(403, 'CSRF_FAILED', 'Missing or wrong X-CSRF-Token header');
    await sessions.end(req, res);
    res.status(204).end();
  });

  router.get('/session', sessions.requireHost, async (_req, res) => {
    const { host: ref, sid } = signedIn(res);
    res.json({ host: hostJson(await findHost(ref)), csrfToken: csrfTokenFor(sid) });
  });

  return router;
}
