import type { RequestHandler } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from './errors.js';

const WINDOW_MS = 60_000;

/**
 * Fixed-window rate limit per client IP: `perMinute` requests a minute, then `429 RATE_LIMITED`
 * with `Retry-After`. With a `shared` limiter (see shared-rate-limit.ts) the counters live in the
 * database every instance shares, so several processes enforce one budget; otherwise they live in
 * this process.
 *
 * In this process, at most `maxKeys` (default 50,000) windows are kept. The map is kept in order of window start
 * (a renewed window moves to the end), so making room first drops expired windows from the front
 * and, only if every window is still live, the oldest ones: never everyone's counters at once,
 * which would let a flood of new addresses reset the login limit.
 */
export function rateLimit(options: {
  perMinute: number;
  now?: () => number;
  maxKeys?: number;
  shared?: RateLimiterAbstract;
}): RequestHandler {
  if (options.shared) return sharedRateLimit(options.perMinute, options.shared);
  const now = options.now ?? Date.now;
  const maxKeys = Math.max(1, options.maxKeys ?? 50_000);
  const windows = new Map<string, { start: number; count: number }>();

  /** Makes room for one more window: expired ones first, then (all live) the oldest. */
  const makeRoom = (t: number): void => {
    for (const [key, w] of windows) {
      if (t - w.start < WINDOW_MS) break;
      windows.delete(key);
    }
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  return (req, res, next) => {
    const t = now();
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || t - w.start >= WINDOW_MS) {
      windows.delete(key);
      if (windows.size >= maxKeys) makeRoom(t);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    res.setHeader('RateLimit-Limit', String(options.perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, options.perMinute - w.count)));
    if (w.count > options.perMinute) {
      const retry = Math.ceil((w.start + WINDOW_MS - t) / 1000);
      res.setHeader('Retry-After', String(retry));
      next(new HttpError(429, 'RATE_LIMITED', `Too many requests; try again in ${retry} s`));
      return;
    }
    next();
  };
}

/** The limit with its counters in a shared store: the same answers as the in-process one. */
function sharedRateLimit(perMinute: number, limiter: RateLimiterAbstract): RequestHandler {
  return (req, res, next) => {
    res.setHeader('RateLimit-Limit', String(perMinute));
    limiter.consume(req.ip ?? 'unknown').then(
      (r) => {
        res.setHeader('RateLimit-Remaining', String(r.remainingPoints));
        next();
      },
      (r: unknown) => {
        if (!(r instanceof RateLimiterRes)) return next(r);
        const retry = Math.max(1, Math.ceil(r.msBeforeNext / 1000));
        res.setHeader('RateLimit-Remaining', '0');
        res.setHeader('Retry-After', String(retry));
        next(new HttpError(429, 'RATE_LIMITED', `Too many requests; try again in ${retry} s`));
      },
    );
  };
}
