import { OAuth2Client } from 'google-auth-library';
import { CalendarProviderError, isCalendarProviderError } from '../errors.js';
import { randomState, type CalendarOAuth, type OAuthTokens } from '../oauth-types.js';

/**
 * The scopes the Google adapter needs: read events of the calendars to check, write events.
 *
 * @example
 * ```ts
 * import { GOOGLE_CALENDAR_SCOPES } from '@workestra/calendar-providers';
 * GOOGLE_CALENDAR_SCOPES.length; // 2
 * ```
 */
export const GOOGLE_CALENDAR_SCOPES = Object.freeze([
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
] as const);

/**
 * Options of {@link createGoogleOAuth}.
 *
 * @example
 * ```ts
 * const options: GoogleOAuthOptions = { clientId: 'id.apps.example', clientSecret: 'secret', redirectUri: 'https://app.example/oauth/google' };
 * ```
 */
export interface GoogleOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Google's endpoints by default; an emulator's `endpoints` in tests. */
  readonly endpoints?: {
    readonly authorizationUrl: string;
    readonly tokenUrl: string;
    readonly revokeUrl: string;
  };
}

/**
 * Google OAuth over `google-auth-library`: offline access (a refresh token), consent prompt,
 * PKCE S256 and a random `state`. Check the callback's `state` against the kept one yourself.
 *
 * @example
 * ```ts
 * import { createGoogleOAuth } from '@workestra/calendar-providers';
 * const oauth = createGoogleOAuth({ clientId: 'id', clientSecret: 'secret', redirectUri: 'https://app.example/oauth/google' });
 * const started = await oauth.start();
 * // ...the host consents; the callback carries `code` and `state`:
 * const tokens = await oauth.exchange({ code: 'code-from-callback', codeVerifier: started.codeVerifier });
 * ```
 */
export function createGoogleOAuth(options: GoogleOAuthOptions): CalendarOAuth {
  const client = () =>
    new OAuth2Client({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: options.redirectUri,
      ...(options.endpoints
        ? {
            endpoints: {
              oauth2AuthBaseUrl: options.endpoints.authorizationUrl,
              oauth2TokenUrl: options.endpoints.tokenUrl,
              oauth2RevokeUrl: options.endpoints.revokeUrl,
            },
          }
        : {}),
    });
  const failed = (step: string, error: unknown) =>
    new CalendarProviderError('OAUTH_FAILED', `Google OAuth ${step} was refused`, { cause: error });
  const tokensOf = (c: {
    access_token?: string | null;
    refresh_token?: string | null;
    expiry_date?: number | null;
    scope?: string | null;
  }): OAuthTokens => {
    if (!c.access_token)
      throw new CalendarProviderError('OAUTH_FAILED', 'Google answered no access token');
    return {
      accessToken: c.access_token,
      refreshToken: c.refresh_token ?? null,
      expiresAt: c.expiry_date ?? null,
      scope: c.scope ?? null,
    };
  };

  return {
    async start(startOptions = {}) {
      const c = client();
      const { codeVerifier, codeChallenge } = await c.generateCodeVerifierAsync();
      const state = startOptions.state ?? randomState();
      const url = c.generateAuthUrl({
        access_type: 'offline',
        prompt: 'consent',
        scope: [...GOOGLE_CALENDAR_SCOPES],
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256' as never,
        ...(startOptions.loginHint ? { login_hint: startOptions.loginHint } : {}),
      });
      return { url, state, codeVerifier };
    },
    async exchange({ code, codeVerifier }) {
      try {
        const { tokens } = await client().getToken({ code, codeVerifier });
        return tokensOf(tokens);
      } catch (error) {
        if (isCalendarProviderError(error)) throw error;
        throw failed('code exchange', error);
      }
    },
    async refresh(refreshToken) {
      const c = client();
      c.setCredentials({ refresh_token: refreshToken });
      try {
        const { credentials } = await c.refreshAccessToken();
        return tokensOf({
          ...credentials,
          refresh_token:
            credentials.refresh_token === refreshToken ? null : credentials.refresh_token,
        });
      } catch (error) {
        if (isCalendarProviderError(error)) throw error;
        throw failed('refresh', error);
      }
    },
    async revoke(token) {
      try {
        await client().revokeToken(token);
      } catch (error) {
        // 400 invalid_token: the token is already expired or revoked, which is what we want.
        const status =
          (error as { status?: number; response?: { status?: number } }).status ??
          (error as { response?: { status?: number } }).response?.status;
        if (status !== 400) throw failed('revoke', error);
      }
    },
  };
}
