import { describe, expect, it } from 'vitest';
import { startupBanner } from './banner.js';
import { loadConfig } from './config.js';

describe('demo seed', () => {
  it('seeds by default only when PUBLIC_URL is unset or loopback; SEED_DEMO=true forces it', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080' }).seedDemo).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://[::1]:8080' }).seedDemo).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://LOCALHOST:8080' }).seedDemo).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://book.example.com' }).seedDemo).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'http://localhost.example.com' }).seedDemo).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://book.example.com', SEED_DEMO: 'true' }).seedDemo).toBe(
      true,
    );
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(loadConfig({ SEED_DEMO: '' }).seedDemo).toBe(true);
  });

  it('says why the demo seed was skipped', () => {
    const banner = (env: Record<string, string>) =>
      startupBanner(loadConfig(env), { port: 3000, mailInOutbox: true }).join('\n');
    const local = banner({});
    expect(local).toContain('demo@workestra.test / demo-password');
    expect(local).toContain('http://localhost:3000/dev/outbox');
    expect(local).not.toContain('skipped');

    const remote = banner({ PUBLIC_URL: 'https://book.example.com' });
    expect(remote).not.toContain('demo-password');
    expect(remote).toMatch(/demo seed: +skipped because PUBLIC_URL .* is not loopback/);
    expect(remote).toMatch(/\/dev\/outbox not served/);

    const off = banner({ SEED_DEMO: 'false', DEV_OUTBOX: 'false' });
    expect(off).not.toContain('demo');
    expect(off).toContain('(DEV_OUTBOX=false)');

    const forced = banner({ PUBLIC_URL: 'https://book.example.com', SEED_DEMO: 'true' });
    expect(forced).toContain('demo@workestra.test / demo-password');
  });

  it('says where the emulated Google calendar runs, only when it does', () => {
    const config = loadConfig({});
    const emulated = startupBanner(config, {
      port: 3000,
      mailInOutbox: true,
      demoCalendarUrl: 'http://127.0.0.1:4010',
    }).join('\n');
    expect(emulated).toMatch(/calendar: +Google emulated at http:\/\/127\.0\.0\.1:4010/);
    expect(emulated).toContain('DEMO_CALENDAR=false');
    const none = startupBanner(config, { port: 3000, mailInOutbox: true }).join('\n');
    expect(none).not.toContain('emulated');
  });
});
