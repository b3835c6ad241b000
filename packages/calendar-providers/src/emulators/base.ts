import type { Server } from 'node:http';
import type { LoggedRequest } from './api.js';
import type { EmulatorFault, FaultPlan, Hang } from './faults.js';
import { close } from './http.js';
import type { EmulatorClient, OAuthState } from './oauth.js';

/**
 * What every emulator has: its URL and OAuth client, tokens for tests that skip the consent
 * screens, the fault controls, the request log, and closing.
 *
 * @example
 * ```ts
 * import { startGoogleEmulator } from '@workestra/calendar-providers/testing';
 * const emulator: Emulator = await startGoogleEmulator();
 * emulator.faults.push({ status: 429, retryAfter: '2' });
 * await emulator.close();
 * ```
 */
export interface Emulator extends AsyncDisposable {
  /** The emulator's base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly client: EmulatorClient;
  /** A valid access token of `account`, without the consent screens. */
  issueToken(account: string): string;
  /** From now on the API answers 401 to `token`. */
  expireToken(token: string): void;
  /** Failures to answer next, a random failure rate, or a request that hangs until released. */
  readonly faults: {
    push(...faults: EmulatorFault[]): void;
    hangNext(): Hang;
    setRandom(rate: number, random: () => number, faults: readonly EmulatorFault[]): void;
  };
  /** Every API request so far: method, path and the status answered. */
  readonly requests: readonly LoggedRequest[];
  /** Stops the server; hanging requests are released and cut. */
  close(): Promise<void>;
}

/** The {@link Emulator} part of an emulator object, over its running parts. */
export function emulatorBase(parts: {
  url: string;
  client: EmulatorClient;
  oauth: OAuthState;
  faults: FaultPlan;
  requests: readonly LoggedRequest[];
  server: Server;
}): Emulator {
  const { oauth, faults, server } = parts;
  const stop = async () => {
    faults.releaseAll();
    await close(server);
  };
  return {
    url: parts.url,
    client: parts.client,
    issueToken: (account) => oauth.issueToken(account),
    expireToken: (token) => oauth.expireToken(token),
    faults: {
      push: (...f) => faults.push(...f),
      hangNext: () => faults.hangNext(),
      setRandom: (rate, random, f) => faults.setRandom(rate, random, f),
    },
    requests: parts.requests,
    close: stop,
    [Symbol.asyncDispose]: stop,
  };
}
