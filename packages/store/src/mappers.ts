import { EXTERNAL_SYSTEMS } from '@workestra/booking-core';
import type {
  Booking,
  ExternalRef,
  BookingEvent,
  BookingLink,
  BookingToken,
  Host,
  Job,
  LinkMember,
  TimeOff,
  Upload,
} from '@workestra/booking-core';
import type * as sqlite from './schema/sqlite.js';
import type * as pg from './schema/pg.js';

/*
 * Both schemas read back rows whose columns are named like the domain fields, so most mapping is
 * the identity; the annotations make TypeScript prove that for each dialect.
 */

type Row<S, P> = S | P;

export const toHost = (
  r: Row<typeof sqlite.hosts.$inferSelect, typeof pg.hosts.$inferSelect>,
): Host => ({ ...r });

/** A link row with its member rows (any order: they are sorted by `position` here). */
export const toLink = (
  r: Row<typeof sqlite.bookingLinks.$inferSelect, typeof pg.bookingLinks.$inferSelect>,
  memberRows: readonly MemberRow[],
): BookingLink => ({
  ...r,
  members: [...memberRows].sort((a, b) => a.position - b.position).map(toLinkMember),
});

type MemberRow = Row<
  typeof sqlite.bookingLinkMembers.$inferSelect,
  typeof pg.bookingLinkMembers.$inferSelect
>;

const toLinkMember = (r: MemberRow): LinkMember => ({
  hostId: r.hostId,
  weight: r.weight,
  calendarProvider: r.calendarProvider,
  timeZone: r.timeZone,
  weeklyHours: r.weeklyHours,
});

/** The member rows of a link, `position` being each member's index in `link.members`. */
export function linkMemberRows(l: BookingLink): (typeof sqlite.bookingLinkMembers.$inferInsert)[] {
  return l.members.map((m, position) => ({
    workspaceId: l.workspaceId,
    linkId: l.id,
    hostId: m.hostId,
    position,
    weight: m.weight,
    calendarProvider: m.calendarProvider,
    timeZone: m.timeZone,
    weeklyHours: m.weeklyHours,
  }));
}

export const toBooking = (
  r: Row<typeof sqlite.bookings.$inferSelect, typeof pg.bookings.$inferSelect>,
): Booking => ({ ...r });

export const toToken = (
  r: Row<typeof sqlite.bookingTokens.$inferSelect, typeof pg.bookingTokens.$inferSelect>,
): BookingToken => ({ ...r });

export const toTimeOff = (
  r: Row<typeof sqlite.timeOff.$inferSelect, typeof pg.timeOff.$inferSelect>,
): TimeOff => ({ ...r });

export function timeOffRow(r: TimeOff): typeof sqlite.timeOff.$inferInsert {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    hostId: r.hostId,
    start: r.start,
    end: r.end,
    note: r.note,
  };
}

export const toUpload = (
  r: Row<typeof sqlite.uploads.$inferSelect, typeof pg.uploads.$inferSelect>,
): Upload => ({ ...r });

export function uploadRow(u: Upload): typeof sqlite.uploads.$inferInsert {
  return {
    id: u.id,
    workspaceId: u.workspaceId,
    linkId: u.linkId,
    fieldId: u.fieldId,
    filename: u.filename,
    kind: u.kind,
    size: u.size,
    storageKey: u.storageKey,
    bookingId: u.bookingId,
    createdAt: u.createdAt,
  };
}

export function toEvent(
  r: Row<typeof sqlite.bookingEvents.$inferSelect, typeof pg.bookingEvents.$inferSelect>,
): BookingEvent {
  const { seq: _seq, ...event } = r;
  return event;
}

/** A job row as the domain sees it: `booking_id` is an index of `payload.bookingId`, not a field. */
export function toJob(r: Row<typeof sqlite.jobs.$inferSelect, typeof pg.jobs.$inferSelect>): Job {
  const { bookingId: _bookingId, ...job } = r;
  return job;
}

