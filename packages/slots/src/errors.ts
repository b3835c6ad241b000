/**
 * Every reason the slot engine can refuse its input. The strings are stable: match on them.
 */
export type SlotsErrorCode =
  | 'INVALID_TIME_ZONE'
  | 'INVALID_WINDOW'
  | 'OVERLAPPING_WINDOWS'
  | 'INVALID_DURATION'
  | 'INVALID_OPTION'
  | 'INVALID_RANGE'
  | 'INVALID_DATE'
  | 'INVALID_RRULE'
  | 'INVALID_INTERVAL'
  | 'INVALID_HOSTS';

/**
 * The one error type thrown by `@workestra/slots`. `code` is stable, `field` names the offending
 * input (a path such as `rules.weekly.monday[1].end`), `message` says what is wrong in words.
 *
 * @example
 * ```ts
 * import { computeSlots, SlotsError } from '@workestra/slots';
 * try {
 *   computeSlots({ rules: { timeZone: 'Mars/Olympus', weekly: {} }, from: 0, to: 1, now: 0 });
 * } catch (error) {
 *   if (error instanceof SlotsError && error.code === 'INVALID_TIME_ZONE') console.log(error.field); // "rules.timeZone"
 * }
 * ```
 */
export class SlotsError extends Error {
  /** Stable machine-readable reason. */
  readonly code: SlotsErrorCode;
  /** Path of the input field that is wrong, e.g. `policy.durationMinutes`. */
  readonly field: string;

  constructor(code: SlotsErrorCode, field: string, message: string, options?: { cause?: unknown }) {
    super(`${field}: ${message}`, options);
    this.name = 'SlotsError';
    this.code = code;
    this.field = field;
  }
}
