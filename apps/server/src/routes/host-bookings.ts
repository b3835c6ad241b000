import { Router } from 'express';
import { bookingsQuerySchema, hostCancelBodySchema } from '../api-schemas.js';
import { hostBookingViews } from '../booking-context.js';
import type { RouteContext } from '../context.js';
import { signedIn } from '../http/session.js';
import { idParam, jsonBody, parse } from '../http/validate.js';
import { eventJson } from '../serialize.js';

/** `/api/host/bookings/*`: the signed-in host's meetings (mounted behind session + CSRF checks). */
export function hostBookingRoutes(ctx: RouteContext): Router {
  const { core, store } = ctx;
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parse(bookingsQuerySchema, req.query);
    const { host } = signedIn(res);
    const page = await core.listBookings(host, query);
    res.json({
      bookings: await hostBookingViews(store, host.workspaceId, page.bookings),
      nextCursor: page.nextCursor,
    });
  });

  router.get('/:id', async (req, res) => {
    const { host } = signedIn(res);
    const { booking, events } = await core.getBooking(host, idParam(req, 'id'));
    const [view] = await hostBookingViews(store, host.workspaceId, [booking]);
    res.json({ booking: view, events: events.map(eventJson) });
  });

  router.post('/:id/cancel', async (req, res) => {
    const { host } = signedIn(res);
    const bookingId = idParam(req, 'id');
    const body = parse(hostCancelBodySchema, jsonBody(req));
    const booking = await core.cancelBookingAsHost(host, { bookingId, ...body });
    const [view] = await hostBookingViews(store, host.workspaceId, [booking]);
    res.json({ booking: view });
  });

  router.post('/:id/no-show', async (req, res) => {
    const { host } = signedIn(res);
    const booking = await core.markNoShow(host, idParam(req, 'id'));
    const [view] = await hostBookingViews(store, host.workspaceId, [booking]);
    res.json({ booking: view });
  });

  return router;
}
