// The composition `main.ts` runs: a started runtime works its job queue without a test draining it.
import { describe, expect, it } from 'vitest';
import { bookOne, signUpHost } from './test-support/client.js';
import { startTestServer } from './test-support/server.js';

describe('createRuntime', () => {
  it('with JOB_POLL_MS > 0, start() runs the job runner: a booking wakes it and its emails are sent', async () => {
    let sent = 0;
    let bothSent!: () => void;
    const emailsSent = new Promise<void>((resolve) => (bothSent = resolve));
    await using server = await startTestServer(
      'sqlite',
      // No idle poll within the test: only the booking's commit can wake the runner.
      { JOB_POLL_MS: '3600000' },
      {
        log: (line) => {
          if (line.includes('"msg":"email sent"') && ++sent === 2) bothSent();
        },
      },
    );
    await signUpHost(server);
    await bookOne(server, 'demo', '2026-11-04T10:00:00Z');
    await emailsSent;
    const subjects = (await server.handle.outbox.listOutbox()).map((m) => m.subject).sort();
    expect(subjects).toEqual([
      expect.stringMatching(/^Confirmed: Demo with/),
      expect.stringMatching(/^New booking: Demo with Ada/),
    ]);

    // close() stops the runner and closes the store; the disposal at the end closes again.
    await server.runtime.close();
    await expect(server.runtime.close()).resolves.toBeUndefined();
  });
});
