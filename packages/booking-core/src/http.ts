/*
 * `@workestra/booking-core/http`: framework-free helpers for serving the use-cases over HTTP.
 * Read a body, pass it to a use-case as it is (they validate their input), and turn whatever is
 * thrown into `{ status, body }`.
 */
export {
  BODY_ERROR_CODES,
  BODY_ERROR_HTTP_STATUS,
  BodyError,
  ERROR_HTTP_STATUS,
  errorResponse,
  isBodyError,
} from './http-errors.js';
export type { BodyErrorCode, ErrorBody, ErrorResponse } from './http-errors.js';
export { DEFAULT_BODY_LIMIT, readJsonBody, readJsonObject } from './http-body.js';
export type { FetchRequestLike, ReadJsonBodyOptions } from './http-body.js';
