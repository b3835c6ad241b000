export { startWebhookReceiver } from './testing/receiver.js';
export type {
  ReceivedAttempt,
  WebhookReceiver,
  WebhookReceiverOptions,
} from './testing/receiver.js';
