import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy did with one call: forwarded it, refused it, or applied it and kept the answer. */
export type FaultOutcome = 'forwarded' | 500 | 429 | 'timeout';

/** The failures of a faulty call, in the order the plan cycles through them. */
export const FAULT_CYCLE = [500, 429, 'timeout'] as const satisfies readonly FaultOutcome[];

/** The call indexes (modulo 10) that fail while the plan is on: 30% of the calls. */
export const FAULTY_INDEXES: ReadonlySet<number> = new Set([1, 4, 7]);

/**
 * An HTTP proxy in front of an outside service (a calendar emulator, a webhook receiver) that fails
 * calls by a fixed plan while `on`: call number `i` (counted from 0 over the calls made while on)
 * fails when `i % 10` is in {@link FAULTY_INDEXES}, the failures cycling through
 * {@link FAULT_CYCLE}. A 500 or 429 is answered without reaching the service; a `timeout` reaches
 * it (the change is made) and its answer is never sent: the client waits for its own timeout.
 */
export interface FaultProxy extends AsyncDisposable {
  readonly url: string;
  /** Every call while the plan was on, in arrival order, with what the proxy did. */
  readonly calls: readonly {
    readonly method: string;
    readonly path: string;
    outcome: FaultOutcome;
  }[];
  /** Turns the plan on or off (off: every call is forwarded as is, and not counted). */
  setFaults(on: boolean): void;
  /**
   * Turns an outage on or off: while on, every call is refused with 500 (and counted), whatever
   * the plan; enough to exhaust a client's own retries of one call.
   */
  setOutage(on: boolean): void;
  close(): Promise<void>;
}

/** Starts a {@link FaultProxy} to `target` (an `http://host:port` origin) on a free loopback port. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const calls: { method: string; path: string; outcome: FaultOutcome }[] = [];
  let on = false;
  let outage = false;
  let faults = 0;
  const held: ServerResponse[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse, keepAnswer: boolean): void => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        if (keepAnswer) {
          // The change is made; the answer is dropped and the client's request left open.
          answer.resume();
          held.push(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };

  const server = createServer((req, res) => {
    const call = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      outcome: 'forwarded' as FaultOutcome,
    };
    if (!on && !outage) return forward(req, res, false);
    const index = calls.length;
    calls.push(call);
    if (!outage && !FAULTY_INDEXES.has(index % 10)) return forward(req, res, false);
    const outcome = outage ? 500 : (FAULT_CYCLE[faults++ % FAULT_CYCLE.length] ?? 500);
    call.outcome = outcome;
    if (outcome === 'timeout') return forward(req, res, true);
    req.resume();
    res.writeHead(outcome, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: outcome, message: 'injected fault' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    for (const res of held.splice(0)) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setFaults: (value) => void (on = value),
    setOutage: (value) => void (outage = value),
    close,
    [Symbol.asyncDispose]: close,
  };
}
