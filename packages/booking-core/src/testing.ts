/**
 * Test helpers of `@workestra/booking-core` (imports vitest): the contract suites every adapter
 * runs (stores, messaging, calendars, CRMs, follow-up handlers), row builders and a manual clock.
 */
export { describeStoreContract } from './store-contract.js';
export type { StoreFactory } from './store-contract.js';
export { describeTeamBookingContract } from './team-booking-contract.js';
export type { TeamBookingStoreFactory } from './team-booking-contract.js';
export { describeMessagingContract } from './messaging-contract.js';
export type { MessagingFactory } from './messaging-contract.js';
export { describeCalendarContract } from './calendar-contract.js';
export type { CalendarFactory } from './calendar-contract.js';
export { describeCrmContract } from './crm-contract.js';
export type { CrmFactory } from './crm-contract.js';
export { describeFollowUpContract } from './follow-up-contract.js';
export type { FollowUpFactory } from './follow-up-contract.js';
export {
  FIXTURE_EPOCH,
  makeBooking,
  makeHost,
  makeLink,
  makeNewJob,
  makeUpload,
  manualClock,
} from './fixtures.js';
export type { ManualClock } from './fixtures.js';
