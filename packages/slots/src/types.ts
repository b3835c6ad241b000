/** An instant: epoch milliseconds, a `Date`, or an ISO-8601 string with `Z` or an offset. */
export type InstantInput = number | Date | string;

/** Days of the week, as keys of {@link WeeklyHours}. */
export type Weekday =
  'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/**
 * One open period of a day in the host's wall-clock time: `HH:MM` to `HH:MM` (24-hour), end after
 * start; an end of `24:00` means the next day's midnight.
 *
 * @example
 * ```ts
 * const morning: TimeWindow = { start: '09:00', end: '12:00' };
 * ```
 */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * Windows per weekday. A day that is missing or has `[]` is closed. Windows of one day must not
 * overlap (touching is fine).
 *
 * @example
 * ```ts
 * const hours: WeeklyHours = {
 *   monday: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }],
 *   friday: [{ start: '09:00', end: '13:00' }],
 * };
 * ```
 */
export type WeeklyHours = Partial<Record<Weekday, readonly TimeWindow[]>>;

/**
 * Replaces the weekly hours on one date (host's calendar). `windows: []` closes the day.
 *
 * @example
 * ```ts
 * const christmas: DateOverride = { date: '2026-12-24', windows: [] };
 * ```
 */
export interface DateOverride {
  readonly date: string;
  readonly windows: readonly TimeWindow[];
}

/**
 * Replaces the weekly hours on every date an RFC 5545 RRULE produces, counted from `start`.
 * `windows: []` is recurring time off. The rule's date parts are used; it must not carry its own
 * DTSTART or TZID (dates are the host's, in `AvailabilityRules.timeZone`).
 *
 * @example
 * ```ts
 * // every other Friday closed, from 2026-01-02
 * const offFridays: RecurringOverride = { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', start: '2026-01-02', windows: [] };
 * // first Monday of the month 13:00-15:00 only
 * const firstMonday: RecurringOverride = {
 *   rrule: 'FREQ=MONTHLY;BYDAY=1MO', start: '2026-01-01', windows: [{ start: '13:00', end: '15:00' }],
 * };
 * ```
 */
export interface RecurringOverride {
  readonly rrule: string;
  readonly start: string;
  readonly windows: readonly TimeWindow[];
}

/**
 * When a host is open, in the host's own time zone. For any date the windows come from, in order
 * of precedence: a matching date override, the first matching recurring override, the weekly hours.
 *
 * @example
 * ```ts
 * const rules: AvailabilityRules = {
 *   timeZone: 'America/New_York',
 *   weekly: { monday: [{ start: '09:00', end: '17:00' }] },
 *   dateOverrides: [{ date: '2026-12-28', windows: [] }],
 * };
 * ```
 */
export interface AvailabilityRules {
  /** IANA time zone the windows are written in, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  readonly weekly: WeeklyHours;
  readonly dateOverrides?: readonly DateOverride[];
  readonly recurringOverrides?: readonly RecurringOverride[];
}

/**
 * A half-open span of time `[start, end)`.
 *
 * @example
 * ```ts
 * const lunch: Interval = { start: '2026-11-02T17:00:00Z', end: '2026-11-02T18:00:00Z' };
 * ```
 */
export interface Interval {
  readonly start: InstantInput;
  readonly end: InstantInput;
}

/**
 * How slots are cut. All values are whole minutes except `maxDaysAhead` (days) and `dailyCap`.
 *
 * @example
 * ```ts
 * const policy: SlotPolicy = { durationMinutes: 30, bufferAfterMinutes: 10, minimumNoticeMinutes: 240 };
 * ```
 */
export interface SlotPolicy {
  /** Meeting length, 1..480. Default 30. */
  readonly durationMinutes?: number;
  /** Distance between consecutive slot starts in a window, 1..1440. Default: the duration. */
  readonly stepMinutes?: number;
  /** Time kept free before each meeting, 0..1440. Default 0. */
  readonly bufferBeforeMinutes?: number;
  /** Time kept free after each meeting, 0..1440. Default 0. */
  readonly bufferAfterMinutes?: number;
  /** A slot must start at least this long after `now`. Default 0. */
  readonly minimumNoticeMinutes?: number;
  /** Last bookable date is the host's today plus this many days, 0..3650. Default 30. */
  readonly maxDaysAhead?: number;
  /** At most this many bookings (see `bookings`) per host-local day; unset = no cap. */
  readonly dailyCap?: number;
}

/**
 * Everything needed to compute one host's slots.
 *
 * @example
 * ```ts
 * const input: SlotInput = {
 *   rules: { timeZone: 'Europe/London', weekly: { tuesday: [{ start: '09:00', end: '17:00' }] } },
 *   busy: [{ start: '2026-11-03T10:00:00Z', end: '2026-11-03T11:00:00Z' }],
 *   from: '2026-11-02T00:00:00Z', to: '2026-11-09T00:00:00Z', now: '2026-11-01T12:00:00Z',
 * };
 * ```
 */
export interface SlotInput {
  readonly rules: AvailabilityRules;
  readonly policy?: SlotPolicy;
  /** Busy time taken as it is (calendar events, bookings on other links already widened by their buffers). */
  readonly busy?: readonly Interval[];
  /**
   * Existing bookings of this link: they are busy time widened by this policy's buffers, and each
   * counts toward `dailyCap` on the host-local date it starts.
   */
  readonly bookings?: readonly Interval[];
  /** Slots starting in `[from, to)` are returned. */
  readonly from: InstantInput;
  readonly to: InstantInput;
  /** The current instant; the engine never reads the clock. */
  readonly now: InstantInput;
  /**
   * Return at most this many slots, the earliest; the work stops there, so a dense grid over a
   * long range costs no more than the slots asked for. Ask for one more than you will show to
   * learn whether the range held more. Default: no limit.
   */
  readonly limit?: number;
}

/** A bookable slot, `[start, end)` in epoch ms; `end - start` is always the duration. */
export interface Slot {
  readonly start: number;
  readonly end: number;
}

/** One team member for {@link computeTeamSlots}. */
export interface HostInput {
  readonly hostId: string;
  readonly rules: AvailabilityRules;
  readonly busy?: readonly Interval[];
  readonly bookings?: readonly Interval[];
}

/**
 * Input of {@link computeTeamSlots}. `round-robin`: a slot is offered when any host is free for it;
 * `collective`: only when every host offers that same slot.
 */
export interface TeamSlotInput {
  readonly hosts: readonly HostInput[];
  readonly mode: 'round-robin' | 'collective';
  readonly policy?: SlotPolicy;
  readonly from: InstantInput;
  readonly to: InstantInput;
  readonly now: InstantInput;
}

/** A team slot and the hosts (in input order) free for it. */
export interface TeamSlot extends Slot {
  readonly hostIds: readonly string[];
}

/** Why {@link checkSlot} refused a start. */
export type SlotRejection =
  'MIN_NOTICE' | 'BEYOND_MAX_DAYS_AHEAD' | 'OUTSIDE_AVAILABILITY' | 'BUSY' | 'DAILY_CAP_REACHED';

/** Result of {@link checkSlot}. */
export type SlotCheck =
  | { readonly bookable: true; readonly slot: Slot }
  | { readonly bookable: false; readonly reason: SlotRejection };

/** Slots of one date in the viewer's time zone, from {@link groupSlotsByDay}. */
export interface DaySlots<S extends Slot = Slot> {
  /** `YYYY-MM-DD` in the viewer's zone. */
  readonly date: string;
  readonly slots: readonly S[];
}
