import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors.js';

/** `['weeklyHours', 'monday', 1]` -> `weeklyHours.monday[1]` (the same paths booking-core reports). */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

/**
 * Parses `input` with `schema` or throws `400 VALIDATION_FAILED` with `[{ path, message }]`.
 *
 * @example
 * ```ts
 * const body = parse(loginSchema, jsonBody(req));
 * ```
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: prefix + formatPath(issue.path),
    message: issue.message,
  }));
  throw new HttpError(400, 'VALIDATION_FAILED', 'The request is not valid', details);
}

/** The JSON body as an object: `{}` when there is none, `400` when it is an array or a scalar. */
export function jsonBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'VALIDATION_FAILED', 'The request body must be a JSON object', [
      { path: '', message: 'expected a JSON object' },
    ]);
  return body as Record<string, unknown>;
}

/** A route parameter as a string (Express 5 types allow arrays for wildcards). */
export function param(req: Request, name: string): string {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : '';
}

/**
 * Ids are ours (UUIDs, time-ordered ids): anything of another shape is simply not found, never a
 * database error.
 *
 * @example
 * ```ts
 * ID_SHAPE.test('crmc_01J'); // true
 * ```
 */
export const ID_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * A resource id from the path, or `404 NOT_FOUND`.
 *
 * @example
 * ```ts
 * const id = idParam(req, 'id');
 * ```
 */
export function idParam(req: Request, name: string): string {
  const id = param(req, name);
  if (!ID_SHAPE.test(id)) throw new HttpError(404, 'NOT_FOUND', 'Not found');
  return id;
}

/** Whether any string in a parsed JSON value (or query) holds a NUL, which PostgreSQL text refuses. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || typeof value !== 'object' || value === null) return false;
  for (const [key, inner] of Object.entries(value))
    if (key.includes('\u0000') || containsNul(inner, depth + 1)) return true;
  return false;
}
