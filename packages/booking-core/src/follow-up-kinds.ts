import { z } from 'zod';
import type { Booking, JobKind } from './domain.js';

/**
 * The changes of a booking a CRM hears of, declared once ({@link CrmChange} is derived from it).
 *
 * @example
 * ```ts
 * import { CRM_CHANGES } from '@workestra/booking-core';
 * CRM_CHANGES; // ['created', 'rescheduled', 'cancelled', 'no_show', 'no_show_undone']
 * ```
 */
export const CRM_CHANGES = Object.freeze([
  'created',
  'rescheduled',
  'cancelled',
  'no_show',
  'no_show_undone',
] as const);

/**
 * One of {@link CRM_CHANGES}: what a `crm.sync` job reports.
 */
export type CrmChange = (typeof CRM_CHANGES)[number];

const basePayload = z.object({
  workspaceId: z.string().min(1),
  bookingId: z.string().min(1),
  linkId: z.string().min(1),
  /** The booking's iCalendar SEQUENCE when the job was queued. */
  sequence: z.number().int().min(0),
});

const withSealedTokens = basePayload.extend({
  sealedTokens: z.object({ reschedule: z.string(), cancel: z.string() }).optional(),
});

/**
 * The schema of each job kind's payload, declared once: {@link FollowUpPayloads} is derived from
 * it, and the follow-up seam parses every job with it before a handler sees the payload.
 *
 * - every kind: `{ workspaceId, bookingId, linkId, sequence }`, enough to load the booking;
 * - attendee emails (confirmation, reminder, reschedule): `sealedTokens`, the plain
 *   reschedule/cancel tokens each sealed, when booking-core has a `sealer`;
 * - `email.reschedule`: `previous`, the meeting's start and end before the move;
 * - `crm.sync`: `change`, which change of the booking the CRM should hear of.
 *
 * @example
 * ```ts
 * import { FOLLOW_UP_PAYLOAD_SCHEMAS } from '@workestra/booking-core';
 * const payload = FOLLOW_UP_PAYLOAD_SCHEMAS['crm.sync'].parse(job.payload); // payload.change
 * ```
 */
export const FOLLOW_UP_PAYLOAD_SCHEMAS = Object.freeze({
  // Jobs queued before CRM changes existed were all about a new booking.
  'crm.sync': basePayload.extend({ change: z.enum(CRM_CHANGES).default('created') }),
  'calendar.create': basePayload,
  'calendar.update': basePayload,
  'calendar.delete': basePayload,
  'email.confirmation': withSealedTokens,
  'email.host-notice': basePayload,
  'email.reminder': withSealedTokens,
  // Jobs queued before `previous` existed read as "previous time unknown".
  'email.reschedule': withSealedTokens.extend({
    previous: z.object({ start: z.number(), end: z.number() }).nullable().default(null),
  }),
  'email.cancellation': basePayload,
} satisfies Record<JobKind, z.ZodType>);

/**
 * The payload of each job kind, as handlers receive it (parsed and complete).
 *
 * @example
 * ```ts
 * const payload: FollowUpPayloads['email.reschedule'] = {
 *   workspaceId: 'ws_1', bookingId: 'b_1', linkId: 'l_1', sequence: 1, previous: { start: 0, end: 1_800_000 },
 * };
 * ```
 */
export type FollowUpPayloads = {
  readonly [K in JobKind]: Readonly<z.output<(typeof FOLLOW_UP_PAYLOAD_SCHEMAS)[K]>>;
};

/**
 * When a follow-up job still applies to its booking, declared once ({@link FollowUpRule} is
 * derived from it):
 *
 * - `same-sequence`: only while the booking is at the SEQUENCE the job was queued at. A newer
 *   change (reschedule, cancellation) queued its own job that supersedes this one: a confirmation
 *   of a moved meeting, or a calendar create overtaken by the update, is skipped.
 * - `once-cancelled`: only when the booking is cancelled. A cancellation is final, so nothing
 *   supersedes the cancellation notice or the calendar delete.
 * - `every-change`: always. Each change is a fact the CRM records (a note), and the handler syncs
 *   the booking as it is now, so running late or out of order still ends in the right state.
 *
 * @example
 * ```ts
 * import { FOLLOW_UP_RULE_NAMES } from '@workestra/booking-core';
 * FOLLOW_UP_RULE_NAMES.length; // 3
 * ```
 */
export const FOLLOW_UP_RULE_NAMES = Object.freeze([
  'same-sequence',
  'once-cancelled',
  'every-change',
] as const);

/**
 * One of {@link FOLLOW_UP_RULE_NAMES}.
 */
export type FollowUpRule = (typeof FOLLOW_UP_RULE_NAMES)[number];

/**
 * The rule of each job kind (see {@link FOLLOW_UP_RULE_NAMES}); every kind must have one.
 *
 * @example
 * ```ts
 * import { FOLLOW_UP_RULES } from '@workestra/booking-core';
 * FOLLOW_UP_RULES['calendar.delete']; // 'once-cancelled'
 * ```
 */
export const FOLLOW_UP_RULES = Object.freeze({
  'crm.sync': 'every-change',
  'calendar.create': 'same-sequence',
  'calendar.update': 'same-sequence',
  'calendar.delete': 'once-cancelled',
  'email.confirmation': 'same-sequence',
  'email.host-notice': 'same-sequence',
  'email.reminder': 'same-sequence',
  'email.reschedule': 'same-sequence',
  'email.cancellation': 'once-cancelled',
} as const satisfies Record<JobKind, FollowUpRule>);

/**
 * Why a job of `kind` queued at `sequence` no longer applies to `booking` (its rule in
 * {@link FOLLOW_UP_RULES}), or null when it should run.
 *
 * @example
 * ```ts
 * import { followUpSkipReason } from '@workestra/booking-core';
 * followUpSkipReason('email.confirmation', 0, { ...booking, icalSequence: 1 }); // 'superseded: ...'
 * ```
 */
export function followUpSkipReason(
  kind: JobKind,
  sequence: number,
  booking: Pick<Booking, 'icalSequence' | 'status'>,
): string | null {
  switch (FOLLOW_UP_RULES[kind]) {
    case 'same-sequence':
      if (booking.icalSequence !== sequence)
        return `superseded: the booking is at SEQUENCE ${booking.icalSequence}, the job was queued at ${sequence}`;
      return booking.status === 'cancelled' ? 'the booking is cancelled' : null;
    case 'once-cancelled':
      return booking.status === 'cancelled' ? null : 'the booking is not cancelled';
    case 'every-change':
      return null;
  }
}
