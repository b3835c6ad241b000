import { randomBytes, randomUUID } from 'node:crypto';
import type { BookingCore, BookingLink, BookingStore, TokenSealer } from '@workestra/booking-core';
import type { GoogleEmulator, GoogleEmulatorEvent } from '@workestra/calendar-providers/testing';
import { wallClockToInstant } from '@workestra/slots';
import type { AuthStore, CalendarConnectionStore } from '@workestra/store';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { DEMO_LINK_SETTINGS, DEMO_LOGIN, DEMO_SLUG } from './seed.js';

/*
 * `DEMO_CALENDAR`: `npm start` on a loopback URL connects the demo host to an emulated Google
 * calendar, so a newcomer sees busy time removed from `/book/demo` and a Meet link on the
 * confirmation without any account. The emulator keeps its calendars in memory, so every start
 * connects the demo host again and seeds the busy events again, relative to the clock.
 */

/** The emulated Google account the demo host is connected to. */
export const DEMO_CALENDAR_ACCOUNT = DEMO_LOGIN.email;

/** A running demo calendar: the emulator and the configuration pointed at it. */
export interface DemoCalendar {
  readonly emulator: GoogleEmulator;
  /** The given configuration with the Google provider set to the emulator's client and URL. */
  readonly config: Config;
}

/**
 * Starts the Google emulator on a loopback port when `config.demoCalendar` is on, and returns the
 * configuration with the Google provider pointed at it, exactly as `GOOGLE_CLIENT_ID`,
 * `GOOGLE_CLIENT_SECRET` and `GOOGLE_BASE_URL` would. Null when off, or when the emulator could not
 * start (logged: the server runs without it).
 *
 * @example
 * ```ts
 * const demo = await startDemoCalendar(config, logger);
 * const effective = demo?.config ?? config;
 * await demo?.emulator.close();
 * ```
 */
export async function startDemoCalendar(
  config: Config,
  logger: Logger,
): Promise<DemoCalendar | null> {
  if (!config.demoCalendar) return null;
  let emulator: GoogleEmulator;
  try {
    // Loaded only here: the emulator is a demo and test tool, not part of every start-up.
    const { startGoogleEmulator } = await import('@workestra/calendar-providers/testing');
    emulator = await startGoogleEmulator({
      client: { clientId: 'workestra-demo', clientSecret: randomBytes(18).toString('base64url') },
    });
  } catch (error) {
    logger.warn(
      { err: error },
      'DEMO_CALENDAR: the Google emulator did not start; going on without it',
    );
    return null;
  }
  logger.info(
    { url: emulator.url, account: DEMO_CALENDAR_ACCOUNT },
    `the Google calendar is emulated at ${emulator.url} (DEMO_CALENDAR): no Google account is used; DEMO_CALENDAR=false turns it off`,
  );
  const google = {
    clientId: emulator.client.clientId,
    clientSecret: emulator.client.clientSecret,
    baseUrl: emulator.url,
  };
  return {
    emulator,
    config: { ...config, calendarProviders: { ...config.calendarProviders, google } },
  };
}

/** What {@link connectDemoCalendar} needs: the runtime's store, core and sealer. */
export interface ConnectDemoCalendarOptions {
  readonly emulator: GoogleEmulator;
  readonly core: BookingCore;
  readonly store: BookingStore;
  readonly auth: AuthStore;
  readonly connections: CalendarConnectionStore;
  readonly sealer: TokenSealer;
  readonly now: () => number;
  readonly logger: Logger;
}

const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/**
 * Whether the demo link may be switched to the emulated Google calendar: it is still on the seed's
 * defaults. That is: no calendar and no Meet link, the seed's title, description, duration and
 * weekly hours ({@link DEMO_LINK_SETTINGS}), and never saved since it was created (`updatedAt`
 * equals `createdAt`; this catches a change to any other setting, and a disable or enable). A link
 * its host changed in any way keeps its settings.
 *
 * @example
 * ```ts
 * if (isUntouchedSeedLink(link)) await core.updateLink(me, link.id, { calendarProvider: 'google' });
 * ```
 */
export function isUntouchedSeedLink(link: BookingLink): boolean {
  const seed = DEMO_LINK_SETTINGS;
  const hours = (w: BookingLink['weeklyHours'], day: (typeof WEEKDAYS)[number]) =>
    JSON.stringify((w[day] ?? []).map((t) => [t.start, t.end]));
  return (
    link.calendarProvider === 'none' &&
    !link.autoMeetingLink &&
    link.updatedAt === link.createdAt &&
    link.slug === seed.slug &&
    link.title === seed.title &&
    link.description === seed.description &&
    link.durationMinutes === seed.durationMinutes &&
    WEEKDAYS.every((day) => hours(link.weeklyHours, day) === hours(seed.weeklyHours, day))
  );
}

