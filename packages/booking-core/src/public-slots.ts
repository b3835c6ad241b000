import { computeSlots, groupSlotsByDay, type DaySlots, type Slot } from '@workestra/slots';
import type { Booking, BookingLink, EpochMs, FormField, LinkKind } from './domain.js';
import type { Deps } from './deps.js';
import { BookingError } from './errors.js';
import { activeLinkBySlug, readOnly } from './access.js';
import { busyRange, calendarBusy, hostBusyForLink, timeOffBusy } from './busy.js';
import { SLOTS_ANSWER_LIMITS } from './limits.js';
import { linkPolicy, linkRules } from './link-rules.js';
import { publicSlotsInputSchema } from './schemas.js';
import { parseInput, withSlotsValidation } from './validation.js';
import { isTeamLink, memberLinks } from './team-links.js';
import { bookingViews, teamMode, teamSlots } from './team-slots.js';

const DAY_MS = 86_400_000;
const { maxRangeDays, maxSlots } = SLOTS_ANSWER_LIMITS;

/**
 * What the public page of a link shows above the slot picker.
 *
 * @example
 * ```ts
 * const view: PublicLinkView = await core.getPublicLink('intro-call');
 * view.title; // '30-minute intro call'
 * view.members.map((m) => m.name); // [] for a solo link, ['Ana', 'Ben'] for a team link
 * ```
 */
export interface PublicLinkView {
  readonly slug: string;
  readonly title: string;
  readonly description: string | null;
  readonly durationMinutes: number;
  /** `solo`, or the kind of team link (see `LINK_KINDS`). */
  readonly kind: LinkKind;
  /** A team link's members by name, in member order; empty for a solo link. */
  readonly members: readonly { readonly name: string }[];
  /** The host's name; for a team link, its members' names joined with ", ". */
  readonly hostName: string;
  /** The link's time zone (slots are computed in it; a team member may have its own). */
  readonly hostTimeZone: string;
  readonly maxDaysAhead: number;
  readonly minNoticeHours: number;
  /** The pre-meeting form the attendee fills in before booking (empty: name and email only). */
  readonly formFields: readonly FormField[];
}

/**
 * Bookable slots of a link grouped by day in the attendee's time zone; instants in epoch ms.
 *
 * @example
 * ```ts
 * const { days } = await core.getPublicSlots({ slug: 'intro-call', from: now, to: now + 7 * 86_400_000, timeZone: 'Asia/Tokyo' });
 * days[0]; // { date: '2026-11-03', slots: [{ start: 1793671200000, end: 1793673000000 }, ...] }
 * ```
 */
export interface PublicSlots {
  readonly timeZone: string;
  readonly days: DaySlots[];
}

/** The public view of a live, active link. */
export async function getPublicLink(deps: Deps, slug: unknown): Promise<PublicLinkView> {
  const { slug: parsed } = parseInput(publicSlotsInputSchema.pick({ slug: true }), { slug });
  return readOnly(deps.store, async (tx) => {
    const link = await activeLinkBySlug(tx, parsed);
    let hostName: string;
    let members: { name: string }[] = [];
    if (isTeamLink(link)) {
      const names = new Map((await tx.listHosts(link.workspaceId)).map((h) => [h.id, h.name]));
      members = link.members.map((m) => ({ name: names.get(m.hostId) ?? '' }));
      hostName = members.map((m) => m.name).join(', ');
    } else {
      hostName = (await tx.findHost(link.workspaceId, link.hostId))?.name ?? '';
    }
    return {
      slug: link.slug,
      title: link.title,
      description: link.description,
      durationMinutes: link.durationMinutes,
      kind: link.kind,
      members,
      hostName,
      hostTimeZone: link.timeZone,
      maxDaysAhead: link.maxDaysAhead,
      minNoticeHours: link.minNoticeHours,
      formFields: link.formFields,
    };
  });
}

