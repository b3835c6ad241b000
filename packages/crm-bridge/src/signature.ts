import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EpochMs } from '@workestra/booking-core';
import { WebhookError } from './errors.js';

/**
 * The headers of every delivery, declared once: the signature, the delivery id to deduplicate on,
 * and the event name. Node lowercases incoming header names (`req.headers['workestra-signature']`).
 *
 * @example
 * ```ts
 * import { WEBHOOK_HEADERS } from '@workestra/crm-bridge';
 * WEBHOOK_HEADERS.signature; // 'Workestra-Signature'
 * ```
 */
export const WEBHOOK_HEADERS = Object.freeze({
  signature: 'Workestra-Signature',
  deliveryId: 'Workestra-Delivery-Id',
  event: 'Workestra-Event',
} as const);

/** How far a signed timestamp may be from the receiver's clock by default: five minutes. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Longer headers are refused unparsed (a few rotated signatures take ~150 characters each). */
const MAX_HEADER_LENGTH = 4096;

/**
 * A new signing secret: `whsec_` and 32 random bytes in base64url. Show it to the user once and
 * store it; the whole string (prefix included) is the HMAC key on both sides.
 *
 * @example
 * ```ts
 * import { createWebhookSecret } from '@workestra/crm-bridge';
 * const secret = createWebhookSecret(); // 'whsec_3q2+...' (49 characters)
 * ```
 */
export function createWebhookSecret(random: (size: number) => Uint8Array = randomBytes): string {
  return `whsec_${Buffer.from(random(32)).toString('base64url')}`;
}

/**
 * The `v1` signature of a body: lowercase hex HMAC-SHA256 with `secret` over
 * `` `${timestamp}.${rawBody}` ``, where `timestamp` is in unix seconds.
 *
 * @example
 * ```ts
 * import { signPayload } from '@workestra/crm-bridge';
 * const v1 = signPayload('whsec_test', '{"id":"whd_1"}', 1_767_225_600); // 64 hex characters
 * ```
 */
export function signPayload(
  secret: string,
  rawBody: string | Uint8Array,
  timestamp: number,
): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * The `Workestra-Signature` header value: `t=<unix seconds>,v1=<hex>`, one `v1` per secret, so
 * while a secret rotates receivers holding either the old or the new one accept the delivery.
 *
 * @example
 * ```ts
 * import { signatureHeader } from '@workestra/crm-bridge';
 * signatureHeader(['whsec_new', 'whsec_old'], '{}', 1_767_225_600); // 't=1767225600,v1=...,v1=...'
 * ```
 */
export function signatureHeader(
  secrets: string | readonly string[],
  rawBody: string | Uint8Array,
  timestamp: number,
): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new TypeError('signatureHeader needs at least one secret');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new TypeError('signatureHeader needs a timestamp in whole unix seconds');
  return [`t=${timestamp}`, ...list.map((s) => `v1=${signPayload(s, rawBody, timestamp)}`)].join(
    ',',
  );
}

/**
 * A `Workestra-Signature` header taken apart: the timestamp and every `v1` signature. Unknown
 * schemes (`v0=`, `v2=`) are skipped so a later scheme can be added beside `v1`.
 *
 * @example
 * ```ts
 * const parsed: ParsedSignatureHeader = { timestamp: 1_767_225_600, v1: ['5f0c...'] };
 * ```
 */
export interface ParsedSignatureHeader {
  readonly timestamp: number;
  readonly v1: readonly string[];
}

/**
 * Parses a `Workestra-Signature` header, or returns a `SIGNATURE_MALFORMED` error. A header that
 * arrived several times (an array, or joined with `, `) is read as one list.
 *
 * @example
 * ```ts
 * import { parseSignatureHeader } from '@workestra/crm-bridge';
 * const parsed = parseSignatureHeader(`t=1767225600,v1=${'ab'.repeat(32)}`);
 * if (parsed instanceof Error) throw parsed;
 * parsed.timestamp; // 1767225600
 * ```
 */
