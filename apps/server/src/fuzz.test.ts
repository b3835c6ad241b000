// What this proves: hostile input never makes the server fail (issue 19). Every operation of the
// OpenAPI document the running server answers (`GET /api/openapi.json`, so a new route is fuzzed
// without touching this file) gets property-based requests (fast-check): path parameters forged
// (unknown ids and tokens, unicode, control characters, `../`, malformed percent-encodings, very
// long), query parameters of the wrong type (nonexistent time zones, the extremes of the Date range,
// huge numbers, repeated keys), bodies of the wrong shape (malformed JSON, wrong types for each
// declared property, huge and deeply nested values, arrays for objects, extra properties,
// `__proto__` / `constructor` keys, wrong media types, gzip/deflate/br bodies that are valid, a bomb
// or corrupt), sent anonymously, as a signed-in host with its CSRF token, with a forged, expired or
// revoked session cookie and with a wrong CSRF token. Every answer is below 500; every 4xx is JSON
// `{ error: { code, message } }`; every 2xx/3xx is the status and media type the document gives;
// nothing is logged as an unhandled error and no prototype is polluted. The slowest answer and its
// route are printed per dialect (not asserted: the machine's speed is not under test).
//
// Work is bounded by FUZZ_RUNS (default 60) runs per operation; the seed is fixed (FUZZ_SEED to
// explore others) and fast-check prints the seed and the shrunk request of any failure. Requests
// mix plausible values (so they get past validation to what lies behind it: the test prints how
// many operations answered a success) with hostile ones; FUZZ_DEBUG='POST /api/host/links' prints
// every request and answer of the matching operations.
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { WebhookHostLookup } from '@workestra/crm-bridge';
import {
  type GoogleEmulator,
  type MicrosoftEmulator,
  startGoogleEmulator,
  startMicrosoftEmulator,
} from '@workestra/calendar-providers/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCalendar } from './test-support/calendar-consent.js';
import { bookOne, Client, expectStatus, signUpHost } from './test-support/client.js';
import { DIALECTS, NOW, startTestServer, type TestServer } from './test-support/server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 19);
/** Prints each request and answer of the operations whose `METHOD /path` contains it. */
const DEBUG = process.env.FUZZ_DEBUG;

/** The parts of the OpenAPI document this test reads. */
interface Schema {
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
}
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required?: boolean;
  readonly schema: Schema;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Record<string, { schema: Schema }> };
  readonly responses: Record<string, { content?: Record<string, unknown> }>;
  readonly security?: readonly Record<string, unknown>[];
}
interface Route {
  readonly method: string;
  readonly path: string;
  readonly op: Operation;
}

/** Who sends a request. */
type Who = 'anonymous' | 'host' | 'forged' | 'expired' | 'revoked' | 'wrongCsrf' | 'junkCookie';

interface FuzzRequest {
  readonly who: Who;
  /** Path and query, as sent on the request line. */
  readonly target: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly ms: number;
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

const TIME_ZONES = [
  'Mars/Olympus',
  'UTC',
  'Etc/GMT+14',
  'Etc/GMT-15',
  'America/Argentina/ComodRivadavia',
  'Europe/Kyiv',
  'utc',
  '+25:00',
  'Z',
  '../../etc/passwd',
  'America/New_York\u0000',
  'Asia/Kathmandu',
  'A'.repeat(65),
];
const DATES = [
  '+275760-09-13T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20',
  '-271821-04-20T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-29T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-11-04T10:00:00+24:00',
  '2026-11-04T10:00:00.123456789012Z',
  '2026-11-04',
  '2026-11-04T10:00:00Z',
  '2026-11-04T10:00:00',
  'now',
  '',
];
const NUMBERS = [
  '8640000000000000',
  '8640000000000001',
  '-8640000000000000',
  '1e308',
  '1e999',
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '9'.repeat(400),
  '1.5',
  '-1',
  '0',
];
/** Forged ids and tokens: well-shaped but unknown, or shaped like nothing the server makes. */
const FORGED = [
  'lnk_00000000000000000000',
  '00000000-0000-0000-0000-000000000000',
  'A'.repeat(43),
  'v1.AAAA.BBBB',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
  'null',
  'undefined',
  '0',
  '-1',
  'NaN',
  'constructor',
  '__proto__',
  'toString',
  "' OR '1'='1",
  '"; DROP TABLE bookings; --',
  '<script>alert(1)</script>',
  '${7*7}',
];
/** Path segments sent as they are (all printable ASCII, so Node sends them unencoded). */
const RAW_SEGMENTS = [
  '..',
  '.',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%',
  '%E0%A4',
  '%C0%AE%C0%AE',
  '%FF%FE',
  '%ED%A0%80',
  '%00',
  '%0A%0D',
  '%20',
  ';',
  '~',
  '*',
  'a;b=c',
  '%252e%252e',
];

/** A string that becomes one path segment (percent-encoded, a lone surrogate made malformed). */
function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
}

