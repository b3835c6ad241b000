import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * Fixed-window rate limit per client IP. Counters live in this process: with several instances
 * each enforces its own share, which is acceptable for abuse protection (it is not a quota).
 */
export function rateLimit(options: { perMinute: number; now?: () => number }): RequestHandler {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    const t = now();
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 50_000) windows.clear();
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    res.setHeader('RateLimit-Limit', String(options.perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, options.perMinute - w.count)));
    if (w.count > options.perMinute) {
      const retry = Math.ceil((w.start + 60_000 - t) / 1000);
      res.setHeader('Retry-After', String(retry));
      next(new HttpError(429, 'RATE_LIMITED', `Too many requests; try again in ${retry} s`));
      return;
    }
    next();
  };
}
