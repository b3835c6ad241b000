import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectStatus } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

describe('pages served from apps/web/dist', () => {
  let server: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'workestra-web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>host app</title>');
    writeFileSync(join(dist, 'book.html'), '<!doctype html><title>booking page</title>');
    writeFileSync(join(dist, 'assets', 'app-123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'embed.js'), '/* loader */');
    server = await startTestServer('sqlite', {}, { webDist: dist });
    const host = new Client(server.url);
    await host.signup({ email: 'pages@example.com' });
    expectStatus(
      await host.post('/api/host/links', { body: { title: 'Live', slug: 'live' } }),
      201,
    );
    const off = await host.post('/api/host/links', { body: { title: 'Off', slug: 'off' } });
    expectStatus(await host.post(`/api/host/links/${off.body.link.id}/disable`), 200);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const page = async (path: string) => {
    const res = await fetch(server.url + path);
    return { status: res.status, text: await res.text(), headers: res.headers };
  };

  it('serves book.html for the public pages; 404 for a slug no live link has', async () => {
    for (const path of ['/book/live', '/book/off', '/book/reschedule/abc', '/book/cancel/abc']) {
      const res = await page(path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('booking page');
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    }
    for (const path of ['/book/unknown', '/book/NOT-A-SLUG']) {
      const res = await page(path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain('booking page');
    }
  });

  it('serves index.html for the host pages', async () => {
    for (const path of [
      '/',
      '/login',
      '/signup',
      '/settings/booking-links',
      '/settings/booking-links/abc/embed',
      '/settings/calendars',
      '/settings/time-off',
      '/settings/webhooks',
      '/calendar',
    ]) {
      const res = await page(path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('host app');
    }
  });

  it('caches assets immutably and 404s unknown pages', async () => {
    const asset = await page('/assets/app-123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await page('/embed.js')).status).toBe(200);
    expect((await page('/assets/missing.js')).status).toBe(404);
    expect((await page('/no/such/page')).status).toBe(404);
    expect((await page('/../../etc/passwd')).status).toBe(404);
  });
});

describe('without a web build', () => {
  it('says the web app is not built, and keeps the API working', async () => {
    await using server = await startTestServer('sqlite');
    const res = await fetch(`${server.url}/book/anything`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('The web app is not built');
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('The web app is not built');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});
