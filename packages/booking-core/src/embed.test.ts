import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  EMBED_LIMITS,
  embedDomainProblem,
  embedOriginAllowed,
  frameAncestors,
  normalizeEmbedDomain,
} from './embed.js';
import { BookingError } from './errors.js';
import { world } from './test-utils.js';

const SELF = 'https://book.example.net';

describe('embedDomainProblem', () => {
  it('accepts hosts, wildcards, ports, schemes, localhost and IPv4', () => {
    for (const entry of [
      'example.com',
      'www.example.co.uk',
      '*.example.com',
      'example.com:8080',
      'https://example.com',
      'http://localhost:5173',
      'localhost',
      '127.0.0.1:4000',
      'xn--bcher-kva.example',
      'HTTPS://Example.COM/',
    ])
      expect(embedDomainProblem(entry), entry).toBeNull();
  });

  it('says what is wrong with anything else', () => {
    const cases: [string, RegExp][] = [
      ['', /Enter a site/],
      ['example.com/pricing', /without a path/],
      ['ftp://example.com', /Only http/],
      ['*.com', /wildcard covers the subdomains/],
      ['*.127.0.0.1', /wildcard/],
      ['ex ample.com', /ASCII.*without spaces/],
      ['bücher.example', /xn--/],
      ['-bad.example.com', /not a valid host name/],
      ['example', /full domain/],
      ['example.com:0', /port is between/],
      ['example.com:99999', /port is between/],
      ['*.*.example.com', /not a valid host name/],
      ['a'.repeat(EMBED_LIMITS.maxDomainLength + 1), /at most/],
    ];
    for (const [entry, message] of cases) expect(embedDomainProblem(entry), entry).toMatch(message);
  });
});

describe('normalizeEmbedDomain', () => {
  it('lowercases, trims, drops the trailing slash and a default port', () => {
    expect(normalizeEmbedDomain(' Shop.Example.com ')).toBe('shop.example.com');
    expect(normalizeEmbedDomain('HTTPS://Example.com:443/')).toBe('https://example.com');
    expect(normalizeEmbedDomain('http://example.com:80')).toBe('http://example.com');
    expect(normalizeEmbedDomain('example.com:443')).toBe('example.com:443');
    expect(() => normalizeEmbedDomain('example.com/x')).toThrow(RangeError);
  });
});

describe('embedOriginAllowed', () => {
  it('lets any http(s) origin embed when the list is empty, and nothing else', () => {
    expect(embedOriginAllowed([], 'https://anything.test')).toBe(true);
    expect(embedOriginAllowed([], 'http://localhost:3000')).toBe(true);
    for (const origin of ['null', 'file://', 'data:text/html,x', 'https://a.test/path', 'nope'])
      expect(embedOriginAllowed([], origin), origin).toBe(false);
  });

  it('matches exact hosts, subdomain wildcards, ports and schemes', () => {
    const list = ['example.com', '*.shop.test', 'https://secure.test', 'localhost:5173'];
    const allowed = [
      'https://example.com',
      'http://example.com',
      'https://a.shop.test',
      'https://a.b.shop.test',
      'https://secure.test',
      'http://localhost:5173',
    ];
    const refused = [
      'https://www.example.com', // exact host: no subdomains
      'https://example.com:8443', // no port in the entry: the default port only
      'https://shop.test', // a wildcard covers subdomains, not the domain itself
      'https://evilshop.test',
      'http://secure.test', // the entry names https
      'http://localhost:3000',
      'https://example.com.evil.test',
    ];
    for (const origin of allowed) expect(embedOriginAllowed(list, origin), origin).toBe(true);
    for (const origin of refused) expect(embedOriginAllowed(list, origin), origin).toBe(false);
  });
});

describe('frameAncestors', () => {
  it('names the embedding origin alone when the list allows it, else none', () => {
    expect(frameAncestors(['*.example.com'], 'https://shop.example.com', SELF)).toBe(
      'https://shop.example.com',
    );
    expect(frameAncestors(['*.example.com'], 'https://evil.test', SELF)).toBe("'none'");
    expect(frameAncestors([], 'https://any.test:8080', SELF)).toBe('https://any.test:8080');
    expect(frameAncestors([], "https://x.test 'unsafe-inline'", SELF)).toBe("'none'");
    expect(frameAncestors([], 'javascript:alert(1)', SELF)).toBe("'none'");
  });

  it('always lets the server frame its own page (the settings preview)', () => {
    expect(frameAncestors(['example.com'], SELF, SELF)).toBe("'self'");
  });

  it('turns the list into CSP sources without an origin, * when empty', () => {
    expect(frameAncestors([], null, SELF)).toBe('*');
    expect(frameAncestors(['*.example.com', 'https://a.test', 'localhost:5173'], null, SELF)).toBe(
      'https://*.example.com http://*.example.com https://a.test https://localhost:5173 http://localhost:5173',
    );
  });

  // Whatever a site passes as its origin, the answer is one CSP token: an origin or a keyword.
  test.prop([fc.string(), fc.webUrl()])('answers one token for any claimed origin', (a, b) => {
    for (const origin of [a, b]) {
      const value = frameAncestors(['*.example.com'], origin, SELF);
      expect(value).toMatch(/^(?:'none'|'self'|https?:\/\/[a-z0-9.*:-]+)$/);
      expect(frameAncestors([], origin, SELF)).toMatch(/^(?:'none'|'self'|https?:\/\/[^\s;,']+)$/);
    }
  });
});

describe('link embedDomains', () => {
  it('stores the whitelist normalized and once per site', async () => {
    const { core, host } = await world();
    const link = await core.createLink(host, {
      title: 'Embedded',
      embedDomains: ['Example.com', 'example.com', 'https://Shop.example.com:443/'],
    });
    expect(link.embedDomains).toEqual(['example.com', 'https://shop.example.com']);
    expect((await core.createLink(host, { title: 'Plain' })).embedDomains).toEqual([]);
    const updated = await core.updateLink(host, link.id, { embedDomains: [] });
    expect(updated.embedDomains).toEqual([]);
  });

  it('refuses an invalid entry with its position and the reason', async () => {
    const { core, host } = await world();
    const error = await core
      .createLink(host, { title: 'Bad', embedDomains: ['example.com', 'example.com/pricing'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BookingError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'embedDomains[1]', message: expect.stringMatching(/without a path/) }],
    });
    const tooMany = Array.from({ length: EMBED_LIMITS.maxDomains + 1 }, (_, i) => `s${i}.test`);
    const error2 = await core
      .createLink(host, { title: 'Many', embedDomains: tooMany })
      .catch((e: unknown) => e);
    expect(error2).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
