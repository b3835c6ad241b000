/*
 * Error brands. A package ships an ESM and a CJS build, and an application can load both (one
 * dependency imports, another requires): each build has its own error classes, so `instanceof`
 * silently fails across them. A `Symbol.for` key is the same in every copy, so a brand set on the
 * instance is recognised whichever build made it.
 */

/** Marks `error` with the non-enumerable brand `key`. */
export function setBrand(error: Error, key: symbol): void {
  Object.defineProperty(error, key, { value: true });
}

/** Whether `value` carries the brand `key` (and, if `code` is given, has that `code`). */
export function hasBrand(value: unknown, key: symbol, code?: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[key] === true &&
    (code === undefined || (value as { code?: unknown }).code === code)
  );
}
