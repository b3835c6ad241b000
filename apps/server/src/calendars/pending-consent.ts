import { createHash, timingSafeEqual } from 'node:crypto';
import type { ConnectedCalendarProvider, TokenSealer } from '@workestra/booking-core';
import { z } from 'zod';
import { connectedProviderSchema } from '../api-schemas.js';

/** The cookie that carries a started consent to its callback. */
export const CONSENT_COOKIE = 'wk_calendar_consent';
/** How long a host has to consent at the provider. */
export const CONSENT_TTL_MS = 10 * 60_000;

/**
 * What a consent start keeps until the callback, sealed (AES-GCM with the server's key) into an
 * httpOnly cookie rather than kept in memory, so any instance can answer the callback. It is bound
 * to the host's session by the SHA-256 of the session id.
 */
export interface PendingConsent {
  readonly provider: ConnectedCalendarProvider;
  readonly state: string;
  readonly codeVerifier: string;
  readonly sessionHash: string;
  readonly expiresAt: number;
}

const pendingSchema = z.object({
  provider: connectedProviderSchema,
  state: z.string(),
  codeVerifier: z.string(),
  sessionHash: z.string(),
  expiresAt: z.number(),
});

const hash = (sid: string) => createHash('sha256').update(`consent:${sid}`).digest('hex');

/** Seals a consent for `sid`'s session. */
export function sealConsent(
  sealer: TokenSealer,
  input: {
    provider: ConnectedCalendarProvider;
    state: string;
    codeVerifier: string;
    sid: string;
    now: number;
  },
): string {
  const pending: PendingConsent = {
    provider: input.provider,
    state: input.state,
    codeVerifier: input.codeVerifier,
    sessionHash: hash(input.sid),
    expiresAt: input.now + CONSENT_TTL_MS,
  };
  return sealer.seal(JSON.stringify(pending));
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The consent the cookie carries if it was sealed by this server for this session and provider,
 * has not expired, and its `state` is the callback's; otherwise null.
 */
export function openConsent(
  sealer: TokenSealer,
  cookie: string | undefined,
  expected: { provider: ConnectedCalendarProvider; state: string; sid: string; now: number },
): PendingConsent | null {
  if (cookie === undefined) return null;
  let parsed: PendingConsent;
  try {
    const result = pendingSchema.safeParse(JSON.parse(sealer.open(cookie)));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null; // not sealed with our key, or tampered with
  }
  const ok =
    parsed.provider === expected.provider &&
    parsed.expiresAt > expected.now &&
    sameText(parsed.sessionHash, hash(expected.sid)) &&
    sameText(parsed.state, expected.state);
  return ok ? parsed : null;
}
