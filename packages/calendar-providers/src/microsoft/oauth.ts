import { createHash, randomBytes } from 'node:crypto';
import { CalendarProviderError } from '../errors.js';
import { randomState, type CalendarOAuth, type OAuthTokens } from '../oauth-types.js';

/**
 * The scopes the Microsoft adapter needs: a refresh token, and read/write of the calendars.
 *
 * @example
 * ```ts
 * import { MICROSOFT_CALENDAR_SCOPES } from '@workestra/calendar-providers';
 * MICROSOFT_CALENDAR_SCOPES.join(' '); // 'offline_access Calendars.ReadWrite'
 * ```
 */
export const MICROSOFT_CALENDAR_SCOPES = Object.freeze([
  'offline_access',
  'Calendars.ReadWrite',
] as const);

/**
 * Options of {@link createMicrosoftOAuth}.
 *
 * @example
 * ```ts
 * const options: MicrosoftOAuthOptions = { clientId: 'app-id', clientSecret: 'secret', redirectUri: 'https://app.example/oauth/microsoft', tenant: 'common' };
 * ```
 */
export interface MicrosoftOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** The directory: `common` (default), `organizations`, `consumers` or a tenant id. */
  readonly tenant?: string;
  /** The identity platform's endpoints by default; an emulator's `endpoints` in tests. */
  readonly endpoints?: { readonly authorizationUrl: string; readonly tokenUrl: string };
  /** The clock for `expiresAt` (default `Date.now`). */
  readonly now?: () => number;
}

/**
 * Microsoft identity platform OAuth (v2.0 endpoints) over `fetch`: PKCE S256, a random `state`,
 * code exchange, and refresh with rotation (store the new refresh token every time).
 * Microsoft has no endpoint that revokes one grant, so `revoke` only forgets: drop the stored
 * tokens; the host removes the app's consent in their account settings.
 *
 * @example
 * ```ts
 * import { createMicrosoftOAuth } from '@workestra/calendar-providers';
 * const oauth = createMicrosoftOAuth({ clientId: 'app-id', clientSecret: 'secret', redirectUri: 'https://app.example/oauth/microsoft' });
 * const started = await oauth.start({ loginHint: 'ana@example.com' });
 * // ...the host consents; the callback carries `code` and `state`:
 * const tokens = await oauth.exchange({ code: 'code-from-callback', codeVerifier: started.codeVerifier });
 * ```
 */
export function createMicrosoftOAuth(options: MicrosoftOAuthOptions): CalendarOAuth {
  const base = `https://login.microsoftonline.com/${encodeURIComponent(options.tenant ?? 'common')}/oauth2/v2.0`;
  const endpoints = options.endpoints ?? {
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
  };
  const now = options.now ?? Date.now;
  const scope = MICROSOFT_CALENDAR_SCOPES.join(' ');

  const token = async (step: string, form: Record<string, string>): Promise<OAuthTokens> => {
    let response: Response;
    try {
      response = await fetch(endpoints.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: options.clientId,
          client_secret: options.clientSecret,
          scope,
          ...form,
        }),
      });
    } catch (error) {
      throw new CalendarProviderError('OAUTH_FAILED', `Microsoft OAuth ${step}: no answer`, {
        cause: error,
      });
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? body.error : `status ${response.status}`;
      throw new CalendarProviderError(
        'OAUTH_FAILED',
        `Microsoft OAuth ${step} was refused (${reason})`,
        {
          status: response.status,
        },
      );
    }
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresAt: typeof body.expires_in === 'number' ? now() + body.expires_in * 1000 : null,
      scope: typeof body.scope === 'string' ? body.scope : null,
    };
  };

  return {
    async start(startOptions = {}) {
      const codeVerifier = randomBytes(48).toString('base64url');
      const state = startOptions.state ?? randomState();
      const url = new URL(endpoints.authorizationUrl);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        response_type: 'code',
        redirect_uri: options.redirectUri,
        response_mode: 'query',
        scope,
        state,
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
        ...(startOptions.loginHint ? { login_hint: startOptions.loginHint } : {}),
      }).toString();
      return { url: url.toString(), state, codeVerifier };
    },
    exchange: ({ code, codeVerifier }) =>
      token('code exchange', {
        grant_type: 'authorization_code',
        code,
        redirect_uri: options.redirectUri,
        code_verifier: codeVerifier,
      }),
    refresh: (refreshToken) =>
      token('refresh', { grant_type: 'refresh_token', refresh_token: refreshToken }),
    async revoke() {
      // No per-grant revocation exists at Microsoft: forgetting the tokens is the disconnect.
    },
  };
}
