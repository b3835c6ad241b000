export { computeSlots, computeTeamSlots } from './compute.js';
export { checkSlot } from './check.js';
export type { SlotCheckInput } from './check.js';
export { groupSlotsByDay } from './group.js';
export { isSlotsError, SLOTS_ERROR_CODES, SlotsError } from './errors.js';
export type { SlotsErrorCode } from './errors.js';
export { DEFAULT_POLICY } from './policy.js';
export { isValidTimeZone } from './zone.js';
export { toEpochMs } from './instants.js';
export { wallClockToInstant } from './wall-clock.js';
export type {
  AvailabilityRules,
  DateOverride,
  DaySlots,
  HostInput,
  InstantInput,
  Interval,
  RecurringOverride,
  Slot,
  SlotCheck,
  SlotInput,
  SlotPolicy,
  SlotRejection,
  TeamSlot,
  TeamSlotInput,
  TimeWindow,
  Weekday,
  WeeklyHours,
} from './types.js';
