import { formatAnswerLines } from './answer-format.js';
import type { Booking, BookingLink } from './domain.js';
import type { CrmBridge, CrmChangeContext, CrmMeeting } from './crm-bridge.js';
import type { CrmChange } from './follow-up-kinds.js';
import type { FollowUp, FollowUpHandler } from './follow-up-seam.js';
import { isTeamLink } from './team-links.js';

/**
 * The `crm.sync` kind's typed handler, written once for every CRM adapter.
 *
 * @example
 * ```ts
 * const handlers: CrmFollowUpHandlers = crmFollowUpHandlers(createMemoryCrm());
 * ```
 */
export type CrmFollowUpHandlers = { readonly 'crm.sync': FollowUpHandler<'crm.sync'> };

/**
 * What {@link crmFollowUpHandlers} asks of its host application besides the CRM itself.
 *
 * @example
 * ```ts
 * // e.g. the stage the workspace chose, read from where its settings are kept
 * const options: CrmFollowUpOptions = {
 *   stageOnFirstCancel: async (workspaceId) => (workspaceId === 'ws_sales' ? 'Lost' : null),
 * };
 * ```
 */
export interface CrmFollowUpOptions {
  /**
   * The stage a deal moves to when the booking that created it is cancelled (not a later call
   * booked onto the deal), or null to leave the stage as it is. Asked at each such cancellation,
   * so a changed setting applies from then on. Default: never move.
   */
  readonly stageOnFirstCancel?: (workspaceId: string) => Promise<string | null>;
}

/**
 * A `crm.sync` handler over a {@link CrmBridge}, run for every change of a booking (created,
 * rescheduled, cancelled, no-show) whatever the booking's SEQUENCE now: it finds or creates the
 * attendee's contact, creates the deal when the link has `autoCreateDeal` (key
 * `<bookingId>:deal`, so once per booking), sets the deal's meeting to the booking as it is now,
 * and adds one note for the change (keyed by the job, so once; a new booking's note lists the
 * pre-meeting form's answers as "Label: value" lines; on a team link it ends with the line
 * `Assigned to <member>`, the member the meeting went to). References are written back; a
 * refused write-back is harmless, as the newer change's job finds the same contact and deal.
 *
 * A booking made with a preset `crm-deal` reference (`book`'s `options.externalRefs`: a call
 * booked onto an existing deal) creates no deal: that deal's meeting becomes this booking and gets
 * the notes. When the booking that created a deal is cancelled, the deal moves to
 * `options.stageOnFirstCancel`'s stage, if it names one; a cancelled preset-deal booking never
 * moves the stage.
 *
 * @example
 * ```ts
 * import { createFollowUpHandlers, createMemoryCrm, crmFollowUpHandlers } from '@workestra/booking-core';
 * const crm = createMemoryCrm(); // your CRM's CrmBridge adapter in production
 * const handlers = createFollowUpHandlers({ store, handlers: { ...crmFollowUpHandlers(crm) } });
 * ```
 */
export function crmFollowUpHandlers(
  crm: CrmBridge,
  options: CrmFollowUpOptions = {},
): CrmFollowUpHandlers {
  return {
    'crm.sync': async (f) => {
      const { booking, link } = f;
      const workspaceId = booking.workspaceId;
      const contactRef = booking.externalRefs['crm-contact'];
      let contactId = contactRef?.id;
      if (contactId === undefined) {
        ({ contactId } = await crm.findOrCreateContact({
          workspaceId,
          contact: {
            email: booking.attendeeEmail,
            name: booking.attendeeName,
            timeZone: booking.attendeeTimeZone,
          },
        }));
        await f.setExternalRef('crm-contact', { provider: crm.name, id: contactId });
      }
      const meeting = crmMeetingOf(booking);
      const context: CrmChangeContext = {
        change: f.payload.change,
        booking,
        link: { slug: link.slug, title: link.title },
      };
      const dealRef = booking.externalRefs['crm-deal'];
      let dealId = dealRef?.id ?? null;
      // Whether this booking made its deal (then a cancellation may move the deal's stage).
      let madeTheDeal = dealRef !== undefined && dealRef.preset !== true;
      if (dealId === null && link.autoCreateDeal) {
        madeTheDeal = true;
        ({ dealId } = await crm.createDeal({
          workspaceId,
          key: crmDealKey(booking.id),
          contactId,
          deal: {
            title: `${link.title} with ${booking.attendeeName}`,
            stage: link.defaultDealStage,
            valueMinor: link.defaultDealValueMinor,
            currency: link.defaultDealCurrency,
            meeting,
          },
          context,
        }));
        await f.setExternalRef('crm-deal', { provider: crm.name, id: dealId });
      }
      if (dealId !== null) {
        const stage =
          f.payload.change === 'cancelled' && madeTheDeal && options.stageOnFirstCancel
            ? await options.stageOnFirstCancel(workspaceId)
            : null;
        await crm.updateDeal({
          workspaceId,
          key: `${f.job.idempotencyKey}:deal`,
          dealId,
          meeting,
          ...(stage !== null ? { stage } : {}),
          context,
        });
      }
      await crm.annotate({
        workspaceId,
        key: f.job.idempotencyKey,
        contactId,
        dealId,
        note: withAssignee(noteFor(f.payload.change, booking, link), f),
        context,
      });
    },
  };
}

