/**
 * Reads one cookie from a `Cookie` header (no dependency; values are not URL-decoded because ours
 * are base64url).
 *
 * @example
 * ```ts
 * readCookie('a=1; wk_session=abc', 'wk_session'); // 'abc'
 * ```
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
