import type { TokenSealer } from '@workestra/booking-core';
import { HttpError } from './http/errors.js';

/**
 * How long a "Schedule a call" link books onto its deal: 14 days.
 *
 * @example
 * ```ts
 * const expiresAt = Date.now() + DEAL_TOKEN_TTL_MS;
 * ```
 */
export const DEAL_TOKEN_TTL_MS = 14 * 86_400_000;

/**
 * The longest token the booking page may send; a longer one cannot be one of ours.
 *
 * @example
 * ```ts
 * const dealToken = z.string().max(DEAL_TOKEN_MAX_LENGTH);
 * ```
 */
export const DEAL_TOKEN_MAX_LENGTH = 1024;

/** Sealed values of other purposes (calendar credentials, self-service tokens) never open as this. */
const PURPOSE = 'crm-deal-attach';

/**
 * What a deal token binds: a booking through `linkId` in `workspaceId` attaches to `dealId`,
 * until `expiresAt` (epoch ms).
 *
 * @example
 * ```ts
 * const claims: DealTokenClaims = { workspaceId: 'ws_1', dealId: 'crmd_1', linkId: 'lnk_1', expiresAt: Date.now() + DEAL_TOKEN_TTL_MS };
 * ```
 */
export interface DealTokenClaims {
  readonly workspaceId: string;
  readonly dealId: string;
  readonly linkId: string;
  readonly expiresAt: number;
}

/**
 * Mints and opens the tokens of "Schedule a call" links: the claims sealed with the server's
 * secret (AES-256-GCM, so any change to a token makes it fail to open).
 *
 * @example
 * ```ts
 * const tokens = createDealTokens(sealer);
 * const { token } = tokens.mint({ workspaceId, dealId, linkId }, Date.now());
 * tokens.open(token, Date.now()); // the claims, or HttpError 400 INVALID_DEAL_TOKEN
 * ```
 */
export interface DealTokens {
  /** A token for these claims, valid {@link DEAL_TOKEN_TTL_MS} from `now`. */
  mint(
    claims: Omit<DealTokenClaims, 'expiresAt'>,
    now: number,
  ): { token: string; expiresAt: number };
  /** The claims of a token that opens, is a deal token and has not expired; otherwise throws `INVALID_DEAL_TOKEN` (400). */
  open(token: string, now: number): DealTokenClaims;
}

/**
 * The refusal of a deal token, whatever is wrong with it: one stable code, no detail an attacker
 * could probe with.
 *
 * @example
 * ```ts
 * throw invalidDealToken('This scheduling link has expired');
 * ```
 */
export function invalidDealToken(message = 'This scheduling link is not valid'): HttpError {
  return new HttpError(400, 'INVALID_DEAL_TOKEN', message);
}

/**
 * {@link DealTokens} over the server's sealer.
 *
 * @example
 * ```ts
 * const dealTokens = createDealTokens(createAesGcmSealer(secret.key));
 * ```
 */
export function createDealTokens(sealer: TokenSealer): DealTokens {
  return {
    mint(claims, now) {
      const expiresAt = now + DEAL_TOKEN_TTL_MS;
      const token = sealer.seal(
        JSON.stringify({
          p: PURPOSE,
          w: claims.workspaceId,
          d: claims.dealId,
          l: claims.linkId,
          e: expiresAt,
        }),
      );
      return { token, expiresAt };
    },
    open(token, now) {
      if (token.length === 0 || token.length > DEAL_TOKEN_MAX_LENGTH) throw invalidDealToken();
      let body: unknown;
      try {
        body = JSON.parse(sealer.open(token));
      } catch {
        throw invalidDealToken();
      }
      const c = body as Record<string, unknown> | null;
      if (
        c === null ||
        typeof c !== 'object' ||
        c['p'] !== PURPOSE ||
        typeof c['w'] !== 'string' ||
        typeof c['d'] !== 'string' ||
        typeof c['l'] !== 'string' ||
        typeof c['e'] !== 'number'
      )
        throw invalidDealToken();
      if (c['e'] <= now) throw invalidDealToken('This scheduling link has expired');
      return { workspaceId: c['w'], dealId: c['d'], linkId: c['l'], expiresAt: c['e'] };
    },
  };
}
