import type {
  Booking,
  BookingEvent,
  BookingLink,
  BookingLinkSummary,
  FollowUpFailure,
  FormField,
  Host,
  Job,
  BookingPerson,
  PublicBooking,
  PublicLinkView,
  TimeOff,
  TokenView,
} from '@workestra/booking-core';
import type { DaySlots } from '@workestra/slots';
import type { HostInvite } from '@workestra/store';
import type {
  BookingEventJson,
  BookingPersonJson,
  DaySlotsJson,
  FormAnswerJson,
  FollowUpJson,
  FormFieldJson,
  HostBookingJson,
  HostJson,
  InviteJson,
  LinkJson,
  PublicBookingJson,
  TimeOffJson,
  TokenViewJson,
} from './api-schemas.js';
import { FOLLOW_UP_ERROR_MAX_LENGTH } from './api-schemas.js';

/*
 * booking-core speaks epoch ms; the HTTP API speaks ISO-8601 with `Z`. These pure mappers are the
 * only place the two meet, and they pick fields explicitly so nothing internal (hashes, blocked
 * ranges, iCalendar ids) leaks by accident.
 */

const DAY_MS = 86_400_000;
/** The instant `new Date(ms).toISOString()` stops writing a four-digit year (+010000-01-01). */
const FOUR_DIGIT_YEARS_END = 253_402_300_800_000;
/** `'00'`..`'59'` and `'000'`..`'999'`: the padded fields of a time of day. */
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** The last day formatted (`YYYY-MM-DDT`): a slots answer formats hundreds of instants per day. */
let cachedDay = Number.NaN;
let cachedDayPrefix = '';

/**
 * Epoch ms -> `2026-11-02T14:00:00.000Z`, exactly what `new Date(ms).toISOString()` answers (the
 * property test compares the two), several times faster: the date part is computed once per day
 * and reused, the time of day is put together from lookup tables. Instants outside years
 * 1970..9999 and non-integers are left to `toISOString` (which also throws `RangeError` for
 * `NaN` and out-of-range values, as before).
 */
