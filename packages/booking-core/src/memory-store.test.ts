import { describeStoreContract } from './testing.js';
import { createMemoryStore } from './memory-store.js';

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { store, jobs: store, close: async () => {} };
});
