import type { ConnectedCalendarProvider } from '@workestra/booking-core';
import {
  type AdapterOptions,
  type CalendarAdapter,
  type CalendarOAuth,
  createGoogleCalendar,
  createGoogleOAuth,
  createMicrosoftCalendar,
  createMicrosoftOAuth,
} from '@workestra/calendar-providers';
import type { Config } from '../config.js';

/** One configured provider: its OAuth steps and a calendar adapter over given token/calendar sources. */
export interface CalendarProviderKit {
  readonly oauth: CalendarOAuth;
  adapter(options: AdapterOptions): CalendarAdapter;
}

/** Where the provider sends the host back after consent. */
export function oauthRedirectUri(publicUrl: string, provider: ConnectedCalendarProvider): string {
  return `${publicUrl}/api/host/calendar-connections/${provider}/callback`;
}

/**
 * The providers whose OAuth client is configured (`GOOGLE_CLIENT_ID`/`_SECRET`,
 * `MICROSOFT_CLIENT_ID`/`_SECRET`), pointed at `*_BASE_URL` when set (an emulator).
 */
export function calendarProviderKits(
  config: Config,
): Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>> {
  const kits: Partial<Record<ConnectedCalendarProvider, CalendarProviderKit>> = {};
  const { google, microsoft } = config.calendarProviders;
  if (google) {
    const base = google.baseUrl;
    kits.google = {
      oauth: createGoogleOAuth({
        clientId: google.clientId,
        clientSecret: google.clientSecret,
        redirectUri: oauthRedirectUri(config.publicUrl, 'google'),
        ...(base
          ? {
              endpoints: {
                authorizationUrl: `${base}/o/oauth2/v2/auth`,
                tokenUrl: `${base}/token`,
                revokeUrl: `${base}/revoke`,
              },
            }
          : {}),
      }),
      adapter: (options) =>
        createGoogleCalendar({ ...options, ...(base ? { rootUrl: `${base}/` } : {}) }),
    };
  }
  if (microsoft) {
    const base = microsoft.baseUrl;
    const tenant = config.microsoftTenant;
    kits.microsoft = {
      oauth: createMicrosoftOAuth({
        clientId: microsoft.clientId,
        clientSecret: microsoft.clientSecret,
        redirectUri: oauthRedirectUri(config.publicUrl, 'microsoft'),
        tenant,
        ...(base
          ? {
              endpoints: {
                authorizationUrl: `${base}/${tenant}/oauth2/v2.0/authorize`,
                tokenUrl: `${base}/${tenant}/oauth2/v2.0/token`,
              },
            }
          : {}),
      }),
      adapter: (options) =>
        createMicrosoftCalendar({ ...options, ...(base ? { baseUrl: `${base}/` } : {}) }),
    };
  }
  return kits;
}
