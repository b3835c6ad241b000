import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { redactUrl } from './redact.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * One log line per request (method, redacted URL, status, ms) under a request id, which is also
 * answered as `X-Request-Id` and available to handlers as `res.locals.log`. Headers are not logged
 * at all, so cookies, CSRF tokens and authorization never reach the logs.
 *
 * @example
 * ```ts
 * app.use(requestLog(logger));
 * ```
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    const reqId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ reqId });
    res.locals.log = log;
    res.setHeader('X-Request-Id', reqId);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        method: req.method,
        url: redactUrl(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        aborted: !res.writableFinished || undefined,
      };
      if (res.statusCode >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