const controlChars = fc
  .array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 8 })
  .map((codes) => String.fromCharCode(...codes, 0x7f));
const unicode = fc.string({ unit: 'grapheme', maxLength: 30 });
const binaryString = fc.string({ unit: 'binary', maxLength: 30 });
const longString = fc
  .tuple(fc.integer({ min: 300, max: 5000 }), fc.constantFrom('a', 'é', '😀', '\u202e', '%'))
  .map(([n, c]) => c.repeat(n));

/** Any string a client might send where text is expected. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  unicode,
  binaryString,
  controlChars,
  longString,
  fc.constantFrom(...TIME_ZONES, ...DATES, ...NUMBERS, ...FORGED),
);

/** A path parameter: forged, hostile, raw, or (now and then) a real id of this server. */
function segmentArb(real: readonly string[]): fc.Arbitrary<string> {
  const arbs: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: hostileString.filter((s) => s.length > 0).map(encodeSegment) },
    { weight: 2, arbitrary: fc.constantFrom(...FORGED).map(encodeSegment) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1000, max: 8000 }).map((n) => 'x'.repeat(n)),
    },
  ];
  if (real.length > 0)
    arbs.push({ weight: 8, arbitrary: fc.constantFrom(...real).map(encodeSegment) });
  return fc.oneof(...arbs);
}

/** Instants on the quarter hour in the 60 days after the test clock. */
const nearNow = fc.integer({ min: 0, max: 60 * 96 }).map((quarter) => NOW + quarter * 900_000);
/** Valid date-times at the ends of what the schemas accept. */
const EDGE_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-11-02T12:00:00+23:59',
  '2026-11-02T12:00:00-23:59',
  '2026-11-02T11:59:59.999999999Z',
  '2026-03-29T02:30:00+01:00',
];
/** Real zones, some odd (aliases, ±14 h, 45-minute offsets, no DST rules), and made-up ones. */
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Etc/GMT-14',
  'Etc/GMT+12',
  'America/Argentina/ComodRivadavia',
  'US/Pacific-New',
  'Antarctica/Troll',
  'EST5EDT',
  'GMT0',
  'Mars/Olympus',
  'Europe/Kyiv',
  'europe/berlin',
];

