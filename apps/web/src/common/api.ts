// The one fetch wrapper: JSON in and out, same-origin cookies, the CSRF header on writes, and
// errors turned into ApiError carrying the contract's `code` (SLOT_TAKEN, LINK_INACTIVE, ...).
// The messages it makes itself (network failure, an answer without an error body) are in the
// page's language; the server's own messages are English.
import { t } from './i18n';

export interface FieldIssue {
  path: string | (string | number)[];
  message: string;
}

/**
 * A 4xx/5xx answer of the API, or a network failure (`status` 0, code `NETWORK`). `details` holds
 * field issues (`VALIDATION_FAILED`); `info` holds object details (`SLUG_TAKEN`: `suggestion`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly info: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the token from login, signup or GET /api/auth/session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Calls the API and parses the JSON answer.
 *
 * @example
 * const { link } = await api<{ link: PublicLink }>('GET', `/api/public/links/${slug}`);
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      // Chromium caches a 410 without Cache-Control forever (heuristic freshness of 301/308/410),
      // which would keep a re-enabled link "inactive"; API answers are never reused.
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('api.network'));
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)
      ?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? t('api.failed', { status: res.status }),
      Array.isArray(err?.details) ? (err.details as FieldIssue[]) : [],
      typeof err?.details === 'object' && err.details !== null && !Array.isArray(err.details)
        ? (err.details as Record<string, unknown>)
        : {},
    );
  }
  return data as T;
}

/** `?a=1&b=2` from defined values. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
