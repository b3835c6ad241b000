import { JOB_KINDS, type JobsEnqueuedListener } from '@workestra/booking-core';
import type pg from 'pg';
import { EnqueueListeners, parseKinds } from '../enqueue-signal.js';

/** The `NOTIFY` channel `enqueueJobs` signals on; the payload is the comma-separated kinds added. */
export const JOBS_CHANNEL = 'workestra_jobs';

/** How long to wait before listening again after the listening connection broke. */
const RECONNECT_MS = 1000;

/**
 * The wake-up side of `JobStore.onJobsEnqueued` on PostgreSQL: one pooled connection runs
 * `LISTEN`, taken when the first subscriber arrives and given back (closed) when the last leaves.
 */
export interface PgJobNotifications {
  subscribe(listener: JobsEnqueuedListener): Promise<() => Promise<void>>;
  /** Drops the listening connection and every subscriber; call before ending the pool. */
  close(): Promise<void>;
}

/**
 * Listens on {@link JOBS_CHANNEL} through `pool`. If the listening connection breaks, subscribers
 * are woken for every kind (a notification may have been missed), and it listens again after
 * {@link RECONNECT_MS}, waking them once more when it is back.
 */
export function pgJobNotifications(pool: pg.Pool): PgJobNotifications {
  const listeners = new EnqueueListeners();
  let client: pg.PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const onNotification = (message: pg.Notification): void => {
    if (message.channel === JOBS_CHANNEL) listeners.emit(parseKinds(message.payload));
  };

  const drop = (error?: Error): void => {
    const current = client;
    client = undefined;
    // `true`/an error destroys the connection instead of pooling it: it still LISTENs.
    current?.release(error ?? true);
  };

  const onError = (error: Error): void => {
    drop(error);
    if (closed || listeners.size === 0) return;
    listeners.emit(JOB_KINDS);
    scheduleReconnect();
  };

  function scheduleReconnect(): void {
    if (retry !== undefined || closed) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (closed || listeners.size === 0) return;
      ensureListening().then(
        () => listeners.emit(JOB_KINDS),
        () => scheduleReconnect(),
      );
    }, RECONNECT_MS);
    retry.unref();
  }

  async function listen(): Promise<void> {
    const conn = await pool.connect();
    conn.on('error', onError);
    conn.on('notification', onNotification);
    try {
      await conn.query(`LISTEN ${JOBS_CHANNEL}`);
    } catch (error) {
      conn.release(error instanceof Error ? error : true);
      throw error;
    }
    client = conn;
    // Everyone left (or the store closed) while we were connecting.
    if (closed || listeners.size === 0) drop();
  }

  function ensureListening(): Promise<void> {
    if (client !== undefined) return Promise.resolve();
    connecting ??= listen().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async subscribe(listener) {
      if (closed) throw new Error('@workestra/store: the PostgreSQL store is closed');
      const remove = listeners.add(listener);
      try {
        await ensureListening();
      } catch (error) {
        remove();
        throw error;
      }
      return async () => {
        remove();
        if (listeners.size > 0) return;
        if (retry !== undefined) clearTimeout(retry);
        retry = undefined;
        await connecting?.catch(() => undefined);
        if (listeners.size === 0) drop();
      };
    },

    async close() {
      closed = true;
      listeners.clear();
      if (retry !== undefined) clearTimeout(retry);
      retry = undefined;
      await connecting?.catch(() => undefined);
      drop();
    },
  };
}
