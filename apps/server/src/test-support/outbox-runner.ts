import { JobRunner, type Clock } from '@workestra/booking-core';
import { createEmailJobHandlers, createOutboxTransport } from '@workestra/notifications';
import { pino } from 'pino';
import { followUpHandlers } from '../jobs.js';
import type { TestServer } from './server.js';

/**
 * A job runner over a test server's store that sends the booking emails into its outbox, as the
 * server does without SMTP. `clock` defaults to the server's.
 */
export function outboxRunner(server: TestServer, clock: Clock = server.clock): JobRunner {
  const email = createEmailJobHandlers({
    ledger: server.handle.ledger,
    transport: createOutboxTransport(server.handle.outbox, { clock: server.clock }),
    publicUrl: 'http://workestra.test',
    from: 'Workestra <no-reply@workestra.test>',
    clock: server.clock,
  });
  return new JobRunner({
    jobs: server.handle.jobs,
    store: server.handle.store,
    handlers: followUpHandlers({
      store: server.handle.store,
      logger: pino({ level: 'silent' }),
      email,
    }),
    clock,
  });
}