const DEAL_KEY_SUFFIX = ':deal';

/**
 * The `createDeal` key of the deal a booking makes (`<bookingId>:deal`): one deal per booking, and
 * how a deal names the booking that created it (see {@link bookingIdOfCrmDealKey}).
 *
 * @example
 * ```ts
 * import { crmDealKey } from '@workestra/booking-core';
 * crmDealKey('b_1'); // 'b_1:deal'
 * ```
 */
export function crmDealKey(bookingId: string): string {
  return `${bookingId}${DEAL_KEY_SUFFIX}`;
}

/**
 * The booking that created a deal, read from the deal's key ({@link crmDealKey}); null for a key
 * `crm.sync` did not make.
 *
 * @example
 * ```ts
 * import { bookingIdOfCrmDealKey } from '@workestra/booking-core';
 * bookingIdOfCrmDealKey('b_1:deal'); // 'b_1'
 * ```
 */
export function bookingIdOfCrmDealKey(key: string): string | null {
  return key.length > DEAL_KEY_SUFFIX.length && key.endsWith(DEAL_KEY_SUFFIX)
    ? key.slice(0, -DEAL_KEY_SUFFIX.length)
    : null;
}

/**
 * The meeting a CRM records for a booking as it is now: its times, its meeting link and whether it
 * is still on (`scheduled`), `cancelled` or a `no_show`.
 *
 * @example
 * ```ts
 * import { crmMeetingOf } from '@workestra/booking-core';
 * crmMeetingOf(booking).status; // 'scheduled'
 * ```
 */
export function crmMeetingOf(booking: Booking): CrmMeeting {
  return {
    start: booking.start,
    end: booking.end,
    status: booking.status === 'cancelled' ? 'cancelled' : booking.noShow ? 'no_show' : 'scheduled',
    meetingUrl: booking.meetingUrl,
  };
}

/**
 * A team link's note names who has the meeting (the CRM input has no owner field): a line
 * `Assigned to <member>` (a collective meeting: the host, then the co-hosts). A solo link's note
 * is left as it is.
 */
function withAssignee(note: string, f: FollowUp<'crm.sync'>): string {
  if (!isTeamLink(f.link)) return note;
  const names = [f.host, ...f.coHosts].map((h) => h.name);
  return `${note}\nAssigned to ${names.join(', ')}`;
}

/**
 * The note of one change; times in UTC ISO-8601, as the CRM shows them in its reader's zone. The
 * note of a new booking lists its pre-meeting answers, one "Label: value" line each.
 */
function noteFor(change: CrmChange, booking: Booking, link: BookingLink): string {
  const when = new Date(booking.start).toISOString();
  switch (change) {
    case 'created':
      return [`Booked "${link.title}" (${when})`, ...formatAnswerLines(booking.answers)].join('\n');
    case 'rescheduled':
      return `Rescheduled "${link.title}"; now at ${when}`;
    case 'cancelled':
      return `Cancelled "${link.title}" (${when})${booking.cancelReason ? `: ${booking.cancelReason}` : ''}`;
    case 'no_show':
      return `No-show at "${link.title}" (${when})`;
    case 'no_show_undone':
      return `No-show taken back: "${link.title}" (${when}) took place`;
  }
}
