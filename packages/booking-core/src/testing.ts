/**
 * Test helpers of `@workestra/booking-core` (imports vitest): the store contract suite every
 * adapter runs, row builders and a manual clock.
 */
export { describeStoreContract } from './store-contract.js';
export type { StoreFactory } from './store-contract.js';
export { describeMessagingContract } from './messaging-contract.js';
export type { MessagingFactory } from './messaging-contract.js';
export {
  FIXTURE_EPOCH,
  makeBooking,
  makeHost,
  makeLink,
  makeNewJob,
  manualClock,
} from './fixtures.js';
export type { ManualClock } from './fixtures.js';
