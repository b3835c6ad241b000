import { createAesGcmSealer, createBookingCore } from '@workestra/booking-core';
import { createEmailJobHandlers } from '@workestra/notifications';
import { parseDatabaseUrl, StoreError } from '@workestra/store';
import { pino } from 'pino';
import { createApp } from './app.js';
import { startupBanner } from './banner.js';
import { loadConfig } from './config.js';
import { openDatabase } from './database.js';
import { REDACT_PATHS } from './http/redact.js';
import { startJobRunner } from './jobs.js';
import { chooseTransport } from './mail.js';
import { loadSecretKey } from './secret-key.js';
import { seedDemo } from './seed.js';
import { warnAboutUncertainEmails } from './uncertain-emails.js';
import { listen, shutdownOnSignals } from './lifecycle.js';

/*
 * The server process: configuration from the environment, the store (migrated on open), the demo
 * seed, the HTTP server and the in-process job runner; a graceful shutdown on SIGINT/SIGTERM.
 */

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = pino({
  level: config.LOG_LEVEL,
  redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
});

const target = parseDatabaseUrl(config.databaseUrl);
let handle;
try {
  handle = await openDatabase(config.databaseUrl);
} catch (error) {
  // Another server process already serves this SQLite file: say so plainly, no stack trace.
  if (!(error instanceof StoreError && error.code === 'DATABASE_IN_USE')) throw error;
  logger.fatal({ code: error.code }, error.message);
  console.error(error.message);
  process.exit(1);
}
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
const core = createBookingCore({
  store: handle.store,
  sealer,
  logger: logger.child({ component: 'booking-core' }),
});
const mail = chooseTransport(config, handle.outbox);
logger.info(
  { transport: mail.transport.name, from: config.mailFrom },
  !mail.outbox
    ? 'sending mail over SMTP'
    : config.devOutbox
      ? 'no SMTP_HOST: mail is kept in the dev outbox (/dev/outbox)'
      : 'no SMTP_HOST: mail is kept in the dev outbox; /dev/outbox is not served (PUBLIC_URL is not loopback, or DEV_OUTBOX=false)',
);
const emailHandlers = createEmailJobHandlers({
  ledger: handle.ledger,
  transport: mail.transport,
  sealer,
  publicUrl: config.publicUrl,
  from: config.mailFrom,
  logger: logger.child({ component: 'mail' }),
});
if (config.seedDemo) await seedDemo({ core, auth: handle.auth, logger });
else if (config.SEED_DEMO === undefined)
  logger.info(
    { publicUrl: config.publicUrl },
    'demo seed skipped: PUBLIC_URL is not loopback (SEED_DEMO=true seeds it anyway)',
  );

const app = createApp({
  config,
  core,
  store: handle.store,
  auth: handle.auth,
  ledger: handle.ledger,
  logger,
  outbox: mail.outbox,
});
const server = await listen(app, config.PORT, config.HOST);
const runner = startJobRunner({
  jobs: handle.jobs,
  store: handle.store,
  logger,
  pollMs: config.JOB_POLL_MS,
  concurrency: config.JOB_CONCURRENCY,
  leaseMs: config.JOB_LEASE_MS,
  ...(config.JOB_KIND_CONCURRENCY ? { kindConcurrency: config.JOB_KIND_CONCURRENCY } : {}),
  email: emailHandlers,
});
await warnAboutUncertainEmails(handle.ledger, logger.child({ component: 'mail' }), {
  leaseMs: config.JOB_LEASE_MS,
});
const sweeper = setInterval(() => {
  handle.auth
    .deleteExpiredSessions(Date.now())
    .catch((error: unknown) => logger.warn({ err: error }, 'could not delete expired sessions'));
}, 3_600_000).unref();

const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
logger.info({ host: config.HOST, port }, 'listening');
console.log(
  `\n${startupBanner(config, { port, mailInOutbox: mail.outbox !== null }).join('\n')}\n`,
);

shutdownOnSignals({
  server,
  logger,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  steps: [
    async () => clearInterval(sweeper),
    async () => runner?.stop(),
    async () => mail.transport.close?.(),
    () => handle.close(),
  ],
});
