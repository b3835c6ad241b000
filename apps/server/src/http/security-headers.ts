import type { RequestHandler } from 'express';

/** The sources of an HTML page: our own scripts, styles and API only. */
const PAGE_SOURCES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/**
 * The CSP of an HTML page: {@link PAGE_SOURCES}, framed by `frameAncestors` (CSP source list):
 * nothing by default; the booking page in embed mode passes the sites its link allows.
 */
export function pageCsp(frameAncestors = "'none'"): string {
  return [...PAGE_SOURCES, `frame-ancestors ${frameAncestors}`].join('; ');
}

/** For HTML pages: never framed. */
export const PAGE_CSP = pageCsp();

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
