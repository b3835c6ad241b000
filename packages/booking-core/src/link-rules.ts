import { computeSlots, type AvailabilityRules, type SlotPolicy } from '@workestra/slots';
import type { BookingLinkSettings } from './domain.js';
import { BookingError } from './errors.js';
import { withSlotsValidation } from './validation.js';

/** The slot engine's view of a link: its availability rules. */
export function linkRules(link: BookingLinkSettings): AvailabilityRules {
  return {
    timeZone: link.timeZone,
    weekly: link.weeklyHours,
    dateOverrides: link.dateOverrides,
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
