import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_RESERVED_SLUGS } from './link-slugs.js';
import type {
  BookingStore,
  CalendarBusySource,
  Clock,
  IdSource,
  Logger,
  TokenSealer,
} from './ports.js';

/**
 * The system clock: `Date.now()`. The only place booking-core reads the time, and only as a default.
 *
 * @example
 * ```ts
 * import { systemClock } from '@workestra/booking-core';
 * systemClock.now(); // 1793692800000
 * ```
 */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/**
 * Ids from `crypto.randomUUID()`, tokens from 32 bytes (256 bits) of `crypto.randomBytes` in base64url.
 *
 * @example
 * ```ts
 * import { cryptoIds } from '@workestra/booking-core';
 * cryptoIds.token(); // 'q3v0...' (43 URL-safe characters)
 * ```
 */
export const cryptoIds: IdSource = Object.freeze({
  id: () => randomUUID(),
  token: () => randomBytes(32).toString('base64url'),
});

/**
 * A logger that drops everything: the default, so a library never writes to stdout uninvited.
 *
 * @example
 * ```ts
 * import { silentLogger } from '@workestra/booking-core';
 * silentLogger.warn({ jobId: '1' }, 'ignored');
 * ```
 */
export const silentLogger: Logger = Object.freeze({ info() {}, warn() {}, error() {} });

/**
 * What {@link createBookingCore} needs. Only `store` is required; `calendar` is needed as soon as
 * a link uses a calendar provider (without it such links answer `CALENDAR_UNAVAILABLE`).
 *
 * @example
 * ```ts
 * const options: BookingCoreOptions = { store: createMemoryStore(), clock: { now: () => Date.parse('2026-11-01T00:00:00Z') } };
 * const mine: BookingCoreOptions = { ...options, reservedSlugs: ['admin', 'api'] };
 * ```
 */
export interface BookingCoreOptions {
  readonly store: BookingStore;
  readonly calendar?: CalendarBusySource;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  readonly logger?: Logger;
  /** Right-hand side of iCalendar UIDs (`<bookingId>@<icalDomain>`). Default `workestra.app`. */
  readonly icalDomain?: string;
  /**
   * Seals the plain reschedule/cancel tokens into the payloads of the attendee's email jobs
   * (confirmation, reminder, reschedule notice) so the emails can carry working links while the
   * database keeps only hashes. With a sealer, `reschedule` also rotates both tokens (the old
   * links stop working; the reschedule notice carries the new ones). Without one, emails carry
   * no self-service links and tokens never change.
   */
  readonly sealer?: TokenSealer;
  /**
   * Slugs no link may take because your app serves other pages beside link pages (a link with
   * slug `cancel` would shadow `/book/cancel/<token>`). Default {@link DEFAULT_RESERVED_SLUGS},
   * the reference app's paths; pass `[]` when your link pages live under a path of their own.
   */
  readonly reservedSlugs?: Iterable<string>;
}

/** {@link BookingCoreOptions} with every default filled in; what use-cases receive. */
export interface Deps {
  readonly store: BookingStore;
  readonly calendar: CalendarBusySource | undefined;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
  readonly icalDomain: string;
  readonly sealer: TokenSealer | undefined;
  readonly reservedSlugs: ReadonlySet<string>;
}

/** Fills in the defaults of {@link BookingCoreOptions}. */
export function resolveDeps(options: BookingCoreOptions): Deps {
  return {
    store: options.store,
    calendar: options.calendar,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? cryptoIds,
    logger: options.logger ?? silentLogger,
    icalDomain: options.icalDomain ?? 'workestra.app',
    sealer: options.sealer,
    reservedSlugs: new Set(options.reservedSlugs ?? DEFAULT_RESERVED_SLUGS),
  };
}
