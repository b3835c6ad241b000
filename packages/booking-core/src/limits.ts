/**
 * What one booking link may hold. Each bound keeps the cost of a slot read small whatever a host
 * saves (the package's `bench` script measures the most expensive link these limits allow); the
 * link schemas enforce them and the READMEs quote them.
 *
 * - Meetings are 5 to 480 minutes long. Slots start every `durationMinutes`, so 5 minutes is also
 *   the finest grid of start times.
 * - At most 24 windows a day, 1,000 date overrides and 20 recurring overrides, each RRULE at most
 *   500 characters. (A recurring override's COUNT must be reached within 10 years of its start:
 *   the slot engine's rule.)
 * - A team link has at most 50 members (each one's bookings, time off and calendar are read for
 *   every slot read).
 *
 * @example
 * ```ts
 * import { LINK_LIMITS } from '@workestra/booking-core';
 * const durations = [5, 10, 15, 30, 45, 60].filter((m) => m >= LINK_LIMITS.minDurationMinutes);
 * ```
 */
export const LINK_LIMITS = Object.freeze({
  minDurationMinutes: 5,
  maxDurationMinutes: 480,
  maxWindowsPerDay: 24,
  maxDateOverrides: 1000,
  maxRecurringOverrides: 20,
  maxRruleLength: 500,
  maxTeamMembers: 50,
} as const);

/**
 * What one slots answer (`getPublicSlots`, the reschedule page's slots) may cover: a range of at
 * most 62 days holding at most 10,000 slots. A month of the densest link (5-minute slots around
 * the clock) holds about 9,300. A range that holds more is refused with `VALIDATION_FAILED` on
 * `to`, whose message names the instant the range may end at, so nothing is ever left out silently.
 *
 * @example
 * ```ts
 * import { SLOTS_ANSWER_LIMITS } from '@workestra/booking-core';
 * const to = now + SLOTS_ANSWER_LIMITS.maxRangeDays * 86_400_000;
 * ```
 */
export const SLOTS_ANSWER_LIMITS = Object.freeze({
  maxRangeDays: 62,
  maxSlots: 10_000,
} as const);

/**
 * What a host's time off may hold: one range lasts at most 366 days, and one listing covers at
 * most 731 days (two years), so neither a range nor a read is unbounded.
 *
 * @example
 * ```ts
 * import { TIME_OFF_LIMITS } from '@workestra/booking-core';
 * const start = Date.parse('2026-12-24T00:00:00Z');
 * const latestEnd = start + TIME_OFF_LIMITS.maxRangeDays * 86_400_000;
 * ```
 */
export const TIME_OFF_LIMITS = Object.freeze({
  maxRangeDays: 366,
  maxListDays: 731,
  maxNoteLength: 500,
} as const);

/**
 * What a link's pre-meeting form may hold: at most 30 fields; a `short_text` answer at most 500
 * characters (200 unless the field says otherwise), a `long_text` one at most 5,000 (default
 * 2,000); a field label at most 200 characters and its help 1,000; a `dropdown` or `checkboxes`
 * field 1 to 50 options of at most 200 characters; a `file` field's upload at most 25 MB (5 MB
 * unless the field says otherwise). A `phone` answer is 7 to 20 characters, a `url` one at most
 * 2,000.
 *
 * @example
 * ```ts
 * import { FORM_LIMITS } from '@workestra/booking-core';
 * const tooBig = (bytes: number) => bytes > FORM_LIMITS.maxFileBytes;
 * ```
 */
export const FORM_LIMITS = Object.freeze({
  maxFields: 30,
  maxFieldIdLength: 40,
  maxLabelLength: 200,
  maxHelpLength: 1000,
  maxOptions: 50,
  maxOptionLength: 200,
  maxShortTextLength: 500,
  defaultShortTextLength: 200,
  maxLongTextLength: 5000,
  defaultLongTextLength: 2000,
  minPhoneLength: 7,
  maxPhoneLength: 20,
  maxUrlLength: 2000,
  maxFileBytes: 25 * 1024 * 1024,
  defaultFileBytes: 5 * 1024 * 1024,
} as const);

// The `@workestra/booking-core/limits` entry also carries the calendar provider names and the
// form field types and file kinds, so a browser form can offer exactly what a link accepts
// without loading zod.
export { CALENDAR_PROVIDERS, FILE_KINDS, FORM_FIELD_TYPES } from './domain.js';
