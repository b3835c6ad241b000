import type { EpochMs } from './domain.js';
import type {
  CalendarEventDetails,
  CalendarEventResult,
  CalendarEventTarget,
  CalendarEvents,
} from './calendar-events.js';
import { FollowUpError } from './follow-up-error.js';
import type { CalendarBusyInterval, CalendarBusySource, CalendarConnection } from './ports.js';

/**
 * An event as {@link MemoryCalendar} keeps it.
 *
 * @example
 * ```ts
 * const calendar = createMemoryCalendar();
 * const [event]: readonly MemoryCalendarEvent[] = calendar.listEvents();
 * ```
 */
export interface MemoryCalendarEvent {
  readonly eventId: string;
  readonly workspaceId: string;
  readonly connection: CalendarConnection;
  readonly key: string;
  readonly event: CalendarEventDetails;
  readonly meetingUrl: string | null;
}

/**
 * The in-memory REFERENCE calendar: a {@link CalendarEvents} and {@link CalendarBusySource} in
 * one object, for tests, demos and as the executable definition of the calendar contract (it
 * passes `describeCalendarContract`). It talks to no provider: its meeting URLs are on the
 * reserved `.invalid` domain, and nothing outside this object ever sees its events. Busy time is
 * the events it holds for the connection (kind absent: busy), plus the out-of-office time added
 * with `addOutOfOffice` (kind `out_of_office`). `setUnavailable(true)` makes every call fail as a
 * provider outage would.
 *
 * @example
 * ```ts
 * import { createMemoryCalendar } from '@workestra/booking-core';
 * const calendar = createMemoryCalendar();
 * const core = createBookingCore({ store, calendar }); // busy time
 * const handlers = calendarFollowUpHandlers(calendar); // events
 * ```
 */
export class MemoryCalendar implements CalendarEvents, CalendarBusySource {
  private readonly events = new Map<string, MemoryCalendarEvent>();
  private readonly away: { prefix: string; start: EpochMs; end: EpochMs }[] = [];
  private seq = 0;
  private unavailable = false;

  /** While `true`, every call throws `FollowUpError('PROVIDER_UNAVAILABLE')`. */
  setUnavailable(unavailable: boolean): void {
    this.unavailable = unavailable;
  }

  /**
   * Marks the connection's host out of office over `[start, end)`: `busy` reports that time with
   * kind `out_of_office` (it is not an event, so `listEvents` does not show it).
   */
  addOutOfOffice(input: {
    workspaceId: string;
    connection: CalendarConnection;
    start: EpochMs;
    end: EpochMs;
  }): void {
    const prefix = connectionPrefix(input.workspaceId, input.connection);
    this.away.push({ prefix, start: input.start, end: input.end });
  }

  /** The events held now, in creation order. */
  listEvents(): readonly MemoryCalendarEvent[] {
    return [...this.events.values()];
  }

  async createEvent(
    input: CalendarEventTarget & { readonly event: CalendarEventDetails },
  ): Promise<CalendarEventResult> {
    this.check();
    const slot = slotOf(input);
    const existing = this.events.get(slot);
    const eventId = existing?.eventId ?? `evt_${++this.seq}`;
    return this.put(slot, input, eventId);
  }

  async updateEvent(
    input: CalendarEventTarget & { readonly eventId: string; readonly event: CalendarEventDetails },
  ): Promise<CalendarEventResult> {
    this.check();
    const slot = slotOf(input);
    if (this.events.get(slot)?.eventId !== input.eventId)
      throw new FollowUpError('EVENT_NOT_FOUND', `no event ${input.eventId} for key ${input.key}`);
    return this.put(slot, input, input.eventId);
  }

  async deleteEvent(
    input: CalendarEventTarget & { readonly eventId: string | null },
  ): Promise<void> {
    this.check();
    const slot = slotOf(input);
    const existing = this.events.get(slot);
    if (existing !== undefined && (input.eventId === null || existing.eventId === input.eventId))
      this.events.delete(slot);
  }

  async busy(input: {
    workspaceId: string;
    connection: CalendarConnection;
    from: EpochMs;
    to: EpochMs;
    excludeIcalUid?: string;
  }): Promise<CalendarBusyInterval[]> {
    this.check();
    const prefix = connectionPrefix(input.workspaceId, input.connection);
    const busy: CalendarBusyInterval[] = [];
    for (const [slot, { event }] of this.events) {
      if (!slot.startsWith(prefix) || event.icalUid === input.excludeIcalUid) continue;
      const start = Math.max(event.start, input.from);
      const end = Math.min(event.end, input.to);
      if (start < end) busy.push({ start, end });
    }
    for (const away of this.away) {
      if (away.prefix !== prefix) continue;
      const start = Math.max(away.start, input.from);
      const end = Math.min(away.end, input.to);
      if (start < end) busy.push({ start, end, kind: 'out_of_office' });
    }
    return busy.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  private put(
    slot: string,
    input: CalendarEventTarget & { readonly event: CalendarEventDetails },
    eventId: string,
  ): CalendarEventResult {
    const meetingUrl = input.event.conferencing ? `https://meet.invalid/${eventId}` : null;
    this.events.set(slot, {
      eventId,
      workspaceId: input.workspaceId,
      connection: { ...input.connection },
      key: input.key,
      event: input.event,
      meetingUrl,
    });
    return { eventId, meetingUrl };
  }

  private check(): void {
    if (this.unavailable)
      throw new FollowUpError('PROVIDER_UNAVAILABLE', 'the memory calendar is set unavailable');
  }
}

const connectionPrefix = (workspaceId: string, c: CalendarConnection): string =>
  `${workspaceId}\u0000${c.provider}\u0000${c.hostId}\u0000`;

const slotOf = (t: CalendarEventTarget): string =>
  `${connectionPrefix(t.workspaceId, t.connection)}${t.key}`;

/**
 * A new, empty {@link MemoryCalendar} (the reference calendar adapter).
 *
 * @example
 * ```ts
 * import { createMemoryCalendar } from '@workestra/booking-core';
 * const calendar = createMemoryCalendar();
 * ```
 */
export function createMemoryCalendar(): MemoryCalendar {
  return new MemoryCalendar();
}
