import { followUpJobKey } from '@workestra/booking-core';
import { messageIdFor } from './message-id.js';

/**
 * The ledger key of a booking's first message to one recipient (`attendee`, `host` or
 * `host:<co-host id>`): the attendee's confirmation, or a host's notice of the new booking. Every
 * later message to that recipient answers it, so mail clients show one conversation per booking.
 */
function threadRootKey(bookingId: string, role: string): string {
  const kind = role === 'attendee' ? 'email.confirmation' : 'email.host-notice';
  // A booking is created at SEQUENCE 0, so its first messages are always keyed with 0.
  return `${followUpJobKey(bookingId, kind, 0)}:${role}`;
}

/**
 * The threading headers of the message with ledger key `key`, sent to `role` about `bookingId`:
 * none for the first message (it is the thread's root), else `In-Reply-To` and `References`
 * naming the root's Message-ID. The root is derived, not looked up: it is the Message-ID the first
 * message got (or would have got), so threading needs no state and survives retries.
 *
 * @example
 * ```ts
 * import { threadHeadersFor } from '@workestra/notifications';
 * threadHeadersFor('b_1', 'attendee', 'b_1:email.reschedule:1:attendee', 'Workestra <no-reply@workestra.app>');
 * // { inReplyTo: '<…@workestra.app>', references: ['<…@workestra.app>'] }
 * ```
 */
export function threadHeadersFor(
  bookingId: string,
  role: string,
  key: string,
  from: string,
): { readonly inReplyTo: string; readonly references: readonly string[] } | null {
  const rootKey = threadRootKey(bookingId, role);
  if (key === rootKey) return null;
  const root = messageIdFor(rootKey, from);
  return { inReplyTo: root, references: [root] };
}
