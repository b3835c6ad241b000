import type { Server } from 'node:http';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { closeServer, listen } from './lifecycle.js';

describe('closeServer', () => {
  it('stops accepting but lets the request in flight finish', async () => {
    const app = express();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    app.get('/slow', async (_req, res) => {
      await gate;
      res.json({ done: true });
    });
    const server: Server = await listen(app, 0, '127.0.0.1');
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const inFlight = fetch(`${url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    let closed = false;
    const closing = closeServer(server).then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    await expect(fetch(`${url}/slow`)).rejects.toThrow();
    release();
    const res = await inFlight;
    expect(await res.json()).toEqual({ done: true });
    await closing;
    expect(closed).toBe(true);
  });
});
