/*
 * The `@workestra/booking-core/embed` entry: which sites may frame a link's booking page. No Node
 * built-ins and no zod, so the embed settings page and the loader take the same rules the server
 * enforces.
 *
 * A link's `embedDomains` lists the sites allowed to frame it, one entry per site:
 * `[http://|https://]host[:port]`, where `host` is a domain (`example.com`), a wildcard for its
 * subdomains (`*.example.com`, which does not match `example.com` itself), `localhost` or an IPv4
 * address. An entry without a scheme allows http and https; without a port, the scheme's default
 * port. An empty list lets any site embed the link.
 */

/**
 * How many sites one link may list, and how long one entry may be.
 *
 * @example
 * ```ts
 * import { EMBED_LIMITS } from '@workestra/booking-core/embed';
 * const sites = 'example.com\n*.example.com'.split('\n');
 * const tooMany = sites.length > EMBED_LIMITS.maxDomains; // false
 * ```
 */
export const EMBED_LIMITS = Object.freeze({ maxDomains: 50, maxDomainLength: 270 } as const);

/**
 * Query parameters of the booking page in embed mode: `/book/<slug>?embed=1&origin=<site>`, where
 * `origin` is the embedding page's origin (the loader passes `location.origin`). The server frames
 * the page for that origin alone, and only when the link allows it; the page posts its events to
 * that origin alone.
 *
 * @example
 * ```ts
 * const site = 'https://shop.example.com';
 * const url = `https://book.example.net/book/intro?${EMBED_QUERY.flag}=1&${EMBED_QUERY.origin}=${encodeURIComponent(site)}`;
 * ```
 */
export const EMBED_QUERY = Object.freeze({ flag: 'embed', origin: 'origin' } as const);

interface SiteRule {
  readonly scheme: 'http' | 'https' | null;
  /** Lowercase; `*.` prefix for a subdomain wildcard. */
  readonly host: string;
  readonly port: number | null;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ENTRY = /^(?:(https?):\/\/)?([^/:]+)(?::(\d{1,5}))?\/?$/;

function parseEntry(raw: string): SiteRule | string {
  const entry = raw.trim().toLowerCase();
  if (!entry) return 'Enter a site, like example.com or *.example.com.';
  if (entry.length > EMBED_LIMITS.maxDomainLength)
    return `A site is at most ${EMBED_LIMITS.maxDomainLength} characters.`;
  if (/[^\x21-\x7e]/.test(entry))
    return 'Write the site in ASCII (an international domain in its xn-- form), without spaces.';
  const m = ENTRY.exec(entry);
  if (!m) {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(entry) && !/^https?:\/\//.test(entry))
      return 'Only http:// and https:// sites can embed a booking page.';
    return 'Write a site as host, host:port or https://host, without a path.';
  }
  const [, scheme, host = '', portText] = m;
  const port = portText === undefined ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) return 'A port is between 1 and 65535.';
  const wildcard = host.startsWith('*.');
  const name = wildcard ? host.slice(2) : host;
  const labels = name.split('.');
  const isIp = IPV4.test(name);
  if (wildcard && (isIp || labels.length < 2))
    return 'A wildcard covers the subdomains of a domain, like *.example.com.';
  if (!isIp && !labels.every((label) => LABEL.test(label)))
    return 'That is not a valid host name: letters, digits, dashes and dots.';
  if (!isIp && name !== 'localhost' && labels.length < 2)
    return 'Write the full domain, like example.com.';
  return { scheme: (scheme as 'http' | 'https' | undefined) ?? null, host, port };
}

/**
 * Why an `embedDomains` entry is not valid, in a sentence a host can act on; null when it is.
 *
 * @example
 * ```ts
 * embedDomainProblem('*.example.com'); // null
 * embedDomainProblem('example.com/pricing'); // 'Write a site as host, host:port or https://host, without a path.'
 * ```
 */
export function embedDomainProblem(entry: string): string | null {
  const rule = parseEntry(entry);
  return typeof rule === 'string' ? rule : null;
}