/** A regular expression of the document (zod writes JavaScript's, `\\p{..}` needs the u flag). */
function regexOf(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

/**
 * A value that may well be valid: what a real client would send (an enum member, a date-time on
 * the quarter hour around the test clock, an address, a zone), with the property's name as a hint.
 * Requests made of these get past validation, so what lies behind it is fuzzed too.
 */
function plausible(schema: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => plausible(s, name, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time')
        return fc.oneof(
          { weight: 4, arbitrary: nearNow.map((ms) => new Date(ms).toISOString()) },
          { weight: 1, arbitrary: fc.constantFrom(...EDGE_INSTANTS) },
        );
      if (schema.format === 'email' || /email/i.test(name))
        return fc.constantFrom('ada@example.com', 'bo@example.org', 'host@example.com');
      if (schema.format === 'uri' || /url/i.test(name))
        return fc.constantFrom('https://hooks.example.test/in', 'https://hooks.example.test/b');
      if (/timeZone/i.test(name)) return fc.constantFrom(...ZONES);
      if (/locale|lang/i.test(name)) return fc.constantFrom('de', 'en-GB', 'ja');
      const pattern = schema.pattern ? regexOf(schema.pattern) : null;
      if (pattern && !/\\p\{/.test(schema.pattern ?? ''))
        return fc.stringMatching(pattern).filter((v) => v.length <= (schema.maxLength ?? 200));
      return fc.string({
        unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 -'),
        minLength: Math.max(1, schema.minLength ?? 1),
        maxLength: Math.max(1, Math.min(schema.maxLength ?? 30, 30)),
      });
    }
    case 'integer':
    case 'number':
      // An instant in milliseconds (the Date range's end as its maximum): around the test clock.
      if ((schema.maximum ?? 0) >= 8.64e15)
        return fc.oneof(
          { weight: 4, arbitrary: nearNow },
          { weight: 1, arbitrary: fc.constantFrom(0, 1, 8.64e15, 8.64e15 - 1, 253402300799999) },
        );
      return fc.integer({
        min: Math.max(schema.minimum ?? 0, -1e6),
        max: Math.min(schema.maximum ?? 120, 1e6),
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(plausible(schema.items ?? {}, name, depth + 1), { maxLength: 3 });
    case 'object': {
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {}))
        model[key] = plausible(property, key, depth + 1);
      // Every required property; each optional one a third of the time (a client sends few).
      const required = new Set(schema.required ?? []);
      const absent = Symbol('absent');
      const withOptional: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, arb] of Object.entries(model))
        withOptional[key] = required.has(key)
          ? arb
          : fc.oneof({ weight: 2, arbitrary: fc.constant(absent) }, { weight: 1, arbitrary: arb });
      return fc
        .record(withOptional)
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== absent)));
    }
    default:
      return fc.constant({});
  }
}

/** `arb` in `present` cases out of `present + absent`, else null. */
function sometimes<T>(
  arb: fc.Arbitrary<T>,
  present: number,
  absent: number,
): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: absent, arbitrary: fc.constant(null) },
    { weight: present, arbitrary: arb },
  );
}

/** A value shaped like `schema` (a date-time where one is declared, an enum member, ...). */
function shaped(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => shaped(s, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time')
        return fc.oneof(
          fc
            .integer({ min: NOW - 86_400_000, max: NOW + 90 * 86_400_000 })
            .map((ms) => new Date(Math.floor(ms / 900_000) * 900_000).toISOString()),
          fc.constantFrom(...DATES),
        );
      if (schema.format === 'email')
        return fc.oneof(
          fc.emailAddress(),
          fc.constantFrom('a@b', '@example.com', 'x@example.com\n', 'ümlaut@exämple.de'),
        );
      if (schema.format === 'uri')
        return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'http://[::1]/x'));
      return fc.oneof(
        fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        fc.constantFrom(...TIME_ZONES),
        schema.maxLength !== undefined
          ? fc.constant('x'.repeat(schema.maxLength + 1))
          : fc.constant(''),
      );
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({
          min: Math.max(schema.minimum ?? -1e6, -1e9),
          max: Math.min(schema.maximum ?? 1e6, 1e9),
        }),
        fc.constantFrom(-1, 0, 1.5, 2 ** 53 + 1, 8.64e15 + 1, 1e308, -1e308),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(value(schema.items ?? {}, '', depth + 1), { maxLength: 4 });
    case 'object':
      return objectOf(schema, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A declared object: each property shaped or hostile, some left out, extra ones added. */
function objectOf(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties))
    model[name] = depth > 3 ? fc.jsonValue({ maxDepth: 1 }) : value(property, name, depth + 1);
  const required = (schema.required ?? []).filter((name) => name in model);
  return fc
    .tuple(
      fc.oneof(
        fc.record(model, { requiredKeys: required }),
        fc.record(model, { requiredKeys: [] }),
      ),
      fc.option(fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), {
        freq: 3,
      }),
    )
    .map(([declared, extra]) => ({ ...extra, ...declared }));
}

/** Nested `depth` deep: arrays or objects. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

/** A value of the wrong kind for anything. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, [], {}, '', [null], { length: 1 }),
  hostileString,
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 20, max: 3000 }).map((n) => nested(n, 'array')),
  fc.integer({ min: 20, max: 3000 }).map((n) => nested(n, 'object')),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'y'.repeat(n)),
);

/** What a client sends for a declared property: usually its shape, often not. */
function value(schema: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: plausible(schema, name, depth) },
    { weight: 2, arbitrary: shaped(schema, depth) },
    { weight: 1, arbitrary: wrongValue },
  );
}

