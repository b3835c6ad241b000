import { randomUUID } from 'node:crypto';
import type { Booking, BookingLink, EpochMs, Host, NewJob, Upload } from './domain.js';
import type { Clock } from './ports.js';

/**
 * A clock the test moves by hand.
 *
 * @example
 * ```ts
 * const clock = manualClock('2026-11-01T00:00:00Z');
 * clock.advance(60_000);
 * ```
 */
export interface ManualClock extends Clock {
  set(instant: EpochMs | string): void;
  advance(ms: number): void;
}

/**
 * A {@link ManualClock} starting at `start` (epoch ms or ISO-8601).
 *
 * @example
 * ```ts
 * import { manualClock } from '@workestra/booking-core/testing';
 * const clock = manualClock('2026-11-01T00:00:00Z');
 * clock.now(); // 1793491200000
 * ```
 */
export function manualClock(start: EpochMs | string): ManualClock {
  let now = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => now,
    set: (instant) => {
      now = typeof instant === 'number' ? instant : Date.parse(instant);
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * 2026-11-02T00:00:00Z, a Monday: the fixtures' reference instant.
 *
 * @example
 * ```ts
 * const nineAm = FIXTURE_EPOCH + 9 * 3_600_000;
 * ```
 */
export const FIXTURE_EPOCH = Date.parse('2026-11-02T00:00:00Z');

/**
 * A host row with fresh UUIDs; override any field.
 *
 * @example
 * ```ts
 * const host = makeHost({ workspaceId: 'ws_1' });
 * ```
 */
export function makeHost(overrides: Partial<Host> = {}): Host {
  return {
    id: randomUUID(),
    workspaceId: randomUUID(),
    email: 'host@example.com',
    name: 'Hana Host',
    timeZone: 'UTC',
    createdAt: FIXTURE_EPOCH,
    ...overrides,
  };
}

/**
 * A live, active link row of `host` with a unique slug; override any field.
 *
 * @example
 * ```ts
 * const link = makeLink(host, { slug: 'intro' });
 * ```
 */
export function makeLink(
  host: Pick<Host, 'id' | 'workspaceId'>,
  overrides: Partial<BookingLink> = {},
): BookingLink {
  return {
    id: randomUUID(),
    workspaceId: host.workspaceId,
    hostId: host.id,
    kind: 'solo',
    members: [],
    title: 'Intro call',
    description: null,
    slug: `intro-${randomUUID().slice(0, 8)}`,
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeHours: 0,
    maxDaysAhead: 30,
    timeZone: 'UTC',
    weeklyHours: { monday: [{ start: '09:00', end: '17:00' }] },
    dateOverrides: [],
    recurringOverrides: [],
    dailyCap: null,
    calendarProvider: 'none',
    autoMeetingLink: false,
    autoCreateDeal: false,
    defaultDealStage: null,
    defaultDealValueMinor: null,
    defaultDealCurrency: null,
    formFields: [],
    embedDomains: [],
    active: true,
    deletedAt: null,
    createdAt: FIXTURE_EPOCH,
    updatedAt: FIXTURE_EPOCH,
    ...overrides,
  };
}

/**
 * A confirmed 30-minute booking on `link` at `start` (default 09:00Z on the fixture Monday), blocked
 * range equal to the meeting; override any field.
 *
 * @example
 * ```ts
 * const t = FIXTURE_EPOCH + 9 * 3_600_000;
 * const booking = makeBooking(link, { start: t, end: t + 1_800_000, blockedStart: t, blockedEnd: t + 1_800_000 });
 * ```
 */
export function makeBooking(
  link: Pick<BookingLink, 'id' | 'workspaceId' | 'hostId'>,
  overrides: Partial<Booking> = {},
): Booking {
  const id = overrides.id ?? randomUUID();
  const start = overrides.start ?? FIXTURE_EPOCH + 9 * 3_600_000;
  const end = overrides.end ?? start + 30 * 60_000;
  return {
    id,
    workspaceId: link.workspaceId,
    linkId: link.id,
    hostId: link.hostId,
    coHostIds: [],
    status: 'confirmed',
    start,
    end,
    blockedStart: start,
    blockedEnd: end,
    attendeeName: 'Ada Attendee',
    attendeeEmail: 'ada@example.com',
    attendeeTimeZone: 'Europe/London',
    attendeeLocale: null,
    attendeeHourCycle: null,
    noShow: false,
    cancelReason: null,
    icalUid: `${id}@example.test`,
    icalSequence: 0,
    meetingUrl: null,
    externalRefs: {},
    answers: [],
    createdAt: FIXTURE_EPOCH,
    updatedAt: FIXTURE_EPOCH,
    ...overrides,
  };
}

/**
 * A job to enqueue with a unique idempotency key, due at the fixture epoch; override any field.
 *
 * @example
 * ```ts
 * const job = makeNewJob({ kind: 'email.reminder', runAt: FIXTURE_EPOCH + 3_600_000 });
 * ```
 */
export function makeNewJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    kind: 'email.confirmation',
    payload: { n: 1 },
    runAt: FIXTURE_EPOCH,
    idempotencyKey: `job-${randomUUID()}`,
    ...overrides,
  };
}

/**
 * An unattached upload (a 1 KB PDF) for `fieldId` of `link`, created at the fixture epoch, with a
 * fresh UUID; override any field.
 *
 * @example
 * ```ts
 * const upload = makeUpload(link, 'brief', { filename: 'deck.pdf' });
 * ```
 */
export function makeUpload(
  link: Pick<BookingLink, 'id' | 'workspaceId'>,
  fieldId: string,
  overrides: Partial<Upload> = {},
): Upload {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    workspaceId: link.workspaceId,
    linkId: link.id,
    fieldId,
    filename: 'brief.pdf',
    kind: 'pdf',
    size: 1024,
    storageKey: `${link.workspaceId}/${id}`,
    bookingId: null,
    createdAt: FIXTURE_EPOCH,
    ...overrides,
  };
}
