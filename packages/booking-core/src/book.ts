import type { Booking, BookingLink, ExternalRefs } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError, translateConflicts } from './errors.js';
import { isTeamLink } from './team-links.js';
import { bookTeam } from './team-book.js';
import { activeLinkBySlug, assertBookable, readOnly } from './access.js';
import { busyRange, calendarBusy, timeOffBusy } from './busy.js';
import { guardSlot } from './guard.js';
import { insertNewBooking, type BookInput } from './new-booking.js';
import { bookInputSchema } from './schemas.js';
import type { PlainTokens } from './tokens.js';
import { parseInput } from './validation.js';
import { parseAnswers } from './form-answers.js';

/**
 * What `book` answers: the booking, and the reschedule/cancel tokens in plain form. This is the
 * only time the plain tokens exist; only their hashes are stored.
 *
 * @example
 * ```ts
 * const { booking, tokens } = await core.book({
 *   slug: 'intro-call',
 *   start: '2026-11-09T09:00:00Z',
 *   name: 'Ada',
 *   email: 'ada@example.com',
 *   timeZone: 'America/New_York',
 * });
 * const cancelUrl = `https://workestra.app/book/cancel/${tokens.cancel}`;
 * ```
 */
export interface BookResult {
  readonly booking: Booking;
  readonly tokens: PlainTokens;
}

/**
 * What the caller of `book` adds besides the attendee's input: trusted, never from a request body.
 *
 * @example
 * ```ts
 * // A call booked onto an existing CRM deal (the caller checked its own proof first).
 * const options: BookOptions = { externalRefs: { 'crm-deal': { provider: 'workestra', id: 'crmd_1' } } };
 * ```
 */
export interface BookOptions {
  /**
   * References the booking starts with, stored marked `preset: true`: the follow-ups then update
   * those objects instead of creating new ones (e.g. `crm.sync` attaches the booking to the deal).
   */
  readonly externalRefs?: ExternalRefs;
}

/** How often `book` starts over when a team link's members change while it books (rare). */
const MAX_LINK_RACES = 3;

/**
 * Books a slot. The answers of the link's pre-meeting form are checked first (`VALIDATION_FAILED`
 * at `answers.<fieldId>`, nothing taken), and again inside the lock, where file answers' uploads
 * are attached and the answers' snapshot is stored with the booking. Calendar busy time is fetched before the lock (slow I/O must not hold it); inside
 * the host lock the link, the host's bookings and its time off are read again and exactly the
 * requested start is re-checked (time off counts as busy: `SLOT_TAKEN`), so of two people clicking the same slot only one wins.
 * A team link books one of its members (`round_robin`: the next free one in rotation) or all of
 * them (`collective`) under the lock of every member: see `bookTeam`.
 */
export async function book(
  deps: Deps,
  raw: unknown,
  options: BookOptions = {},
): Promise<BookResult> {
  const input = parseInput(bookInputSchema, raw);
  for (let race = 1; ; race++) {
    // Read again inside the lock below: the one read here only picks solo/team and the host.
    const link = await readOnly(deps.store, (tx) => activeLinkBySlug(tx, input.slug));
    // The answers are checked before any calendar read or lock: bad answers take nothing.
    parseAnswers(link, input.answers);
    const result = isTeamLink(link)
      ? await bookTeam(deps, link, input, options)
      : await bookSolo(deps, link, input, options);
    if (result !== null) return result;
    // The link's kind or team changed between the read above and the lock: start over with it.
    if (race >= MAX_LINK_RACES)
      throw new BookingError('SLOT_UNAVAILABLE', { details: { reason: 'LINK_CHANGED' } });
  }
}

/** `book` on a solo link; `null` when the link became a team link before the lock was taken. */
async function bookSolo(
  deps: Deps,
  link: BookingLink,
  input: BookInput,
  options: BookOptions,
): Promise<BookResult | null> {
  const range = busyRange(link, input.start, input.start + 1);
  const external = await calendarBusy(deps, link, range.from, range.to);

  const result = await translateConflicts(() =>
    deps.store.withHostLock(link.workspaceId, link.hostId, async (tx) => {
      const now = deps.clock.now();
      const current = assertBookable(await tx.findLink(link.workspaceId, link.id));
      if (isTeamLink(current)) return null;
      const lockedRange = busyRange(current, input.start, input.start + 1);
      const hostBookings = await tx.listHostBusy(
        current.workspaceId,
        current.hostId,
        lockedRange.from,
        lockedRange.to,
      );
      const timeOff = await timeOffBusy(
        tx,
        current.workspaceId,
        current.hostId,
        lockedRange.from,
        lockedRange.to,
      );
      const slot = guardSlot({
        link: current,
        start: input.start,
        now,
        hostBookings,
        calendarBusy: external,
        timeOff,
      });
      return insertNewBooking(deps, tx, {
        link: current,
        hostLink: current,
        hostId: current.hostId,
        coHostIds: [],
        slot,
        input,
        options,
        now,
      });
    }),
  );
  if (result === null) return null;
  deps.logger.info(
    { bookingId: result.booking.id, linkId: link.id, hostId: link.hostId },
    'booking created',
  );
  return result;
}
