import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  createAesGcmSealer,
  createBookingCore,
  type BookingCore,
  type Clock,
  type JobRunner,
  type OutboxStore,
} from '@workestra/booking-core';
import type { GoogleEmulator } from '@workestra/calendar-providers/testing';
import type { WebhookHostLookup } from '@workestra/crm-bridge';
import type { EmailTransport } from '@workestra/notifications';
import { parseDatabaseUrl } from '@workestra/store';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { SharedRateLimits } from './http/shared-rate-limit.js';
import type { CalendarAccess } from './calendars/calendar-access.js';
import type { PasswordHasher } from './auth/password.js';
import type { Config } from './config.js';
import { openDatabase, type ServerStoreHandle } from './database.js';
import { connectDemoCalendar, startDemoCalendar } from './demo-calendar.js';
import { composeFollowUps } from './follow-ups.js';
import { serverLogger } from './logger.js';
import { startJobThread, type JobThread } from './job-thread.js';
import { closeServer, listen } from './lifecycle.js';
import { loadSecretKey } from './secret-key.js';
import { defaultWebDist } from './static.js';
import { createUploadRecords } from './uploads/store-records.js';
import { createDiskStorage } from './uploads/storage.js';
import { startUploadSweep, type UploadSweeper } from './uploads/sweep.js';
import { warnAboutUncertainEmails } from './uncertain-emails.js';
import type { WebhookSender } from './webhooks.js';

/** How often expired host sessions are deleted while the server runs. */
const SESSION_SWEEP_MS = 3_600_000;

/** What {@link createRuntime} may be given besides the configuration; every field has a default. */
export interface RuntimeOptions {
  /** Default: {@link serverLogger} at `LOG_LEVEL`. */
  readonly logger?: Logger;
  /** The one clock of booking-core, sessions, the job runner and the mail handlers; default the system's. */
  readonly clock?: Clock;
  /** Password hashing; default scrypt with OWASP's parameters. Tests pass cheaper ones. */
  readonly passwords?: PasswordHasher;
  /** The built web app; default `WEB_DIST_DIR` or `apps/web/dist`. */
  readonly webDist?: string;
  /** SQLite: how long a write waits for another connection's write lock (store default 5 s). */
  readonly sqliteBusyTimeoutMs?: number;
  /** The webhook sender's `fetch` and DNS lookup; default the global `fetch` and the system resolver. */
  readonly webhooks?: { readonly fetch?: typeof fetch; readonly lookup?: WebhookHostLookup };
}

/** The server's pieces, composed once: what `main.ts` runs and what tests start. */
export interface Runtime {
  /** The configuration in effect: the given one, with the Google provider of the demo calendar when it runs. */
  readonly config: Config;
  readonly logger: Logger;
  readonly handle: ServerStoreHandle;
  readonly core: BookingCore;
  /**
   * booking-core's calendar ports over the hosts' stored connections (what `core` reads busy time
   * through), or null when no calendar provider is configured. A team feature reads several
   * members' calendars through it with booking-core's `readMembersBusy`.
   */
  readonly calendar: CalendarAccess | null;
  /** The mail transport, and the dev outbox when mail is kept there (no `SMTP_HOST`). */
  readonly mail: { readonly transport: EmailTransport; readonly outbox: OutboxStore | null };
  /** Every follow-up job kind's handler; {@link start} starts it when `JOB_POLL_MS` > 0. */
  readonly runner: JobRunner;
  /**
   * Sends the recorded webhook deliveries; {@link start} starts its loop with the job runner
   * (woken when this process records one, polling every `WEBHOOK_POLL_MS`).
   */
  readonly webhookSender: WebhookSender;
  readonly app: Express;
  /**
   * The in-process Google emulator of `DEMO_CALENDAR` (closed by {@link close}), or null when the
   * demo calendar is off.
   */
  readonly demoCalendar: GoogleEmulator | null;
  /**
   * Connects the demo host to the demo calendar when it runs (`connectDemoCalendar`), then
   * listens on `PORT`/`HOST`, starts the job runner (unless `JOB_POLL_MS=0`) and the hourly sweep
   * of expired sessions, and logs the emails whose delivery is undecided. Resolves with the server
   * and the port it got (`PORT=0` picks a free one).
   */
  start(): Promise<{ server: Server; port: number }>;
  /**
   * Stops accepting connections and finishes the requests in flight, then stops the job runner
   * (after the jobs in flight), closes the demo calendar, the mail transport and the store. Safe
   * to call twice.
   */
  close(): Promise<void>;
}

