import type { z } from 'zod';
import {
  EXTERNAL_SYSTEMS,
  type Booking,
  type BookingEvent,
  type BookingLink,
  type EpochMs,
  type ExternalRef,
  type ExternalRefs,
  type ExternalSystem,
} from './domain.js';
import type { Deps } from './deps.js';
import type { BookOptions, BookResult } from './book.js';
import { answersSnapshot, attachAnswerUploads, parseAnswers } from './form-answers.js';
import { jobsForCreated } from './follow-up-jobs.js';
import { blockedRange } from './guard.js';
import type { StoreTx } from './ports.js';
import type { bookInputSchema } from './schemas.js';
import { issueTokens, sealTokens } from './tokens.js';

/** `book`'s input once parsed (instants in epoch ms). */
export type BookInput = z.output<typeof bookInputSchema>;

/** What {@link insertNewBooking} writes. */
export interface NewBookingInput {
  /** The link as read inside the lock. */
  readonly link: BookingLink;
  /** The booked host's view of it (the link itself when solo): what its follow-ups depend on. */
  readonly hostLink: BookingLink;
  readonly hostId: string;
  readonly coHostIds: readonly string[];
  readonly slot: { readonly start: EpochMs; readonly end: EpochMs };
  readonly input: BookInput;
  readonly options: BookOptions;
  readonly now: EpochMs;
  /** Extra data of the `created` event (a team booking records the `hostId` it went to). */
  readonly eventData?: Readonly<Record<string, unknown>>;
}

/**
 * Inside the lock, after the guard: the booking with its answers' snapshot (checked again against
 * the form as it is now; file answers' uploads attached), its tokens, its `created` event and its
 * follow-up jobs.
 */
export async function insertNewBooking(
  deps: Deps,
  tx: StoreTx,
  n: NewBookingInput,
): Promise<BookResult> {
  const { link, slot, input, now } = n;
  const { answers } = await answersSnapshot(tx, link, parseAnswers(link, input.answers));
  const id = deps.ids.id();
  const booking: Booking = {
    id,
    workspaceId: link.workspaceId,
    linkId: link.id,
    hostId: n.hostId,
    coHostIds: n.coHostIds,
    status: 'confirmed',
    start: slot.start,
    end: slot.end,
    ...blockedRange(link, slot.start, slot.end),
    attendeeName: input.name,
    attendeeEmail: input.email,
    attendeeTimeZone: input.timeZone,
    attendeeLocale: input.locale ?? null,
    attendeeHourCycle: input.hourCycle ?? null,
    noShow: false,
    cancelReason: null,
    icalUid: `${id}@${deps.icalDomain}`,
    icalSequence: 0,
    meetingUrl: null,
    externalRefs: presetRefs(n.options.externalRefs),
    answers,
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
    data: { linkId: link.id, start: booking.start, end: booking.end, ...n.eventData },
  };
  await tx.insertBooking(booking);
  await attachAnswerUploads(tx, booking.workspaceId, id, answers);
  for (const row of tokens.rows) await tx.insertToken(row);
  await tx.appendEvent(event);
  await tx.enqueueJobs(
    jobsForCreated(booking, n.hostLink, now, sealTokens(deps.sealer, tokens.plain)),
    now,
  );
  return { booking, tokens: tokens.plain };
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
