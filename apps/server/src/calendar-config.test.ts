import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('calendar provider settings', () => {
  it('offers no provider when no client is set', () => {
    expect(loadConfig({}).calendarProviders).toEqual({});
  });

  it('offers a provider whose client id and secret are set, with an optional stand-in URL', () => {
    const config = loadConfig({
      GOOGLE_CLIENT_ID: 'g-id',
      GOOGLE_CLIENT_SECRET: 'g-secret',
      GOOGLE_BASE_URL: 'http://127.0.0.1:4010/',
      MICROSOFT_CLIENT_ID: 'm-id',
      MICROSOFT_CLIENT_SECRET: 'm-secret',
    });
    expect(config.calendarProviders).toEqual({
      google: { clientId: 'g-id', clientSecret: 'g-secret', baseUrl: 'http://127.0.0.1:4010' },
      microsoft: { clientId: 'm-id', clientSecret: 'm-secret', baseUrl: null },
    });
    expect(config.microsoftTenant).toBe('common');
  });

  it('refuses a client id without its secret, and a malformed URL or tenant', () => {
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: 'g-id' })).toThrow(
      /GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET: set both or neither/,
    );
    expect(() => loadConfig({ MICROSOFT_CLIENT_SECRET: 's' })).toThrow(/MICROSOFT_CLIENT_ID/);
    expect(() => loadConfig({ GOOGLE_BASE_URL: 'not a url' })).toThrow(/GOOGLE_BASE_URL/);
    expect(() => loadConfig({ MICROSOFT_TENANT: 'a/b' })).toThrow(/MICROSOFT_TENANT/);
  });

  it('DEMO_CALENDAR: auto is on with the demo seed and no Google client; true refuses a Google client', () => {
    expect(loadConfig({}).demoCalendar).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).demoCalendar).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://book.example.com' }).demoCalendar).toBe(false);
    expect(loadConfig({ GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 's' }).demoCalendar).toBe(
      false,
    );
    expect(loadConfig({ DEMO_CALENDAR: 'false' }).demoCalendar).toBe(false);
    expect(loadConfig({ DEMO_CALENDAR: 'true', SEED_DEMO: 'false' }).demoCalendar).toBe(true);
    expect(loadConfig({ DEMO_CALENDAR: '' }).demoCalendar).toBe(true);
    expect(() => loadConfig({ DEMO_CALENDAR: 'yes please' })).toThrow(/DEMO_CALENDAR/);
    expect(() =>
      loadConfig({ DEMO_CALENDAR: 'true', GOOGLE_CLIENT_ID: 'g', GOOGLE_CLIENT_SECRET: 's' }),
    ).toThrow(/DEMO_CALENDAR=true and GOOGLE_CLIENT_ID/);
    // The provider config is filled in when the emulator starts, not by the configuration.
    expect(loadConfig({}).calendarProviders).toEqual({});
  });
});
