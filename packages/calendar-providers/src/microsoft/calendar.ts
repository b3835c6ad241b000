import type { Client } from '@microsoft/microsoft-graph-client';
import {
  FollowUpError,
  type CalendarEventDetails,
  type CalendarEventResult,
  type CalendarEventTarget,
} from '@workestra/booking-core';
import { adapterKit, primaryFirst } from '../adapter-kit.js';
import type { CalendarEventState } from '../busy-rules.js';
import type {
  AdapterOptions,
  CalendarAdapter,
  CalendarList,
  ConnectionRef,
  ProviderCalendar,
} from '../types.js';
import { classifyGraphError, graphStatusOf } from './errors.js';
import { graphClient } from './graph-client.js';
import {
  ICAL_UID_PROPERTY_ID,
  KEY_PROPERTY_ID,
  graphEventState,
  graphTransactionIdFor,
  meetingUrlOf,
  toGraphEvent,
  type GraphEvent,
} from './mapping.js';

/**
 * Options of {@link createMicrosoftCalendar}: the common ones (the token needs the scope
 * `Calendars.ReadWrite`; `primary` is the default calendar) and where Graph is.
 *
 * @example
 * ```ts
 * const options: MicrosoftCalendarOptions = {
 *   accessToken: async ({ connection }) => `token-of-${connection.hostId}`,
 *   calendars: async () => ({ check: ['primary'], write: 'primary' }),
 * };
 * ```
 */
export interface MicrosoftCalendarOptions extends AdapterOptions {
  /** Where Microsoft Graph lives (default Graph's); an emulator's `baseUrl` in tests. */
  readonly baseUrl?: string;
  /**
   * The host's IANA time zone, where all-day events fall (Graph answers them as dates without a
   * zone); default `UTC`.
   */
  readonly hostTimeZone?: (ref: ConnectionRef) => Promise<string>;
}

/** One page of a Graph collection. */
interface GraphPage<T = GraphEvent> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** Graph's calendar resource, the fields in use. */
interface GraphCalendar {
  id?: string;
  name?: string;
  canEdit?: boolean;
  isDefaultCalendar?: boolean;
  owner?: { name?: string; address?: string } | null;
}

const CALENDAR_FIELDS = 'id,name,canEdit,isDefaultCalendar,owner';

const EXPAND_PROPERTIES = `singleValueExtendedProperties($filter=id eq '${KEY_PROPERTY_ID}' or id eq '${ICAL_UID_PROPERTY_ID}')`;
const VIEW_FIELDS = 'id,iCalUId,isCancelled,isAllDay,showAs,responseStatus,start,end';
/** Graph answers times in this zone when asked; the busy reading relies on it. */
const UTC_TIMES = 'outlook.timezone="UTC"';

/**
 * A Microsoft 365 adapter over `@microsoft/microsoft-graph-client`. Busy time comes from each
 * calendar's `calendarView` (recurring events expanded) read by the package's busy rules; events
 * go into the calendar to write into, with a Teams meeting when asked (`isOnlineMeeting`), found
 * again by key through an extended property, and created with a `transactionId` derived from the
 * key so a retried POST makes no second event. Timeouts, retries, the cache and the errors are
 * the same as the Google adapter's.
 *
 * @example
 * ```ts
 * import { createMicrosoftCalendar } from '@workestra/calendar-providers';
 * const outlook = createMicrosoftCalendar({
 *   accessToken: async ({ workspaceId, connection, refresh }) => `token-of-${workspaceId}-${connection.hostId}-${refresh}`,
 * });
 * const core = createBookingCore({ store, calendar: outlook });
 * ```
 */
