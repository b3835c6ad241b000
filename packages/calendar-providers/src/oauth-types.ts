import { randomBytes } from 'node:crypto';

/**
 * Tokens of one connection as the token endpoint answered them. `refreshToken` is null when the
 * provider kept the old one (Google does on refresh): keep the one you have.
 *
 * @example
 * ```ts
 * const tokens: OAuthTokens = { accessToken: 'ya29.x', refreshToken: '1//r', expiresAt: Date.now() + 3_599_000, scope: 'openid' };
 * ```
 */
export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  /** Epoch ms when the access token expires, or null when not told. */
  readonly expiresAt: number | null;
  readonly scope: string | null;
}

/**
 * What starting a consent gives: the URL to send the host to, and the `state` and PKCE
 * `codeVerifier` to keep (server side) until the callback.
 *
 * @example
 * ```ts
 * const started: OAuthStart = { url: 'https://accounts.example/auth?...', state: 's', codeVerifier: 'v' };
 * ```
 */
export interface OAuthStart {
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string;
}

/**
 * The OAuth steps of one provider: start a consent (authorization URL with PKCE and `state`),
 * exchange the callback's code, refresh, revoke. Failures throw `CalendarProviderError('OAUTH_FAILED')`.
 *
 * @example
 * ```ts
 * const oauth: CalendarOAuth = createGoogleOAuth({ clientId: 'id', clientSecret: 'secret', redirectUri: 'https://app.example/cb' }); // or createMicrosoftOAuth;
 * const { url, state, codeVerifier } = await oauth.start({ loginHint: 'ana@example.com' });
 * ```
 */
export interface CalendarOAuth {
  start(options?: { readonly loginHint?: string; readonly state?: string }): Promise<OAuthStart>;
  exchange(input: { readonly code: string; readonly codeVerifier: string }): Promise<OAuthTokens>;
  refresh(refreshToken: string): Promise<OAuthTokens>;
  /** Ends the grant (on disconnect); a token that is already invalid counts as revoked. */
  revoke(token: string): Promise<void>;
}

/** A random `state` for a consent: 192 bits, URL-safe. */
export function randomState(): string {
  return randomBytes(24).toString('base64url');
}
