import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { chooseTransport } from './mail.js';
import { loadSecretKey } from './secret-key.js';
import { bookOne, rawGet, signUpHost } from './test-support/client.js';
import { startTestServer } from './test-support/server.js';

describe('mail configuration', () => {
  it('uses the dev outbox without SMTP_HOST and SMTP with it', () => {
    const dev = loadConfig({ PUBLIC_URL: 'https://book.example.com' });
    expect(dev.smtp).toBeNull();
    expect(dev.mailFrom).toBe('Workestra <no-reply@book.example.com>');
    // An address or a single label is no domain: the default falls back to a reserved one.
    for (const local of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'])
      expect(loadConfig({ PUBLIC_URL: local }).mailFrom).toBe(
        'Workestra <no-reply@workestra.localhost>',
      );
    const store = { appendOutbox: async () => undefined } as never;
    expect(chooseTransport(dev, store)).toMatchObject({
      outbox: store,
      transport: { name: 'outbox' },
    });

    const smtp = loadConfig({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_USER: 'u',
      SMTP_PASS: 'p',
      MAIL_FROM: 'Ana <ana@example.com>',
    });
    expect(smtp.smtp).toEqual({
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      auth: { user: 'u', pass: 'p' },
    });
    expect(smtp.mailFrom).toBe('Ana <ana@example.com>');
    expect(chooseTransport(smtp, store)).toMatchObject({
      outbox: null,
      transport: { name: 'smtp' },
    });
    expect(loadConfig({ SMTP_HOST: 'h' }).smtp).toEqual({ host: 'h', port: 587, secure: false });
    expect(() => loadConfig({ SMTP_HOST: 'h', SMTP_USER: 'u' })).toThrow(/SMTP_USER and SMTP_PASS/);
    expect(() => loadConfig({ SECRET_KEY: 'c2hvcnQ=' })).toThrow(/SECRET_KEY: must be 32 bytes/);
  });

  it('generates the secret key once, mode 0600, and prefers SECRET_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workestra-secret-'));
    try {
      const dataDir = join(dir, 'data');
      const first = loadSecretKey({ secretKey: undefined, dataDir });
      expect(first.source).toBe('generated');
      expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
      const again = loadSecretKey({ secretKey: undefined, dataDir });
      expect(again).toEqual({ key: first.key, source: 'file' });
      expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(
        first.key.toString('base64'),
      );
      const env = Buffer.alloc(32, 7).toString('base64');
      expect(loadSecretKey({ secretKey: env, dataDir }).key).toEqual(Buffer.alloc(32, 7));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('/dev/outbox', () => {
  it('shows the emails of a booking, escaped, with text, HTML, .ics and raw views', async () => {
    await using server = await startTestServer('sqlite', { PUBLIC_URL: 'http://localhost:3000' });
    await signUpHost(server, { email: 'outbox@example.com' });
    await bookOne(server, 'demo', '2026-11-04T10:00:00Z', {
      name: '<img src=x onerror=alert(1)> Mallory',
      email: 'mallory@example.com',
    });

    expect((await server.runtime.runner.runOnce()).succeeded).toBeGreaterThanOrEqual(3);

    const list = await fetch(`${server.url}/dev/outbox`);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Confirmed: Demo with');
    expect(html).toContain('New booking: Demo with &lt;img src=x onerror=alert(1)&gt; Mallory');
    expect(html).not.toContain('<img src=x');
    const ids = [...html.matchAll(/href="\/dev\/outbox\/([0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);

    const detail = await (await fetch(`${server.url}/dev/outbox/${ids[0]}`)).text();
    expect(detail).toContain('METHOD:REQUEST');
    expect(detail).not.toContain('<img src=x');
    const mailHtml = await fetch(`${server.url}/dev/outbox/${ids[0]}/html`);
    expect(mailHtml.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(await mailHtml.text()).not.toContain('<img src=x');
    const ics = await fetch(`${server.url}/dev/outbox/${ids[0]}/ics`);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    expect(await (await fetch(`${server.url}/dev/outbox/${ids[0]}/raw`)).text()).toMatch(
      /^Content-Type: multipart\/mixed/m,
    );
    expect((await fetch(`${server.url}/dev/outbox/nope`)).status).toBe(404);
  });

  it('is not there when SMTP is configured', async () => {
    await using server = await startTestServer('sqlite', {
      PUBLIC_URL: 'http://localhost:3000',
      SMTP_HOST: 'smtp.invalid',
    });
    expect(server.runtime.mail.outbox).toBeNull();
    expect((await fetch(`${server.url}/dev/outbox`)).status).toBe(404);
  });

  it('is served only when PUBLIC_URL is loopback, unless DEV_OUTBOX says otherwise', async () => {
    const status = async (env: Record<string, string>): Promise<number> => {
      await using server = await startTestServer('sqlite', env);
      return (await fetch(`${server.url}/dev/outbox`)).status;
    };
    expect(await status({ PUBLIC_URL: 'https://book.example.com' })).toBe(404);
    expect(await status({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toBe(200);
    expect(await status({ PUBLIC_URL: 'http://[::1]:3000' })).toBe(200);
    expect(await status({ PUBLIC_URL: 'http://localhost:3000', DEV_OUTBOX: 'false' })).toBe(404);
    expect(await status({ PUBLIC_URL: 'https://book.example.com', DEV_OUTBOX: 'true' })).toBe(200);

    expect(loadConfig({}).devOutbox).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://book.example.com' }).devOutbox).toBe(false);
    expect(loadConfig({ DEV_OUTBOX: 'true', SMTP_HOST: 'smtp.example.com' }).devOutbox).toBe(false);
    expect(() => loadConfig({ DEV_OUTBOX: 'maybe' })).toThrow(/DEV_OUTBOX/);
  });

  it('refuses requests whose Host is not loopback (DNS rebinding) unless DEV_OUTBOX=true', async () => {
    await using server = await startTestServer('sqlite', { PUBLIC_URL: 'http://localhost:3000' });
    const url = `${server.url}/dev/outbox`;
    expect((await rawGet(url, { host: 'localhost:3000' })).status).toBe(200);
    expect((await rawGet(url, { host: 'LOCALHOST' })).status).toBe(200);
    expect((await rawGet(url, { host: '[::1]:3000' })).status).toBe(200);
    expect((await rawGet(url, { host: 'attacker.example:3000' })).status).toBe(404);
    expect((await rawGet(url, { host: 'localhost.attacker.example' })).status).toBe(404);
    expect((await rawGet(`${url}/some-id/raw`, { host: 'attacker.example' })).status).toBe(404);
    expect(
      (await rawGet(url, { host: 'localhost:3000', 'x-forwarded-host': 'book.example.com' }))
        .status,
    ).toBe(404);

    await using open = await startTestServer('sqlite', {
      PUBLIC_URL: 'https://book.example.com',
      DEV_OUTBOX: 'true',
    });
    expect((await rawGet(`${open.url}/dev/outbox`, { host: 'book.example.com' })).status).toBe(200);
  });
});
