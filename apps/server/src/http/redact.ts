/** Path segments (compared case-insensitively, after percent-decoding) whose next segment is a token. */
const BEFORE_TOKEN: ReadonlySet<string> = new Set(['tokens', 'reschedule', 'cancel']);

/** A path segment as the router sees it (percent-decoded, repeatedly for `%2574`), lower case. */
function segmentName(segment: string): string {
  let value = segment;
  for (let i = 0; i < 3 && value.includes('%'); i++) {
    try {
      value = decodeURIComponent(value);
    } catch {
      break;
    }
  }
  return value.toLowerCase();
}

/**
 * Secrets that travel in URLs (self-service tokens) must not reach the logs. The path segment
 * after a `tokens`, `reschedule` or `cancel` segment is replaced by `[redacted]`, matched the way
 * the router matches (any case, percent-encoded or not: `/API/PUBLIC/%74okens/...`); everything
 * else stays, for debugging. Over-redacting (`/api/host/bookings/<id>/cancel/x`) is harmless.
 *
 * @example
 * ```ts
 * redactUrl('/book/cancel/q3v0Yd3b8kH0'); // '/book/cancel/[redacted]'
 * redactUrl('/BOOK/Cancel/q3v0Yd3b8kH0'); // '/BOOK/Cancel/[redacted]'
 * ```
 */
export function redactUrl(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  const segments = path.split('/');
  let redactNext = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '') continue;
    const name = segmentName(segment);
    if (redactNext) segments[i] = '[redacted]';
    redactNext = BEFORE_TOKEN.has(name);
  }
  return segments.join('/') + (end === -1 ? '' : url.slice(end));
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