export const iso = (ms: number): string => {
  if (!Number.isInteger(ms) || ms < 0 || ms >= FOUR_DIGIT_YEARS_END) {
    return new Date(ms).toISOString();
  }
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${cachedDayPrefix}${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}Z`;
};

export function hostJson(host: Host): HostJson {
  return {
    id: host.id,
    workspaceId: host.workspaceId,
    email: host.email,
    name: host.name,
    timeZone: host.timeZone,
  };
}

export function timeOffJson(range: TimeOff): TimeOffJson {
  return { id: range.id, start: iso(range.start), end: iso(range.end), note: range.note };
}

/** A form field as the API answers it (the stored definition, arrays copied). */
export function formFieldJson(field: FormField): FormFieldJson {
  return { ...field, options: [...field.options], accept: [...field.accept] };
}

export function linkJson(link: BookingLink, publicUrl: string): LinkJson {
  return {
    id: link.id,
    workspaceId: link.workspaceId,
    hostId: link.hostId,
    kind: link.kind,
    members: link.members.map((m) => ({
      hostId: m.hostId,
      weight: m.weight,
      calendarProvider: m.calendarProvider,
      timeZone: m.timeZone,
      weeklyHours: m.weeklyHours as LinkJson['weeklyHours'] | null,
    })),
    formFields: link.formFields.map(formFieldJson),
    embedDomains: [...link.embedDomains],
    title: link.title,
    description: link.description,
    slug: link.slug,
    durationMinutes: link.durationMinutes,
    bufferBeforeMinutes: link.bufferBeforeMinutes,
    bufferAfterMinutes: link.bufferAfterMinutes,
    minNoticeHours: link.minNoticeHours,
    maxDaysAhead: link.maxDaysAhead,
    timeZone: link.timeZone,
    weeklyHours: link.weeklyHours as LinkJson['weeklyHours'],
    dateOverrides: link.dateOverrides as LinkJson['dateOverrides'],
    recurringOverrides: link.recurringOverrides as LinkJson['recurringOverrides'],
    dailyCap: link.dailyCap,
    calendarProvider: link.calendarProvider,
    autoMeetingLink: link.autoMeetingLink,
    autoCreateDeal: link.autoCreateDeal,
    defaultDealStage: link.defaultDealStage,
    defaultDealValueMinor: link.defaultDealValueMinor,
    defaultDealCurrency: link.defaultDealCurrency,
    active: link.active,
    createdAt: iso(link.createdAt),
    updatedAt: iso(link.updatedAt),
    publicUrl: `${publicUrl}/book/${link.slug}`,
  };
}

export function publicLinkJson(view: PublicLinkView) {
  return {
    slug: view.slug,
    title: view.title,
    description: view.description,
    durationMinutes: view.durationMinutes,
    hostName: view.hostName,
    hostTimeZone: view.hostTimeZone,
    maxDaysAhead: view.maxDaysAhead,
    minNoticeHours: view.minNoticeHours,
    kind: view.kind,
    members: view.members.map((m) => ({ name: m.name })),
    formFields: view.formFields.map(formFieldJson),
  };
}

export function daysJson(days: readonly DaySlots[]): DaySlotsJson[] {
  return days.map((day) => ({
    date: day.date,
    slots: day.slots.map((s) => ({ start: iso(s.start), end: iso(s.end) })),
  }));
}

/**
 * A slots answer (`{ timeZone, days }` with `days` as {@link daysJson} gives them) as JSON text,
 * written directly: exactly `JSON.stringify({ timeZone, days: daysJson(days) })` (the test compares
 * the two) without building an object per slot first. A month of slots is hundreds of them on
 * every read of a booking page.
 *
 * @example
 * ```ts
 * res.set('Content-Type', 'application/json').send(slotsAnswerJson('UTC', slots.days));
 * ```
 */
export function slotsAnswerJson(timeZone: string, days: readonly DaySlots[]): string {
  const parts: string[] = [];
  for (const day of days) {
    const slots: string[] = [];
    for (const s of day.slots) slots.push(`{"start":"${iso(s.start)}","end":"${iso(s.end)}"}`);
    parts.push(`{"date":${JSON.stringify(day.date)},"slots":[${slots.join(',')}]}`);
  }
  return `{"timeZone":${JSON.stringify(timeZone)},"days":[${parts.join(',')}]}`;
}

/** The booking as its attendee sees it (booking-core's `publicBooking` view). */
export function publicBookingJson(view: PublicBooking): PublicBookingJson {
  return {
    ...view,
    coHostNames: [...view.coHostNames],
    start: iso(view.start),
    end: iso(view.end),
  };
}

/** Who a booking names, as booking-core's host views give it: the booked host and co-hosts. */
interface BookingPeople {
  readonly host: BookingPerson | null;
  readonly coHosts: readonly BookingPerson[];
}

const personJson = (p: BookingPerson): BookingPersonJson => ({
  id: p.id,
  name: p.name,
  email: p.email,
});

/**
 * The booking on the host's dashboard; a deleted link keeps its title (`linkDeleted`) but no slug; `people` names the
 * booked host (on a team link, the member it went to) and a collective meeting's co-hosts.
 */
export function hostBookingJson(
  booking: Booking,
  link: BookingLinkSummary | null,
  followUpFailures: readonly FollowUpFailure[],
  { host, coHosts }: BookingPeople,
): HostBookingJson {
  return {
    id: booking.id,
    linkId: booking.linkId,
    linkTitle: link?.title ?? null,
    // A deleted link's slug is free for another link: no page of this meeting's lives there.
    linkSlug: link === null || link.deleted ? null : link.slug,
    linkDeleted: link?.deleted ?? false,
    status: booking.status,
    start: iso(booking.start),
    end: iso(booking.end),
    attendeeName: booking.attendeeName,
    attendeeEmail: booking.attendeeEmail,
    attendeeTimeZone: booking.attendeeTimeZone,
    attendeeLocale: booking.attendeeLocale,
    attendeeHourCycle: booking.attendeeHourCycle,
    noShow: booking.noShow,
    cancelReason: booking.cancelReason,
    meetingUrl: booking.meetingUrl,
    externalRefs: { ...booking.externalRefs },
    followUpFailures: followUpFailures.map((f) => ({
      kind: f.kind,
      at: iso(f.at),
      attempts: f.attempts,
      error: f.error,
    })),
    createdAt: iso(booking.createdAt),
    updatedAt: iso(booking.updatedAt),
    host: host === null ? null : personJson(host),
    coHosts: coHosts.map(personJson),
    answers: booking.answers.map((a) => ({
      fieldId: a.fieldId,
      label: a.label,
      type: a.type,
      value: typeof a.value === 'object' && !Array.isArray(a.value) ? { ...a.value } : a.value,
    })) as FormAnswerJson[],
  };
}

/**
 * An invite as its workspace's hosts see it (never its token hash).
 *
 * @example
 * ```ts
 * res.json({ invites: (await auth.listPendingInvites(workspaceId, Date.now())).map(inviteJson) });
 * ```
 */
export function inviteJson(invite: HostInvite): InviteJson {
  return {
    id: invite.id,
    email: invite.email,
    createdAt: iso(invite.createdAt),
    expiresAt: iso(invite.expiresAt),
  };
}

/** Event data keys that hold instants (`start`, `previousEnd`, ...) become ISO strings too. */
const INSTANT_KEY = /^(start|end|at|previous(Start|End))$/;

export function eventJson(event: BookingEvent): BookingEventJson {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.data))
    data[key] =
      INSTANT_KEY.test(key) && typeof value === 'number' && Number.isFinite(value)
        ? iso(value)
        : value;
  return { type: event.type, actor: event.actor, at: iso(event.at), data };
}

/**
 * A booking's follow-up job as its host sees it: state and attempts, the recorded error cut to
 * {@link FOLLOW_UP_ERROR_MAX_LENGTH} characters, and while pending when it runs next. The payload
 * (tokens, addresses) stays out.
 *
 * @example
 * ```ts
 * const followUps = (await jobs.listBookingJobs(host.workspaceId, bookingId)).map(followUpJson);
 * ```
 */
export function followUpJson(job: Job): FollowUpJson {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError === null ? null : job.lastError.slice(0, FOLLOW_UP_ERROR_MAX_LENGTH),
    nextAttemptAt: job.status === 'pending' ? iso(job.runAt) : null,
    updatedAt: iso(job.updatedAt),
  };
}

export function tokenViewJson(view: TokenView): TokenViewJson {
  return {
    purpose: view.purpose,
    booking: {
      start: iso(view.booking.start),
      end: iso(view.booking.end),
      attendeeName: view.booking.attendeeName,
      attendeeEmail: view.booking.attendeeEmail,
      attendeeTimeZone: view.booking.attendeeTimeZone,
      meetingUrl: view.booking.meetingUrl,
      meetingLinkRequested: view.booking.meetingLinkRequested,
    },
    link: {
      title: view.link.title,
      slug: view.link.slug,
      durationMinutes: view.link.durationMinutes,
    },
    hostName: view.hostName,
    coHostNames: [...view.coHostNames],
    hostTimeZone: view.hostTimeZone,
    linkActive: view.linkActive,
    timeZone: view.timeZone,
    slots: view.slots === null ? null : daysJson(view.slots),
  };
}
