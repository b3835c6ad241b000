import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http.js';

/** One registered OAuth client of an emulator. */
export interface EmulatorClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * A grant handed out without the consent screens, as a code exchange answers it.
 *
 * @example
 * ```ts
 * import { startGoogleEmulator, type EmulatorGrant } from '@workestra/calendar-providers/testing';
 * await using emulator = await startGoogleEmulator();
 * const { accessToken, refreshToken, expiresIn }: EmulatorGrant = emulator.issueGrant('ana@example.com');
 * ```
 */
export interface EmulatorGrant {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds the access token lives, as `expires_in` says. */
  readonly expiresIn: number;
}

/** `expires_in` of every access token the emulators issue. */
const ACCESS_TOKEN_SECONDS = 3599;

interface Grant {
  account: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge: string | null;
  method: string | null;
}

const secret = (prefix: string): string => `${prefix}${randomBytes(18).toString('base64url')}`;
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The OAuth 2.0 side of an emulator: an authorization page (a consent form naming the account),
 * the token endpoint (authorization code with PKCE, refresh token) and revocation. Access tokens
 * map to accounts; the calendar side asks `accountOf(header)`.
 */
export class OAuthState {
  private readonly codes = new Map<string, Grant>();
  private readonly access = new Map<string, { account: string; expired: boolean }>();
  private readonly refresh = new Map<
    string,
    { account: string; clientId: string; scope: string }
  >();

  constructor(
    private readonly client: EmulatorClient,
    private readonly options: { rotateRefreshTokens: boolean; tokenPrefix: string },
  ) {}

  /** A valid access token of `account` (for tests that skip the consent screens). */
  issueToken(account: string): string {
    const token = secret(this.options.tokenPrefix);
    this.access.set(token, { account, expired: false });
    return token;
  }

