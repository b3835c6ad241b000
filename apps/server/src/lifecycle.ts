import type { Server, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { answerClientErrorsAsJson } from './http/client-error.js';

/** Answers not yet sent, per server started with {@link listen}. */
const unsent = new WeakMap<Server, Set<ServerResponse>>();
/** Servers {@link closeServer} is closing. */
const closing = new WeakSet<Server>();

/**
 * Keeps track of the answers in flight, so that closing can tell their keep-alive connections to
 * end with the answer. Otherwise a connection whose request was in flight stays open, idle, after
 * its answer until the client drops it (seconds), and holds the shutdown that long.
 */
function trackAnswers(server: Server): void {
  const set = new Set<ServerResponse>();
  unsent.set(server, set);
  server.on('request', (_req, res: ServerResponse) => {
    if (closing.has(server)) res.setHeader('Connection', 'close');
    set.add(res);
    const done = (): void => void set.delete(res);
    res.once('finish', done);
    res.once('close', done);
  });
}

/** `app.listen` as a promise that rejects on `EADDRINUSE` and the like. */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
    trackAnswers(server);
    answerClientErrorsAsJson(server);
    server.once('error', reject);
  });
}

/**
 * Stops accepting connections and resolves once every in-flight request has been answered. For a
 * server started with {@link listen}, those answers also close their connections.
 */
export function closeServer(server: Server): Promise<void> {
  closing.add(server);
  for (const res of unsent.get(server) ?? [])
    if (!res.headersSent) res.setHeader('Connection', 'close');
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request in flight would hold `close` open.
    server.closeIdleConnections();
  });
}

/**
 * On SIGINT/SIGTERM: run `close` (the runtime's: stop accepting, finish in-flight requests, stop
 * the job runner after its jobs in flight, close the store), then exit 0. A second signal, or
 * `timeoutMs`, exits at once with 1.
 *
 * @example
 * ```ts
 * shutdownOnSignals({ logger, timeoutMs: 10_000, close: () => runtime.close() });
 * ```
 */
export function shutdownOnSignals(options: {
  logger: Logger;
  timeoutMs: number;
  close: () => Promise<void>;
}): void {
  const { logger, timeoutMs, close } = options;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight work');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await close();
      logger.info('shutdown complete');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (s) => void shutdown(s));
  process.on('SIGTERM', (s) => void shutdown(s));
}