/**
 * Composes the server from its configuration: opens the store (migrations applied), loads the
 * secret key and its token sealer, builds booking-core, the mail transport, the job runner with
 * every follow-up handler, and the Express app. Nothing listens and no job runs until `start()`.
 * Throws `StoreError('DATABASE_IN_USE')` when another process serves the SQLite file.
 *
 * @example
 * ```ts
 * const runtime = await createRuntime(loadConfig());
 * const { port } = await runtime.start();
 * // ...
 * await runtime.close();
 * ```
 */
export async function createRuntime(
  config: Config,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  const logger = options.logger ?? serverLogger(config);
  const handle = await openDatabase(
    config.databaseUrl,
    options.sqliteBusyTimeoutMs === undefined
      ? {}
      : { sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs },
  );
  let demo: Awaited<ReturnType<typeof startDemoCalendar>> = null;
  let rateLimits: SharedRateLimits | null = null;
  try {
    // Loaded only when used: a SQLite deployment never loads the PostgreSQL driver for it.
    if (config.rateLimitStore === 'database')
      rateLimits = await (
        await import('./http/shared-rate-limit.js')
      ).openSharedRateLimits(config.databaseUrl);
    demo = await startDemoCalendar(config, logger);
    return await compose(
      demo?.config ?? config,
      options,
      logger,
      handle,
      demo?.emulator ?? null,
      rateLimits,
    );
  } catch (error) {
    await demo?.emulator.close();
    await rateLimits?.close();
    await handle.close();
    throw error;
  }
}

