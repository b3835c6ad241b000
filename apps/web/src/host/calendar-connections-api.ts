// The host's calendar connections (docs/http-api.md, "Calendar connections"): one place for the
// provider names and the calls, shared by the Calendars page and the link form.
import type { CalendarProviderName, ConnectedCalendarProvider } from '@workestra/booking-core';
import { api } from '../common/api';
import type { CalendarConnection, CalendarConnections, ProviderCalendar } from '../common/types';

/** How the app names each provider; a new provider is a compile error until it has a label. */
export const PROVIDER_LABELS: Record<CalendarProviderName, string> = {
  none: 'None',
  google: 'Google Calendar',
  microsoft: 'Microsoft 365',
};

const BASE = '/api/host/calendar-connections';

/** The host's connections and the providers the server has an OAuth client for. */
export function fetchCalendarConnections(): Promise<CalendarConnections> {
  return api<CalendarConnections>('GET', BASE);
}

/** Starts the consent: the browser leaves for the provider and comes back to `/settings/calendars`. */
export async function startConnecting(provider: ConnectedCalendarProvider): Promise<void> {
  const { url } = await api<{ url: string }>('POST', `${BASE}/${provider}/start`);
  location.assign(url);
}

/** The calendars of the connected account (which can be checked, which written into). */
export function fetchProviderCalendars(
  provider: ConnectedCalendarProvider,
): Promise<{ accountEmail: string | null; calendars: ProviderCalendar[] }> {
  return api('GET', `${BASE}/${provider}/calendars`);
}

/** Saves the calendars to check for conflicts and the one to write bookings into. */
export function saveCalendarSelection(
  provider: ConnectedCalendarProvider,
  selection: { calendarsToCheck: string[]; writeCalendar: string },
): Promise<CalendarConnection> {
  return api<CalendarConnection>('PUT', `${BASE}/${provider}/calendars`, selection);
}

/** Disconnects (the server revokes the grant where the provider can). */
export function disconnectCalendar(provider: ConnectedCalendarProvider): Promise<void> {
  return api<void>('DELETE', `${BASE}/${provider}`);
}
