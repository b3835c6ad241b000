import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';

/** Parsed JSON as tests read it: any path, asserted by `expect` (or parsed with a response schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only, see above
export type Json = any;

/** What a test looks at in an answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
  readonly text: string;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Raw body, sent as is (with `contentType`). */
  readonly raw?: string;
  readonly contentType?: string;
  /** Send the CSRF token (default true when signed in). */
  readonly csrf?: boolean | string;
  readonly headers?: Record<string, string>;
}

/**
 * A tiny browser: keeps the session cookie and the CSRF token, sends JSON.
 *
 * @example
 * ```ts
 * const ana = new Client(server.url);
 * await ana.signup({ email: 'ana@example.com' });
 * const { body } = await ana.post('/api/host/links', { body: { title: 'Intro' } });
 * ```
 */
export class Client {
  cookie: string | undefined;
  csrfToken: string | undefined;
  lastSetCookie: string[] = [];

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf ?? true;
    if (typeof csrf === 'string') headers['x-csrf-token'] = csrf;
    else if (csrf && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair] = line.split(';');
      if (pair?.startsWith('wk_session=')) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const answer = { status: res.status, headers: res.headers, body: parsed as Json, text };
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed)
      this.csrfToken = (parsed as { csrfToken: string }).csrfToken;
    return answer;
  }

  get(path: string, options?: RequestOptions) {
    return this.request('GET', path, options);
  }
  post(path: string, options?: RequestOptions) {
    return this.request('POST', path, options);
  }
  put(path: string, options?: RequestOptions) {
    return this.request('PUT', path, options);
  }
  patch(path: string, options?: RequestOptions) {
    return this.request('PATCH', path, options);
  }
  delete(path: string, options?: RequestOptions) {
    return this.request('DELETE', path, options);
  }

  async signup(input: {
    email: string;
    password?: string;
    name?: string;
    timeZone?: string;
  }): Promise<Answer> {
    const res = await this.post('/api/auth/signup', {
      body: { password: 'correct horse battery', name: 'Ana', timeZone: 'UTC', ...input },
    });
    expectStatus(res, 201);
    return res;
  }
}

/** A signed-in host and the link it created (the link as the API answers it). */
export interface HostWithLink {
  readonly host: Client;
  readonly link: Json;
}

/**
 * Signs a host up (`host@example.com` unless `email` says otherwise) and creates one link (default
 * `{ title: 'Demo', slug: 'demo' }`); asserts both answer 201.
 *
 * @example
 * ```ts
 * const { host, link } = await signUpHost(server, { link: { title: 'Intro', slug: 'intro' } });
 * ```
 */
export async function signUpHost(
  server: { readonly url: string },
  options: Partial<Parameters<Client['signup']>[0]> & { link?: Record<string, unknown> } = {},
): Promise<HostWithLink> {
  const { link = { title: 'Demo', slug: 'demo' }, ...account } = options;
  const host = new Client(server.url);
  await host.signup({ email: 'host@example.com', ...account });
  const created = await host.post('/api/host/links', { body: link });
  expectStatus(created, 201);
  return { host, link: created.body.link };
}

/**
 * Books `start` on the link `slug` as a new visitor (Ada, `ada@example.com`, UTC, unless `attendee`
 * says otherwise); asserts 201 and resolves the answer's body (booking, tokens, URLs).
 *
 * @example
 * ```ts
 * const { booking, cancelToken } = await bookOne(server, 'demo', '2026-11-04T10:00:00Z');
 * ```
 */
export async function bookOne(
  server: { readonly url: string },
  slug: string,
  start: string,
  attendee: { name?: string; email?: string; timeZone?: string } = {},
): Promise<Json> {
  const booked = await new Client(server.url).post(`/api/public/links/${slug}/bookings`, {
    body: { start, name: 'Ada', email: 'ada@example.com', timeZone: 'UTC', ...attendee },
  });
  expectStatus(booked, 201);
  return booked.body;
}

/** Asserts the status, showing the body when it differs. */
export function expectStatus(res: Answer, status: number): void {
  expect(res.status, `${res.status}: ${res.text.slice(0, 500)}`).toBe(status);
}

/** Asserts an error answer: status, `{ error: { code, message } }`, and no stack trace. */
export function expectError(res: Answer, status: number, code: string): void {
  expectStatus(res, status);
  expect(res.body?.error?.code, res.text).toBe(code);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

/**
 * A GET with headers `fetch` will not send (`Host`), over `node:http`: status and body.
 *
 * @example
 * ```ts
 * const { status } = await rawGet(`${server.url}/dev/outbox`, { host: 'evil.example' });
 * ```
 */
export function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