/** A query parameter's value as text (the query is text: "wrong type" is a wrong text). */
function queryValue(schema: Schema, name: string): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: plausible(schema, name, 3).map((v) =>
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ),
    },
    {
      weight: 2,
      arbitrary: shaped(schema, 3).map((v) =>
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...TIME_ZONES, ...DATES, ...NUMBERS) },
    { weight: 1, arbitrary: hostileString },
  );
}

function queryArb(op: Operation, real: Record<string, string[]>): fc.Arbitrary<string> {
  const declared = (op.parameters ?? []).filter((p) => p.in === 'query');
  const pairs = declared.map((p) => {
    const pair = fc
      .tuple(
        real[p.name]
          ? fc.oneof(queryValue(p.schema, p.name), fc.constantFrom(...(real[p.name] ?? [])))
          : queryValue(p.schema, p.name),
        sometimes(fc.constant(true), 1, 5),
      )
      .map(([v, twice]) => {
        const one = `${encodeURIComponent(p.name)}=${encodeSegment(v)}`;
        // A repeated key: the simple query parser makes it an array.
        return twice ? `${one}&${one}` : one;
      });
    // A required parameter is left out now and then; an optional one often.
    return p.required ? sometimes(pair, 12, 1) : sometimes(pair, 2, 1);
  });
  return fc
    .tuple(
      fc.tuple(...pairs),
      sometimes(
        fc.constantFrom(
          '%',
          'a=%E0%A4',
          '&&&=',
          '__proto__[x]=1',
          'constructor=1',
          'x[]=1&x[]=2',
          '=',
        ),
        1,
        4,
      ),
    )
    .map(([chosen, junk]) => {
      const all = [...chosen.filter((p): p is string => p !== null), ...(junk ? [junk] : [])];
      return all.length > 0 ? `?${all.join('&')}` : '';
    });
}

/** JSON text with prototype-pollution keys put first. */
function polluted(body: unknown): string {
  const text = JSON.stringify(body) ?? 'null';
  const keys = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';
  if (text === '{}') return `{${keys}}`;
  if (text.startsWith('{')) return `{${keys},${text.slice(1)}`;
  return `{${keys},"value":${text}}`;
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"a":1,}',
  "{'a':1}",
  '\uFEFF{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u00"}',
  'NaN',
  '1e999999',
  '"unterminated',
  '{"a":1}{"b":2}',
  '{"__proto__":',
  '',
];

interface BodyPlan {
  readonly text: string | Buffer;
  readonly contentType: string | null;
  readonly encoding: 'identity' | 'gzip' | 'deflate' | 'br' | 'bomb' | 'corrupt';
}

/** JSON bodies: shaped by the declared schema, or polluted, malformed, deep or huge. */
function jsonBodyArb(schema: Schema | undefined): fc.Arbitrary<BodyPlan> {
  const doc = schema
    ? fc.oneof(
        { weight: 2, arbitrary: plausible(schema, '', 0) },
        { weight: 3, arbitrary: value(schema, '', 0) },
      )
    : fc.jsonValue({ maxDepth: 3 });
  const text = fc.oneof(
    { weight: 12, arbitrary: doc.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: doc.map(polluted) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom(...MALFORMED_JSON),
        fc.string({ maxLength: 50 }),
        doc.map((v) => (JSON.stringify(v) ?? 'null').slice(0, -1)),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1000, max: 40_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10_000, max: 100_000 })
        .map((n) => JSON.stringify({ s: 'z'.repeat(n) })),
    },
  );
  return fc.record({
    text,
    contentType: fc.oneof(
      { weight: 20, arbitrary: fc.constant('application/json') },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-16',
          'application/json; charset=latin1',
          'application/merge-patch+json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json, text/html',
          '',
        ),
      },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    encoding: fc.oneof(
      { weight: 12, arbitrary: fc.constant('identity' as const) },
      { weight: 3, arbitrary: fc.constantFrom('gzip' as const, 'deflate' as const, 'br' as const) },
      { weight: 1, arbitrary: fc.constantFrom('bomb' as const, 'corrupt' as const) },
    ),
  });
}

