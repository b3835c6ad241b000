import { createFollowUpHandlers, createMemoryStore } from '@workestra/booking-core';
import { describeFollowUpContract, manualClock } from '@workestra/booking-core/testing';
import { createEmailJobHandlers } from './handlers.js';
import { createOutboxTransport } from './outbox-transport.js';

// The email handlers pass booking-core's follow-up contract: twice is harmless, stale is skipped.
describeFollowUpContract('email over the outbox transport', async () => {
  const store = createMemoryStore();
  const handlers = createFollowUpHandlers({
    store,
    handlers: createEmailJobHandlers({
      ledger: store,
      transport: createOutboxTransport(store),
      publicUrl: 'https://workestra.test',
      from: 'Workestra <no-reply@workestra.test>',
      clock: manualClock('2026-11-01T00:00:00Z'),
    }),
  });
  return {
    store,
    jobs: store,
    handlers,
    effects: async () => {
      const listed = await store.listOutbox({ limit: 1000 });
      return Promise.all(listed.map((m) => store.getOutboxMessage(m.id)));
    },
    close: async () => {},
  };
});
