import type { z } from 'zod';
import { isSlotsError, type SlotsError } from '@workestra/slots';
import { BookingError, type ValidationIssue } from './errors.js';

/** `['weeklyHours', 'monday', 1, 'end']` -> `weeklyHours.monday[1].end`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Parses `input` with `schema` (one of the exported schemas, or your own zod 4 schema), or throws
 * `BookingError('VALIDATION_FAILED')` whose `details` list every issue as `{ path, message }`
 * (paths like `weeklyHours.monday[1].end`): the same refusal the use-cases give.
 *
 * @example
 * ```ts
 * import { bookInputSchema, parseInput } from '@workestra/booking-core';
 * const input = parseInput(bookInputSchema.omit({ slug: true }), { start: '2026-11-02T09:00:00Z', name: 'Ada', email: 'ada@example.com', timeZone: 'UTC' });
 * input.start; // 1793610000000
 * ```
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  throw new BookingError('VALIDATION_FAILED', { details });
}

/** Slot-engine field names -> booking-link field names, longest prefix first. */
const FIELD_MAP: readonly (readonly [string, string])[] = [
  ['rules.timeZone', 'timeZone'],
  ['rules.weekly', 'weeklyHours'],
  ['rules.dateOverrides', 'dateOverrides'],
  ['rules.recurringOverrides', 'recurringOverrides'],
  ['policy.minimumNoticeMinutes', 'minNoticeHours'],
  ['policy.', ''],
];

/** Turns a `SlotsError` raised while checking a link's availability into `VALIDATION_FAILED`. */
export function slotsErrorToValidation(error: SlotsError): BookingError {
  let path = error.field;
  for (const [from, to] of FIELD_MAP) {
    if (path.startsWith(from)) {
      path = to + path.slice(from.length);
      break;
    }
  }
  const message = error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
  return new BookingError('VALIDATION_FAILED', { details: [{ path, message }], cause: error });
}

/** Runs a slot-engine call and maps its input errors to `VALIDATION_FAILED`. */
export function withSlotsValidation<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isSlotsError(error)) throw slotsErrorToValidation(error);
    throw error;
  }
}