/** The first bytes of a PDF: what the upload field of the fuzzed link accepts. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Multipart bodies for the file uploads: well-formed with hostile names and types, or broken. */
function multipartArb(): fc.Arbitrary<BodyPlan> {
  /** Mostly `usual`, now and then `odd`. */
  const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: odd });
  return fc
    .record({
      boundary: mostly(fc.constant('fuzzboundary'), fc.constantFrom('', '"', 'a'.repeat(80), '--')),
      field: mostly(fc.constant('file'), hostileString),
      filename: mostly(fc.constant('brief.pdf'), hostileString),
      type: mostly(fc.constantFrom('image/png', 'application/pdf', 'text/html'), hostileString),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 2000 }),
        fc.uint8Array({ maxLength: 2000 }).map((tail) => Buffer.concat([PDF, tail])),
        fc.constant(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])),
      ),
      truncate: mostly(fc.constant(false), fc.constant(true)),
      parts: mostly(fc.constant(1), fc.integer({ min: 0, max: 3 })),
    })
    .map(({ boundary, field, filename, type, bytes, truncate, parts }) => {
      const clean = (s: string): string => s.replace(/[\r\n"]/g, '_');
      const part = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${clean(field)}"; filename="${clean(filename)}"\r\nContent-Type: ${clean(type)}\r\n\r\n`,
        ),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      ]);
      const whole = Buffer.concat([
        ...Array.from({ length: parts }, () => part),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
      return {
        text: truncate ? whole.subarray(0, Math.floor(whole.length / 2)) : whole,
        contentType: `multipart/form-data; boundary=${boundary}`,
        encoding: 'identity' as const,
      };
    });
}

function encodeBody(plan: BodyPlan): { body: Buffer; encoding?: string } {
  const raw = Buffer.isBuffer(plan.text) ? plan.text : Buffer.from(plan.text);
  switch (plan.encoding) {
    case 'identity':
      return { body: raw };
    case 'gzip':
      return { body: gzipSync(raw), encoding: 'gzip' };
    case 'deflate':
      return { body: deflateSync(raw), encoding: 'deflate' };
    case 'br':
      return { body: brotliCompressSync(raw), encoding: 'br' };
    case 'bomb':
      // 4 MB of zeros inside a JSON string: a few kilobytes on the wire.
      return {
        body: gzipSync(
          Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(4 << 20, 48), Buffer.from('"}')]),
        ),
        encoding: 'gzip',
      };
    case 'corrupt':
      return { body: Buffer.concat([gzipSync(raw).subarray(0, 10), raw]), encoding: 'gzip' };
  }
}

// ---------------------------------------------------------------------------------------------
// Sending.

/** At most 300 characters of `text`, and how many more there were. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…(+${text.length - 300})` : text;
}

function send(base: URL, method: string, request: FuzzRequest): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.length);
    const req = httpRequest(
      { host: base.hostname, port: base.port, method, path: request.target, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A request in one short line, whatever its size (how failures and FUZZ_DEBUG show it). */
function describeRequest(request: FuzzRequest): string {
  const body = request.body
    ? ` body(${request.body.length} bytes): ${clip(JSON.stringify(request.body.toString('latin1')))}`
    : '';
  return `${request.who} ${clip(request.target)} ${clip(JSON.stringify(request.headers))}${body}`;
}

/** The statuses and media types the document gives an operation's answers. */
function documented(op: Operation): Map<number, string | null> {
  const out = new Map<number, string | null>();
  for (const [status, response] of Object.entries(op.responses))
    out.set(Number(status), response.content ? (Object.keys(response.content)[0] ?? null) : null);
  return out;
}

/** The property every answer has; a message naming what broke it, or null. */
function violation(route: Route, reply: Reply): string | null {
  if (reply.status >= 500) return `answered ${reply.status}`;
  if (reply.status >= 400) {
    if (!reply.contentType.startsWith('application/json'))
      return `a ${reply.status} of type ${reply.contentType || '(none)'}`;
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(reply.text) as typeof body;
    } catch {
      return `a ${reply.status} whose body is not JSON`;
    }
    if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string')
      return `a ${reply.status} without { error: { code, message } }`;
    if (/\n\s+at |node_modules|\.ts:\d+/.test(reply.text)) return 'a stack trace in the answer';
    return null;
  }
  const responses = documented(route.op);
  if (!responses.has(reply.status)) return `an undocumented ${reply.status}`;
  const type = responses.get(reply.status);
  if (type && !reply.contentType.startsWith(type))
    return `a ${reply.status} of type ${reply.contentType}, documented as ${type}`;
  return null;
}