/** Slots of a link by slug, for the attendee's range and time zone. */
export async function getPublicSlots(deps: Deps, raw: unknown): Promise<PublicSlots> {
  const input = parseInput(publicSlotsInputSchema, raw);
  const link = await readOnly(deps.store, (tx) => activeLinkBySlug(tx, input.slug));
  return {
    timeZone: input.timeZone,
    days: await slotsForLink(deps, link, input.from, input.to, input.timeZone),
  };
}

/**
 * A link's slots in `[from, to)` grouped in `timeZone`; busy = the host's confirmed bookings, its
 * time off and, when the link has a calendar, the calendar (whose failure throws, never counts as free).
 * A team link's slots are its members' (each member's view, see `memberLink`, with its own
 * bookings, time off and calendar): those where some member is free (`round_robin`; a member whose
 * calendar cannot be read is left out) or where all are (`collective`; any calendar failure
 * throws). `exclude` leaves one booking out of busy (the one being rescheduled) and keeps its
 * hosts: the slots are those its host (and co-hosts) are all free for; none when one of them is no
 * longer a host of the link. A range longer than 62 days, or holding more than 10,000 slots, is
 * `VALIDATION_FAILED` on `to` (see {@link SLOTS_ANSWER_LIMITS}); for a solo host the engine stops
 * at the first slot past the cap, so such a request costs no more than an answer at the cap.
 */
export async function slotsForLink(
  deps: Deps,
  link: BookingLink,
  from: EpochMs,
  to: EpochMs,
  timeZone: string,
  exclude?: Booking,
): Promise<DaySlots[]> {
  if (to < from || to - from > maxRangeDays * DAY_MS) {
    throw new BookingError('VALIDATION_FAILED', {
      details: [{ path: 'to', message: `must be after from, at most ${maxRangeDays} days later` }],
    });
  }
  const now = deps.clock.now();
  // Nothing can be offered before now or past the horizon: don't ask calendars about that time.
  const lo = Math.max(from, now);
  const hi = Math.min(to, now + (link.maxDaysAhead + 2) * DAY_MS);
  if (lo >= hi) return [];
  const window = { lo, hi, now };
  let slots: Slot[];
  if (exclude !== undefined) {
    const views = bookingViews(link, exclude);
    if (views === null) return [];
    const [only] = views;
    slots =
      views.length === 1 && only !== undefined
        ? await soloSlots(deps, only, window, exclude)
        : await teamSlots(deps, link, views, 'collective', window, exclude);
  } else if (isTeamLink(link)) {
    slots = await teamSlots(deps, link, memberLinks(link), teamMode(link), window);
  } else {
    slots = await soloSlots(deps, link, window);
  }
  const firstLeftOut = slots[maxSlots];
  if (firstLeftOut !== undefined) {
    const end = new Date(firstLeftOut.start).toISOString();
    throw new BookingError('VALIDATION_FAILED', {
      details: [
        {
          path: 'to',
          message: `the range holds more than ${maxSlots} slots; end it at ${end} at the latest`,
        },
      ],
    });
  }
  return groupSlotsByDay(slots, timeZone);
}

/** One host's slots in `[lo, hi)`, at most one past the cap. */
async function soloSlots(
  deps: Deps,
  link: BookingLink,
  window: { readonly lo: EpochMs; readonly hi: EpochMs; readonly now: EpochMs },
  exclude?: Booking,
): Promise<Slot[]> {
  const { lo, hi, now } = window;
  const range = busyRange(link, lo, hi);
  const external = await calendarBusy(deps, link, range.from, range.to, exclude?.icalUid);
  const { hostBookings, timeOff } = await readOnly(deps.store, async (tx) => ({
    hostBookings: await tx.listHostBusy(link.workspaceId, link.hostId, range.from, range.to),
    timeOff: await timeOffBusy(tx, link.workspaceId, link.hostId, range.from, range.to),
  }));
  const own = hostBusyForLink(hostBookings, link.id, exclude?.id);
  return withSlotsValidation(() =>
    computeSlots({
      rules: linkRules(link, { from: lo, to: hi }),
      policy: linkPolicy(link),
      busy: [...own.busy, ...external, ...timeOff],
      bookings: own.bookings,
      from: lo,
      to: hi,
      now,
      limit: maxSlots + 1,
    }),
  );
}
