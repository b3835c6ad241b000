import { describeMessagingContract, describeStoreContract } from '@workestra/booking-core/testing';
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
