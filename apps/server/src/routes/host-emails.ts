import type { MessageLedger, MessageRecord } from '@workestra/booking-core';
import { Router } from 'express';
import type { z } from 'zod';
import type { uncertainEmailSchema } from '../api-schemas.js';
import { signedIn } from '../http/session.js';

/** The JSON of one undecided email (`sending` or `unknown`; the ledger lists no other). */
function uncertainEmailJson(m: MessageRecord): z.infer<typeof uncertainEmailSchema> {
  return {
    bookingId: m.bookingId,
    kind: m.kind,
    recipient: m.recipient,
    messageId: m.messageId,
    status: m.status === 'sending' ? 'sending' : 'unknown',
    error: m.lastError,
    since: new Date(m.updatedAt).toISOString(),
  };
}

/**
 * `/api/host/uncertain-emails`: the signed-in host's booking emails whose delivery is undecided
 * (the SMTP exchange broke off, or the sender died mid-send), so the host can check with the
 * attendee instead of the message being silently lost. A `sending` email is listed once it has
 * been claimed longer than `leaseMs` (its job lease): by then its sender has stopped.
 *
 * @example
 * ```ts
 * api.use('/host/uncertain-emails', hostEmailRoutes(handle.ledger, { leaseMs: 300_000 }));
 * ```
 */
export function hostEmailRoutes(
  ledger: MessageLedger,
  options: { leaseMs: number; now?: () => number },
): Router {
  const now = options.now ?? Date.now;
  const router = Router();
  router.get('/', async (_req, res) => {
    const { host } = signedIn(res);
    const emails = await ledger.listUncertainMessages({
      owner: host,
      sendingBefore: now() - options.leaseMs,
    });
    res.json({ emails: emails.map(uncertainEmailJson) });
  });
  return router;
}
