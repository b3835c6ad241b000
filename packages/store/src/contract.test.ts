import {
  describeMessagingContract,
  describeStoreContract,
  describeTeamBookingContract,
} from '@workestra/booking-core/testing';
import { createTestDatabase, DIALECTS } from './test-support/databases.js';

// booking-core's port contract, against each SQL adapter, on a fresh database per test.
for (const dialect of DIALECTS) {
  describeStoreContract(dialect, async () => {
    const db = await createTestDatabase(dialect);
    const { store, jobs } = await db.open();
    return { store, jobs, close: () => db.drop() };
  });
}

for (const dialect of DIALECTS) {
  describeMessagingContract(dialect, async () => {
    const db = await createTestDatabase(dialect);
    const { ledger, outbox } = await db.open();
    return { ledger, outbox, close: () => db.drop() };
  });
}

// Team links over the real engines: fairness over 1,000 bookings and the 30-visitor race.
for (const dialect of DIALECTS) {
  describeTeamBookingContract(dialect, async () => {
    const db = await createTestDatabase(dialect);
    const { store } = await db.open();
    return { store, close: () => db.drop() };
  });
}
