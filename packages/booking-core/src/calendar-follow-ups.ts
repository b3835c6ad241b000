import { CALENDAR_PROVIDERS, type ConnectedCalendarProvider } from './domain.js';
import type {
  CalendarEventDetails,
  CalendarEventResult,
  CalendarEventTarget,
  CalendarEvents,
} from './calendar-events.js';
import { isFollowUpError } from './follow-up-error.js';
import type { FollowUp, FollowUpHandler } from './follow-up-seam.js';
import { memberLink } from './team-links.js';

type CalendarKind = 'calendar.create' | 'calendar.update' | 'calendar.delete';

/**
 * The three calendar kinds' typed handlers, written once for every calendar adapter.
 *
 * @example
 * ```ts
 * const handlers: CalendarFollowUpHandlers = calendarFollowUpHandlers(createMemoryCalendar());
 * ```
 */
export type CalendarFollowUpHandlers = { readonly [K in CalendarKind]: FollowUpHandler<K> };

/**
 * Follow-up handlers that keep a booking's event in the host's calendar through a
 * {@link CalendarEvents} adapter. On a team link the host is the member the meeting went to (its
 * calendar provider for the link); a collective meeting's co-hosts are invited to the event:
 *
 * - `calendar.create` creates the event (attendee invited, online meeting when the link's
 *   `autoMeetingLink` is on) and writes back its id and meeting URL;
 * - `calendar.update` moves the event the booking references, or creates it when there is none
 *   yet or it was deleted at the provider (the create job was overtaken by the reschedule);
 * - `calendar.delete` deletes it, by id or, when the id was never written back, by key.
 *
 * The event's key is the booking's iCalendar UID, so every call is idempotent. An event lives at
 * the provider that holds its reference, even if the link switched provider since; a booking
 * whose link uses no calendar and has no event is left alone. When a create or update finds, on
 * writing back, that the booking was cancelled meanwhile, it deletes the event again: the delete
 * job may have run before the event existed.
 *
 * @example
 * ```ts
 * import { calendarFollowUpHandlers, createFollowUpHandlers, createMemoryCalendar } from '@workestra/booking-core';
 * const events = createMemoryCalendar(); // your provider's CalendarEvents adapter in production
 * const handlers = createFollowUpHandlers({ store, handlers: { ...calendarFollowUpHandlers(events) } });
 * ```
 */
export function calendarFollowUpHandlers(events: CalendarEvents): CalendarFollowUpHandlers {
  return {
    'calendar.create': async (f) => {
      const target = targetOf(f);
      if (target === null) return;
      await writeEvent(
        f,
        target,
        events,
        await events.createEvent({ ...target, event: details(f) }),
      );
    },
    'calendar.update': async (f) => {
      const target = targetOf(f);
      if (target === null) return;
      const ref = f.booking.externalRefs.calendar;
      const event = details(f);
      let result: CalendarEventResult;
      try {
        result =
          ref === undefined
            ? await events.createEvent({ ...target, event })
            : await events.updateEvent({ ...target, eventId: ref.id, event });
      } catch (error) {
        if (!isFollowUpError(error, 'EVENT_NOT_FOUND')) throw error;
        result = await events.createEvent({ ...target, event });
      }
      await writeEvent(f, target, events, result);
    },
    'calendar.delete': async (f) => {
      const target = targetOf(f);
      if (target === null) return;
      await events.deleteEvent({ ...target, eventId: f.booking.externalRefs.calendar?.id ?? null });
    },
  };
}

function isConnected(provider: string): provider is ConnectedCalendarProvider {
  return provider !== 'none' && (CALENDAR_PROVIDERS as readonly string[]).includes(provider);
}

/**
 * The event's place: the calendar of the booking's host (on a team link, the member the meeting
 * went to; a collective meeting's first member, who invites the others), at the provider of the
 * event's reference if it has one, else the host's provider for the link ({@link memberLink}).
 */
function targetOf(f: FollowUp<CalendarKind>): CalendarEventTarget | null {
  const provider =
    f.booking.externalRefs.calendar?.provider ??
    memberLink(f.link, f.booking.hostId).calendarProvider;
  if (!isConnected(provider)) return null;
  return {
    workspaceId: f.booking.workspaceId,
    connection: { hostId: f.booking.hostId, provider },
    key: f.booking.icalUid,
  };
}

/**
 * The event: organised by the booking's host, with the attendee and a collective meeting's
 * co-hosts invited (so the event is in every member's calendar), in the host's zone for the link.
 */
function details(f: FollowUp<CalendarKind>): CalendarEventDetails {
  const { booking, host, coHosts } = f;
  const link = memberLink(f.link, booking.hostId);
  return {
    title: `${link.title} with ${booking.attendeeName}`,
    description: link.description,
    start: booking.start,
    end: booking.end,
    timeZone: link.timeZone,
    icalUid: booking.icalUid,
    sequence: booking.icalSequence,
    organizer: { email: host.email, name: host.name },
    attendees: [
      { email: booking.attendeeEmail, name: booking.attendeeName },
      ...coHosts.map((c) => ({ email: c.email, name: c.name })),
    ],
    conferencing: link.autoMeetingLink,
  };
}

async function writeEvent(
  f: FollowUp<CalendarKind>,
  target: CalendarEventTarget,
  events: CalendarEvents,
  result: CalendarEventResult,
): Promise<void> {
  const back = await f.setExternalRef('calendar', {
    provider: target.connection.provider,
    id: result.eventId,
    meetingUrl: result.meetingUrl,
  });
  if (!back.written && (back.booking === null || back.booking.status === 'cancelled'))
    await events.deleteEvent({ ...target, eventId: result.eventId });
}