/** Domain objects may carry extra fields at runtime; write only known columns. */
export function hostRow(h: Host): typeof sqlite.hosts.$inferInsert {
  return {
    id: h.id,
    workspaceId: h.workspaceId,
    email: h.email,
    name: h.name,
    timeZone: h.timeZone,
    createdAt: h.createdAt,
  };
}

export function linkRow(l: BookingLink): typeof sqlite.bookingLinks.$inferInsert {
  return {
    id: l.id,
    workspaceId: l.workspaceId,
    hostId: l.hostId,
    kind: l.kind,
    title: l.title,
    description: l.description,
    slug: l.slug,
    durationMinutes: l.durationMinutes,
    bufferBeforeMinutes: l.bufferBeforeMinutes,
    bufferAfterMinutes: l.bufferAfterMinutes,
    minNoticeHours: l.minNoticeHours,
    maxDaysAhead: l.maxDaysAhead,
    timeZone: l.timeZone,
    weeklyHours: l.weeklyHours,
    dateOverrides: l.dateOverrides,
    recurringOverrides: l.recurringOverrides,
    dailyCap: l.dailyCap,
    calendarProvider: l.calendarProvider,
    autoMeetingLink: l.autoMeetingLink,
    autoCreateDeal: l.autoCreateDeal,
    defaultDealStage: l.defaultDealStage,
    defaultDealValueMinor: l.defaultDealValueMinor,
    defaultDealCurrency: l.defaultDealCurrency,
    formFields: l.formFields,
    embedDomains: l.embedDomains,
    active: l.active,
    deletedAt: l.deletedAt,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export function bookingRow(b: Booking): typeof sqlite.bookings.$inferInsert {
  return {
    id: b.id,
    workspaceId: b.workspaceId,
    linkId: b.linkId,
    hostId: b.hostId,
    coHostIds: [...b.coHostIds],
    status: b.status,
    start: b.start,
    end: b.end,
    blockedStart: b.blockedStart,
    blockedEnd: b.blockedEnd,
    attendeeName: b.attendeeName,
    attendeeEmail: b.attendeeEmail,
    attendeeTimeZone: b.attendeeTimeZone,
    attendeeLocale: b.attendeeLocale,
    attendeeHourCycle: b.attendeeHourCycle,
    noShow: b.noShow,
    cancelReason: b.cancelReason,
    icalUid: b.icalUid,
    icalSequence: b.icalSequence,
    meetingUrl: b.meetingUrl,
    externalRefs: { ...b.externalRefs },
    answers: b.answers,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

export function tokenRow(t: BookingToken): typeof sqlite.bookingTokens.$inferInsert {
  return {
    tokenHash: t.tokenHash,
    bookingId: t.bookingId,
    workspaceId: t.workspaceId,
    purpose: t.purpose,
    createdAt: t.createdAt,
    supersededAt: t.supersededAt,
  };
}

export function eventRow(e: BookingEvent): typeof sqlite.bookingEvents.$inferInsert {
  return {
    id: e.id,
    workspaceId: e.workspaceId,
    bookingId: e.bookingId,
    type: e.type,
    actor: e.actor,
    at: e.at,
    data: { ...e.data },
  };
}

/**
 * The columns `updateBooking` writes: all but the write-back ones (`external_refs`,
 * `meeting_url`), which only `setExternalRef` changes, so a full-row update never undoes one.
 */
export function bookingUpdateRow(b: Booking) {
  const {
    id: _id,
    workspaceId: _ws,
    externalRefs: _refs,
    meetingUrl: _url,
    answers: _answers,
    ...changes
  } = bookingRow(b);
  return changes;
}

/** The JSON of one reference as stored under its system's key; the system must be a known one. */
export function externalRefJson(system: string, ref: ExternalRef): string {
  if (!(EXTERNAL_SYSTEMS as readonly string[]).includes(system))
    throw new TypeError(`unknown external system "${system}"`);
  return JSON.stringify({ provider: ref.provider, id: ref.id });
}
