export { WEBHOOK_API_VERSION, WEBHOOK_EVENTS, isWebhookEvent } from './events.js';
export type { WebhookEvent } from './events.js';
export { buildWebhookDelivery, newWebhookDeliveryId } from './payload.js';
export type {
  WebhookBooking,
  WebhookDeal,
  WebhookDelivery,
  WebhookDeliveryInput,
} from './payload.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  WEBHOOK_HEADERS,
  createWebhookSecret,
  parseSignatureHeader,
  signPayload,
  signatureHeader,
  verifySignature,
} from './signature.js';
export type {
  ParsedSignatureHeader,
  VerifySignatureInput,
  VerifySignatureResult,
} from './signature.js';
export { DEFAULT_WEBHOOK_TIMEOUT_MS, deliverWebhook, parseRetryAfter } from './deliver.js';
export type { DeliverWebhookOptions, WebhookAttemptResult } from './deliver.js';
export { WEBHOOK_RETRY_DELAYS_MS, webhookBackoff } from './backoff.js';
export { WEBHOOK_ERROR_CODES, WebhookError, isWebhookError } from './errors.js';
export type { WebhookErrorCode } from './errors.js';