export function createMicrosoftCalendar(options: MicrosoftCalendarOptions): CalendarAdapter {
  const baseUrl = options.baseUrl ?? 'https://graph.microsoft.com/';
  const kit = adapterKit(
    { ...options, provider: 'Microsoft Graph', classify: classifyGraphError },
    (ref, calendarId, from, to) => listEvents(ref, calendarId, from, to),
  );
  const { selectionOf } = kit;

  /** One Graph call through a client that carries the connection's token. */
  const call = <T>(
    ref: ConnectionRef,
    what: string,
    fn: (client: Client, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => kit.call(ref, what, (token, signal) => fn(graphClient(baseUrl, token), signal));

  const calendarPath = (id: string) =>
    id === 'primary' ? '/me/calendar' : `/me/calendars/${encodeURIComponent(id)}`;

  /** A page link of Graph, as a path the client resolves against `baseUrl`. */
  const relative = (nextLink: string): string => {
    const url = new URL(nextLink);
    return `${url.pathname.replace(/^\/v1\.0(?=\/)/, '')}${url.search}`;
  };

  const listEvents = async (
    ref: ConnectionRef,
    calendarId: string,
    from: number,
    to: number,
  ): Promise<CalendarEventState[]> => {
    const states: CalendarEventState[] = [];
    const allDayZone = options.hostTimeZone ? await options.hostTimeZone(ref) : 'UTC';
    let next: string | null = null;
    do {
      const link: string | null = next;
      const page: GraphPage = await call(ref, 'calendarView', (client, signal) => {
        const request =
          link !== null
            ? client.api(relative(link))
            : client
                .api(`${calendarPath(calendarId)}/calendarView`)
                .query({
                  startDateTime: new Date(from).toISOString(),
                  endDateTime: new Date(to).toISOString(),
                })
                .select(VIEW_FIELDS)
                .expand(EXPAND_PROPERTIES)
                .top(100);
        return request
          .header('Prefer', UTC_TIMES)
          .option('signal', signal)
          .get() as Promise<GraphPage>;
      });
      for (const item of page.value ?? []) states.push(graphEventState(item, allDayZone));
      next = page['@odata.nextLink'] ?? null;
    } while (next !== null);
    return states;
  };

  /**
   * `GET /me/calendars`, every page: the default calendar is `primary` (the adapter addresses it
   * as `/me/calendar`), and its owner's address is the account's email.
   */
  const listCalendars = async (ref: ConnectionRef): Promise<CalendarList> => {
    const calendars: ProviderCalendar[] = [];
    let accountEmail: string | null = null;
    let next: string | null = null;
    do {
      const link: string | null = next;
      const page: GraphPage<GraphCalendar> = await call(ref, 'calendars', (client, signal) =>
        (link !== null
          ? client.api(relative(link))
          : client.api('/me/calendars').select(CALENDAR_FIELDS).top(100)
        )
          .option('signal', signal)
          .get(),
      );
      for (const item of page.value ?? []) {
        if (typeof item.id !== 'string') continue;
        const primary = item.isDefaultCalendar === true;
        if (primary) accountEmail = item.owner?.address ?? null;
        calendars.push({
          id: primary ? 'primary' : item.id,
          name: item.name ?? item.id,
          primary,
          canWrite: item.canEdit === true,
          timeZone: null,
        });
      }
      next = page['@odata.nextLink'] ?? null;
    } while (next !== null);
    return { accountEmail, calendars: primaryFirst(calendars) };
  };

  /** The id of the key's event in `calendarId`, or null. */
  const findByKey = async (target: CalendarEventTarget, calendarId: string) => {
    const page = (await call(target, 'events lookup', (client, signal) =>
      client
        .api(`${calendarPath(calendarId)}/events`)
        .filter(
          `singleValueExtendedProperties/Any(ep: ep/id eq '${KEY_PROPERTY_ID}' and ep/value eq '${odataString(target.key)}')`,
        )
        .select('id')
        .option('signal', signal)
        .get(),
    )) as GraphPage;
    return page.value?.[0]?.id ?? null;
  };

  const result = (event: GraphEvent, fallbackId: string): CalendarEventResult => ({
    eventId: event.id ?? fallbackId,
    meetingUrl: meetingUrlOf(event),
  });

  /** Patches an event; null when it is gone (404). */
  const patch = (target: CalendarEventTarget, eventId: string, body: Record<string, unknown>) =>
    call(target, 'events PATCH', async (client, signal) => {
      try {
        return (await client
          .api(`/me/events/${encodeURIComponent(eventId)}`)
          .option('signal', signal)
          .patch(body)) as GraphEvent;
      } catch (error) {
        if (graphStatusOf(error) === 404) return null;
        throw error;
      }
    });

  const createEvent = async (
    input: CalendarEventTarget & { readonly event: CalendarEventDetails },
  ): Promise<CalendarEventResult> => {
    const { write } = await selectionOf(input);
    const body = toGraphEvent(input.event, input.key);
    const existing = await findByKey(input, write);
    if (existing !== null) {
      const patched = await patch(input, existing, body);
      if (patched !== null) return result(patched, existing);
    }
    const transactionId = graphTransactionIdFor(input.workspaceId, input.key);
    const created = (await call(input, 'events POST', (client, signal) =>
      client
        .api(`${calendarPath(write)}/events`)
        .option('signal', signal)
        .post({ ...body, transactionId }),
    )) as GraphEvent;
    return result(created, '');
  };

  return {
    busyDetails: kit.busyDetails,
    busy: kit.busy,
    listCalendars,

    createEvent: (input) => kit.writing(input, () => createEvent(input)),

    updateEvent: (input) =>
      kit.writing(input, async () => {
        const patched = await patch(input, input.eventId, toGraphEvent(input.event, input.key));
        if (patched === null)
          throw new FollowUpError('EVENT_NOT_FOUND', `Microsoft event ${input.eventId} is gone`);
        return result(patched, input.eventId);
      }),

    deleteEvent: (input) =>
      kit.writing(input, async () => {
        const { write } = await selectionOf(input);
        const eventId = input.eventId ?? (await findByKey(input, write));
        if (eventId === null) return; // never created, or gone already
        await call(input, 'events DELETE', async (client, signal) => {
          try {
            // Deleting the organizer's event sends the attendees a cancellation.
            await client
              .api(`/me/events/${encodeURIComponent(eventId)}`)
              .option('signal', signal)
              .delete();
          } catch (error) {
            if (graphStatusOf(error) !== 404) throw error;
          }
        });
      }),
  };
}

/** A value inside an OData string literal: single quotes doubled. */
const odataString = (value: string): string => value.replace(/'/g, "''");
