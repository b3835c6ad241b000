import type { HostRef } from '@workestra/booking-core';
import { Router } from 'express';
import { bookingsQuerySchema, hostCancelBodySchema } from '../api-schemas.js';
import type { RouteContext } from '../context.js';
import { signedIn } from '../http/session.js';
import { idParam, jsonBody, parse } from '../http/validate.js';
import { eventJson, followUpJson, hostBookingJson } from '../serialize.js';

/** `/api/host/bookings/*`: the signed-in host's meetings (mounted behind session + CSRF checks). */
export function hostBookingRoutes(ctx: RouteContext): Router {
  const { core } = ctx;

  /** One booking as the dashboard shows it, read after a change through the same use-case. */
  async function view(host: HostRef, bookingId: string) {
    const found = await core.getBooking(host, bookingId);
    return hostBookingJson(found.booking, found.link, found.followUpFailures, found);
  }
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parse(bookingsQuerySchema, req.query);
    const { host } = signedIn(res);
    const page = await core.listBookings(host, query);
    res.json({
      bookings: page.bookings.map((b) => hostBookingJson(b, b.link, b.followUpFailures, b)),
      nextCursor: page.nextCursor,
    });
  });

  router.get('/:id', async (req, res) => {
    const { host } = signedIn(res);
    // The use-case checks the host may see the booking; only then are its jobs read.
    const found = await core.getBooking(host, idParam(req, 'id'));
    const jobs = await ctx.jobs.listBookingJobs(host.workspaceId, found.booking.id);
    res.json({
      booking: hostBookingJson(found.booking, found.link, found.followUpFailures, found),
      events: found.events.map(eventJson),
      followUps: jobs.map(followUpJson),
    });
  });

  router.post('/:id/cancel', async (req, res) => {
    const { host } = signedIn(res);
    const bookingId = idParam(req, 'id');
    const body = parse(hostCancelBodySchema, jsonBody(req));
    await core.cancelBookingAsHost(host, { bookingId, ...body });
    res.json({ booking: await view(host, bookingId) });
  });

  router.post('/:id/no-show', async (req, res) => {
    const { host } = signedIn(res);
    const bookingId = idParam(req, 'id');
    await core.markNoShow(host, bookingId);
    res.json({ booking: await view(host, bookingId) });
  });

  router.delete('/:id/no-show', async (req, res) => {
    const { host } = signedIn(res);
    const bookingId = idParam(req, 'id');
    await core.undoNoShow(host, bookingId);
    res.json({ booking: await view(host, bookingId) });
  });

  return router;
}
