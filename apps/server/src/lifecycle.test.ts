import type { Server } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { closeServer, listen } from './lifecycle.js';

/** A promise with its resolver outside, to synchronise on events instead of the clock. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('closeServer', () => {
  it('stops accepting but lets the request in flight finish', async () => {
    const app = express();
    const arrived = deferred();
    const gate = deferred();
    app.get('/slow', async (_req, res) => {
      arrived.resolve();
      await gate.promise;
      res.json({ done: true });
    });
    const server: Server = await listen(app, 0, '127.0.0.1');
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const inFlight = fetch(`${url}/slow`);
    // The handler runs: the request is in flight before the server starts closing.
    await arrived.promise;
    let closed = false;
    const closing = closeServer(server).then(() => (closed = true));
    expect(server.listening).toBe(false);
    // A refused connection takes whole event-loop turns: had `close` not waited for the request in
    // flight, its callback would have run by the time this rejects.
    await expect(fetch(`${url}/slow`)).rejects.toThrow();
    expect(closed).toBe(false);
    gate.resolve();
    const res = await inFlight;
    // The answer ends its keep-alive connection, which would otherwise hold the close open.
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ done: true });
    await closing;
    expect(closed).toBe(true);
  });
});
