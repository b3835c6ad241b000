/** Path segments (compared case-insensitively, after percent-decoding) whose next segment is a token. */
const BEFORE_TOKEN: ReadonlySet<string> = new Set(['tokens', 'reschedule', 'cancel']);

/**
 * Query parameters whose values are secrets or personal data: a "Schedule a call" link's deal
 * token and the contact it pre-fills (compared case-insensitively).
 */
const SECRET_QUERY: ReadonlySet<string> = new Set(['dealtoken', 'email', 'name']);

/** `search` (from `?`, a `#` part kept) with the values of {@link SECRET_QUERY} parameters replaced. */
function redactQuery(rest: string): string {
  if (!rest.startsWith('?')) return rest;
  const hash = rest.indexOf('#');
  const search = hash === -1 ? rest.slice(1) : rest.slice(1, hash);
  const pairs = search.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq === -1) return pair;
    return SECRET_QUERY.has(segmentName(pair.slice(0, eq)))
      ? `${pair.slice(0, eq)}=[redacted]`
      : pair;
  });
  return `?${pairs.join('&')}${hash === -1 ? '' : rest.slice(hash)}`;
}

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
 * The values of the `dealToken`, `email` and `name` query parameters (a "Schedule a call" link)
 * are replaced too.
 *
 * @example
 * ```ts
 * redactUrl('/book/cancel/q3v0Yd3b8kH0'); // '/book/cancel/[redacted]'
 * redactUrl('/BOOK/Cancel/q3v0Yd3b8kH0'); // '/BOOK/Cancel/[redacted]'
 * redactUrl('/book/intro?name=Ada&dealToken=v1.x'); // '/book/intro?name=[redacted]&dealToken=[redacted]'
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
  return segments.join('/') + (end === -1 ? '' : redactQuery(url.slice(end)));
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
