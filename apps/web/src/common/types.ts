// Shapes of the JSON API (docs/http-api.md). The server validates; the UI trusts these shapes.
import type {
  CalendarProviderName,
  ConnectedCalendarProvider,
  LinkKind,
} from '@workestra/booking-core';
import type { BookingAnswer, FormField } from './form-fields';

export interface Slot {
  start: string;
  end: string;
}

export interface SlotDay {
  date: string;
  slots: Slot[];
}

export interface PublicLink {
  slug: string;
  title: string;
  description: string | null;
  durationMinutes: number;
  hostName: string;
  hostTimeZone: string;
  maxDaysAhead: number;
  minNoticeHours: number;
  /** `solo`, or a team link. */
  kind: LinkKind;
  /** A team link's members' names; empty for a solo link. */
  members: { name: string }[];
  /** The pre-meeting form, asked after name and email (absent from servers without forms). */
  formFields?: FormField[];
}

export interface PublicBooking {
  id: string;
  status: 'confirmed' | 'cancelled';
  start: string;
  end: string;
  attendeeName: string;
  attendeeEmail: string;
  attendeeTimeZone: string;
  /** Who is booked: on a team link, the member the meeting went to. */
  hostName: string;
  /** A collective meeting's other members; empty otherwise. */
  coHostNames: string[];
  hostTimeZone: string;
  linkTitle: string;
  linkSlug: string;
  /** The online meeting once the calendar follow-up created it. */
  meetingUrl: string | null;
  /** The link asks for an online meeting: `meetingUrl` null means it is still being created. */
  meetingLinkRequested: boolean;
}

export interface BookingCreated {
  booking: PublicBooking;
  rescheduleToken: string;
  cancelToken: string;
  rescheduleUrl: string;
  cancelUrl: string;
}

export interface TokenInfo {
  purpose: 'reschedule' | 'cancel';
  booking: {
    start: string;
    end: string;
    attendeeName: string;
    attendeeEmail: string;
    attendeeTimeZone: string;
    meetingUrl: string | null;
    meetingLinkRequested: boolean;
  };
  link: { title: string; slug: string; durationMinutes: number };
  hostName: string;
  coHostNames: string[];
  hostTimeZone: string;
  linkActive: boolean;
  timeZone: string;
  slots: SlotDay[] | null;
}

export type Weekday =
  'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface TimeWindow {
  start: string;
  end: string;
}

export type WeeklyHours = Partial<Record<Weekday, TimeWindow[]>>;

/** One member of a team link (`Link.members`). */
export interface LinkMember {
  hostId: string;
  /** Round robin: a member of weight 2 gets twice the bookings of one of weight 1. */
  weight: number;
  calendarProvider: CalendarProviderName;
  timeZone: string | null;
  weeklyHours: WeeklyHours | null;
}

export interface LinkInput {
  /** `solo` (the host alone), `round_robin` or `collective`. */
  kind: LinkKind;
  /** A team link's members in order; empty for a solo link. */
  members: LinkMember[];
  title: string;
  description: string | null;
  slug: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeHours: number;
  maxDaysAhead: number;
  timeZone: string;
  weeklyHours: WeeklyHours;
  calendarProvider: CalendarProviderName;
  autoMeetingLink: boolean;
  autoCreateDeal: boolean;
  defaultDealStage: string | null;
  defaultDealValueMinor: number | null;
  /** ISO 4217 code of `defaultDealValueMinor` (e.g. `EUR`), or null. */
  defaultDealCurrency: string | null;
  /** The pre-meeting form in order (absent from servers without forms: read it as `[]`). */
  formFields?: FormField[];
}

export interface Link extends LinkInput {
  id: string;
  workspaceId: string;
  hostId: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  publicUrl: string;
  /**
   * Sites allowed to embed the booking page, normalized (`example.com`, `*.example.com`,
   * `https://example.com`, `localhost:8080`); empty: any site may embed it.
   */
  embedDomains: string[];
}

export interface Host {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  timeZone: string;
}

export interface HostBooking {
  id: string;
  linkId: string;
  linkTitle: string | null;
  linkSlug: string | null;
  /** The link was deleted; `linkTitle` still names it. */
  linkDeleted?: boolean;
  status: 'confirmed' | 'cancelled';
  start: string;
  end: string;
  attendeeName: string;
  attendeeEmail: string;
  attendeeTimeZone: string;
  noShow: boolean;
  cancelReason: string | null;
  meetingUrl: string | null;
  /** Follow-ups that failed for good (the booking stands), oldest first. */
  followUpFailures: FollowUpFailure[];
  createdAt: string;
  updatedAt: string;
  /** Who is booked (on a team link, the member it went to); null when that host is gone. */
  host?: BookingPerson | null;
  /** The other members attending a collective link's meeting. */
  coHosts?: BookingPerson[];
  /** The attendee's answers to the link's pre-meeting form, in the form's order. */
  answers?: BookingAnswer[];
}

/** A host as a booking names it. */
export interface BookingPerson {
  id: string;
  name: string;
  email: string;
}

/** A host of the signed-in host's workspace (`GET /api/host/members`). */
export interface Member {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  /** The member's connected calendar providers. */
  calendars: ConnectedCalendarProvider[];
}

/** A pending invite into the workspace (`GET /api/host/invites`). */
export interface Invite {
  id: string;
  email: string;
  createdAt: string;
  expiresAt: string;
}

/** A follow-up of a booking that failed for good (`HostBooking.followUpFailures`). */
export interface FollowUpFailure {
  kind: string;
  at: string;
  attempts: number;
  error: string;
}

/** One follow-up job of a booking, in any state (`GET /api/host/bookings/:id`, `followUps`). */
export interface FollowUp {
  id: string;
  kind: string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  /** Attempts started so far. */
  attempts: number;
  maxAttempts: number;
  /** The last attempt's error (at most 500 characters); null if none failed. */
  lastError: string | null;
  /** When it is tried next, while pending; null otherwise. */
  nextAttemptAt: string | null;
  updatedAt: string;
}

export type BookingFilter = 'upcoming' | 'past' | 'no_show' | 'cancelled';

/** An email whose delivery is undecided (`GET /api/host/uncertain-emails`). */
export interface UncertainEmail {
  bookingId: string | null;
  kind: string;
  recipient: string;
  messageId: string;
  status: 'unknown' | 'sending';
  error: string | null;
  since: string;
}

/** A host's connected calendar (`GET /api/host/calendar-connections`); tokens never leave the server. */
export interface CalendarConnection {
  provider: ConnectedCalendarProvider;
  accountEmail: string | null;
  calendarsToCheck: string[];
  writeCalendar: string;
  state: 'working' | 'needs_reconsent' | 'failing';
  stateSince: string;
  lastError: string | null;
  createdAt: string;
}

/** The host's connections and the providers this server has an OAuth client for. */
export interface CalendarConnections {
  connections: CalendarConnection[];
  providers: ConnectedCalendarProvider[];
}

/** One calendar of a connected account (`GET /api/host/calendar-connections/:provider/calendars`). */
export interface ProviderCalendar {
  id: string;
  name: string;
  primary: boolean;
  canWrite: boolean;
  timeZone: string | null;
}