export function parseSignatureHeader(
  header: string | readonly string[] | null | undefined,
): ParsedSignatureHeader | WebhookError {
  const malformed = (why: string) =>
    new WebhookError('SIGNATURE_MALFORMED', `Workestra-Signature header ${why}`);
  if (header === null || header === undefined) return malformed('is missing');
  const text = typeof header === 'string' ? header : header.join(',');
  if (text.trim() === '') return malformed('is empty');
  if (text.length > MAX_HEADER_LENGTH) return malformed('is too long');
  let timestamp: number | null = null;
  const v1: string[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    const eq = item.indexOf('=');
    if (eq <= 0) return malformed(`has an item without a key: "${item.slice(0, 20)}"`);
    const key = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (key === 't') {
      if (timestamp !== null) return malformed('has more than one t=');
      if (!/^\d{1,12}$/.test(value)) return malformed('has a t= that is not unix seconds');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value))
        return malformed('has a v1= that is not 64 hex characters');
      v1.push(value.toLowerCase());
    }
  }
  if (timestamp === null) return malformed('has no t=');
  if (v1.length === 0) return malformed('has no v1=');
  return { timestamp, v1 };
}

/**
 * What {@link verifySignature} checks: the RAW body exactly as received (not re-serialized JSON),
 * the header, one secret or several (during a rotation), and the receiver's clock.
 *
 * @example
 * ```ts
 * const input: VerifySignatureInput = { secret: 'whsec_test', rawBody: '{}', header: 't=1,v1=00', now: Date.now() };
 * ```
 */
export interface VerifySignatureInput {
  readonly secret?: string;
  readonly secrets?: readonly string[];
  readonly rawBody: string | Uint8Array;
  readonly header: string | readonly string[] | null | undefined;
  /** The receiver's clock in epoch ms; defaults to `Date.now()`. */
  readonly now?: EpochMs;
  /** Defaults to {@link DEFAULT_SIGNATURE_TOLERANCE_SECONDS} (300). */
  readonly toleranceSeconds?: number;
}

/**
 * The verdict of {@link verifySignature}: `ok` with the signed timestamp, or the reason.
 *
 * @example
 * ```ts
 * const verdict: VerifySignatureResult = { ok: true, timestamp: 1_767_225_600 };
 * ```
 */
export type VerifySignatureResult =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly error: WebhookError };

/**
 * Checks a delivery's `Workestra-Signature` against the raw body: some `v1` must equal the HMAC
 * under some secret (compared in constant time), and the signed timestamp must be within
 * `toleranceSeconds` of `now` either way. Never throws for a bad header; the result says why.
 *
 * @example
 * ```ts
 * import { verifySignature } from '@workestra/crm-bridge';
 * const rawBody = '{"id":"whd_1"}';
 * const header = `t=${Math.floor(now / 1000)},v1=${'00'.repeat(32)}`;
 * const verdict = verifySignature({ secret: 'whsec_test', rawBody, header, now });
 * if (!verdict.ok) console.log(verdict.error.code); // 'SIGNATURE_MISMATCH'
 * ```
 */
export function verifySignature(input: VerifySignatureInput): VerifySignatureResult {
  const secrets = [...(input.secret === undefined ? [] : [input.secret]), ...(input.secrets ?? [])];
  if (secrets.length === 0) throw new TypeError('verifySignature needs a secret or secrets');
  const parsed = parseSignatureHeader(input.header);
  if (parsed instanceof WebhookError) return { ok: false, error: parsed };
  const matched = secrets.some((secret) => {
    const expected = Buffer.from(signPayload(secret, input.rawBody, parsed.timestamp), 'hex');
    return parsed.v1.some((v) => timingSafeEqual(expected, Buffer.from(v, 'hex')));
  });
  if (!matched)
    return {
      ok: false,
      error: new WebhookError('SIGNATURE_MISMATCH', 'no v1 signature matches the body'),
    };
  const tolerance = input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - parsed.timestamp) > tolerance)
    return {
      ok: false,
      error: new WebhookError(
        'SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE',
        `signed at ${parsed.timestamp}, ${nowSeconds - parsed.timestamp} s from now (tolerance ${tolerance} s)`,
      ),
    };
  return { ok: true, timestamp: parsed.timestamp };
}
