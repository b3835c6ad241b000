import { createHash, timingSafeEqual } from 'node:crypto';
import type { Booking, BookingToken, EpochMs, TokenPurpose } from './domain.js';
import { BookingError } from './errors.js';
import type { SealedTokens } from './follow-up-jobs.js';
import type { IdSource, StoreTx, TokenSealer } from './ports.js';

/**
 * The stored form of a token: lowercase hex SHA-256 of the secret.
 *
 * @example
 * ```ts
 * import { hashToken } from '@workestra/booking-core';
 * hashToken('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 * ```
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** URL-safe base64 carrying at least 128 bits. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,256}$/;

/** Constant-time comparison of two hex hashes of equal length. */
function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/**
 * The plain reschedule and cancel tokens of a booking: they exist in plain form only once, in the
 * answer of `book`; put them in the attendee's links and forget them.
 *
 * @example
 * ```ts
 * const plain: PlainTokens = tokens; // from `core.book(...)`
 * const rescheduleUrl = `https://workestra.app/book/reschedule/${plain.reschedule}`;
 * ```
 */
export interface PlainTokens {
  readonly reschedule: string;
  readonly cancel: string;
}

/** Seals both plain tokens for job payloads; `undefined` without a sealer (emails then carry no links). */
export function sealTokens(
  sealer: TokenSealer | undefined,
  plain: PlainTokens,
): SealedTokens | undefined {
  return sealer
    ? { reschedule: sealer.seal(plain.reschedule), cancel: sealer.seal(plain.cancel) }
    : undefined;
}

/** Draws both tokens of a new booking; returns the plain secrets and the rows to store. */
export function issueTokens(
  ids: IdSource,
  booking: Booking,
  now: EpochMs,
): { plain: PlainTokens; rows: BookingToken[] } {
  const plain: PlainTokens = { reschedule: ids.token(), cancel: ids.token() };
  const row = (purpose: TokenPurpose, secret: string): BookingToken => {
    // Fewer than 22 base64url characters cannot carry 128 bits: a misconfigured IdSource is a bug.
    if (!TOKEN_SHAPE.test(secret))
      throw new Error(
        'IdSource.token() must return 22-256 URL-safe base64 characters (>= 128 random bits)',
      );
    return {
      bookingId: booking.id,
      workspaceId: booking.workspaceId,
      purpose,
      tokenHash: hashToken(secret),
      createdAt: now,
      supersededAt: null,
    };
  };
  return { plain, rows: [row('reschedule', plain.reschedule), row('cancel', plain.cancel)] };
}

/**
 * Finds the booking a token opens (whatever its state), or throws `TOKEN_INVALID`. A token that a
 * reschedule replaced throws `BOOKING_MOVED` with the slug of the booking page to offer (null when
 * the link no longer takes bookings), unless the meeting was cancelled since (`BOOKING_CANCELLED`
 * says more than "moved" then).
 */
export async function findBookingByToken(
  tx: StoreTx,
  purpose: TokenPurpose,
  token: string,
): Promise<Booking> {
  if (!TOKEN_SHAPE.test(token)) throw new BookingError('TOKEN_INVALID');
  const hash = hashToken(token);
  const row = await tx.findToken(purpose, hash);
  if (row === null || row.purpose !== purpose || !sameHash(row.tokenHash, hash))
    throw new BookingError('TOKEN_INVALID');
  const booking = await tx.findBooking(row.workspaceId, row.bookingId);
  if (booking === null) throw new BookingError('TOKEN_INVALID');
  if (row.supersededAt !== null) {
    if (booking.status === 'cancelled') throw new BookingError('BOOKING_CANCELLED');
    const link = await tx.findLink(booking.workspaceId, booking.linkId);
    const live = link !== null && link.active && link.deletedAt === null;
    throw new BookingError('BOOKING_MOVED', { details: { slug: live ? link.slug : null } });
  }
  return booking;
}

/**
 * Finds the booking a token opens, or throws `TOKEN_INVALID`; then refuses a cancelled booking
 * (`BOOKING_CANCELLED`) and one whose meeting has started (`TOKEN_EXPIRED`).
 */
export async function bookingForToken(
  tx: StoreTx,
  purpose: TokenPurpose,
  token: string,
  now: EpochMs,
): Promise<Booking> {
  const booking = await findBookingByToken(tx, purpose, token);
  assertBookingOpen(booking, now);
  return booking;
}

/** A token works only while the booking is confirmed and its meeting has not started. */
export function assertBookingOpen(booking: Booking, now: EpochMs): void {
  if (booking.status === 'cancelled') throw new BookingError('BOOKING_CANCELLED');
  if (now >= booking.start) throw new BookingError('TOKEN_EXPIRED');
}
