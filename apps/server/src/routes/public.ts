import { type ExternalRefs, slugSchema } from '@workestra/booking-core';
import { Router, type Request } from 'express';
import {
  bookBodySchema,
  rescheduleBodySchema,
  slotsQuerySchema,
  tokenCancelBodySchema,
  tokenQuerySchema,
} from '../api-schemas.js';
import type { RouteContext } from '../context.js';
import { invalidDealToken } from '../deal-tokens.js';
import { HttpError } from '../http/errors.js';
import { jsonBody, param, parse } from '../http/validate.js';
import { publicBookingJson, publicLinkJson, slotsAnswerJson, tokenViewJson } from '../serialize.js';

/** A slug of the wrong shape names no link: 404, like an unknown one. */
function slugParam(req: Request): string {
  const slug = param(req, 'slug');
  if (!slugSchema.safeParse(slug).success)
    throw new HttpError(404, 'LINK_NOT_FOUND', 'This link does not exist');
  return slug;
}

/** Tokens are looked up by hash; one of an impossible length is simply unknown. */
function tokenParam(req: Request): string {
  const token = param(req, 'token');
  if (token.length === 0 || token.length > 512)
    throw new HttpError(404, 'TOKEN_INVALID', 'This link is not valid');
  return token;
}

/**
 * Links book at most 3650 days ahead (booking-core's `maxDaysAhead` bound), so a start beyond
 * that (plus a year of slack) can never be bookable: it is refused here without a store read or a
 * slot check. Defence in depth: the slot engine's `checkSlot` refuses it too (same reason, in about
 * a millisecond), but an implausible date should not depend on every layer below staying cheap.
 */
const FURTHEST_START_MS = (3650 + 366) * 86_400_000;
function assertPlausibleStart(start: number): void {
  if (start > Date.now() + FURTHEST_START_MS)
    throw new HttpError(409, 'SLOT_UNAVAILABLE', 'This time is not available', {
      reason: 'BEYOND_MAX_DAYS_AHEAD',
    });
}

/** `/api/public/*`: the booking page and the self-service pages; no account, rate-limited. */
export function publicRoutes(ctx: RouteContext): Router {
  const { core, config } = ctx;

  /** The booking a token opens, as its attendee sees it (in any state). */
  const view = async (token: string, purpose: 'reschedule' | 'cancel') =>
    publicBookingJson(await core.publicBooking({ token, purpose }));
  const router = Router();

  router.get('/links/:slug', async (req, res) => {
    res.json({ link: publicLinkJson(await core.getPublicLink(slugParam(req))) });
  });

  router.get('/links/:slug/slots', async (req, res) => {
    const slug = slugParam(req);
    const query = parse(slotsQuerySchema, req.query);
    const slots = await core.getPublicSlots({ slug, ...query });
    res.set('Content-Type', 'application/json').send(slotsAnswerJson(slots.timeZone, slots.days));
  });

  router.post('/links/:slug/bookings', async (req, res) => {
    const slug = slugParam(req);
    const { dealToken, ...body } = parse(bookBodySchema, jsonBody(req));
    assertPlausibleStart(body.start);
    const externalRefs =
      dealToken === undefined ? undefined : await dealRefs(ctx, slug, dealToken, body.email);
    const { tokens } = await core.book({ slug, ...body }, externalRefs ? { externalRefs } : {});
    res.status(201).json({
      booking: await view(tokens.cancel, 'cancel'),
      ...selfServiceLinks(config.publicUrl, tokens),
    });
  });

  router.get('/tokens/:token', async (req, res) => {
    const query = parse(tokenQuerySchema, req.query);
    res.json(tokenViewJson(await core.viewToken({ token: tokenParam(req), ...query })));
  });

  router.post('/tokens/:token/reschedule', async (req, res) => {
    const body = parse(rescheduleBodySchema, jsonBody(req));
    assertPlausibleStart(body.start);
    const token = tokenParam(req);
    const { tokens } = await core.reschedule({ token, ...body });
    // The tokens rotate on reschedule: the page that moved the meeting gets the new links.
    res.json({
      booking: await view(tokens?.reschedule ?? token, 'reschedule'),
      ...(tokens ? selfServiceLinks(config.publicUrl, tokens) : {}),
    });
  });

  router.post('/tokens/:token/cancel', async (req, res) => {
    const body = parse(tokenCancelBodySchema, jsonBody(req));
    const token = tokenParam(req);
    await core.cancel({ token, ...body });
    res.json({ booking: await view(token, 'cancel') });
  });

  return router;
}

/**
 * The references a booking made with a "Schedule a call" token starts with: the token's deal, and
 * its contact when the attendee's email is the contact's. The token must open, be unexpired, name
 * this very link (by id, in its workspace) and a deal that still exists there; anything else is
 * `400 INVALID_DEAL_TOKEN`, never a booking attached elsewhere.
 */
async function dealRefs(
  ctx: RouteContext,
  slug: string,
  token: string,
  email: string,
): Promise<ExternalRefs> {
  const claims = ctx.dealTokens.open(token, ctx.now());
  const link = await ctx.store.transaction((tx) => tx.findLiveLinkBySlug(slug));
  // An unknown link is left to `book` (LINK_NOT_FOUND), as without a token.
  if (link !== null && (link.id !== claims.linkId || link.workspaceId !== claims.workspaceId))
    throw invalidDealToken('This scheduling link is for another booking page');
  const deal = await ctx.crm.getDeal({ workspaceId: claims.workspaceId, dealId: claims.dealId });
  if (deal === null) throw invalidDealToken('The deal of this scheduling link no longer exists');
  const provider = ctx.crm.name;
  return {
    'crm-deal': { provider, id: deal.id },
    ...(emailKey(deal.contact.email) === emailKey(email)
      ? { 'crm-contact': { provider, id: deal.contact.id } }
      : {}),
  };
}

/** Emails compare trimmed and case-insensitively, as CRM contacts are matched. */
const emailKey = (email: string) => email.trim().toLowerCase();

/** The attendee's self-service tokens and the absolute URLs of their pages. */
function selfServiceLinks(publicUrl: string, tokens: { reschedule: string; cancel: string }) {
  return {
    rescheduleToken: tokens.reschedule,
    cancelToken: tokens.cancel,
    rescheduleUrl: `${publicUrl}/book/reschedule/${tokens.reschedule}`,
    cancelUrl: `${publicUrl}/book/cancel/${tokens.cancel}`,
  };
}
