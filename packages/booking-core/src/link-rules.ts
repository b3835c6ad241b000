import { computeSlots, type AvailabilityRules, type SlotPolicy } from '@workestra/slots';
import type { BookingLinkSettings, EpochMs, LinkMember } from './domain.js';
import { BookingError, isBookingError, type ValidationIssue } from './errors.js';
import { LINK_LIMITS } from './limits.js';
import { isTeamLink } from './team-links.js';
import { withSlotsValidation } from './validation.js';

const DAY_MS = 86_400_000;

/**
 * The UTC date of an instant as `YYYY-MM-DD`, clamped to the years such dates can spell (0000 to
 * 9999) so that string comparison stays date comparison; `undefined` past `Date`'s range.
 */
function utcDate(instant: EpochMs): string | undefined {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  if (year > 9999) return '9999-12-31';
  if (year < 0) return '0000-01-01';
  return date.toISOString().slice(0, 10);
}

/**
 * The slot engine's view of a link: its availability rules. With `around`, only the date
 * overrides that can matter for instants in `[from, to]` are passed on: the engine checks every
 * override it is given, and a link may hold a thousand while a read needs a month's worth (the
 * link was checked in full when it was saved). The margin is three dates either side: a
 * host-local date is within a day of the UTC date, and the engine looks one date past each end.
 */
export function linkRules(
  link: BookingLinkSettings,
  around?: { readonly from: EpochMs; readonly to: EpochMs },
): AvailabilityRules {
  const first = around && utcDate(around.from - 3 * DAY_MS);
  const last = around && utcDate(around.to + 3 * DAY_MS);
  return {
    timeZone: link.timeZone,
    weekly: link.weeklyHours,
    dateOverrides:
      first === undefined || last === undefined
        ? link.dateOverrides
        : link.dateOverrides.filter((o) => o.date >= first && o.date <= last),
    recurringOverrides: link.recurringOverrides,
  };
}

/** The slot engine's view of a link: how its slots are cut. */
export function linkPolicy(link: BookingLinkSettings): SlotPolicy {
  return {
    durationMinutes: link.durationMinutes,
    bufferBeforeMinutes: link.bufferBeforeMinutes,
    bufferAfterMinutes: link.bufferAfterMinutes,
    minimumNoticeMinutes: link.minNoticeHours * 60,
    maxDaysAhead: link.maxDaysAhead,
    ...(link.dailyCap === null ? {} : { dailyCap: link.dailyCap }),
  };
}

/**
 * Checks what zod cannot: windows that end before they start or overlap, unknown zones, bad
 * RRULEs (by compiling the rules in the slot engine on an empty range), and cross-field rules.
 * A team link's members are checked the same way (each member's view: its own weekly hours and
 * time zone with the link's overrides), and its shape: a `solo` link has no members; a team link
 * has 1 to `LINK_LIMITS.maxTeamMembers`, each host once with a positive integer weight, and no
 * calendar of its own (`calendarProvider` `none`: its members carry the calendars); an online
 * meeting link needs a calendar for the host (solo) or for every member (team). Whether the
 * members are hosts of the workspace is the store's to say (see `assertMembersKnown`).
 * Throws `VALIDATION_FAILED` with the link's own field names (`members[1].weeklyHours.monday[0]`).
 */
export function assertLinkSettings(settings: BookingLinkSettings, now: number): void {
  withSlotsValidation(() =>
    computeSlots({
      rules: linkRules(settings),
      policy: linkPolicy(settings),
      from: now,
      to: now,
      now,
    }),
  );
  const issues = teamIssues(settings);
  if (issues.length > 0) throw new BookingError('VALIDATION_FAILED', { details: issues });
  settings.members.forEach((member, index) => {
    try {
      withSlotsValidation(() =>
        computeSlots({
          rules: linkRules({
            ...settings,
            timeZone: member.timeZone ?? settings.timeZone,
            weeklyHours: member.weeklyHours ?? settings.weeklyHours,
          }),
          policy: linkPolicy(settings),
          from: now,
          to: now,
          now,
        }),
      );
    } catch (error) {
      throw memberIssue(error, index, member);
    }
  });
  if (settings.autoMeetingLink && !isTeamLink(settings) && settings.calendarProvider === 'none') {
    throw new BookingError('VALIDATION_FAILED', {
      details: [
        {
          path: 'autoMeetingLink',
          message: 'needs a calendar provider (google or microsoft) to create the meeting link',
        },
      ],
    });
  }
}

/** The shape rules of a link's members (see {@link assertLinkSettings}). */
function teamIssues(settings: BookingLinkSettings): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { members } = settings;
  if (!isTeamLink(settings)) {
    if (members.length > 0)
      issues.push({ path: 'members', message: 'must be empty on a solo link' });
    return issues;
  }
  if (members.length === 0)
    issues.push({ path: 'members', message: 'a team link needs at least one member' });
  if (members.length > LINK_LIMITS.maxTeamMembers)
    issues.push({
      path: 'members',
      message: `a team link has at most ${LINK_LIMITS.maxTeamMembers} members`,
    });
  if (settings.calendarProvider !== 'none')
    issues.push({
      path: 'calendarProvider',
      message: 'must be none on a team link: each member has its own calendar',
    });
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.hostId))
      issues.push({ path: `members[${index}].hostId`, message: 'is a member already' });
    seen.add(member.hostId);
    if (!Number.isSafeInteger(member.weight) || member.weight < 1)
      issues.push({ path: `members[${index}].weight`, message: 'must be a positive integer' });
    if (settings.autoMeetingLink && member.calendarProvider === 'none')
      issues.push({
        path: `members[${index}].calendarProvider`,
        message: 'needs a calendar provider (google or microsoft): the link creates meeting links',
      });
  });
  return issues;
}

/**
 * A member's rules refused by the engine, on the member's own field names: its `timeZone` and
 * `weeklyHours` when it has them, otherwise the link's (the link's own check passed, so an issue
 * there is the combination: the member's zone with the link's hours, say).
 */
function memberIssue(error: unknown, index: number, member: LinkMember): unknown {
  if (!isBookingError(error) || !Array.isArray(error.details)) return error;
  const details = (error.details as readonly ValidationIssue[]).map(({ path, message }) => {
    const own =
      (path.startsWith('timeZone') && member.timeZone !== null) ||
      (path.startsWith('weeklyHours') && member.weeklyHours !== null);
    return { path: own ? `members[${index}].${path}` : `members[${index}]`, message };
  });
  return new BookingError('VALIDATION_FAILED', { details, cause: error });
}
