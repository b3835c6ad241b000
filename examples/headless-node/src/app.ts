import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  BOOKING_ERROR_HTTP_STATUS,
  BookingError,
  bookInputSchema,
  cancelInputSchema,
  createLinkInputSchema,
  publicSlotsInputSchema,
  type BookingCore,
  type HostRef,
  type Logger,
  type ValidationIssue,
} from '@workestra/booking-core';

/** Options of {@link createApp}. */
export interface AppOptions {
  /**
   * Whose links `POST /links` creates. A real service takes the host from its own sign-in; the
   * example uses the seeded host.
   */
  readonly host: HostRef;
  /** Where unexpected errors (500s, i.e. bugs) are logged. Default `console.error`. */
  readonly logger?: Pick<Logger, 'error'>;
}

/**
 * The routes a developer adds to their own service to offer booking links.
 *
 * - `POST /links` (host): create a link; body as booking-core's `createLinkInputSchema`.
 * - `GET /links/:slug/slots?from&to&timeZone`: open slots, grouped by day in `timeZone`.
 * - `POST /links/:slug/bookings`: book `{ start, name, email, timeZone }`; 201 with the tokens.
 * - `POST /bookings/cancel`: cancel `{ token, reason? }` with the cancel token.
 *
 * Errors answer `{ error: { code, message, details? } }` with booking-core's stable codes.
 *
 * @example
 * ```ts
 * const app = createApp(core, { host });
 * const res = await app.request('/links/intro/slots?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&timeZone=UTC');
 * ```
 */
export function createApp(core: BookingCore, options: AppOptions): Hono {
  const logger = options.logger ?? { error: (obj, msg) => console.error(msg, obj) };
  const app = new Hono();

  app.use(
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'Request body is too large'), 413),
    }),
  );

  app.post('/links', async (c) => {
    const input = parse(createLinkInputSchema, await readJson(c));
    return c.json(await core.createLink(options.host, input), 201);
  });

  app.get('/links/:slug/slots', async (c) => {
    const input = parse(publicSlotsInputSchema, {
      slug: c.req.param('slug'),
      from: instantParam(c.req.query('from')),
      to: instantParam(c.req.query('to')),
      timeZone: c.req.query('timeZone'),
    });
    return c.json(await core.getPublicSlots(input));
  });

  app.post('/links/:slug/bookings', async (c) => {
    const input = parse(bookInputSchema, { ...(await readObject(c)), slug: c.req.param('slug') });
    // The plain tokens exist only in this answer. A real service would put them into the
    // confirmation email (reschedule/cancel links) rather than hand them to the browser.
    const { booking, tokens } = await core.book(input);
    return c.json({ booking, tokens }, 201);
  });

  app.post('/bookings/cancel', async (c) => {
    const input = parse(cancelInputSchema, await readJson(c));
    return c.json({ booking: await core.cancel(input) });
  });

  app.notFound((c) => c.json(errorBody('NOT_FOUND', 'No such route'), 404));

  app.onError((error, c) => {
    if (error instanceof BookingError) {
      return c.json(
        errorBody(error.code, error.message, error.details),
        BOOKING_ERROR_HTTP_STATUS[error.code],
      );
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'unexpected error');
    return c.json(errorBody('INTERNAL', 'Something went wrong'), 500);
  });

  return app;
}

function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** The structural part of a zod schema this file uses (booking-core's schemas are zod 4). */
interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

/** Parses with one of booking-core's schemas; a refusal becomes `VALIDATION_FAILED` with details. */
function parse<T>(schema: Schema<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  throw new BookingError('VALIDATION_FAILED', { details });
}

/** `['weeklyHours', 'monday', 1]` -> `weeklyHours.monday[1]`, as booking-core writes paths. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('');
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new BookingError('VALIDATION_FAILED', {
      message: 'The request body must be JSON',
      details: [{ path: '', message: 'must be JSON' }],
    });
  }
}

async function readObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return body as Record<string, unknown>;
  }
  throw new BookingError('VALIDATION_FAILED', {
    details: [{ path: '', message: 'must be an object' }],
  });
}

/** Query strings are text: accept epoch ms (`1793610000000`) as well as ISO-8601. */
function instantParam(value: string | undefined): string | number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}
