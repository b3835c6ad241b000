import type { RequestHandler } from 'express';

/** For HTML pages: our own scripts, styles and API only; never framed (embeds will relax this per route). */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** For JSON and everything else: nothing may load or frame it. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The security headers helmet would set, written out (no dependency): no MIME sniffing, no
 * referrer (self-service URLs carry tokens), no framing, HSTS when served over https.
 *
 * @example
 * ```ts
 * app.use(securityHeaders({ https: config.publicUrl.startsWith('https:') }));
 * ```
 */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', API_CSP);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (options.https)
      res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    next();
  };
}
