import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Host } from '@workestra/booking-core';
import { escapeHtml, messageIdFor, renderEmail } from '@workestra/notifications';
import type { CalendarConnectionStore } from '@workestra/store';
import { Router, type Request } from 'express';
import { acceptInviteBodySchema, inviteBodySchema } from '../api-schemas.js';
import { createAccount, emailTaken } from '../auth/accounts.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { signedIn } from '../http/session.js';
import { ID_SHAPE, jsonBody, param, parse } from '../http/validate.js';
import { hostJson, inviteJson } from '../serialize.js';

const INVITE_TTL_DAYS = 7;
/**
 * How long an invite URL works.
 *
 * @example
 * ```ts
 * const expiresAt = Date.now() + INVITE_TTL_MS;
 * ```
 */
export const INVITE_TTL_MS = INVITE_TTL_DAYS * 86_400_000;

const inviteNotFound = (): HttpError =>
  new HttpError(404, 'INVITE_NOT_FOUND', 'This invite does not exist, was used or has expired');

/** Lowercase hex SHA-256 of an invite token: all the database keeps of it. */
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The invite token of the path; any other shape is simply not found. */
function tokenParam(req: Request): string {
  const token = param(req, 'token');
  if (!ID_SHAPE.test(token)) throw inviteNotFound();
  return token;
}

async function currentHost(ctx: RouteContext, res: Parameters<typeof signedIn>[0]): Promise<Host> {
  const { host: ref } = signedIn(res);
  const host = await ctx.store.transaction((tx) => tx.findHost(ref.workspaceId, ref.hostId));
  if (!host) throw new HttpError(401, 'UNAUTHENTICATED', 'This account no longer exists');
  return host;
}

/**
 * Sends the invite email through the server's mail transport (SMTP or the dev outbox); resolves
 * false (logged) when it could not: the host still has the URL to share.
 */
async function sendInviteEmail(
  ctx: RouteContext,
  invite: { id: string; email: string },
  inviter: Host,
  url: string,
): Promise<boolean> {
  if (!ctx.mail) return false;
  const from = ctx.config.mailFrom;
  const subject = `${inviter.name} invites you to their team on Workestra Scheduling`;
  const text = [
    `${inviter.name} (${inviter.email}) invites you to join their team on Workestra Scheduling.`,
    '',
    `Create your account here (the link works once, for ${INVITE_TTL_DAYS} days):`,
    url,
    '',
    'If you did not expect this, ignore this email.',
  ].join('\n');
  const html = [
    `<p>${escapeHtml(inviter.name)} (${escapeHtml(inviter.email)}) invites you to join their team on Workestra Scheduling.</p>`,
    `<p><a href="${escapeHtml(url)}">Create your account</a> (the link works once, for ${INVITE_TTL_DAYS} days).</p>`,
    '<p>If you did not expect this, ignore this email.</p>',
  ].join('\n');
  try {
    await ctx.mail.send(
      await renderEmail({
        from,
        to: { name: invite.email, email: invite.email },
        replyTo: { name: inviter.name, email: inviter.email },
        subject,
        text,
        html,
        messageId: messageIdFor(`invite:${invite.id}`, from),
        ics: null,
      }),
    );
    return true;
  } catch (error) {
    ctx.logger.warn({ err: error, inviteId: invite.id }, 'could not send the invite email');
    return false;
  }
}

/**
 * `/api/host/invites/*`: the signed-in host invites teammates into its workspace by email
 * (mounted behind session + CSRF checks). The invite URL holds a random 256-bit token, answered
 * once; only its SHA-256 hash is stored.
 *
 * @example
 * ```ts
 * api.use('/host/invites', hostInviteRoutes(ctx)); // behind the session and CSRF checks
 * ```
 */
