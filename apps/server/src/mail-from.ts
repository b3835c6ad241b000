import { isIP } from 'node:net';

/**
 * The domain of the default From address when `PUBLIC_URL` names no domain (an IP address, or a
 * single label such as `localhost`): `.localhost` is reserved for local use (RFC 6761), so it
 * cannot belong to someone else, and mail clients and Message-ID parsers accept it as a domain.
 */
export const LOCAL_MAIL_DOMAIN = 'workestra.localhost';

/**
 * The From address used when `MAIL_FROM` is not set: `Workestra <no-reply@<domain>>`, where the
 * domain is `PUBLIC_URL`'s host when that is a domain name (it has a dot and is not an IP
 * address), else {@link LOCAL_MAIL_DOMAIN}. `no-reply@127.0.0.1` is not an address a mail client
 * or spam filter takes seriously, and the domain also names every Message-ID.
 *
 * @example
 * ```ts
 * defaultMailFrom('https://book.example.com'); // 'Workestra <no-reply@book.example.com>'
 * defaultMailFrom('http://127.0.0.1:3000'); // 'Workestra <no-reply@workestra.localhost>'
 * ```
 */
export function defaultMailFrom(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.toLowerCase();
  const bare = host.replace(/^\[|\]$/g, '');
  const isDomain = isIP(bare) === 0 && host.includes('.') && !host.endsWith('.');
  return `Workestra <no-reply@${isDomain ? host : LOCAL_MAIL_DOMAIN}>`;
}
