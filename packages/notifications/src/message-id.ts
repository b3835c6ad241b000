import { createHash } from 'node:crypto';

/**
 * The Message-ID of the message with idempotency key `key`: `<sha256(key)[0..32]@domain>`, the
 * same on every retry, so a receiver that got an earlier attempt can recognise the duplicate. The
 * domain is taken from the From address (`no-reply@workestra.app` → `workestra.app`).
 *
 * @example
 * ```ts
 * import { messageIdFor } from '@workestra/notifications';
 * messageIdFor('b_1:email.reminder:0:attendee', 'Workestra <no-reply@workestra.app>'); // '<3f1c…@workestra.app>'
 * ```
 */
export function messageIdFor(key: string, from: string): string {
  const digest = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'workestra.invalid';
  return `<${digest}@${domain.toLowerCase()}>`;
}