/**
 * Connects the demo host to {@link DEMO_CALENDAR_ACCOUNT} of the emulator (a grant sealed with
 * the server's sealer and saved as the OAuth callback saves it), puts the demo link on Google with
 * an automatic Meet link when {@link isUntouchedSeedLink}, and seeds a few events in the host's
 * zone on the next two working days. Without a demo host it logs and does nothing.
 *
 * @example
 * ```ts
 * await connectDemoCalendar({ emulator, core, store, auth, connections, sealer, now: Date.now, logger });
 * ```
 */
export async function connectDemoCalendar(
  options: ConnectDemoCalendarOptions,
): Promise<{ connected: boolean }> {
  const { emulator, core, auth, connections, sealer, now, logger } = options;
  const credentials = await auth.findCredentialsByEmail(DEMO_LOGIN.email);
  const host =
    credentials &&
    (await options.store.transaction((tx) =>
      tx.findHost(credentials.workspaceId, credentials.hostId),
    ));
  if (!host) {
    logger.warn(
      'DEMO_CALENDAR: there is no demo host (SEED_DEMO=false?), so no calendar was connected',
    );
    return { connected: false };
  }
  const me = { workspaceId: host.workspaceId, hostId: host.id };

  const link = (await core.listLinks(me)).find((l) => l.slug === DEMO_SLUG);
  if (link && isUntouchedSeedLink(link)) {
    await core.updateLink(me, link.id, { calendarProvider: 'google', autoMeetingLink: true });
    logger.info('DEMO_CALENDAR: /book/demo now reads the emulated Google calendar');
  } else if (link && link.calendarProvider !== 'google') {
    logger.info('DEMO_CALENDAR: /book/demo was changed by its host and keeps its calendar setting');
  }

  const grant = emulator.issueGrant(DEMO_CALENDAR_ACCOUNT);
  const at = now();
  await connections.saveConnection({
    id: randomUUID(),
    ...me,
    provider: 'google',
    accountEmail: DEMO_CALENDAR_ACCOUNT,
    accessTokenSealed: sealer.seal(grant.accessToken),
    refreshTokenSealed: sealer.seal(grant.refreshToken),
    tokenExpiresAt: at + grant.expiresIn * 1000,
    calendarsToCheck: ['primary'],
    writeCalendar: 'primary',
    state: 'working',
    stateSince: at,
    lastError: null,
    createdAt: at,
    updatedAt: at,
  });
  // A reconnect keeps a host's chosen calendars; the fresh emulator has only the primary.
  await connections.setCalendars(
    { ...me, provider: 'google' },
    { calendarsToCheck: ['primary'], writeCalendar: 'primary' },
    at,
  );
  emulator.setTimeZone(DEMO_CALENDAR_ACCOUNT, host.timeZone);
  const events = demoEvents(at, host.timeZone, DEMO_CALENDAR_ACCOUNT);
  for (const event of events) emulator.seed(DEMO_CALENDAR_ACCOUNT, event);
  logger.info(
    { account: DEMO_CALENDAR_ACCOUNT, events: events.length },
    'DEMO_CALENDAR: the demo host is connected to the emulated Google calendar',
  );
  return { connected: true };
}

const WORKING_DAYS = new Set([1, 2, 3, 4, 5]);
const DAY_MS = 86_400_000;

/** The next `count` Monday-Friday dates after `now`'s date in `timeZone`, as `YYYY-MM-DD`. */
function nextWorkingDays(now: number, timeZone: string, count: number): string[] {
  // en-CA formats a date as YYYY-MM-DD.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
  const days: string[] = [];
  for (let at = Date.parse(`${today}T00:00:00Z`) + DAY_MS; days.length < count; at += DAY_MS)
    if (WORKING_DAYS.has(new Date(at).getUTCDay()))
      days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * The demo's events on the next two working days, inside the seed's hours (09:00-12:00,
 * 13:00-17:00): two meetings and a tentative one (all block), and focus time shown as free (does
 * not block), so the busy rules are visible on `/book/demo`.
 */
function demoEvents(now: number, timeZone: string, account: string): GoogleEmulatorEvent[] {
  const [first = '', second = ''] = nextWorkingDays(now, timeZone, 2);
  const at = (date: string, start: string, end: string) => ({
    start: { dateTime: new Date(wallClockToInstant(date, start, timeZone)).toISOString() },
    end: { dateTime: new Date(wallClockToInstant(date, end, timeZone)).toISOString() },
  });
  return [
    { summary: 'Team meeting (demo: busy)', ...at(first, '10:00', '11:00') },
    {
      summary: 'Product review (demo: tentative, still busy)',
      ...at(first, '14:00', '15:00'),
      attendees: [{ email: account, self: true, responseStatus: 'tentative' }],
    },
    {
      summary: 'Focus time (demo: shown as free, not busy)',
      ...at(second, '09:00', '10:00'),
      transparency: 'transparent',
    },
    { summary: 'Customer call (demo: busy)', ...at(second, '15:00', '16:30') },
  ];
}