// ---------------------------------------------------------------------------------------------

describe.each(DIALECTS)('hostile input on every route of the OpenAPI document (%s)', (dialect) => {
  let server: TestServer;
  let google: GoogleEmulator | undefined;
  let graph: MicrosoftEmulator | undefined;
  let base: URL;
  const logs: string[] = [];
  let routes: Route[] = [];
  /**
   * Real ids and tokens of this server by path parameter name (any name: all of them), so that
   * fuzzed requests also reach real resources.
   */
  const real: Record<string, string[]> = {};
  const addReal = (name: string, ...values: (string | undefined)[]): void => {
    for (const v of values) if (v) (real[name] ??= []).push(v);
  };
  const cookies: Record<Exclude<Who, 'anonymous' | 'host' | 'wrongCsrf'>, string> = {
    forged: `wk_session=${randomBytes(32).toString('base64url')}`,
    expired: '',
    revoked: '',
    junkCookie: 'wk_session=%E0%A4; wk_session=..; =; ;;',
  };
  let host: Client;
  const slowest = { ms: 0, where: '' };
  let requests = 0;
  /** Answers by status, over all operations. */
  const statuses = new Map<number, number>();
  /** Per operation that needs a session: whether a host request got past auth (not 401/403). */
  const pastAuth = new Map<string, boolean>();
  /** Operations that answered a success (2xx/3xx) at least once. */
  const succeeded = new Set<string>();

  /** A webhook receiver nobody reaches: the lookup answers a public address, fetch answers 204. */
  const lookup: WebhookHostLookup = async () => [{ address: '93.184.216.34', family: 4 }];
  const fetchStub: typeof fetch = async () => new Response(null, { status: 204 });

  beforeAll(async () => {
    // Both calendar providers configured (their emulators), so the calendar routes are fuzzed
    // past "not configured"; the host connects Google below.
    google = await startGoogleEmulator();
    graph = await startMicrosoftEmulator();
    server = await startTestServer(
      dialect,
      {
        GOOGLE_CLIENT_ID: google.client.clientId,
        GOOGLE_CLIENT_SECRET: google.client.clientSecret,
        GOOGLE_BASE_URL: google.url,
        MICROSOFT_CLIENT_ID: graph.client.clientId,
        MICROSOFT_CLIENT_SECRET: graph.client.clientSecret,
        MICROSOFT_BASE_URL: graph.url,
      },
      { log: (line) => logs.push(line), webhooks: { lookup, fetch: fetchStub } },
    );
    base = new URL(server.url);

    // An expired session: signed in one session lifetime (and a minute) ago.
    server.clock.set(NOW - server.runtime.config.SESSION_TTL_HOURS * 3_600_000 - 60_000);
    const old = new Client(server.url);
    await old.signup({ email: 'expired@example.com' });
    cookies.expired = old.cookie ?? '';
    server.clock.set(NOW);
    // A revoked session: signed out, cookie kept.
    const gone = new Client(server.url);
    await gone.signup({ email: 'revoked@example.com' });
    const goneCookie = gone.cookie ?? '';
    expectStatus(await gone.post('/api/auth/logout'), 204);
    cookies.revoked = goneCookie;

    const signedUp = await signUpHost(server, { email: 'host@example.com' });
    host = signedUp.host;
    await connectCalendar(server, host, 'google', 'host@example.com');
    const booked = await bookOne(server, 'demo', '2026-11-04T10:00:00Z');
    // A link whose form takes a file, and one file uploaded to it.
    const brief = await host.post('/api/host/links', {
      body: {
        title: 'Brief',
        slug: 'brief',
        formFields: [{ id: 'brief', type: 'file', label: 'Brief', accept: ['pdf'] }],
      },
    });
    expectStatus(brief, 201);
    const form = new FormData();
    form.append('file', new Blob([PDF]), 'brief.pdf');
    const uploaded = await fetch(`${server.url}/api/public/links/brief/uploads?field=brief`, {
      method: 'POST',
      body: form,
    });
    expect(uploaded.status).toBe(201);
    addReal('uploadId', ((await uploaded.json()) as { upload: { id: string } }).upload.id);
    addReal('field', 'brief');
    const invite = await host.post('/api/host/invites', { body: { email: 'mate@example.com' } });
    expectStatus(invite, 201);
    const webhook = await host.post('/api/host/webhooks', {
      body: { url: 'https://hooks.example.test/in', events: ['booking.created'] },
    });
    expectStatus(webhook, 201);
    const timeOff = await host.post('/api/host/time-off', {
      body: { start: '2026-12-01T00:00:00Z', end: '2026-12-02T00:00:00Z' },
    });
    // Let the jobs run (CRM contact and deal, the webhook delivery), then read their ids.
    for (let round = 0; round < 20; round++)
      if ((await server.runtime.runner.runOnce()).claimed === 0) break;
    const contacts = await host.get('/api/host/crm/contacts');
    const deals = await host.get('/api/host/crm/deals');
    const deliveries = await host.get('/api/host/webhooks/deliveries');
    addReal('slug', signedUp.link.slug, 'brief');
    addReal(
      'token',
      booked.cancelToken,
      booked.rescheduleToken,
      String(invite.body.url).split('/').pop(),
    );
    addReal(
      'id',
      signedUp.link.id,
      booked.booking.id,
      invite.body.invite.id,
      webhook.body.subscription.id,
      timeOff.body?.timeOff?.id,
      contacts.body?.contacts?.[0]?.id,
      deals.body?.deals?.[0]?.id,
      deliveries.body?.deliveries?.[0]?.id,
    );
    addReal('provider', 'google', 'microsoft');

    const doc = await new Client(server.url).get('/api/openapi.json');
    expectStatus(doc, 200);
    for (const [path, ops] of Object.entries(
      doc.body.paths as Record<string, Record<string, Operation>>,
    ))
      for (const [method, op] of Object.entries(ops)) routes.push({ method, path, op });
    // Deletions last, so the other operations still find the real resources.
    routes = [
      ...routes.filter((route) => route.method !== 'delete'),
      ...routes.filter((route) => route.method === 'delete'),
    ];
  });
  afterAll(async () => {
    await server?.close();
    await google?.close();
    await graph?.close();
  });

  /** Re-sign the host in if a fuzzed request ended its session (logout). */
  async function keepHostSignedIn(): Promise<void> {
    const session = await host.get('/api/auth/session');
    if (session.status === 200) return;
    const login = await host.post('/api/auth/login', {
      body: { email: 'host@example.com', password: 'correct horse battery' },
      csrf: false,
    });
    expectStatus(login, 200);
  }

  function requestArb(route: Route): fc.Arbitrary<FuzzRequest> {
    const { op } = route;
    const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const path = fc
      .tuple(...names.map((name) => segmentArb(real[name] ?? Object.values(real).flat())))
      .map((values) => {
        let i = 0;
        return route.path.replace(/\{[^}]+\}/g, () => values[i++] ?? '');
      });
    const content = op.requestBody?.content ?? {};
    const jsonSchemaOfBody = content['application/json']?.schema;
    const body: fc.Arbitrary<BodyPlan | null> = content['multipart/form-data']
      ? fc.oneof(
          { weight: 3, arbitrary: multipartArb() },
          { weight: 1, arbitrary: jsonBodyArb(undefined) },
        )
      : jsonSchemaOfBody
        ? jsonBodyArb(jsonSchemaOfBody)
        : sometimes(jsonBodyArb(undefined), 1, 4);
    const who = fc.oneof(
      { weight: 6, arbitrary: fc.constant<Who>('host') },
      {
        weight: 4,
        arbitrary: fc.constantFrom<Who>(
          'anonymous',
          'forged',
          'expired',
          'revoked',
          'wrongCsrf',
          'junkCookie',
        ),
      },
    );
    const accept = sometimes(
      fc.constantFrom('text/html', 'application/json', '*/*', 'image/png'),
      1,
      2,
    );
    const origin = sometimes(
      fc.constantFrom('https://evil.example', 'null', 'http://workestra.test'),
      1,
      6,
    );
    return fc
      .record({ path, query: queryArb(op, real), body, who, accept, origin })
      .map(({ path, query, body, who, accept, origin }) => {
        const headers: Record<string, string> = {};
        if (who === 'host' || who === 'wrongCsrf') headers.cookie = host.cookie ?? '';
        else if (who !== 'anonymous') headers.cookie = cookies[who];
        if (who === 'host') headers['x-csrf-token'] = host.csrfToken ?? '';
        if (who === 'wrongCsrf') headers['x-csrf-token'] = 'A'.repeat(43);
        if (accept) headers.accept = accept;
        if (origin) headers.origin = origin;
        let encoded: Buffer | undefined;
        if (body) {
          const { body: bytes, encoding } = encodeBody(body);
          encoded = bytes;
          if (body.contentType !== null) headers['content-type'] = body.contentType;
          if (encoding) headers['content-encoding'] = encoding;
        }
        const target = path + query;
        return {
          who,
          target,
          headers,
          ...(encoded ? { body: encoded } : {}),
          // How fast-check shows a failing request: short, whatever its size.
          [fc.toStringMethod]: () =>
            describeRequest({ who, target, headers, ...(encoded ? { body: encoded } : {}) }),
        };
      });
  }

  it('answers a request Node refuses before routing (over-long URL or cookie) with 431 JSON', async () => {
    const cases: Record<string, string>[] = [{}, { cookie: `wk_session=${'a'.repeat(20_000)}` }];
    for (const headers of cases) {
      const target =
        Object.keys(headers).length > 0
          ? '/api/auth/session'
          : `/api/host/links/${'x'.repeat(20_000)}`;
      const reply = await send(base, 'GET', { who: 'anonymous', target, headers });
      expect(reply.status).toBe(431);
      expect(reply.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(reply.text)).toEqual({
        error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String) },
      });
    }
    // The server still answers afterwards.
    expect(
      (await send(base, 'GET', { who: 'anonymous', target: '/healthz', headers: {} })).status,
    ).toBe(200);
  });

  it('documents no 5xx answer but 503 (the database busy or down)', () => {
    expect(routes.length).toBeGreaterThan(50);
    const documented5xx = routes.flatMap(({ method, path, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 500 && status !== '503')
        .map(
          ([status, response]) =>
            `${method} ${path} ${status} ${JSON.stringify(response).slice(0, 80)}`,
        ),
    );
    expect(documented5xx).toEqual([]);
  });

  it('answers every fuzzed request of every operation below 500, 4xx as { error: { code, message } }', async () => {
    expect(routes.length).toBeGreaterThan(50);
    let index = 0;
    for (const route of routes) {
      const where = `${route.method.toUpperCase()} ${route.path}`;
      await fc.assert(
        fc.asyncProperty(requestArb(route), async (request) => {
          const reply = await send(base, route.method.toUpperCase(), request);
          requests++;
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          if (DEBUG && where.includes(DEBUG))
            console.log(`${describeRequest(request)} -> ${reply.status} ${clip(reply.text)}`);
          if (request.who === 'host' && reply.status !== 401 && reply.status !== 403)
            pastAuth.set(where, true);
          if (reply.status < 400) succeeded.add(where);
          if (reply.ms > slowest.ms)
            Object.assign(slowest, {
              ms: reply.ms,
              where: `${where} (${request.target.slice(0, 80)})`,
            });
          if (route.path.startsWith('/api/auth/') && request.who === 'host')
            await keepHostSignedIn();
          const broken = violation(route, reply);
          if (broken) throw new Error(`${where} as ${request.who}: ${broken}: ${clip(reply.text)}`);
        }),
        { numRuns: RUNS, seed: SEED + index++, endOnFailure: false },
      );
    }
    expect(logs.filter((line) => line.includes('unhandled error'))).toEqual([]);
    // The signed-in host's requests reached every host operation's own validation, not only auth.
    const stoppedAtAuth = routes
      .filter((route) => route.op.security !== undefined)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`)
      .filter((where) => !pastAuth.get(where));
    expect(stoppedAtAuth).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    console.log(
      `[fuzz ${dialect}] ${routes.length} operations, ${RUNS} runs each, ${requests} requests; ` +
        `slowest ${slowest.ms.toFixed(1)} ms: ${slowest.where}; by status: ` +
        [...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ') +
        `; ${succeeded.size} operations answered a success at least once; never: ` +
        routes
          .map((route) => `${route.method.toUpperCase()} ${route.path}`)
          .filter((where) => !succeeded.has(where))
          .join(', '),
    );
  }, 1_800_000);
});
