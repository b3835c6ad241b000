import type { IncomingMessage } from 'node:http';
import { BookingError } from './errors.js';
import { BodyError } from './http-errors.js';

/**
 * A Fetch API request, as Hono, the Web `Request` and other fetch-style frameworks hand it over
 * (only what {@link readJsonBody} reads).
 *
 * @example
 * ```ts
 * const req: FetchRequestLike = new Request('http://localhost/', { method: 'POST', body: '{}' });
 * ```
 */
export interface FetchRequestLike {
  readonly headers: { get(name: string): string | null };
  readonly body: AsyncIterable<Uint8Array> | null;
}

/**
 * Options of {@link readJsonBody}.
 *
 * @example
 * ```ts
 * const options: ReadJsonBodyOptions = { limit: 16 * 1024 };
 * ```
 */
export interface ReadJsonBodyOptions {
  /** Largest body accepted, in bytes. Default {@link DEFAULT_BODY_LIMIT}. */
  readonly limit?: number;
}

/**
 * The default body limit of {@link readJsonBody}: 64 KiB, far more than any booking-core input.
 *
 * @example
 * ```ts
 * import { DEFAULT_BODY_LIMIT } from '@workestra/booking-core/http';
 * DEFAULT_BODY_LIMIT; // 65536
 * ```
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** `application/json` or a `+json` type, with any parameters (`; charset=utf-8`). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

function header(req: IncomingMessage | FetchRequestLike, name: string): string | undefined {
  if (isFetchRequest(req)) return req.headers.get(name) ?? undefined;
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function isFetchRequest(req: IncomingMessage | FetchRequestLike): req is FetchRequestLike {
  return typeof (req.headers as FetchRequestLike['headers']).get === 'function';
}

/**
 * The body's chunks. A Node request is read without being destroyed when reading stops early, so
 * the connection stays usable for the error answer.
 */
function chunks(req: IncomingMessage | FetchRequestLike): AsyncIterable<Uint8Array> | null {
  return isFetchRequest(req)
    ? req.body
    : (req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>);
}

const tooLarge = (limit: number) =>
  new BodyError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`);

/**
 * Reads a request's JSON body, for a `node:http` `IncomingMessage` (Express, Fastify's `raw`,
 * plain `createServer`) or a Fetch API request (Hono's `c.req.raw`). Returns the parsed value
 * (`undefined` for an empty body), to pass straight to a use-case, which validates it. Refuses
 * with a {@link BodyError}: a body over `limit` bytes (`PAYLOAD_TOO_LARGE`, checked on
 * `Content-Length` first, then while reading, so no more than `limit` bytes are ever held), one
 * that is not `application/json` or is compressed (`UNSUPPORTED_MEDIA_TYPE`), and one that is not
 * valid JSON (`INVALID_JSON`). `errorResponse` turns each into its 4xx answer.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { errorResponse, readJsonBody } from '@workestra/booking-core/http';
 *
 * createServer(async (req, res) => {
 *   try {
 *     const booking = await core.cancel(await readJsonBody(req, { limit: 16 * 1024 }));
 *     res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ booking }));
 *   } catch (error) {
 *     const { status, body } = errorResponse(error);
 *     res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
 *   }
 * });
 * ```
 */
export async function readJsonBody(
  req: IncomingMessage | FetchRequestLike,
  options: ReadJsonBodyOptions = {},
): Promise<unknown> {
  const limit = options.limit ?? DEFAULT_BODY_LIMIT;
  const length = Number(header(req, 'content-length') ?? NaN);
  if (length > limit) throw tooLarge(limit);
  const encoding = (header(req, 'content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity')
    throw new BodyError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body uncompressed');

  const parts: Uint8Array[] = [];
  let size = 0;
  const source = chunks(req);
  if (source !== null)
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > limit) {
        // The rest of an oversized body is discarded as it arrives, never buffered.
        if (!isFetchRequest(req)) req.resume();
        throw tooLarge(limit);
      }
      parts.push(chunk);
    }
  if (size === 0) return undefined;
  const type = header(req, 'content-type') ?? '';
  if (!JSON_TYPE.test(type))
    throw new BodyError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown;
  } catch (error) {
    throw new BodyError('INVALID_JSON', 'Request body is not valid JSON', { cause: error });
  }
}

/**
 * {@link readJsonBody} for a body that must be a JSON object, e.g. to add path parameters to it
 * before calling a use-case. An empty body is `{}`; an array or a scalar is
 * `BookingError('VALIDATION_FAILED')`, like any other input of the wrong shape.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { readJsonObject } from '@workestra/booking-core/http';
 *
 * createServer(async (req) => {
 *   const slug = new URL(req.url ?? '/', 'http://localhost').pathname.split('/')[2];
 *   await core.book({ ...(await readJsonObject(req)), slug });
 * });
 * ```
 */
export async function readJsonObject(
  req: IncomingMessage | FetchRequestLike,
  options: ReadJsonBodyOptions = {},
): Promise<Record<string, unknown>> {
  const value = await readJsonBody(req, options);
  if (value === undefined) return {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  throw new BookingError('VALIDATION_FAILED', {
    message: 'The request body must be a JSON object',
    details: [{ path: '', message: 'must be a JSON object' }],
  });
}
