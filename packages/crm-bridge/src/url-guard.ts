import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { WebhookError } from './errors.js';

/**
 * The address ranges a webhook may not reach unless private URLs are allowed, declared once:
 * unspecified and "this network", loopback, the private ranges (RFC 1918, IPv6 unique local),
 * link-local (cloud metadata lives there), carrier-grade NAT, multicast, and the reserved, IETF
 * and benchmarking blocks. IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are checked as the
 * IPv4 address they carry.
 *
 * @example
 * ```ts
 * import { WEBHOOK_BLOCKED_RANGES } from '@workestra/crm-bridge';
 * WEBHOOK_BLOCKED_RANGES.some((r) => r.network === '169.254.0.0'); // true
 * ```
 */
export const WEBHOOK_BLOCKED_RANGES = Object.freeze([
  { network: '0.0.0.0', prefix: 8, family: 'ipv4', why: 'unspecified' },
  { network: '10.0.0.0', prefix: 8, family: 'ipv4', why: 'private' },
  { network: '100.64.0.0', prefix: 10, family: 'ipv4', why: 'carrier-grade NAT' },
  { network: '127.0.0.0', prefix: 8, family: 'ipv4', why: 'loopback' },
  { network: '169.254.0.0', prefix: 16, family: 'ipv4', why: 'link-local' },
  { network: '172.16.0.0', prefix: 12, family: 'ipv4', why: 'private' },
  { network: '192.0.0.0', prefix: 24, family: 'ipv4', why: 'IETF protocol assignments' },
  { network: '192.168.0.0', prefix: 16, family: 'ipv4', why: 'private' },
  { network: '198.18.0.0', prefix: 15, family: 'ipv4', why: 'benchmarking' },
  { network: '224.0.0.0', prefix: 4, family: 'ipv4', why: 'multicast' },
  { network: '240.0.0.0', prefix: 4, family: 'ipv4', why: 'reserved' },
  { network: '::', prefix: 128, family: 'ipv6', why: 'unspecified' },
  { network: '::1', prefix: 128, family: 'ipv6', why: 'loopback' },
  { network: 'fc00::', prefix: 7, family: 'ipv6', why: 'private' },
  { network: 'fe80::', prefix: 10, family: 'ipv6', why: 'link-local' },
  { network: 'fec0::', prefix: 10, family: 'ipv6', why: 'site-local' },
  { network: 'ff00::', prefix: 8, family: 'ipv6', why: 'multicast' },
] as const);

const blocked = new BlockList();
for (const r of WEBHOOK_BLOCKED_RANGES) blocked.addSubnet(r.network, r.prefix, r.family);

/**
 * Whether `address` (an IPv4 or IPv6 literal, brackets allowed) is one a webhook may reach without
 * private URLs allowed: false for every {@link WEBHOOK_BLOCKED_RANGES} address, its IPv4-mapped
 * IPv6 form, and anything that is not an IP address.
 *
 * @example
 * ```ts
 * import { isPublicAddress } from '@workestra/crm-bridge';
 * isPublicAddress('93.184.216.34'); // true
 * isPublicAddress('::ffff:127.0.0.1'); // false
 * ```
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family === 0) return false;
  return !blocked.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Resolves a host name to all its addresses, as `dns.promises.lookup(host, { all: true })` does.
 *
 * @example
 * ```ts
 * const lookup: WebhookHostLookup = async () => [{ address: '93.184.216.34', family: 4 }];
 * ```
 */
export type WebhookHostLookup = (
  hostname: string,
) => Promise<readonly { readonly address: string; readonly family: number }[]>;

/**
 * What {@link checkWebhookUrl} takes: whether private URLs are allowed (plain http and private,
 * loopback and link-local hosts; for local development and tests), and the DNS lookup.
 *
 * @example
 * ```ts
 * const options: WebhookUrlPolicy = { allowPrivate: false };
 * ```
 */
export interface WebhookUrlPolicy {
  readonly allowPrivate: boolean;
  /** Defaults to the system resolver (`dns.promises.lookup`, every address). */
  readonly lookup?: WebhookHostLookup;
}

/**
 * The verdict of {@link checkWebhookUrl}: `ok`; `refused` (never send there: a bad scheme, or a
 * host that is or resolves to a blocked address), with a `URL_REFUSED` error; or `unresolved` (the
 * name did not resolve now; at send time a retry may succeed).
 *
 * @example
 * ```ts
 * const verdict: WebhookUrlVerdict = { ok: true };
 * ```
 */
export type WebhookUrlVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'refused' | 'unresolved'; readonly error: WebhookError };

const refused = (message: string): WebhookUrlVerdict => ({
  ok: false,
  reason: 'refused',
  error: new WebhookError('URL_REFUSED', message),
});

/**
 * Checks a webhook URL against server-side request forgery before a subscription is saved and
 * again before each attempt (a name may resolve elsewhere later): the URL must be absolute
 * `https:` (or `http:` when private URLs are allowed), carry no credentials, and its host must not
 * be, nor resolve to, any address of {@link WEBHOOK_BLOCKED_RANGES} unless private URLs are
 * allowed. Every address a name resolves to is checked, so one private answer refuses the URL.
 *
 * @example
 * ```ts
 * import { checkWebhookUrl } from '@workestra/crm-bridge';
 * const verdict = await checkWebhookUrl('http://169.254.169.254/latest', { allowPrivate: false });
 * if (!verdict.ok) console.log(verdict.reason, verdict.error.code); // 'refused' 'URL_REFUSED'
 * ```
 */
export async function checkWebhookUrl(
  url: string,
  policy: WebhookUrlPolicy,
): Promise<WebhookUrlVerdict> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refused('the webhook URL is not an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return refused('the webhook URL must be http(s)');
  if (parsed.protocol !== 'https:' && !policy.allowPrivate)
    return refused('the webhook URL must be https');
  if (parsed.username !== '' || parsed.password !== '')
    return refused('the webhook URL may not carry a user name or password');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return refused('the webhook URL has no host');
  if (policy.allowPrivate) return { ok: true };
  if (isIP(host) !== 0)
    return isPublicAddress(host)
      ? { ok: true }
      : refused(`the webhook URL's host ${host} is not a public address`);
  let addresses: readonly { readonly address: string }[];
  try {
    addresses = await (policy.lookup ?? systemLookup)(host);
  } catch (cause) {
    return {
      ok: false,
      reason: 'unresolved',
      error: new WebhookError('DELIVERY_NETWORK', `the host ${host} does not resolve`, { cause }),
    };
  }
  if (addresses.length === 0)
    return {
      ok: false,
      reason: 'unresolved',
      error: new WebhookError('DELIVERY_NETWORK', `the host ${host} has no address`),
    };
  const inner = addresses.find((a) => !isPublicAddress(a.address));
  return inner === undefined
    ? { ok: true }
    : refused(`the webhook URL's host ${host} resolves to ${inner.address}, not a public address`);
}

const systemLookup: WebhookHostLookup = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });
