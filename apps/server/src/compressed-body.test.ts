import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from './route-table.js';
import { Client, expectError, expectStatus, type Answer } from './test-support/client.js';
import { startTestServer, type TestServer } from './test-support/server.js';

/**
 * Sends a raw body with any method (fetch refuses a body on GET) and any `Content-Encoding`, over
 * `node:http`; the answer as the test client reads it.
 */
function sendRaw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') out.set(name, value);
          resolve({ status: res.statusCode ?? 0, headers: out, body: parsed, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const json = Buffer.from(JSON.stringify({ email: 'host@example.com', password: 'wrong password' }));

/** Bodies that claim an encoding they do not have. */
const CORRUPT: readonly (readonly [encoding: string, label: string, body: Buffer])[] = [
  ['gzip', 'not gzip at all', Buffer.from('{"this": "is not gzip"}')],
  ['gzip', 'truncated gzip', gzipSync(json).subarray(0, 14)],
  ['gzip', 'gzip with a corrupt payload', Buffer.concat([gzipSync(json).subarray(0, 10), json])],
  ['deflate', 'not deflate', Buffer.from('definitely not zlib data')],
  ['deflate', 'truncated deflate', deflateSync(json).subarray(0, 6)],
  ['br', 'not brotli', Buffer.from('not brotli, not brotli, not brotli')],
  ['br', 'truncated brotli', brotliCompressSync(json).subarray(0, 5)],
];

/**
 * Every `/api` route of the table that reads JSON, with its path parameters filled in (`/healthz`
 * reads no body; a file upload takes no compressed body at all, see the last test).
 */
const API = API_ROUTES.filter((route) => route.path.startsWith('/api/') && !route.multipartFile);
const UPLOADS = API_ROUTES.filter((route) => route.multipartFile);

describe('compressed request bodies', () => {
  let server: TestServer;
  let host: Client;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite', {}, { log: (line) => logs.push(line) });
    host = new Client(server.url);
    await host.signup({ email: 'host@example.com' });
  });
  afterAll(() => server?.close());

  /** Headers of a signed-in host with its CSRF token: the request gets as far as it can. */
  const headers = (encoding: string): Record<string, string> => ({
    'content-type': 'application/json',
    'content-encoding': encoding,
    cookie: host.cookie ?? '',
    'x-csrf-token': host.csrfToken ?? '',
  });
  const urlOf = (path: string): string =>
    server.url + path.replace(/:([A-Za-z]+)/g, (_m, name: string) => `test-${name}`);

  it('answers a corrupt or truncated body with 400 INVALID_CONTENT_ENCODING on every route', async () => {
    expect(API.length).toBeGreaterThan(15);
    for (const route of API)
      for (const [encoding, label, body] of CORRUPT) {
        const res = await sendRaw(
          urlOf(route.path),
          route.method.toUpperCase(),
          headers(encoding),
          body,
        );
        const where = `${route.method} ${route.path} (${label})`;
        expect(res.status, `${where}: ${res.text}`).toBe(400);
        expectError(res, 400, 'INVALID_CONTENT_ENCODING');
        expect(res.body.error.message, where).toContain(encoding);
      }
    expect(logs.filter((line) => line.includes('unhandled error'))).toEqual([]);
  });

  it('answers an unsupported encoding with 415 on every route', async () => {
    for (const route of API)
      for (const encoding of ['compress', 'x-unknown', 'gzip, br']) {
        const res = await sendRaw(
          urlOf(route.path),
          route.method.toUpperCase(),
          headers(encoding),
          gzipSync(json),
        );
        expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(res.body.error.message, `${route.method} ${route.path}`).toContain(encoding);
      }
    expect(logs.filter((line) => line.includes('unhandled error'))).toEqual([]);
  });

  it('still reads well-formed compressed bodies, and limits their decompressed size', async () => {
    for (const [encoding, compress] of [
      ['gzip', gzipSync],
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const) {
      const login = await sendRaw(
        `${server.url}/api/auth/login`,
        'POST',
        headers(encoding),
        compress(json),
      );
      expectError(login, 401, 'INVALID_CREDENTIALS');
      // 1 MB of spaces compresses to about a kilobyte: the limit counts what it inflates to.
      const bomb = compress(Buffer.concat([Buffer.from('{"a":"'), Buffer.alloc(1 << 20, 32)]));
      expect(bomb.length).toBeLessThan(32 * 1024);
      const big = await sendRaw(`${server.url}/api/auth/login`, 'POST', headers(encoding), bomb);
      expectError(big, 413, 'PAYLOAD_TOO_LARGE');
    }
    const plain = await sendRaw(`${server.url}/api/auth/login`, 'POST', headers('identity'), json);
    expectStatus(plain, 401);
  });

  it('answers a compressed file upload with 415, whatever the encoding, before reading it', async () => {
    expect(UPLOADS.length).toBeGreaterThan(0);
    for (const route of UPLOADS)
      for (const encoding of ['gzip', 'deflate', 'br', 'x-unknown']) {
        const res = await sendRaw(
          urlOf(route.path),
          route.method.toUpperCase(),
          { ...headers(encoding), 'content-type': 'multipart/form-data; boundary=x' },
          gzipSync(json),
        );
        expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(res.body.error.message, `${route.method} ${route.path}`).toContain(encoding);
      }
  });
});
