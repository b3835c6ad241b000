import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { REDACT_PATHS } from './http/redact.js';

/**
 * The server's logger: JSON lines at `LOG_LEVEL`, self-service tokens in logged URLs redacted.
 * Its own module so the job runner thread gets it without loading the HTTP app.
 *
 * @example
 * ```ts
 * const logger = serverLogger(loadConfig());
 * ```
 */
export function serverLogger(config: Config): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  });
}
