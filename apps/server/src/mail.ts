import type { OutboxStore } from '@workestra/booking-core';
import {
  createOutboxTransport,
  createSmtpTransport,
  type EmailTransport,
} from '@workestra/notifications';
import type { Config } from './config.js';

/**
 * The mail transport: SMTP when `SMTP_HOST` is set, otherwise the dev outbox (mail kept in the
 * database and shown at `/dev/outbox`). `outbox` is returned only in the second case.
 *
 * @example
 * ```ts
 * const { transport, outbox } = chooseTransport(config, handle.outbox);
 * ```
 */
export function chooseTransport(
  config: Config,
  store: OutboxStore,
): { transport: EmailTransport; outbox: OutboxStore | null } {
  if (config.smtp === null) return { transport: createOutboxTransport(store), outbox: store };
  return { transport: createSmtpTransport(config.smtp), outbox: null };
}