/**
 * The stored form of a valid `embedDomains` entry: lowercase, no trailing slash, no default port
 * (`HTTPS://Example.com:443/` -> `https://example.com`). Throws `RangeError` for an invalid entry
 * (check with {@link embedDomainProblem} first).
 *
 * @example
 * ```ts
 * normalizeEmbedDomain(' Shop.Example.com '); // 'shop.example.com'
 * ```
 */
export function normalizeEmbedDomain(entry: string): string {
  const rule = parseEntry(entry);
  if (typeof rule === 'string') throw new RangeError(rule);
  const port =
    rule.port === null ||
    (rule.scheme === 'https' && rule.port === 443) ||
    (rule.scheme === 'http' && rule.port === 80)
      ? ''
      : `:${rule.port}`;
  return `${rule.scheme ? `${rule.scheme}://` : ''}${rule.host}${port}`;
}

const DEFAULT_PORT = { 'http:': 80, 'https:': 443 } as const;

/** `https://a.example.com:8443` -> its parts; null for anything that is not an http(s) origin. */
function parseOrigin(origin: string): { scheme: string; host: string; port: number } | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin !== origin.replace(/\/$/, '').toLowerCase()) return null;
  return {
    scheme: url.protocol.slice(0, -1),
    host: url.hostname,
    port: url.port ? Number(url.port) : DEFAULT_PORT[url.protocol],
  };
}

function ruleMatches(rule: SiteRule, site: { scheme: string; host: string; port: number }) {
  if (rule.scheme && rule.scheme !== site.scheme) return false;
  const port = rule.port ?? DEFAULT_PORT[`${site.scheme}:` as keyof typeof DEFAULT_PORT];
  if (port !== site.port) return false;
  return rule.host.startsWith('*.')
    ? site.host.endsWith(rule.host.slice(1)) && site.host.length > rule.host.length - 1
    : site.host === rule.host;
}

/**
 * Whether a page at `origin` (like `https://www.example.com`) may embed a link whose whitelist is
 * `domains`: any http(s) origin when the list is empty, else one an entry matches. Anything that is
 * not an http(s) origin is refused.
 *
 * @example
 * ```ts
 * embedOriginAllowed(['*.example.com'], 'https://shop.example.com'); // true
 * embedOriginAllowed(['*.example.com'], 'https://example.com'); // false
 * ```
 */
export function embedOriginAllowed(domains: readonly string[], origin: string): boolean {
  const site = parseOrigin(origin);
  if (!site) return false;
  if (domains.length === 0) return true;
  return domains.some((entry) => {
    const rule = parseEntry(entry);
    return typeof rule !== 'string' && ruleMatches(rule, site);
  });
}

/**
 * The `frame-ancestors` sources of a link's booking page in embed mode. With the embedding page's
 * `origin` (the `origin` query parameter): that origin alone when the link allows it (`'self'` for
 * the server's own `selfOrigin`, the settings page's preview), else `'none'`, so a site cannot
 * claim another's origin. Without one: the whitelist as CSP sources, or `*` for an empty list.
 *
 * @example
 * ```ts
 * frameAncestors(['*.example.com'], 'https://shop.example.com', 'https://book.example.net'); // "https://shop.example.com"
 * frameAncestors(['*.example.com'], 'https://evil.test', 'https://book.example.net'); // "'none'"
 * ```
 */
export function frameAncestors(
  domains: readonly string[],
  origin: string | null,
  selfOrigin: string,
): string {
  if (origin !== null) {
    const site = parseOrigin(origin);
    if (!site) return "'none'";
    const normalized = new URL(origin).origin;
    if (normalized === new URL(selfOrigin).origin) return "'self'";
    return embedOriginAllowed(domains, normalized) ? normalized : "'none'";
  }
  if (domains.length === 0) return '*';
  const sources = domains.flatMap((entry) => {
    const rule = parseEntry(entry);
    if (typeof rule === 'string') return [];
    const port = rule.port === null ? '' : `:${rule.port}`;
    const schemes = rule.scheme ? [rule.scheme] : ['https', 'http'];
    return schemes.map((scheme) => `${scheme}://${rule.host}${port}`);
  });
  return sources.length ? sources.join(' ') : "'none'";
}
