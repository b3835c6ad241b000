import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { rateLimit } from './rate-limit.js';

/** Runs the middleware for one request from `ip` at time `t`; the status it would answer. */
function limiter(options: { perMinute: number; maxKeys?: number }) {
  let t = 0;
  const handler = rateLimit({ ...options, now: () => t });
  return (ip: string, at: number): number => {
    t = at;
    let status = 0;
    const res = { setHeader: () => undefined } as unknown as Response;
    void handler({ ip } as Request, res, (error?: unknown) => {
      status = error ? (error as { status: number }).status : 200;
    });
    return status;
  };
}

describe('rateLimit', () => {
  it('keeps a live window when many new addresses arrive (evicts expired ones, never everyone)', () => {
    const hit = limiter({ perMinute: 2 });
    for (let i = 0; i < 50_000; i++) hit(`10.0.${i >> 8}.${i & 255}`, 0);
    expect(hit('203.0.113.7', 30_000)).toBe(200);
    expect(hit('203.0.113.7', 30_000)).toBe(200);
    expect(hit('203.0.113.7', 30_000)).toBe(429);
    // The map is full; the 50,000 windows of t=0 have expired, the guesser's has not.
    for (let i = 0; i < 10; i++) expect(hit(`198.51.100.${i}`, 61_000)).toBe(200);
    expect(hit('203.0.113.7', 62_000)).toBe(429);
    expect(hit('203.0.113.7', 90_000)).toBe(200);
  });

  it('when every window is live, makes room by dropping only the oldest', () => {
    const hit = limiter({ perMinute: 1, maxKeys: 3 });
    expect(hit('a', 0)).toBe(200);
    expect(hit('b', 1)).toBe(200);
    expect(hit('c', 2)).toBe(200);
    expect(hit('d', 3)).toBe(200); // drops a
    expect(hit('b', 4)).toBe(429);
    expect(hit('c', 4)).toBe(429);
    expect(hit('d', 4)).toBe(429);
    expect(hit('a', 5)).toBe(200); // a new window for a; drops b
    expect(hit('c', 6)).toBe(429);
  });

  it('renews an expired window and keeps counting per address', () => {
    const hit = limiter({ perMinute: 1 });
    expect(hit('a', 0)).toBe(200);
    expect(hit('a', 59_999)).toBe(429);
    expect(hit('a', 60_000)).toBe(200);
    expect(hit('b', 60_000)).toBe(200);
  });
});
