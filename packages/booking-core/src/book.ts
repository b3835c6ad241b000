import {
  EXTERNAL_SYSTEMS,
  type Booking,
  type BookingEvent,
  type ExternalRef,
  type ExternalRefs,
  type ExternalSystem,
} from './domain.js';
import type { Deps } from './deps.js';
import { translateConflicts } from './errors.js';
import { activeLinkBySlug, assertBookable } from './access.js';
import { busyRange, calendarBusy, timeOffBusy } from './busy.js';
import { jobsForCreated } from './follow-up-jobs.js';
import { blockedRange, guardSlot } from './guard.js';
import { bookInputSchema } from './schemas.js';
import { issueTokens, sealTokens, type PlainTokens } from './tokens.js';
import { parseInput } from './validation.js';

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

/**
 * Books a slot. Calendar busy time is fetched before the lock (slow I/O must not hold it); inside
 * the host lock the link, the host's bookings and its time off are read again and exactly the
 * requested start is re-checked (time off counts as busy: `SLOT_TAKEN`), so of two people clicking the same slot only one wins.
 */
export async function book(
  deps: Deps,
  raw: unknown,
  options: BookOptions = {},
): Promise<BookResult> {
  const input = parseInput(bookInputSchema, raw);
  const link = await deps.store.transaction((tx) => activeLinkBySlug(tx, input.slug));
  const range = busyRange(link, input.start, input.start + 1);
  const external = await calendarBusy(deps, link, range.from, range.to);

  const result = await translateConflicts(() =>
    deps.store.withHostLock(link.workspaceId, link.hostId, async (tx) => {
      const now = deps.clock.now();
      const current = assertBookable(await tx.findLink(link.workspaceId, link.id));
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

      const id = deps.ids.id();
      const booking: Booking = {
        id,
        workspaceId: current.workspaceId,
        linkId: current.id,
        hostId: current.hostId,
        coHostIds: [],
        status: 'confirmed',
        start: slot.start,
        end: slot.end,
        ...blockedRange(current, slot.start, slot.end),
        attendeeName: input.name,
        attendeeEmail: input.email,
        attendeeTimeZone: input.timeZone,
        noShow: false,
        cancelReason: null,
        icalUid: `${id}@${deps.icalDomain}`,
        icalSequence: 0,
        meetingUrl: null,
        externalRefs: presetRefs(options.externalRefs),
        createdAt: now,
        updatedAt: now,
      };
      const tokens = issueTokens(deps.ids, booking, now);
      const event: BookingEvent = {
        id: deps.ids.id(),
        workspaceId: booking.workspaceId,
        bookingId: id,
        type: 'created',
        actor: 'attendee',
        at: now,
        data: { linkId: current.id, start: booking.start, end: booking.end },
      };
      await tx.insertBooking(booking);
      for (const row of tokens.rows) await tx.insertToken(row);
      await tx.appendEvent(event);
      await tx.enqueueJobs(
        jobsForCreated(booking, current, now, sealTokens(deps.sealer, tokens.plain)),
        now,
      );
      return { booking, tokens: tokens.plain };
    }),
  );
  deps.logger.info(
    { bookingId: result.booking.id, linkId: link.id, hostId: link.hostId },
    'booking created',
  );
  return result;
}

/**
 * The references a booking starts with, each marked `preset` (never written back by a follow-up);
 * only the known systems' keys are kept.
 */
function presetRefs(refs: ExternalRefs | undefined): ExternalRefs {
  const out: Partial<Record<ExternalSystem, ExternalRef>> = {};
  for (const system of EXTERNAL_SYSTEMS) {
    const ref = refs?.[system];
    if (ref !== undefined) out[system] = { provider: ref.provider, id: ref.id, preset: true };
  }
  return out;
}
