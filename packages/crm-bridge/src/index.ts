export {
  WEBHOOK_API_VERSION,
  WEBHOOK_EVENTS,
  WEBHOOK_TEST_EVENT,
  isWebhookEvent,
} from './events.js';
export type { WebhookDeliveryEvent, WebhookEvent } from './events.js';
export { buildWebhookDelivery, newWebhookDeliveryId, webhookBookingOf } from './payload.js';
export type {
  WebhookAnswer,
  WebhookBooking,
  WebhookDeal,
  WebhookDealChange,
  WebhookDelivery,
  WebhookDeliveryData,
  WebhookDeliveryInput,
  WebhookMeeting,
} from './payload.js';
export {
  WEBHOOK_BLOCKED_RANGES,
  checkWebhookUrl,
  createGuardedFetch,
  isPublicAddress,
} from './url-guard.js';
export type { WebhookHostLookup, WebhookUrlPolicy, WebhookUrlVerdict } from './url-guard.js';
export { webhookDeliveryIdFor, withWebhooks } from './with-webhooks.js';
export type { WebhookOutbox, WithWebhooksOptions } from './with-webhooks.js';
export { sendDueWebhooks, sendWebhookDelivery } from './sender.js';
export type {
  QueuedWebhookDelivery,
  WebhookDeliveryQueue,
  WebhookSendOutcome,
  WebhookSenderOptions,
} from './sender.js';
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
