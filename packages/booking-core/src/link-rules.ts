import { computeSlots, type AvailabilityRules, type SlotPolicy } from '@workestra/slots';
import type { BookingLinkSettings, EpochMs } from './domain.js';
import { BookingError } from './errors.js';
import { withSlotsValidation } from './validation.js';

const DAY_MS = 86_400_000;

/**
 * The UTC date of an instant as `YYYY-MM-DD`, clamped to the years such dates can spell (0000 to
 * 9999) so that string comparison stays date comparison; `undefined` past `Date`'s range.
 */
function utcDate(instant: EpochMs): string | undefined {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  if (year > 9999) return '9999-12-31';
  if (year < 0) return '0000-01-01';
  return date.toISOString().slice(0, 10);
}

/**
 * The slot engine's view of a link: its availability rules. With `around`, only the date
 * overrides that can matter for instants in `[from, to]` are passed on: the engine checks every
 * override it is given, and a link may hold a thousand while a read needs a month's worth (the
 * link was checked in full when it was saved). The margin is three dates either side: a
 * host-local date is within a day of the UTC date, and the engine looks one date past each end.
 */
export function linkRules(
  link: BookingLinkSettings,
  around?: { readonly from: EpochMs; readonly to: EpochMs },
): AvailabilityRules {
  const first = around && utcDate(around.from - 3 * DAY_MS);
  const last = around && utcDate(around.to + 3 * DAY_MS);
  return {
    timeZone: link.timeZone,
    weekly: link.weeklyHours,
    dateOverrides:
      first === undefined || last === undefined
        ? link.dateOverrides
        : link.dateOverrides.filter((o) => o.date >= first && o.date <= last),
    recurringOverrides: link.recurringOverrides,
  };
}

/** The slot engine's view of a link: how its slots are cut. */
export function linkPolicy(link: BookingLinkSettings): SlotPolicy {
  return {
    durationMinutes: link.durationMinutes,
    bufferBeforeMinutes: link.bufferBeforeMinutes,
    bufferAfterMinutes: link.bufferAfterMinutes,
    minimumNoticeMinutes: link.minNoticeHours * 60,
    maxDaysAhead: link.maxDaysAhead,
    ...(link.dailyCap === null ? {} : { dailyCap: link.dailyCap }),
  };
}

/**
 * Checks what zod cannot: windows that end before they start or overlap, unknown zones, bad
 * RRULEs (by compiling the rules in the slot engine on an empty range), and cross-field rules.
 * Throws `VALIDATION_FAILED` with the link's own field names.
 */
export function assertLinkSettings(settings: BookingLinkSettings, now: number): void {
  withSlotsValidation(() =>
    computeSlots({
      rules: linkRules(settings),
      policy: linkPolicy(settings),
      from: now,
      to: now,
      now,
    }),
  );
  if (settings.autoMeetingLink && settings.calendarProvider === 'none') {
    throw new BookingError('VALIDATION_FAILED', {
      details: [
        {
          path: 'autoMeetingLink',
          message: 'needs a calendar provider (google or microsoft) to create the meeting link',
        },
      ],
    });
  }
}
