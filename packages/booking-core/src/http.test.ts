import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlotsError } from '@workestra/slots';
import { describe, expect, it } from 'vitest';
import { BOOKING_ERROR_CODES, BookingError } from './errors.js';
import { BOOKING_ERROR_HTTP_STATUS } from './http-status.js';
import {
  BodyError,
  ERROR_HTTP_STATUS,
  errorResponse,
  readJsonBody,
  readJsonObject,
} from './http.js';

describe('errorResponse', () => {
  it('answers every BookingError code with the status of the one table', () => {
    for (const code of BOOKING_ERROR_CODES) {
      const { status, body } = errorResponse(new BookingError(code));
      expect(status).toBe(BOOKING_ERROR_HTTP_STATUS[code]);
      expect(body.error.code).toBe(code);
    }
  });

  it('keeps validation details, a slot-engine field and a body error code', () => {
    const details = [{ path: 'start', message: 'must be an instant' }];
    expect(errorResponse(new BookingError('VALIDATION_FAILED', { details }))).toEqual({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'The request is not valid', details } },
    });
    const slots = new SlotsError('INVALID_TIME_ZONE', 'rules.timeZone', 'unknown zone');
    expect(errorResponse(slots)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'INVALID_TIME_ZONE',
          message: 'rules.timeZone: unknown zone',
          field: 'rules.timeZone',
        },
      },
    });
    expect(errorResponse(new BodyError('PAYLOAD_TOO_LARGE', 'too big')).status).toBe(413);
    expect(ERROR_HTTP_STATUS.INVALID_RRULE).toBe(400);
  });

  it('answers anything else with 500 and a generic message that leaks nothing', () => {
    const leaky = Object.assign(new Error('relation "bookings" does not exist at /srv/app.js:1'), {
      code: 'SLOT_TAKEN',
    });
    for (const thrown of [leaky, 'a string', null, undefined, { code: 'SLOT_TAKEN' }]) {
      const answer = errorResponse(thrown);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual({
        error: { code: 'INTERNAL', message: 'Something went wrong on our side' },
      });
    }
  });
});

/** A real `node:http` server answering `readJsonBody(req, { limit: 64 })` as JSON; disposable. */
async function echoServer() {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    readJsonBody(req, { limit: 64 }).then(
      (value) => res.writeHead(200).end(JSON.stringify({ value: value ?? null })),
      (error: unknown) => {
        const { status, body } = errorResponse(error);
        res.writeHead(status).end(JSON.stringify(body));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** POSTs `chunks` one write each (chunked transfer unless `content-length` is given). */
    post(headers: Record<string, string>, ...chunks: string[]) {
      return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const req = request({ port, host: '127.0.0.1', method: 'POST', headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    },
    async [Symbol.asyncDispose]() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const json = { 'content-type': 'application/json; charset=utf-8' };
const codeOf = (answer: { body: unknown }) =>
  (answer.body as { error: { code: string } }).error.code;

describe('readJsonBody on node:http', () => {
  it('parses JSON, and an empty body is undefined', async () => {
    await using server = await echoServer();
    expect(await server.post(json, '{"slug":', '"intro"}')).toEqual({
      status: 200,
      body: { value: { slug: 'intro' } },
    });
    expect(await server.post({})).toEqual({ status: 200, body: { value: null } });
  });

  it('refuses bad JSON (400), a wrong type or compressed body (415), and too much (413)', async () => {
    await using server = await echoServer();
    const bad = await server.post(json, '{"slug":');
    expect([bad.status, codeOf(bad)]).toEqual([400, 'INVALID_JSON']);
    const text = await server.post({ 'content-type': 'text/plain' }, '{}');
    expect([text.status, codeOf(text)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const gzip = await server.post({ ...json, 'content-encoding': 'gzip' }, '{}');
    expect([gzip.status, codeOf(gzip)]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    // Declared too large: refused before reading.
    const declared = await server.post({ ...json, 'content-length': '65' }, 'x'.repeat(65));
    expect([declared.status, codeOf(declared)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // Streamed without a length: refused once the limit is passed, and the answer still arrives.
    const streamed = await server.post(json, 'x'.repeat(40), 'x'.repeat(40), 'x'.repeat(40));
    expect([streamed.status, codeOf(streamed)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // The connection and server still serve the next request.
    expect((await server.post(json, '[1]')).body).toEqual({ value: [1] });
  });
});

describe('readJsonBody on a Fetch API request', () => {
  it('parses JSON and refuses bad JSON and too much', async () => {
    const post = (body: string, headers: Record<string, string> = json) =>
      new Request('http://localhost/', { method: 'POST', headers, body });
    expect(await readJsonBody(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(new Request('http://localhost/'))).toBeUndefined();
    await expect(readJsonBody(post('{'))).rejects.toMatchObject({ code: 'INVALID_JSON' });
    await expect(readJsonBody(post('{}', {}))).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    await expect(readJsonBody(post('x'.repeat(100)), { limit: 64 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});

describe('readJsonObject', () => {
  it('answers an object, {} for no body, and VALIDATION_FAILED for an array or a scalar', async () => {
    const post = (body?: string) =>
      new Request('http://localhost/', { method: 'POST', headers: json, body: body ?? null });
    expect(await readJsonObject(post('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonObject(post())).toEqual({});
    for (const body of ['[1]', '"text"', 'null'])
      await expect(readJsonObject(post(body))).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path: '', message: 'must be a JSON object' }],
      });
  });
});
