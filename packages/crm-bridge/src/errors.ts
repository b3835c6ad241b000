/**
 * Every reason `@workestra/crm-bridge` reports a failure, declared once ({@link WebhookErrorCode}
 * is derived from it):
 *
 * - `SIGNATURE_MALFORMED`: the `Workestra-Signature` header is missing or not
 *   `t=<unix seconds>,v1=<64 hex>[,v1=...]`.
 * - `SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE`: the signed timestamp is further from now than the
 *   tolerance (a replay of an old delivery, or a clock far off).
 * - `SIGNATURE_MISMATCH`: no `v1` signature matches the raw body under any of the secrets.
 * - `URL_REFUSED`: the subscription URL is not an absolute `http:` or `https:` URL; nothing was sent.
 * - `DELIVERY_TIMEOUT`: the receiver did not answer within the timeout.
 * - `DELIVERY_NETWORK`: the request failed before an answer (DNS, connection refused or reset).
 * - `DELIVERY_REJECTED`: the receiver answered with a status other than 2xx.
 *
 * @example
 * ```ts
 * import { WEBHOOK_ERROR_CODES } from '@workestra/crm-bridge';
 * WEBHOOK_ERROR_CODES.includes('SIGNATURE_MISMATCH'); // true
 * ```
 */
export const WEBHOOK_ERROR_CODES = Object.freeze([
  'SIGNATURE_MALFORMED',
  'SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE',
  'SIGNATURE_MISMATCH',
  'URL_REFUSED',
  'DELIVERY_TIMEOUT',
  'DELIVERY_NETWORK',
  'DELIVERY_REJECTED',
] as const);

/**
 * One of {@link WEBHOOK_ERROR_CODES}.
 */
export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/** Same key in the ESM and the CJS build (`Symbol.for`), so {@link isWebhookError} works across them. */
const WEBHOOK_ERROR = Symbol.for('@workestra/crm-bridge.WebhookError');

/**
 * The error class of `@workestra/crm-bridge`: a stable `code`, the receiver's HTTP `status` when
 * there was one, and the underlying `cause`. The verifier and `deliverWebhook` return it inside
 * their results rather than throwing it.
 *
 * @example
 * ```ts
 * import { verifySignature } from '@workestra/crm-bridge';
 * const result = verifySignature({ secret: 'whsec_test', rawBody: '{}', header: 'garbage' });
 * if (!result.ok) console.log(result.error.code); // 'SIGNATURE_MALFORMED'
 * ```
 */
export class WebhookError extends Error {
  override readonly name: string = 'WebhookError';
  readonly code: WebhookErrorCode;
  /** The receiver's HTTP status, or null when none came (or the error is not about a delivery). */
  readonly status: number | null;

  constructor(
    code: WebhookErrorCode,
    message: string,
    options: { cause?: unknown; status?: number | null } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? null;
    Object.defineProperty(this, WEBHOOK_ERROR, { value: true });
  }
}

/**
 * Whether `error` is a {@link WebhookError} (with `code`, when given), whichever build of
 * `@workestra/crm-bridge` (ESM or CJS) made it. Use it instead of `instanceof`, which fails when an
 * application loads both builds.
 *
 * @example
 * ```ts
 * import { isWebhookError } from '@workestra/crm-bridge';
 * const replayed = (error: unknown) => isWebhookError(error, 'SIGNATURE_TIMESTAMP_OUT_OF_TOLERANCE');
 * ```
 */
export function isWebhookError(error: unknown, code?: WebhookErrorCode): error is WebhookError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [WEBHOOK_ERROR]?: unknown })[WEBHOOK_ERROR] === true &&
    (code === undefined || (error as WebhookError).code === code)
  );
}
