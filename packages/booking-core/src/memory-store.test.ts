import { describeMessagingContract, describeStoreContract } from './testing.js';
import { createMemoryStore } from './memory-store.js';

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { store, jobs: store, close: async () => {} };
});

describeMessagingContract('memory', async () => {
  const store = createMemoryStore();
  return { ledger: store, outbox: store, close: async () => {} };
});
