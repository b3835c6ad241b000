import type { Clock, OutboxStore } from '@workestra/booking-core';
import {
  createOutboxTransport,
  createSmtpTransport,
  type EmailTransport,
} from '@workestra/notifications';
import type { Config } from './config.js';

/**
 * The mail transport: SMTP when `SMTP_HOST` is set, otherwise the dev outbox (mail kept in the
 * database and shown at `/dev/outbox`, stamped by `clock`). `outbox` is returned only in the second case.
 *
 * @example
 * ```ts
 * const { transport, outbox } = chooseTransport(config, handle.outbox);
 * ```
 */
export function chooseTransport(
  config: Config,
  store: OutboxStore,
  clock?: Clock,
): { transport: EmailTransport; outbox: OutboxStore | null } {
  if (config.smtp === null)
    return { transport: createOutboxTransport(store, clock ? { clock } : {}), outbox: store };
  return { transport: createSmtpTransport(config.smtp), outbox: null };
}
