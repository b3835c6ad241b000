import type {
  BookingCore,
  BookingStore,
  JobStore,
  MessageLedger,
  OutboxStore,
  TokenSealer,
} from '@workestra/booking-core';
import type { EmailTransport } from '@workestra/notifications';
import type { AuthStore, SqlCrm } from '@workestra/store';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { createLoginThrottle } from './auth/login-throttle.js';
import { createPasswordHasher, type PasswordHasher } from './auth/password.js';
import type { Config } from './config.js';
import type { RouteContext } from './context.js';
import { createDealTokens } from './deal-tokens.js';
import { jsonBodyParser } from './http/body.js';
import { requireCsrf, sameOrigin } from './http/csrf.js';
import { errorHandler, HttpError } from './http/errors.js';
import { rateLimit } from './http/rate-limit.js';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { createSessions } from './http/session.js';
import { containsNul } from './http/validate.js';
import { buildOpenApi } from './openapi.js';
import { authRoutes } from './routes/auth.js';
import {
  type CalendarConnectionRouteOptions,
  calendarConnectionRoutes,
} from './routes/calendar-connections.js';
import { calendarFileRoutes } from './routes/calendar-file.js';
import { devOutboxRoutes } from './routes/dev-outbox.js';
import { hostBookingRoutes } from './routes/host-bookings.js';
import { hostTimeOffRoutes } from './routes/host-time-off.js';
import { hostCrmRoutes } from './routes/host-crm.js';
import { hostEmailRoutes } from './routes/host-emails.js';
import { hostLinkRoutes } from './routes/host-links.js';
import { hostInviteRoutes, hostMemberRoutes, inviteAuthRoutes } from './routes/invites.js';
import { type HostWebhookRouteOptions, hostWebhookRoutes } from './routes/host-webhooks.js';
import { publicRoutes } from './routes/public.js';
import { hostUploadRoutes, publicUploadRoute } from './routes/uploads.js';
import { defaultWebDist, webRoutes } from './static.js';
import type { UploadRecords } from './uploads/records.js';
import type { FileStorage } from './uploads/storage.js';

/** What {@link createApp} wires together. */
export interface AppOptions {
  readonly config: Config;
  readonly core: BookingCore;
  readonly store: BookingStore;
  /** The job queue: the follow-ups `GET /api/host/bookings/:id` lists. */
  readonly jobs: Pick<JobStore, 'listBookingJobs'>;
  readonly auth: AuthStore;
  /** The message ledger: the host's undecided emails (`/api/host/uncertain-emails`). */
  readonly ledger: MessageLedger;
  /** The store's SQL CRM: what `/api/host/crm` reads (the `/crm` page). */
  readonly crm: SqlCrm;
  /** Webhook subscriptions (`/api/host/webhooks`): the store, the sealer, the sender, the URL policy. */
  readonly webhooks: Omit<HostWebhookRouteOptions, 'now'>;
  /** The server's sealer: what "Schedule a call" links' deal tokens are sealed with. */
  readonly sealer: TokenSealer;
  readonly logger: Logger;
  /** Whether the database answers (`/healthz`); default: a trivial read through `store`. */
  readonly health?: () => Promise<boolean>;
  /** The built web app; default `WEB_DIST_DIR` or `apps/web/dist`. */
  readonly webDist?: string;
  /** Clock for sessions and sign-in throttling; default `Date.now`. */
  readonly now?: () => number;
  /**
   * The dev outbox: when given (no SMTP configured) and `config.devOutbox`, its mail is shown at
   * `/dev/outbox` (see {@link devOutboxRoutes} for who may see it).
   */
  readonly outbox?: OutboxStore | null;
  /**
   * Shared rate-limit counters (`RATE_LIMIT_STORE=database`): the public and sign-in limits count
   * in the database every instance uses. Default: counters in this process.
   */
  readonly rateLimits?: {
    readonly public: RateLimiterAbstract;
    readonly auth: RateLimiterAbstract;
  };
  /** Password hashing; default scrypt with OWASP's parameters. Tests pass cheaper ones. */
  readonly passwords?: PasswordHasher;
  /** The mail transport of the server's own emails (workspace invites); without it none is sent. */
  readonly mail?: EmailTransport;
  /**
   * Calendar connections (`/api/host/calendar-connections`): the store, the server's sealer and
   * the configured providers, and the calendar access over them (the calendar lists). Without it
   * the routes answer 404.
   */
  /**
   * Form file uploads (`POST /api/public/links/:slug/uploads`, `GET
   * /api/host/bookings/:id/files/:uploadId`): the upload rows and the file storage.
   */
  readonly uploads: { readonly records: UploadRecords; readonly storage: FileStorage };
  readonly calendars?: Pick<
    CalendarConnectionRouteOptions,
    'connections' | 'sealer' | 'kits' | 'access'
  >;
}

/** A request with a body must say it is JSON: `415` otherwise (also shuts out form-post CSRF). */
const jsonOnly: RequestHandler = (req, _res, next) => {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !req.is('application/json'))
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
  next();
};

/** PostgreSQL text cannot hold NUL; refuse it at the edge instead of failing in the database. */
const noNul: RequestHandler = (req, _res, next) => {
  if (req.path.includes('\u0000') || containsNul(req.body) || containsNul(req.query))
    throw new HttpError(400, 'VALIDATION_FAILED', 'The request contains a NUL character', [
      { path: '', message: 'NUL characters are not allowed' },
    ]);
  next();
};