  /**
   * `account`'s grant for this client without the consent screens: a new access token and the
   * account's refresh token, a new one only when the account has none (revoking ends it).
   */
  issueGrant(account: string, scope: string): EmulatorGrant {
    let refreshToken = [...this.refresh].find(
      ([, e]) => e.account === account && e.clientId === this.client.clientId,
    )?.[0];
    if (refreshToken === undefined) {
      refreshToken = secret('refresh_');
      this.refresh.set(refreshToken, { account, clientId: this.client.clientId, scope });
    }
    return { accessToken: this.issueToken(account), refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
  }

  /** From now on the provider answers 401 to `token`. */
  expireToken(token: string): void {
    const entry = this.access.get(token);
    if (entry) entry.expired = true;
  }

  /** The account of a valid `Authorization: Bearer` header, or null. */
  accountOf(header: string | undefined): string | null {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    const entry = match ? this.access.get(match[1] ?? '') : undefined;
    return entry && !entry.expired ? entry.account : null;
  }

  /** GET: the consent page; the form posts back to the same URL. */
  authorizePage(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const problem = this.checkAuthorize(q);
    if (problem !== null)
      return void sendJson(res, 400, { error: 'invalid_request', error_description: problem });
    const hidden = [...q.entries()]
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    const hint = escapeHtml(q.get('login_hint') ?? 'host@example.com');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Emulated sign-in</title><h1>Allow access to your calendar?</h1>` +
        `<form method="post">${hidden}<label>Account <input name="account" value="${hint}"></label>` +
        `<button type="submit">Allow</button></form>`,
    );
  }

  /** POST of the consent form: redirects to `redirect_uri` with a code and the `state`. */
  async authorizeConsent(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const q = new URLSearchParams(await readBody(req));
    const problem = this.checkAuthorize(q);
    const account = q.get('account')?.trim() ?? '';
    if (problem !== null || account === '')
      return sendJson(res, 400, {
        error: 'invalid_request',
        error_description: problem ?? 'account is required',
      });
    const code = secret('code_');
    this.codes.set(code, {
      account,
      clientId: q.get('client_id') ?? '',
      redirectUri: q.get('redirect_uri') ?? '',
      scope: q.get('scope') ?? '',
      challenge: q.get('code_challenge'),
      method: q.get('code_challenge_method'),
    });
    const to = new URL(q.get('redirect_uri') ?? '');
    to.searchParams.set('code', code);
    const state = q.get('state');
    if (state !== null) to.searchParams.set('state', state);
    res.writeHead(302, { location: to.toString() });
    res.end();
  }

  private checkAuthorize(q: URLSearchParams): string | null {
    if (q.get('client_id') !== this.client.clientId) return 'unknown client_id';
    if (q.get('response_type') !== 'code') return 'response_type must be code';
    const redirect = q.get('redirect_uri');
    if (redirect === null || !URL.canParse(redirect)) return 'redirect_uri is required';
    if (!q.get('scope')) return 'scope is required';
    const method = q.get('code_challenge_method');
    if (q.get('code_challenge') !== null && method !== 'S256' && method !== 'plain')
      return 'code_challenge_method must be S256 or plain';
    return null;
  }

  /** POST of the token endpoint (form-encoded), as the real ones answer. */
  async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'form-encoded body required',
      });
    const form = new URLSearchParams(await readBody(req));
    const basic = /^Basic (\S+)$/.exec(req.headers.authorization ?? '');
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic[1] ?? '', 'base64')
          .toString('utf8')
          .split(':')
      : [];
    const clientId = form.get('client_id') ?? basicId;
    const clientSecret = form.get('client_secret') ?? basicSecret;
    if (clientId !== this.client.clientId || clientSecret !== this.client.clientSecret)
      return sendJson(res, 401, {
        error: 'invalid_client',
        error_description: 'bad client credentials',
      });
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return this.exchange(form, res);
    if (grant === 'refresh_token') return this.refreshGrant(form, res);
    sendJson(res, 400, {
      error: 'unsupported_grant_type',
      error_description: `grant_type ${grant}`,
    });
  }

  private exchange(form: URLSearchParams, res: ServerResponse): void {
    const code = form.get('code') ?? '';
    const grant = this.codes.get(code);
    this.codes.delete(code); // a code works once
    if (grant === undefined || grant.redirectUri !== form.get('redirect_uri'))
      return sendJson(res, 400, {
        error: 'invalid_grant',
        error_description: 'bad code or redirect_uri',
      });
    if (grant.challenge !== null) {
      const verifier = form.get('code_verifier') ?? '';
      const computed =
        grant.method === 'S256'
          ? createHash('sha256').update(verifier).digest('base64url')
          : verifier;
      if (computed !== grant.challenge)
        return sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'code_verifier does not match',
        });
    }
    const refreshToken = secret('refresh_');
    this.refresh.set(refreshToken, {
      account: grant.account,
      clientId: grant.clientId,
      scope: grant.scope,
    });
    sendJson(res, 200, {
      access_token: this.issueToken(grant.account),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: grant.scope,
      refresh_token: refreshToken,
    });
  }

  private refreshGrant(form: URLSearchParams, res: ServerResponse): void {
    const old = form.get('refresh_token') ?? '';
    const entry = this.refresh.get(old);
    if (entry === undefined)
      return sendJson(res, 400, {
        error: 'invalid_grant',
        error_description: 'refresh token revoked or unknown',
      });
    const body: Record<string, unknown> = {
      access_token: this.issueToken(entry.account),
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: entry.scope,
    };
    if (this.options.rotateRefreshTokens) {
      this.refresh.delete(old);
      const next = secret('refresh_');
      this.refresh.set(next, entry);
      body.refresh_token = next;
    }
    sendJson(res, 200, body);
  }

  /** POST of the revocation endpoint: the token (access or refresh) in the query or the form. */
  async revoke(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    const token =
      url.searchParams.get('token') ?? new URLSearchParams(await readBody(req)).get('token');
    const refresh = token === null ? undefined : this.refresh.get(token);
    const access = token === null ? undefined : this.access.get(token);
    if (refresh === undefined && access === undefined)
      return sendJson(res, 400, {
        error: 'invalid_token',
        error_description: 'Token expired or revoked',
      });
    const account = (refresh ?? access)?.account;
    // Revoking either token ends the grant: every token of the account stops working.
    for (const [t, e] of this.refresh) if (e.account === account) this.refresh.delete(t);
    for (const e of this.access.values()) if (e.account === account) e.expired = true;
    sendJson(res, 200, {});
  }
}