async function compose(
  config: Config,
  options: RuntimeOptions,
  logger: Logger,
  handle: ServerStoreHandle,
  demoCalendar: GoogleEmulator | null,
  rateLimits: SharedRateLimits | null,
): Promise<Runtime> {
  const clock = options.clock;
  const now = clock ? () => clock.now() : Date.now;
  const target = parseDatabaseUrl(config.databaseUrl);
  logger.info(
    {
      dialect: handle.dialect,
      database: target.dialect === 'sqlite' ? target.filename : '(postgres)',
    },
    'store open, migrations applied',
  );

  const secret = loadSecretKey({ secretKey: config.SECRET_KEY, dataDir: config.DATA_DIR });
  if (secret.source === 'generated')
    logger.warn(
      { path: `${config.DATA_DIR}/secret.key` },
      'generated a secret key; set SECRET_KEY (the same on every instance) when several instances share a database',
    );
  const sealer = createAesGcmSealer(secret.key);
  const { calendar, kits, mail, webhookSender, runner } = await composeFollowUps({
    config,
    handle,
    sealer,
    logger,
    ...(clock ? { clock } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const core = createBookingCore({
    store: handle.store,
    sealer,
    ...(calendar ? { calendar } : {}),
    logger: logger.child({ component: 'booking-core' }),
    ...(clock ? { clock } : {}),
  });

  logger.info(
    { transport: mail.transport.name, from: config.mailFrom },
    !mail.outbox
      ? 'sending mail over SMTP'
      : config.devOutbox
        ? 'no SMTP_HOST: mail is kept in the dev outbox (/dev/outbox)'
        : 'no SMTP_HOST: mail is kept in the dev outbox; /dev/outbox is not served (PUBLIC_URL is not loopback, or DEV_OUTBOX=false)',
  );
  // Form file uploads: under the data directory, never under the web app that is served.
  const uploads = {
    records: createUploadRecords(handle.store, core),
    storage: createDiskStorage(join(config.DATA_DIR, 'uploads'), {
      notUnder: [options.webDist ?? config.WEB_DIST_DIR ?? defaultWebDist()],
    }),
  };

  const app = createApp({
    config,
    core,
    uploads,
    store: handle.store,
    jobs: handle.jobs,
    auth: handle.auth,
    ledger: handle.ledger,
    crm: handle.crm,
    webhooks: {
      webhooks: handle.webhooks,
      sealer,
      sender: webhookSender,
      allowPrivateUrls: config.webhookAllowPrivateUrls,
      ...(options.webhooks?.lookup ? { lookup: options.webhooks.lookup } : {}),
    },
    sealer,
    logger,
    outbox: mail.outbox,
    mail: mail.transport,
    calendars: {
      connections: handle.calendarConnections,
      sealer,
      kits,
      ...(calendar ? { access: calendar } : {}),
    },
    now,
    ...(rateLimits
      ? {
          rateLimits: {
            public: rateLimits.limiter('public', config.RATE_LIMIT_PER_MINUTE),
            auth: rateLimits.limiter('auth', config.AUTH_RATE_LIMIT_PER_MINUTE),
          },
        }
      : {}),
    ...(options.webDist ? { webDist: options.webDist } : {}),
    ...(options.passwords ? { passwords: options.passwords } : {}),
  });

  let server: Server | undefined;
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let uploadSweeper: UploadSweeper | undefined;
  let closing: Promise<void> | undefined;
  let jobThread: JobThread | undefined;

  const start = async (): Promise<{ server: Server; port: number }> => {
    if (demoCalendar)
      await connectDemoCalendar({
        emulator: demoCalendar,
        core,
        store: handle.store,
        auth: handle.auth,
        connections: handle.calendarConnections,
        sealer,
        now,
        logger,
      }).catch((error: unknown) =>
        logger.warn({ err: error }, 'DEMO_CALENDAR: could not connect the demo host; going on'),
      );
    server = await listen(app, config.PORT, config.HOST);
    if (config.JOB_POLL_MS > 0) {
      if (config.jobRunnerThread)
        jobThread = await startJobThread({
          config,
          jobs: handle.jobs,
          // PostgreSQL: the thread's own LISTEN hears every instance's jobs, this one's too.
          forwardWakeUps: handle.dialect === 'sqlite',
          logger,
        });
      else runner.start(config.JOB_POLL_MS);
      // Deliveries this thread records (a test delivery, a resend) are sent from here; the
      // runner thread sends those its CRM jobs record. Each delivery is claimed once.
      webhookSender.start(config.WEBHOOK_POLL_MS);
    }
    await warnAboutUncertainEmails(handle.ledger, logger.child({ component: 'mail' }), {
      leaseMs: config.JOB_LEASE_MS,
      now,
    });
    sweeper = setInterval(() => {
      handle.auth
        .deleteExpiredSessions(now())
        .catch((error: unknown) =>
          logger.warn({ err: error }, 'could not delete expired sessions'),
        );
    }, SESSION_SWEEP_MS).unref();
    uploadSweeper = startUploadSweep({
      ...uploads,
      now,
      logger: logger.child({ component: 'uploads' }),
      intervalMs: config.UPLOAD_SWEEP_MS,
    });
    const address = server.address();
    return { server, port: typeof address === 'object' && address ? address.port : config.PORT };
  };

  const shutDown = async (): Promise<void> => {
    if (server) await closeServer(server);
    clearInterval(sweeper);
    await uploadSweeper?.stop();
    await jobThread?.stop();
    await runner.stop();
    await webhookSender.stop();
    await demoCalendar?.close();
    await mail.transport.close?.();
    await rateLimits?.close();
    await handle.close();
  };

  return {
    config,
    logger,
    handle,
    core,
    calendar: calendar ?? null,
    mail,
    runner,
    webhookSender,
    app,
    demoCalendar,
    start,
    close: () => (closing ??= shutDown()),
  };
}
