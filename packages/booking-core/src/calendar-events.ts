import type { EpochMs } from './domain.js';
import type { CalendarConnection } from './ports.js';

/**
 * A person on a calendar event.
 *
 * @example
 * ```ts
 * const ada: CalendarAttendee = { email: 'ada@example.com', name: 'Ada Lovelace' };
 * ```
 */
export interface CalendarAttendee {
  readonly email: string;
  readonly name: string;
}

/**
 * Everything a calendar event shows, built from the booking, its link and its host.
 *
 * @example
 * ```ts
 * const event: CalendarEventDetails = {
 *   title: 'Intro call with Ada Lovelace', description: null,
 *   start: Date.parse('2026-11-02T09:00:00Z'), end: Date.parse('2026-11-02T09:30:00Z'), timeZone: 'Europe/Berlin',
 *   icalUid: 'b_1@workestra.app', sequence: 0,
 *   organizer: { email: 'ana@example.com', name: 'Ana' }, attendees: [{ email: 'ada@example.com', name: 'Ada Lovelace' }],
 *   conferencing: true,
 * };
 * ```
 */
export interface CalendarEventDetails {
  readonly title: string;
  readonly description: string | null;
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** The host's (link's) zone, for providers that store one with the event. */
  readonly timeZone: string;
  /** The iCalendar UID the emails' invites carry too, so clients see one event. */
  readonly icalUid: string;
  readonly sequence: number;
  readonly organizer: CalendarAttendee;
  readonly attendees: readonly CalendarAttendee[];
  /** Ask the provider for an online meeting (Google Meet, Microsoft Teams) on the event. */
  readonly conferencing: boolean;
}

/**
 * Where an event call lands: the workspace, the host's calendar connection and our key for the
 * event. The key is stable for the booking's life (its iCalendar UID): the same key always means
 * the same event, which is what makes every call idempotent.
 *
 * @example
 * ```ts
 * const target: CalendarEventTarget = { workspaceId: 'ws_1', connection: { hostId: 'h_1', provider: 'google' }, key: 'b_1@workestra.app' };
 * ```
 */
export interface CalendarEventTarget {
  readonly workspaceId: string;
  readonly connection: CalendarConnection;
  readonly key: string;
}

/**
 * What the provider answers for an event: its own id (kept as the booking's `calendar` reference)
 * and the online meeting URL when conferencing was asked for and given.
 *
 * @example
 * ```ts
 * const result: CalendarEventResult = { eventId: 'evt_8c1f', meetingUrl: 'https://meet.google.com/abc-defg-hij' };
 * ```
 */
export interface CalendarEventResult {
  readonly eventId: string;
  readonly meetingUrl: string | null;
}

/**
 * Calendar events port: writes a booking's event into the host's calendar. Implementations:
 * the in-memory reference `createMemoryCalendar()` and, with later issues, Google and Microsoft
 * adapters. Every adapter runs `describeCalendarContract` from `@workestra/booking-core/testing`.
 * A failure throws (a `FollowUpError` with a code where the reason is known); the job retries.
 *
 * @example
 * ```ts
 * import { createMemoryCalendar } from '@workestra/booking-core';
 * const events: CalendarEvents = createMemoryCalendar(); // or your provider's adapter
 * const target: CalendarEventTarget = { workspaceId, connection: { hostId, provider: 'google' }, key: booking.icalUid };
 * const event: CalendarEventDetails = {
 *   title: link.title, description: null, start: booking.start, end: booking.end, timeZone: link.timeZone,
 *   icalUid: booking.icalUid, sequence: booking.icalSequence, organizer: { email: host.email, name: host.name },
 *   attendees: [{ email: booking.attendeeEmail, name: booking.attendeeName }], conferencing: true,
 * };
 * const { eventId, meetingUrl } = await events.createEvent({ ...target, event });
 * const later = event.start + 3_600_000;
 * await events.updateEvent({ ...target, eventId, event: { ...event, start: later, end: later + 1_800_000 } });
 * await events.deleteEvent({ ...target, eventId });
 * ```
 */
export interface CalendarEvents {
  /**
   * Creates the event with the attendees invited (and an online meeting when
   * `event.conferencing`). Idempotent by `key`: when the key's event exists already (also one
   * whose creation answer was lost), it is brought to `event` and returned; never a second event.
   */
  createEvent(
    input: CalendarEventTarget & { readonly event: CalendarEventDetails },
  ): Promise<CalendarEventResult>;
  /**
   * Brings event `eventId` (the key's event) to `event`; the same call twice leaves the same
   * state. Throws `FollowUpError('EVENT_NOT_FOUND')` when the event is gone at the provider.
   */
  updateEvent(
    input: CalendarEventTarget & { readonly eventId: string; readonly event: CalendarEventDetails },
  ): Promise<CalendarEventResult>;
  /**
   * Deletes the event (attendees are told by the provider); by `key` when `eventId` is null (the
   * id was never written back). Deleting a deleted or unknown event succeeds.
   */
  deleteEvent(input: CalendarEventTarget & { readonly eventId: string | null }): Promise<void>;
}