/**
 * The Express application: JSON API under `/api`, `/healthz`, and the web app. No listening, no
 * store opening, no job runner: `createRuntime` (`runtime.ts`) composes those around it.
 *
 * @example
 * ```ts
 * const app = createApp({ config: loadConfig({}), core, store, auth, logger: pino({ level: 'silent' }) });
 * const server = app.listen(0);
 * ```
 */
export function createApp(options: AppOptions): Express {
  const { config, core, store, auth, logger } = options;
  const sessions = createSessions({
    auth,
    ttlMs: config.SESSION_TTL_HOURS * 3_600_000,
    secure: config.cookieSecure,
    ...(options.now ? { now: options.now } : {}),
  });
  const passwords = options.passwords ?? createPasswordHasher();
  const loginThrottle = createLoginThrottle({
    failuresPerAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
    ...(options.now ? { now: options.now } : {}),
  });
  const ctx: RouteContext = {
    config,
    core,
    store,
    jobs: options.jobs,
    auth,
    logger,
    sessions,
    passwords,
    loginThrottle,
    crm: options.crm,
    dealTokens: createDealTokens(options.sealer),
    mail: options.mail ?? null,
    now: options.now ?? Date.now,
  };
  const health =
    options.health ??
    (() => store.transaction((tx) => tx.findHost('healthz', 'healthz')).then(() => true));
  let openApi: Record<string, unknown> | undefined;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');
  app.use(requestLog(logger));
  app.use(securityHeaders({ https: config.publicUrl.startsWith('https:') }));

  app.get('/healthz', async (_req, res) => {
    const ok = await Promise.race([
      health().catch(() => false),
      new Promise<boolean>((r) => setTimeout(r, 3000, false).unref()),
    ]);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });

  const api = express.Router();
  // API answers are live data: a cached 410 (disabled link) would outlive re-enabling the link.
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const publicLimit = rateLimit({
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    ...(options.rateLimits ? { shared: options.rateLimits.public } : {}),
  });
  const uploadOptions = {
    ...options.uploads,
    maxBytes: config.UPLOAD_MAX_BYTES,
    ...(options.now ? { now: options.now } : {}),
  };
  // A multipart body, streamed to the file storage: before the JSON-only body parser.
  api.post(
    '/public/links/:slug/uploads',
    // Whatever the answer (a 429 too), never read the rest of a large body to keep the connection.
    (req, res, next) => {
      res.setHeader('Connection', 'close');
      // A file is sent as it is: a compressed upload would be inflated past its size limit.
      const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
      if (encoding !== 'identity')
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Encoding "${encoding}" is not supported for uploads; send the file uncompressed`,
        );
      next();
    },
    publicLimit,
    publicUploadRoute(uploadOptions),
  );
  api.use(jsonOnly, jsonBodyParser({ limit: config.BODY_LIMIT_BYTES }), noNul);
  api.get('/openapi.json', (_req, res) => {
    openApi ??= buildOpenApi({ serverUrl: config.publicUrl });
    res.json(openApi);
  });
  api.use('/public', publicLimit, publicRoutes(ctx), calendarFileRoutes(ctx));
  const authLimit = rateLimit({
    perMinute: config.AUTH_RATE_LIMIT_PER_MINUTE,
    ...(options.rateLimits ? { shared: options.rateLimits.auth } : {}),
  });
  api.use('/auth', sameOrigin(config.publicUrl));
  api.post(['/auth/signup', '/auth/login', '/auth/invites/:token/accept'], authLimit);
  api.get('/auth/invites/:token', authLimit);
  api.use('/auth', authRoutes(ctx));
  api.use('/auth/invites', inviteAuthRoutes(ctx));
  api.use('/host', sameOrigin(config.publicUrl), sessions.requireHost, requireCsrf);
  api.use('/host/links', hostLinkRoutes(ctx));
  api.use('/host/bookings', hostBookingRoutes(ctx));
  api.use('/host/bookings', hostUploadRoutes(uploadOptions));
  api.use('/host/time-off', hostTimeOffRoutes(ctx));
  api.use('/host/crm', hostCrmRoutes(ctx));
  api.use('/host/invites', hostInviteRoutes(ctx));
  api.use('/host/members', hostMemberRoutes(ctx, options.calendars?.connections ?? null));
  api.use(
    '/host/webhooks',
    hostWebhookRoutes({ ...options.webhooks, ...(options.now ? { now: options.now } : {}) }),
  );
  if (options.calendars)
    api.use(
      '/host/calendar-connections',
      calendarConnectionRoutes({
        ...options.calendars,
        cookieSecure: config.cookieSecure,
        doneUrl: '/settings/calendars',
        logger,
        ...(options.now ? { now: options.now } : {}),
      }),
    );
  api.use(
    '/host/uncertain-emails',
    hostEmailRoutes(options.ledger, {
      leaseMs: config.JOB_LEASE_MS,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  api.use((req) => {
    throw new HttpError(404, 'NOT_FOUND', `No API route ${req.method} ${req.baseUrl}${req.path}`);
  });
  app.use('/api', api);
  if (options.outbox && config.devOutbox)
    app.use(
      '/dev/outbox',
      devOutboxRoutes(options.outbox, { anyHost: config.DEV_OUTBOX === true }),
    );

  app.use(
    webRoutes({
      distDir: options.webDist ?? config.WEB_DIST_DIR ?? defaultWebDist(),
      store,
      publicUrl: config.publicUrl,
    }),
  );
  app.use(errorHandler(logger));
  return app;
}
