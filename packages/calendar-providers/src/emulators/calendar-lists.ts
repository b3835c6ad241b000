import { randomBytes } from 'node:crypto';
import { type ApiError } from './api.js';

// The calendar lists of both emulators: what an account's calendars are, how a test adds one,
// and the paging both APIs use (an opaque token standing for an offset).

/**
 * A calendar a test adds to an emulated account (`addCalendar`): its id, its display name
 * (default: the id) and whether the account may write into it (default true).
 *
 * @example
 * ```ts
 * const holidays: EmulatorCalendarSpec = { id: 'holidays', name: 'Holidays', canWrite: false };
 * ```
 */
export interface EmulatorCalendarSpec {
  readonly id: string;
  readonly name?: string;
  readonly canWrite?: boolean;
}

/** Opaque page tokens of one emulator: each stands for an offset into a listing. */
export class PageTokens {
  private readonly offsets = new Map<string, number>();

  /** The offset of `token` (0 without one); `invalid` when the token was never issued. */
  offsetOf(token: string | null, invalid: () => ApiError): number {
    if (token === null) return 0;
    const at = this.offsets.get(token);
    if (at === undefined) throw invalid();
    return at;
  }

  /** One page of `items` from `offset`, and the token of the next page (null on the last). */
  page<T>(items: readonly T[], offset: number, size: number): { items: T[]; next: string | null } {
    const end = offset + size;
    if (end >= items.length) return { items: items.slice(offset), next: null };
    const token = randomBytes(9).toString('base64url');
    this.offsets.set(token, end);
    return { items: items.slice(offset, end), next: token };
  }
}

/** A page size query parameter: an integer in `[1, max]`, `fallback` when absent. */
export function pageSizeParam(
  url: URL,
  name: string,
  max: number,
  fallback: number,
  invalid: (message: string) => ApiError,
): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > max) throw invalid(`Invalid value for ${name}: ${raw}`);
  return n;
}
