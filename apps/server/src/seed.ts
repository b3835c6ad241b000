import { randomUUID } from 'node:crypto';
import { isBookingError, type BookingCore } from '@workestra/booking-core';
import { isValidTimeZone } from '@workestra/slots';
import type { AuthStore } from '@workestra/store';
import type { Logger } from 'pino';
import { createPasswordHasher, type PasswordHasher } from './auth/password.js';

/** The demo account `npm start` prints. Local demo only: turn off with `SEED_DEMO=false`. */
export const DEMO_LOGIN = { email: 'demo@workestra.test', password: 'demo-password' } as const;
export const DEMO_SLUG = 'demo';

const HALF_DAYS = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

/**
 * The settings the seed gives `/book/demo` (besides its zone, the machine's). Declared once: the
 * demo calendar reads them to tell a link still as seeded from one its host changed.
 *
 * @example
 * ```ts
 * DEMO_LINK_SETTINGS.durationMinutes; // 30
 * ```
 */
export const DEMO_LINK_SETTINGS = {
  title: '30-minute intro call',
  slug: DEMO_SLUG,
  description: 'A demo booking link seeded by the reference server.',
  durationMinutes: 30,
  weeklyHours: {
    monday: HALF_DAYS,
    tuesday: HALF_DAYS,
    wednesday: HALF_DAYS,
    thursday: HALF_DAYS,
    friday: HALF_DAYS,
  },
} as const;

/** The machine's zone when the runtime knows it, else UTC. */
function localTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/**
 * On first run (no demo account yet): a demo host with a password and the link `/book/demo`,
 * "30-minute intro call", Monday-Friday 09:00-12:00 and 13:00-17:00; with `demoCalendar` the link
 * reads the host's Google calendar and adds a Meet link (the emulated one of `DEMO_CALENDAR`).
 * Later runs change nothing.
 *
 * @example
 * ```ts
 * const { created } = await seedDemo({ core, auth, logger });
 * ```
 */
export async function seedDemo(options: {
  core: BookingCore;
  auth: AuthStore;
  logger: Logger;
  /** Default scrypt with OWASP's parameters. */
  passwords?: PasswordHasher;
  /** Put the link on Google with an automatic Meet link (the demo calendar runs). */
  demoCalendar?: boolean;
}): Promise<{ created: boolean }> {
  const { core, auth, logger } = options;
  if (await auth.findCredentialsByEmail(DEMO_LOGIN.email)) return { created: false };
  const timeZone = localTimeZone();
  const host = await core.createHost({
    workspaceId: `ws_${randomUUID()}`,
    email: DEMO_LOGIN.email,
    name: 'Demo Host',
    timeZone,
  });
  const now = Date.now();
  await auth.createCredentials({
    hostId: host.id,
    email: DEMO_LOGIN.email,
    passwordHash: await (options.passwords ?? createPasswordHasher()).hash(DEMO_LOGIN.password),
    createdAt: now,
    updatedAt: now,
  });
  try {
    await core.createLink(
      { workspaceId: host.workspaceId, hostId: host.id },
      {
        ...DEMO_LINK_SETTINGS,
        timeZone,
        ...(options.demoCalendar ? { calendarProvider: 'google', autoMeetingLink: true } : {}),
      },
    );
  } catch (error) {
    if (!isBookingError(error, 'SLUG_TAKEN')) throw error;
    logger.warn('seed: the slug "demo" is taken by another link; the demo host has no link');
  }
  logger.info({ hostId: host.id, timeZone }, 'seed: demo host and /book/demo created');
  return { created: true };
}
