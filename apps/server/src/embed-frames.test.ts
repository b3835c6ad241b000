// Who may frame a booking page: the link's embed whitelist, enforced by the page's CSP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectError, expectStatus } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

describe('embedding a booking page', () => {
  let server: TestServer;
  let dist: string;
  let host: Client;
  let listedId: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'workestra-web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>host app</title>');
    writeFileSync(join(dist, 'book.html'), '<!doctype html><title>booking page</title>');
    writeFileSync(join(dist, 'embed.js'), '/* loader */');
    server = await startTestServer('sqlite', {}, { webDist: dist });
    host = new Client(server.url);
    await host.signup({ email: 'embeds@example.com' });
    expectStatus(
      await host.post('/api/host/links', { body: { title: 'Anywhere', slug: 'anywhere' } }),
      201,
    );
    const listed = await host.post('/api/host/links', {
      body: {
        title: 'Listed',
        slug: 'listed',
        embedDomains: ['*.Shop.test', 'HTTP://localhost:5555/', 'shop.test'],
      },
    });
    expectStatus(listed, 201);
    listedId = listed.body.link.id;
    expect(listed.body.link.embedDomains).toEqual([
      '*.shop.test',
      'http://localhost:5555',
      'shop.test',
    ]);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const res = await fetch(server.url + path);
    await res.arrayBuffer();
    return {
      status: res.status,
      ancestors: /frame-ancestors ([^;]+)/.exec(
        res.headers.get('content-security-policy') ?? '',
      )?.[1],
      xfo: res.headers.get('x-frame-options'),
      csp: res.headers.get('content-security-policy') ?? '',
    };
  };
  const embedded = (slug: string, origin?: string) =>
    get(`/book/${slug}?embed=1${origin ? `&origin=${encodeURIComponent(origin)}` : ''}`);

  it('never frames a page outside embed mode', async () => {
    for (const path of ['/book/listed', '/book/anywhere', '/book/listed?embed=0', '/']) {
      const res = await get(path);
      expect(res.ancestors, path).toBe("'none'");
      expect(res.xfo, path).toBe('DENY');
    }
  });

  it('frames the page for a listed site alone, without X-Frame-Options', async () => {
    for (const origin of ['https://a.shop.test', 'https://shop.test', 'http://localhost:5555']) {
      const res = await embedded('listed', origin);
      expect(res.status).toBe(200);
      expect(res.ancestors, origin).toBe(origin);
      expect(res.xfo, origin).toBeNull();
      // The rest of the page policy stays.
      expect(res.csp).toMatch(/script-src 'self'/);
    }
  });

  it('refuses a site the whitelist does not name, or a forged origin', async () => {
    for (const origin of [
      'https://evil.test',
      'https://shop.test.evil.test',
      'http://localhost:5556',
      'https://a.shop.test https://evil.test',
      'null',
    ]) {
      const res = await embedded('listed', origin);
      expect(res.ancestors, origin).toBe("'none'");
    }
  });

  it('lets any site frame a link with an empty whitelist, and the server its own preview', async () => {
    // The test server's PUBLIC_URL is http://workestra.test.
    expect((await embedded('anywhere', 'https://any.test')).ancestors).toBe('https://any.test');
    expect((await embedded('listed', 'http://workestra.test')).ancestors).toBe("'self'");
  });

  it('without an origin, lists the whitelist as sources (any site when empty)', async () => {
    expect((await embedded('anywhere')).ancestors).toBe('*');
    expect((await embedded('listed')).ancestors).toBe(
      'https://*.shop.test http://*.shop.test http://localhost:5555 https://shop.test http://shop.test',
    );
  });

  it('answers an unknown slug 404 and never framed', async () => {
    const res = await embedded('no-such-link', 'https://any.test');
    expect(res.status).toBe(404);
    expect(res.ancestors).toBe("'none'");
  });

  it('serves the loader to any site', async () => {
    const res = await fetch(`${server.url}/embed.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.text()).toContain('loader');
  });

  it('refuses an invalid whitelist entry, naming it, and keeps the saved list', async () => {
    const bad = await host.patch(`/api/host/links/${listedId}`, {
      body: { embedDomains: ['shop.test', 'shop.test/pricing'] },
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.error.details).toEqual([
      { path: 'embedDomains[1]', message: expect.stringMatching(/without a path/) },
    ]);
    const kept = await host.get(`/api/host/links/${listedId}`);
    expect(kept.body.link.embedDomains).toHaveLength(3);
    const cleared = await host.patch(`/api/host/links/${listedId}`, { body: { embedDomains: [] } });
    expectStatus(cleared, 200);
    expect(cleared.body.link.embedDomains).toEqual([]);
    expect((await embedded('listed', 'https://evil.test')).ancestors).toBe('https://evil.test');
  });
});
