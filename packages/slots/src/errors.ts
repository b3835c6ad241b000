/**
 * Every reason the slot engine can refuse its input, declared once ({@link SlotsErrorCode} is
 * derived from it). The strings are stable: match on them. Each one means the input was wrong.
 *
 * @example
 * ```ts
 * import { SLOTS_ERROR_CODES } from '@workestra/slots';
 * SLOTS_ERROR_CODES.includes('INVALID_TIME_ZONE'); // true
 * ```
 */
export const SLOTS_ERROR_CODES = Object.freeze([
  'INVALID_TIME_ZONE',
  'INVALID_WINDOW',
  'OVERLAPPING_WINDOWS',
  'INVALID_DURATION',
  'INVALID_OPTION',
  'INVALID_RANGE',
  'INVALID_DATE',
  'INVALID_RRULE',
  'INVALID_INTERVAL',
  'INVALID_HOSTS',
] as const);

/**
 * One of {@link SLOTS_ERROR_CODES}.
 *
 * @example
 * ```ts
 * import type { SlotsErrorCode } from '@workestra/slots';
 * const code: SlotsErrorCode = 'INVALID_RANGE';
 * ```
 */
export type SlotsErrorCode = (typeof SLOTS_ERROR_CODES)[number];

/**
 * Marks a {@link SlotsError} from any copy of this package: `Symbol.for` gives the ESM and the CJS
 * build the same key, where `instanceof` would tell their two classes apart.
 */
const SLOTS_ERROR = Symbol.for('@workestra/slots.SlotsError');

/**
 * The one error type thrown by `@workestra/slots`. `code` is stable, `field` names the offending
 * input (a path such as `rules.weekly.monday[1].end`), `message` says what is wrong in words.
 *
 * @example
 * ```ts
 * import { computeSlots, isSlotsError } from '@workestra/slots';
 * try {
 *   computeSlots({ rules: { timeZone: 'Mars/Olympus', weekly: {} }, from: 0, to: 1, now: 0 });
 * } catch (error) {
 *   if (isSlotsError(error, 'INVALID_TIME_ZONE')) console.log(error.field); // "rules.timeZone"
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
    Object.defineProperty(this, SLOTS_ERROR, { value: true });
  }
}

/**
 * Whether `error` is a {@link SlotsError} (with `code`, if given), whichever build of
 * `@workestra/slots` threw it: use it instead of `instanceof`, which fails when the ESM and the
 * CJS build are both loaded.
 *
 * @example
 * ```ts
 * import { computeSlots, isSlotsError } from '@workestra/slots';
 * try {
 *   computeSlots({ rules: { timeZone: 'Mars/Olympus', weekly: {} }, from: 0, to: 1, now: 0 });
 * } catch (error) {
 *   if (isSlotsError(error, 'INVALID_TIME_ZONE')) console.log(error.field); // "rules.timeZone"
 * }
 * ```
 */
export function isSlotsError(error: unknown, code?: SlotsErrorCode): error is SlotsError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [SLOTS_ERROR]?: unknown })[SLOTS_ERROR] === true &&
    (code === undefined || (error as SlotsError).code === code)
  );
}
