import express, { type Request, type RequestHandler } from 'express';
import { HttpError } from './errors.js';

/** What body-parser attaches to its errors (http-errors): a `type` for the failures it names. */
interface ParserError {
  readonly type?: string;
}

/**
 * Every error code {@link bodyError} answers: a route that reads a body can answer each of them
 * (the OpenAPI document lists them for such routes).
 */
export const BODY_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_CONTENT_ENCODING',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;

/** One of {@link BODY_ERROR_CODES}. */
export type BodyErrorCode = (typeof BODY_ERROR_CODES)[number];

/** An {@link HttpError} whose code is, by its type, one of {@link BODY_ERROR_CODES}. */
function fail(status: number, code: BodyErrorCode, message: string): HttpError {
  return new HttpError(status, code, message);
}

/** The request's `Content-Encoding`, as body-parser reads it. */
function contentEncoding(req: Request): string {
  return (req.headers['content-encoding'] ?? 'identity').toLowerCase();
}

/**
 * The client-facing error for a failure of the JSON body parser. Every way reading a body can
 * fail is the client's doing (a bad encoding, bad JSON, too much data, a connection cut short), so
 * each maps to a 4xx; notably a corrupt or truncated gzip/deflate/br body, which zlib reports as a
 * bare stream error (`Z_DATA_ERROR`, `Z_BUF_ERROR`, brotli's `ERR__ERROR_FORMAT_*`).
 */
export function bodyError(error: unknown, req: Request): HttpError {
  const type = (error as ParserError | null)?.type;
  const encoding = contentEncoding(req);
  switch (type) {
    case 'entity.too.large':
      return fail(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
    case 'entity.parse.failed':
      return fail(400, 'VALIDATION_FAILED', 'Request body is not valid JSON');
    case 'encoding.unsupported':
      return fail(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding "${encoding}" is not supported; send the body uncompressed, or as gzip, deflate or br`,
      );
    case 'charset.unsupported':
      return fail(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON');
    case 'request.size.invalid':
      return fail(
        400,
        'VALIDATION_FAILED',
        'Request body length does not match its Content-Length',
      );
  }
  if (encoding !== 'identity')
    return fail(
      400,
      'INVALID_CONTENT_ENCODING',
      `Request body is not valid ${encoding} data (Content-Encoding: ${encoding})`,
    );
  return fail(400, 'VALIDATION_FAILED', 'Malformed request body');
}

/**
 * Express's JSON body parser whose every failure is a typed 4xx {@link HttpError} (see
 * {@link bodyError}), so none reaches the error handler as an unknown error and answers 500.
 *
 * @example
 * ```ts
 * api.use(jsonBodyParser({ limit: config.BODY_LIMIT_BYTES }));
 * ```
 */
export function jsonBodyParser(options: { limit: number }): RequestHandler {
  const parse = express.json({ limit: options.limit });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) =>
      error === undefined ? next() : next(bodyError(error, req)),
    );
}
