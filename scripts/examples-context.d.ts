// The names JSDoc examples may use without declaring them: what a reader has at hand in the
// situation an example describes (a booking core, the signed-in host, a booking just made...).
// scripts/check-examples.mjs type-checks every `@example` of the packages with these in scope.
// Anything else an example uses it must import or declare itself.

import type {
  Booking,
  BookingCore,
  BookingLink,
  BookingStore,
  EpochMs,
  Host,
  Job,
  JobStore,
  MessageLedger,
  OutboxStore,
  PlainTokens,
  TokenSealer,
} from '@workestra/booking-core';
import type { BookingMessageInput, EmailMessage, EmailTransport } from '@workestra/notifications';
import type { StoreHandle } from '@workestra/store';

declare global {
  /** A booking core over some store: `createBookingCore({ store })`. */
  const core: BookingCore;
  /** The current instant (epoch ms). */
  const now: EpochMs;
  /** The signed-in host: the scope of every host use-case. */
  const me: { readonly workspaceId: string; readonly hostId: string };
  const workspaceId: string;
  const hostId: string;
  const bookingId: string;
  /** An opened SQL store: `await openStore(url)`. */
  const handle: StoreHandle;
  const store: BookingStore;
  const jobs: JobStore;
  const ledger: MessageLedger;
  const outbox: OutboxStore;
  const sealer: TokenSealer;
  const transport: EmailTransport;
  /** An email to send, built by one of the notifications builders. */
  const message: EmailMessage;
  /** What a booking email is built from (`BookingMessageInput`). */
  const input: BookingMessageInput;
  const host: Host;
  const link: BookingLink;
  const booking: Booking;
  const job: Job;
  /** The plain tokens a booking answered with (only their hashes are stored). */
  const tokens: PlainTokens;
  /** A reschedule or cancel token from an email link. */
  const token: string;
}
