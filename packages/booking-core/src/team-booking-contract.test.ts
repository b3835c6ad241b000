import { createMemoryStore } from './memory-store.js';
import { describeTeamBookingContract } from './team-booking-contract.js';

describeTeamBookingContract('memory', async () => ({
  store: createMemoryStore(),
  close: async () => {},
}));
