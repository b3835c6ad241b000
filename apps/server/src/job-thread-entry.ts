import { parentPort, workerData } from 'node:worker_threads';
import { createAesGcmSealer, type JobKind, type JobStore } from '@workestra/booking-core';
import type { Config } from './config.js';
import { openDatabase } from './database.js';
import { composeFollowUps } from './follow-ups.js';
import type { JobThreadMessage, MainThreadMessage } from './job-thread.js';
import { serverLogger } from './logger.js';
import { loadSecretKey } from './secret-key.js';

/*
 * The job runner thread (started by `startJobThread`): its own connection to the server's
 * database, its own follow-up handlers (`composeFollowUps`) and its own event loop, so emails,
 * calendar events, CRM records and webhooks are worked off while the main thread answers HTTP.
 * Wake-ups: the jobs its own handlers enqueue, PostgreSQL's NOTIFY, and the kinds the main thread
 * forwards (on SQLite the only way it hears of a booking). `stop` from the main thread stops the
 * runner after the jobs in flight, closes the connection and ends the thread.
 */

const port = parentPort;
if (port === null) throw new Error('job-thread-entry runs as a worker thread (startJobThread)');
const { config } = workerData as { config: Config };
const post = (message: JobThreadMessage) => port.postMessage(message);

const logger = serverLogger(config).child({ thread: 'jobs' });
const handle = await openDatabase(config.databaseUrl, { sqliteSecondConnection: true });
const forwarded = new Set<(kinds: readonly JobKind[]) => void>();
// The runner subscribes once; it hears its own connection's wake-ups and the main thread's.
const jobs: JobStore = {
  ...handle.jobs,
  onJobsEnqueued: async (listener) => {
    const own = await handle.jobs.onJobsEnqueued(listener);
    forwarded.add(listener);
    return async () => {
      forwarded.delete(listener);
      await own();
    };
  },
};
const { key } = loadSecretKey({ secretKey: config.SECRET_KEY, dataDir: config.DATA_DIR });
const { runner, webhookSender, mail } = await composeFollowUps({
  config,
  handle: { ...handle, jobs },
  sealer: createAesGcmSealer(key),
  logger,
});

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    await runner.stop();
    await webhookSender.stop();
    await mail.transport.close?.();
    await handle.close();
    post({ type: 'stopped' });
    port.close();
  })());

port.on('message', (message: MainThreadMessage) => {
  if (message.type === 'wake') for (const listener of forwarded) listener(message.kinds);
  else if (message.type === 'stop')
    stop().catch((error: unknown) => {
      logger.error({ err: error }, 'job runner thread: could not stop cleanly');
      process.exit(1);
    });
});

runner.start(config.JOB_POLL_MS);
webhookSender.start(config.WEBHOOK_POLL_MS);
post({ type: 'ready' });
