import { tokenBookingInputSchema } from '@workestra/booking-core';
import { buildBookingIcs } from '@workestra/notifications';
import { Router } from 'express';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { param, parse } from '../http/validate.js';

/** Query of the calendar file: which of the booking's two tokens is in the path. */
export const calendarFileQuerySchema = tokenBookingInputSchema.omit({ token: true });

/** A file name for Content-Disposition: the link's slug, nothing that could end the header value. */
function fileName(slug: string): string {
  const safe = slug.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 100);
  return `${safe || 'meeting'}.ics`;
}

/**
 * `GET /api/public/tokens/:token/calendar.ics`: the attendee's "Add to calendar" file, for the
 * holder of a self-service token only (the same checks as the token pages).
 *
 * It is the invitation the emails carry, written by the same notifications function: the
 * booking's UID and its current SEQUENCE, `METHOD:REQUEST`, the host as ORGANIZER. A calendar that
 * imports it and then receives the emailed invite (or a later update or cancellation) sees one
 * event, not two.
 */
export function calendarFileRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.get('/tokens/:token/calendar.ics', async (req, res) => {
    const token = param(req, 'token');
    if (token.length === 0) throw new HttpError(404, 'TOKEN_INVALID', 'This link is not valid');
    const { purpose } = parse(calendarFileQuerySchema, req.query);
    const { booking, link, host } = await ctx.core.tokenBooking({ token, purpose });
    const ics = buildBookingIcs({ booking, link, host, now: Date.now() }, 'REQUEST');
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8; method=REQUEST');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(link.slug)}"`);
    res.send(ics);
  });
  return router;
}
