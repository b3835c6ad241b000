import type { MessageLedger } from '@workestra/booking-core';
import type { Logger } from 'pino';

/** How many undecided emails the startup warning names one by one. */
const LISTED = 20;

/**
 * The operator's listing of undecided emails: at start, one warning with how many emails may or
 * may not have been delivered (the SMTP exchange broke off, or a sender died mid-send) and the
 * Message-IDs of the latest, to look up in the mail server's log. Silent when there are none.
 * Resolves the count.
 *
 * @example
 * ```ts
 * await warnAboutUncertainEmails(handle.ledger, logger, { leaseMs: config.JOB_LEASE_MS });
 * ```
 */
export async function warnAboutUncertainEmails(
  ledger: MessageLedger,
  logger: Logger,
  options: { leaseMs: number; now?: () => number },
): Promise<number> {
  const now = options.now ?? Date.now;
  // One more than listed tells whether the list is complete.
  const latest = await ledger.listUncertainMessages({
    sendingBefore: now() - options.leaseMs,
    limit: LISTED + 1,
  });
  if (latest.length === 0) return 0;
  logger.warn(
    {
      count: latest.length > LISTED ? `more than ${LISTED}` : latest.length,
      emails: latest.slice(0, LISTED).map((m) => ({
        messageId: m.messageId,
        kind: m.kind,
        recipient: m.recipient,
        bookingId: m.bookingId,
        status: m.status,
        error: m.lastError,
      })),
    },
    'emails with an unknown outcome (maybe delivered, never resent; hosts see them at /api/host/uncertain-emails): check them by Message-ID in the mail server log',
  );
  return latest.length;
}
