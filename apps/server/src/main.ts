import { isStoreError } from '@workestra/store';
import { startupBanner } from './banner.js';
import { loadConfig } from './config.js';
import { DatabaseOpenError } from './database.js';
import { shutdownOnSignals } from './lifecycle.js';
import { serverLogger } from './logger.js';
import { createRuntime, type Runtime } from './runtime.js';
import { seedDemo } from './seed.js';

/*
 * The server process: configuration from the environment, the runtime (store migrated on open,
 * booking-core, mail, job runner, HTTP app), the demo seed, listening, the banner, and a graceful
 * shutdown on SIGINT/SIGTERM.
 */

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = serverLogger(config);

let runtime: Runtime;
try {
  runtime = await createRuntime(config, { logger });
} catch (error) {
  // Another server process already serves this SQLite file, or the file cannot be written: say
  // so plainly, no stack trace.
  if (!isStoreError(error, 'DATABASE_IN_USE') && !(error instanceof DatabaseOpenError)) throw error;
  logger.fatal({ code: error.code }, error.message);
  console.error(error.message);
  process.exit(1);
}

if (config.seedDemo)
  await seedDemo({
    core: runtime.core,
    auth: runtime.handle.auth,
    logger,
    demoCalendar: runtime.demoCalendar !== null,
  });
else if (config.SEED_DEMO === undefined)
  logger.info(
    { publicUrl: config.publicUrl },
    'demo seed skipped: PUBLIC_URL is not loopback (SEED_DEMO=true seeds it anyway)',
  );

const { port } = await runtime.start();
logger.info({ host: config.HOST, port }, 'listening');
console.log(
  `\n${startupBanner(config, {
    port,
    mailInOutbox: runtime.mail.outbox !== null,
    demoCalendarUrl: runtime.demoCalendar?.url ?? null,
  }).join('\n')}\n`,
);

shutdownOnSignals({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, close: () => runtime.close() });
