import { Hono, type Context } from 'hono';
import type { BookingCore, HostRef, Logger } from '@workestra/booking-core';
import { errorResponse, readJsonBody, readJsonObject } from '@workestra/booking-core/http';

/** Options of {@link createApp}. */
export interface AppOptions {
  /**
   * Whose links `POST /links` creates and whose bookings `GET /host/bookings` lists. A real
   * service takes the host from its own sign-in; the example uses the seeded host.
   */
  readonly host: HostRef;
  /** Where unexpected errors (500s, i.e. bugs) are logged. Default `console.error`. */
  readonly logger?: Pick<Logger, 'error'>;
  /** Largest request body accepted, in bytes. Default 64 KiB. */
  readonly bodyLimit?: number;
}

/**
 * The routes a developer adds to their own service to offer booking links. Each one hands the
 * request's data to one booking-core use-case as it is: the use-cases validate their input.
 *
 * - `POST /links` (host): create a link; body as booking-core's `createLinkInputSchema`.
 * - `GET /links/:slug/slots?from&to&timeZone`: open slots, grouped by day in `timeZone`.
 * - `POST /links/:slug/bookings`: book `{ start, name, email, timeZone }`; 201 with the tokens.
 * - `GET /bookings/:token`: the booking a cancel token opens, as its attendee sees it.
 * - `POST /bookings/cancel`: cancel `{ token, reason? }` with the cancel token.
 * - `GET /host/bookings?filter&limit&cursor` (host): the host's bookings, one page at a time.
 *
 * Errors answer `{ error: { code, message, details? } }` with booking-core's stable codes and
 * statuses (`errorResponse` of `@workestra/booking-core/http`).
 *
 * @example
 * ```ts
 * const app = createApp(core, { host });
 * const res = await app.request('/links/intro/slots?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&timeZone=UTC');
 * ```
 */
export function createApp(core: BookingCore, options: AppOptions): Hono {
  const logger = options.logger ?? { error: (obj, msg) => console.error(msg, obj) };
  const limit = { limit: options.bodyLimit ?? 64 * 1024 };
  const body = (c: Context) => readJsonBody(c.req.raw, limit);
  const app = new Hono();

  app.post('/links', async (c) => c.json(await core.createLink(options.host, await body(c)), 201));

  app.get('/links/:slug/slots', async (c) =>
    c.json(await core.getPublicSlots({ ...c.req.query(), slug: c.req.param('slug') })),
  );

  app.post('/links/:slug/bookings', async (c) => {
    const input = { ...(await readJsonObject(c.req.raw, limit)), slug: c.req.param('slug') };
    // The plain tokens exist only in this answer. A real service would put them into the
    // confirmation email (reschedule/cancel links) rather than hand them to the browser.
    const { booking, tokens } = await core.book(input);
    return c.json({ booking, tokens }, 201);
  });

  app.get('/bookings/:token', async (c) =>
    c.json(await core.publicBooking({ token: c.req.param('token'), purpose: 'cancel' })),
  );

  app.post('/bookings/cancel', async (c) => c.json({ booking: await core.cancel(await body(c)) }));

  app.get('/host/bookings', async (c) =>
    c.json(await core.listBookings(options.host, c.req.query())),
  );

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'No such route' } }, 404));

  app.onError((error, c) => {
    const { status, body } = errorResponse(error);
    if (status === 500) logger.error({ err: error, method: c.req.method, path: c.req.path }, 'bug');
    return Response.json(body, { status });
  });

  return app;
}
