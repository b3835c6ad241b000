import { isBusyIntervalList } from './busy.js';
import type { CalendarProviderName, EpochMs } from './domain.js';
import { BookingError } from './errors.js';
import type { CalendarBusyInterval, CalendarBusySource } from './ports.js';

/** How many members' calendars {@link readMembersBusy} reads at once unless told otherwise. */
const DEFAULT_CONCURRENCY = 4;

/**
 * One member of a team whose calendar {@link readMembersBusy} reads: the host and the provider of
 * its calendar connection (`none`: no calendar, so no busy time from one).
 *
 * @example
 * ```ts
 * const member: TeamMember = { hostId: 'host_ana', provider: 'google' };
 * ```
 */
export interface TeamMember {
  readonly hostId: string;
  readonly provider: CalendarProviderName;
}

/**
 * What {@link readMembersBusy} reads: the members' calendars over `[from, to)`, at most
 * `concurrency` (an integer >= 1, default 4) at once.
 *
 * @example
 * ```ts
 * const input: MembersBusyInput = {
 *   workspaceId: 'ws_1',
 *   members: [{ hostId: 'host_ana', provider: 'google' }, { hostId: 'host_ben', provider: 'microsoft' }],
 *   from: Date.parse('2026-11-02T00:00:00Z'),
 *   to: Date.parse('2026-11-09T00:00:00Z'),
 * };
 * ```
 */
export interface MembersBusyInput {
  readonly workspaceId: string;
  readonly members: readonly TeamMember[];
  readonly from: EpochMs;
  readonly to: EpochMs;
  readonly concurrency?: number;
  /**
   * The iCalendar UID of an event the source leaves out of busy time (the meeting being
   * rescheduled, which is in the members' calendars already); as `CalendarBusySource.busy` takes it.
   */
  readonly excludeIcalUid?: string;
}

/**
 * One member's answer from {@link readMembersBusy}: its busy time, or why its calendar could not
 * be read (never "free": the caller skips that member or fails).
 *
 * @example
 * ```ts
 * import { createMemoryCalendar, readMembersBusy } from '@workestra/booking-core';
 * const reads: MemberBusy[] = await readMembersBusy(createMemoryCalendar(), {
 *   workspaceId: 'ws_1',
 *   members: [{ hostId: 'host_ana', provider: 'google' }],
 *   from: Date.parse('2026-11-02T00:00:00Z'),
 *   to: Date.parse('2026-11-03T00:00:00Z'),
 * });
 * for (const read of reads) if (!read.ok) console.warn(read.hostId, read.error.code); // 'CALENDAR_UNAVAILABLE'
 * ```
 */
export type MemberBusy =
  | {
      readonly hostId: string;
      readonly ok: true;
      /** The source's intervals as it answered them, kinds kept. */
      readonly busy: readonly CalendarBusyInterval[];
      /** Whether some `out_of_office` interval overlaps `[from, to)`. */
      readonly outOfOffice: boolean;
    }
  | {
      readonly hostId: string;
      readonly ok: false;
      /** `CALENDAR_UNAVAILABLE`; `cause` is the source's failure, if it threw. */
      readonly error: BookingError;
    };

/**
 * Reads every member's calendar busy time over `[from, to)` (the per-member fan-out round-robin
 * builds on), across mixed providers, through one {@link CalendarBusySource}. At most
 * `concurrency` reads are in flight; the answer lists the members in the order given, whatever
 * order the reads finish in. A member whose provider is `none` answers `ok: true` with no busy
 * time and no call. A read that throws or answers malformed intervals makes that member
 * `ok: false` with a `CALENDAR_UNAVAILABLE` error; the other members are unaffected.
 *
 * `outOfOffice` is true when at least one interval of kind `out_of_office` overlaps `[from, to)`
 * (`start < to && end > from`), however short: a caller that needs the member away for the whole
 * range checks `busy` itself. Throws `VALIDATION_FAILED` for a `concurrency` that is not an
 * integer >= 1 or a range with `from > to`.
 *
 * @example
 * ```ts
 * import { createMemoryCalendar, readMembersBusy } from '@workestra/booking-core';
 * const calendar = createMemoryCalendar(); // or the server's calendar access over real providers
 * const reads = await readMembersBusy(calendar, {
 *   workspaceId: 'ws_1',
 *   members: [{ hostId: 'host_ana', provider: 'google' }, { hostId: 'host_ben', provider: 'microsoft' }],
 *   from: Date.parse('2026-11-02T00:00:00Z'),
 *   to: Date.parse('2026-11-03T00:00:00Z'),
 * });
 * const available = reads.filter((r) => r.ok && !r.outOfOffice).map((r) => r.hostId);
 * ```
 */
export async function readMembersBusy(
  source: CalendarBusySource,
  input: MembersBusyInput,
): Promise<MemberBusy[]> {
  const { workspaceId, members, from, to, excludeIcalUid } = input;
  const concurrency = input.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new BookingError('VALIDATION_FAILED', {
      details: [{ path: 'concurrency', message: 'must be an integer >= 1' }],
    });
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to)
    throw new BookingError('VALIDATION_FAILED', {
      details: [{ path: 'from', message: 'must be a finite instant no later than `to`' }],
    });

  const readOne = async ({ hostId, provider }: TeamMember): Promise<MemberBusy> => {
    if (provider === 'none') return { hostId, ok: true, busy: [], outOfOffice: false };
    let result: unknown;
    try {
      result = await source.busy({
        workspaceId,
        connection: { hostId, provider },
        from,
        to,
        ...(excludeIcalUid === undefined ? {} : { excludeIcalUid }),
      });
    } catch (cause) {
      const error = new BookingError('CALENDAR_UNAVAILABLE', { cause, details: { provider } });
      return { hostId, ok: false, error };
    }
    if (!isBusyIntervalList(result)) {
      const error = new BookingError('CALENDAR_UNAVAILABLE', {
        details: { reason: 'malformed busy intervals', provider },
      });
      return { hostId, ok: false, error };
    }
    const outOfOffice = result.some(
      (i) => i.kind === 'out_of_office' && i.start < to && i.end > from,
    );
    return { hostId, ok: true, busy: result, outOfOffice };
  };

  const answers = new Array<MemberBusy>(members.length);
  let next = 0;
  // Each worker takes the next unread member until none is left: never more than `concurrency`
  // reads in flight, and each answer lands at its member's index.
  const worker = async (): Promise<void> => {
    while (next < members.length) {
      const index = next++;
      answers[index] = await readOne(members[index] as TeamMember);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, members.length) }, worker));
  return answers;
}