export function hostInviteRoutes(ctx: RouteContext): Router {
  const { auth, config } = ctx;
  const router = Router();

  router.post('/', async (req, res) => {
    const body = parse(inviteBodySchema, jsonBody(req));
    const inviter = await currentHost(ctx, res);
    if (await auth.findCredentialsByEmail(body.email)) throw emailTaken();
    const token = randomBytes(32).toString('base64url');
    const now = ctx.now();
    const invite = {
      id: `inv_${randomUUID()}`,
      workspaceId: inviter.workspaceId,
      email: body.email,
      tokenHash: tokenHash(token),
      invitedBy: inviter.id,
      createdAt: now,
      expiresAt: now + INVITE_TTL_MS,
      usedAt: null,
    };
    await auth.createInvite(invite);
    const url = `${config.publicUrl}/invite/${token}`;
    const emailSent = await sendInviteEmail(ctx, invite, inviter, url);
    res.status(201).json({ invite: inviteJson(invite), url, emailSent });
  });

  router.get('/', async (_req, res) => {
    const { host } = signedIn(res);
    const invites = await auth.listPendingInvites(host.workspaceId, ctx.now());
    res.json({ invites: invites.map(inviteJson) });
  });

  router.delete('/:id', async (req, res) => {
    const { host } = signedIn(res);
    const id = param(req, 'id');
    if (!ID_SHAPE.test(id) || !(await auth.deleteInvite(host.workspaceId, id)))
      throw inviteNotFound();
    res.status(204).end();
  });

  return router;
}

/**
 * `/api/auth/invites/*` (public): what an invite URL shows, and accepting it, which creates the
 * account in the inviter's workspace and signs it in, like signup. An unknown, used or expired
 * token is one answer: `404 INVITE_NOT_FOUND`.
 *
 * @example
 * ```ts
 * api.use('/auth/invites', inviteAuthRoutes(ctx));
 * ```
 */
export function inviteAuthRoutes(ctx: RouteContext): Router {
  const { auth, passwords } = ctx;
  const router = Router();

  router.get('/:token', async (req, res) => {
    const invite = await auth.findPendingInvite(tokenHash(tokenParam(req)), ctx.now());
    if (!invite) throw inviteNotFound();
    res.json({
      ...(invite.workspaceName ? { workspaceName: invite.workspaceName } : {}),
      invitedBy: invite.invitedByName,
      email: invite.email,
    });
  });

  router.post('/:token/accept', async (req, res) => {
    const hash = tokenHash(tokenParam(req));
    const body = parse(acceptInviteBodySchema, jsonBody(req));
    const invite = await auth.findPendingInvite(hash, ctx.now());
    if (!invite) throw inviteNotFound();
    const passwordHash = await passwords.hash(body.password);
    // Single use: of two concurrent accepts, only one marks it used (a conditional update); the
    // other is answered as a used invite. An invite whose email has an account meanwhile is used
    // up by the 409: it could never succeed, the account's email being the invite's.
    if (!(await auth.markInviteUsed(invite.id, ctx.now()))) throw inviteNotFound();
    if (await auth.findCredentialsByEmail(invite.email)) throw emailTaken();
    const account = await createAccount(ctx, res, {
      workspaceId: invite.workspaceId,
      email: invite.email,
      name: body.name,
      timeZone: body.timeZone,
      passwordHash,
    });
    res.status(201).json({ host: hostJson(account.host), csrfToken: account.csrfToken });
  });

  return router;
}

/**
 * `/api/host/members`: the hosts of the signed-in host's workspace with their connected calendar
 * providers (what a team link's member picker offers).
 *
 * @example
 * ```ts
 * api.use('/host/members', hostMemberRoutes(ctx, handle.calendarConnections));
 * ```
 */
export function hostMemberRoutes(
  ctx: RouteContext,
  connections: CalendarConnectionStore | null,
): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const { host } = signedIn(res);
    const hosts = await ctx.store.transaction((tx) => tx.listHosts(host.workspaceId));
    const members = await Promise.all(
      hosts.map(async (h) => {
        const connected = connections ? await connections.listConnections(h.workspaceId, h.id) : [];
        return {
          id: h.id,
          name: h.name,
          email: h.email,
          timeZone: h.timeZone,
          calendars: [...new Set(connected.map((c) => c.provider))].sort(),
        };
      }),
    );
    res.json({ members });
  });
  return router;
}
