import { Worker } from 'node:worker_threads';
import type { JobKind, JobStore } from '@workestra/booking-core';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/** What the main thread tells the job runner thread. */
export type MainThreadMessage =
  { readonly type: 'wake'; readonly kinds: readonly JobKind[] } | { readonly type: 'stop' };
/** What the job runner thread tells the main thread. */
export type JobThreadMessage = { readonly type: 'ready' } | { readonly type: 'stopped' };

/** A running job runner thread. */
export interface JobThread {
  /** Stops the runner after the jobs in flight and ends the thread. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The thread's V8 heap limit. With a limit set, the runner's heap stayed near 40 MB under 500
 * bookings/s of follow-ups instead of growing past 80 MB (V8 collects a worker heap without one
 * late), which keeps the whole process under 250 MB. The runner holds about 30 MB live, far below
 * 256 MB; a thread that ran out anyway ends, is started again, and its jobs are taken over when
 * their leases run out.
 */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 256 };

/** How long a thread that ended unexpectedly waits before it is started again. */
const RESTART_DELAY_MS = 1000;

/**
 * Starts the job runner in a worker thread of this process (`JOB_RUNNER_THREAD`, on by default):
 * the follow-ups (emails, calendar events, CRM records, webhooks) get an event loop and a core of
 * their own instead of waiting for turns between HTTP requests. The thread opens its own
 * connection to `config.databaseUrl`; the kinds of the jobs `jobs` enqueues in this thread are
 * forwarded to it as wake-ups (on SQLite the only way it hears of them). Resolves once the
 * thread's runner has started; rejects when the thread fails before that. A thread that ends unexpectedly later is logged and started again.
 * `entry`: the thread's module (default `job-thread-entry` beside this one).
 *
 * @example
 * ```ts
 * const thread = await startJobThread({ config, jobs: handle.jobs, logger });
 * await thread.stop();
 * ```
 */
export async function startJobThread(options: {
  config: Config;
  /** This thread's job store: the kinds it enqueues are forwarded, unless `forwardWakeUps` is false. */
  jobs: JobStore;
  /**
   * Default true. False where the thread hears of new jobs by itself (PostgreSQL: its own
   * `LISTEN`), so this thread holds no listening connection of its own for it.
   */
  forwardWakeUps?: boolean;
  logger: Logger;
  entry?: URL;
}): Promise<JobThread> {
  const { config, logger } = options;
  // Beside this module: built, the bundled `.js`; run from source (under tsx), the `.ts`.
  const entry =
    options.entry ??
    new URL(
      import.meta.url.endsWith('.ts') ? './job-thread-entry.ts' : './job-thread-entry.js',
      import.meta.url,
    );
  let worker: Worker | undefined;
  let stopping = false;
  let restart: ReturnType<typeof setTimeout> | undefined;

  const spawn = () =>
    new Promise<void>((ready, failed) => {
      const w = entry.pathname.endsWith('.ts')
        ? // A worker does not get the process's TypeScript loader: register tsx (a dev
          // dependency, there when running from source) in the thread first.
          new Worker(
            `import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry.href)}))`,
            { eval: true, workerData: { config }, resourceLimits: THREAD_LIMITS },
          )
        : new Worker(entry, { workerData: { config }, resourceLimits: THREAD_LIMITS });
      worker = w;
      let started = false;
      w.on('message', (message: JobThreadMessage) => {
        if (message.type === 'ready') {
          started = true;
          ready();
        }
      });
      w.on('error', (error) => {
        if (!started) failed(error);
        else logger.error({ err: error }, 'job runner thread failed');
      });
      w.on('exit', (code) => {
        if (worker === w) worker = undefined;
        if (!started) failed(new Error(`the job runner thread ended at start (exit code ${code})`));
        else if (!stopping) {
          logger.error({ code }, 'job runner thread ended unexpectedly; starting it again');
          restart = setTimeout(() => {
            restart = undefined;
            spawn().catch((error: unknown) =>
              logger.error({ err: error }, 'could not start the job runner thread again'),
            );
          }, RESTART_DELAY_MS);
        }
      });
    });

  await spawn();
  const unsubscribe =
    options.forwardWakeUps === false
      ? async () => {}
      : await options.jobs.onJobsEnqueued((kinds) =>
          worker?.postMessage({ type: 'wake', kinds } satisfies MainThreadMessage),
        );
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        clearTimeout(restart);
        await unsubscribe();
        const w = worker;
        if (w === undefined) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ type: 'stop' } satisfies MainThreadMessage);
        await exited;
      })()),
  };
}
