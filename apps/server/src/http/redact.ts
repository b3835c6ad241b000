/**
 * Secrets that travel in URLs (self-service tokens) must not reach the logs. Token path segments
 * are replaced by `[redacted]`; everything else stays, for debugging.
 *
 * @example
 * ```ts
 * redactUrl('/book/cancel/q3v0Yd3b8kH0'); // '/book/cancel/[redacted]'
 * ```
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/api\/public\/tokens\/)[^/?#]+/g, '$1[redacted]')
    .replace(/(\/book\/(?:reschedule|cancel)\/)[^/?#]+/g, '$1[redacted]');
}

/** Header names whose values are credentials; pino's `redact` paths for them. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["x-csrf-token"]',
  'csrfToken',
  'password',
];
