import { SlotsError } from './errors.js';
import type { InstantInput } from './types.js';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Epoch milliseconds of an instant given as a number, a `Date` or an ISO-8601 string that carries
 * `Z` or an offset (a bare local time is refused: it names no instant).
 *
 * @example
 * ```ts
 * toEpochMs('2026-11-01T06:00:00Z', 'now'); // 1793512800000
 * ```
 */
export function toEpochMs(value: InstantInput, field: string): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' && ISO_WITH_ZONE.test(value)) ms = Date.parse(value);
  else if (typeof value === 'string') {
    throw new SlotsError(
      'INVALID_RANGE',
      field,
      `"${value}" is not an ISO-8601 instant with Z or an offset`,
    );
  } else {
    throw new SlotsError(
      'INVALID_RANGE',
      field,
      'must be epoch milliseconds, a Date or an ISO-8601 string',
    );
  }
  if (!Number.isFinite(ms)) throw new SlotsError('INVALID_RANGE', field, 'is not a valid instant');
  return ms;
}
