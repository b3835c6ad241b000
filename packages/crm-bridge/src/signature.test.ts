import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isWebhookError } from './errors.js';
import {
  createWebhookSecret,
  parseSignatureHeader,
  signatureHeader,
  signPayload,
  verifySignature,
} from './signature.js';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"whd_1","event":"booking.created"}';
const NOW = Date.parse('2026-11-09T09:00:00Z');
const T = NOW / 1000;
const HEX = 'ab'.repeat(32);

const code = (result: ReturnType<typeof verifySignature>) => (result.ok ? 'ok' : result.error.code);

describe('signing and verifying', () => {
  it('accepts what it signed, and returns the signed timestamp', () => {
    const header = signatureHeader(SECRET, BODY, T);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature({ secret: SECRET, rawBody: BODY, header, now: NOW })).toEqual({
      ok: true,
      timestamp: T,
    });
  });

  it('signs HMAC-SHA256 over `${t}.${rawBody}`, the same for a string and its bytes', () => {
    // Known answer from an independent implementation: printf '1762678800.{}' | openssl dgst -sha256 -hmac k
    const known = 'c0db00b3baad3d92e376e827e8033ac5528dd62d8ae0ea47d0ca29d0a66e8d38';
    expect(signPayload('k', '{}', 1762678800)).toBe(known);
    expect(signPayload('k', Buffer.from('{}'), 1762678800)).toBe(known);
    const header = signatureHeader(SECRET, BODY, T);
    expect(
      verifySignature({ secret: SECRET, rawBody: Buffer.from(BODY), header, now: NOW }).ok,
    ).toBe(true);
  });

  it('refuses a tampered body, a re-serialized body and a wrong secret', () => {
    const header = signatureHeader(SECRET, BODY, T);
    const tampered = BODY.replace('created', 'cancelled');
    expect(code(verifySignature({ secret: SECRET, rawBody: tampered, header, now: NOW }))).toBe(
      'SIGNATURE_MISMATCH',
    );
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(code(verifySignature({ secret: SECRET, rawBody: reserialized, header, now: NOW }))).toBe(
      'SIGNATURE_MISMATCH',
    );
    expect(code(verifySignature({ secret: 'whsec_other', rawBody: BODY, header, now: NOW }))).toBe(
      'SIGNATURE_MISMATCH',
    );
  });

  it('refuses a header whose timestamp was changed after signing', () => {
    const header = signatureHeader(SECRET, BODY, T - 3600).replace(`t=${T - 3600}`, `t=${T}`);
    expect(code(verifySignature({ secret: SECRET, rawBody: BODY, header, now: NOW }))).toBe(
      'SIGNATURE_MISMATCH',
    );
  });

  it('accepts timestamps up to the tolerance either way, and refuses stale and future ones', () => {
    const at = (t: number, toleranceSeconds?: number) =>
      code(
        verifySignature({
          secret: SECRET,
          rawBody: BODY,
          header: signatureHeader(SECRET, BODY, t),
          now: NOW,
          ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
        }),
      );
    expect(at(T - 300)).toBe('ok');
    expect(at(T + 300)).toBe('ok');
    expect(at(T - 301)).toBe('SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE');
    expect(at(T + 301)).toBe('SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE');
    expect(at(T - 3600, 7200)).toBe('ok');
    expect(at(T - 1, 0)).toBe('SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE');
  });

  it('lets a secret rotate: one v1 per secret, any secret of the receiver may match', () => {
    const both = signatureHeader(['whsec_new', 'whsec_old'], BODY, T);
    expect(both.match(/v1=/g)).toHaveLength(2);
    for (const secret of ['whsec_new', 'whsec_old'])
      expect(verifySignature({ secret, rawBody: BODY, header: both, now: NOW }).ok).toBe(true);
    const oldOnly = signatureHeader('whsec_old', BODY, T);
    expect(
      verifySignature({
        secrets: ['whsec_new', 'whsec_old'],
        rawBody: BODY,
        header: oldOnly,
        now: NOW,
      }).ok,
    ).toBe(true);
    expect(
      code(verifySignature({ secret: 'whsec_third', rawBody: BODY, header: both, now: NOW })),
    ).toBe('SIGNATURE_MISMATCH');
  });

  it('needs a secret to verify with and to sign with', () => {
    expect(() => verifySignature({ rawBody: BODY, header: 't=1,v1=' + HEX })).toThrow(TypeError);
    expect(() => signatureHeader([], BODY, T)).toThrow(TypeError);
    expect(() => signatureHeader(SECRET, BODY, 1.5)).toThrow(TypeError);
  });

  propTest.prop([fc.string(), fc.string({ minLength: 1 }), fc.nat({ max: 299 })])(
    'round-trips any body and secret, and a one-character change of the body breaks it',
    (body, secret, skew) => {
      const header = signatureHeader(secret, body, T - skew);
      expect(verifySignature({ secret, rawBody: body, header, now: NOW }).ok).toBe(true);
      expect(code(verifySignature({ secret, rawBody: body + ' ', header, now: NOW }))).toBe(
        'SIGNATURE_MISMATCH',
      );
    },
  );
});

describe('parseSignatureHeader', () => {
  const malformed = (header: Parameters<typeof parseSignatureHeader>[0]) => {
    const parsed = parseSignatureHeader(header);
    return isWebhookError(parsed, 'SIGNATURE_MALFORMED');
  };

  it('reads t and every v1, ignores other schemes, spaces and hex case', () => {
    expect(
      parseSignatureHeader(`t=12, v0=xyz, v1=${HEX.toUpperCase()},v2=zz,v1=${'cd'.repeat(32)}`),
    ).toEqual({
      timestamp: 12,
      v1: [HEX, 'cd'.repeat(32)],
    });
    // A header sent twice arrives as an array (or joined by ", ").
    expect(parseSignatureHeader(['t=5', `v1=${HEX}`])).toEqual({ timestamp: 5, v1: [HEX] });
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', '  '],
    ['no t', `v1=${HEX}`],
    ['no v1', 't=12'],
    ['two t', `t=1,t=2,v1=${HEX}`],
    ['t not digits', `t=12a,v1=${HEX}`],
    ['t negative', `t=-12,v1=${HEX}`],
    ['t in ms-like length', `t=1762678800000000,v1=${HEX}`],
    ['short v1', 't=12,v1=abcd'],
    ['v1 not hex', `t=12,v1=${'zz'.repeat(32)}`],
    ['item without key', `t=12,=x,v1=${HEX}`],
    ['item without =', `t=12,v1,v1=${HEX}`],
    ['too long', `t=12,${`v0=${'a'.repeat(100)},`.repeat(50)}v1=${HEX}`],
  ])('refuses %s as SIGNATURE_MALFORMED', (_name, header) => {
    expect(malformed(header)).toBe(true);
  });

  it('is what verifySignature reports for a bad header', () => {
    expect(code(verifySignature({ secret: SECRET, rawBody: BODY, header: 'sig', now: NOW }))).toBe(
      'SIGNATURE_MALFORMED',
    );
  });
});

describe('createWebhookSecret', () => {
  it('is whsec_ and 32 random bytes in base64url', () => {
    expect(createWebhookSecret(() => new Uint8Array(32).fill(255))).toBe(
      `whsec_${'_'.repeat(42)}8`,
    );
    const a = createWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(createWebhookSecret()).not.toBe(a);
  });
});
