import { calendar as googleCalendar, type calendar_v3 } from '@googleapis/calendar';
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
import { classifyGoogleError, statusOf } from './errors.js';
import { googleEventIdFor, googleEventState, meetingUrlOf, toGoogleEvent } from './mapping.js';

/**
 * Options of {@link createGoogleCalendar}: the common ones (the token needs the scopes
 * `calendar.events` and `calendar.readonly`) and where the API is.
 *
 * @example
 * ```ts
 * const options: GoogleCalendarOptions = {
 *   accessToken: async ({ connection }) => `token-of-${connection.hostId}`,
 *   calendars: async () => ({ check: ['primary'], write: 'primary' }),
 *   sendUpdates: 'all',
 * };
 * ```
 */
export interface GoogleCalendarOptions extends AdapterOptions {
  /** Where the Calendar API lives (default Google's); an emulator's `rootUrl` in tests. */
  readonly rootUrl?: string;
  /** Whom Google emails about created, moved and deleted events (default `all`). */
  readonly sendUpdates?: 'all' | 'externalOnly' | 'none';
}

/**
 * A Google Calendar adapter over `@googleapis/calendar`. Busy time comes from `events.list`
 * (recurring events expanded) over the connection's calendars to check, read by the package's
 * busy rules; events go into the calendar to write into, with a deterministic id derived from the
 * key, so a retried create finds the event instead of making a second one. Every call has a
 * timeout and bounded retries (429/5xx, honouring `Retry-After`); busy answers are cached briefly
 * per connection. Failures throw `CalendarProviderError` (never an empty busy list).
 *
 * @example
 * ```ts
 * import { createGoogleCalendar } from '@workestra/calendar-providers';
 * const google = createGoogleCalendar({
 *   accessToken: async ({ workspaceId, connection, refresh }) => `token-of-${workspaceId}-${connection.hostId}-${refresh}`,
 * });
 * const core = createBookingCore({ store, calendar: google });
 * const handlers = calendarFollowUpHandlers(google);
 * ```
 */
export function createGoogleCalendar(options: GoogleCalendarOptions): CalendarAdapter {
  const api = googleCalendar({
    version: 'v3',
    rootUrl: options.rootUrl ?? 'https://www.googleapis.com/',
  });
  const sendUpdates = options.sendUpdates ?? 'all';
  const kit = adapterKit(
    { ...options, provider: 'Google Calendar', classify: classifyGoogleError },
    (ref, calendarId, from, to) => listEvents(ref, calendarId, from, to),
  );
  const { selectionOf } = kit;

  /** One API call, with the request options the client takes: token, timeout, no own retries. */
  const call = <T>(
    ref: ConnectionRef,
    what: string,
    fn: (request: {
      signal: AbortSignal;
      retry: false;
      headers: Record<string, string>;
    }) => Promise<T>,
  ): Promise<T> =>
    kit.call(ref, what, (token, signal) =>
      fn({ signal, retry: false, headers: { Authorization: `Bearer ${token}` } }),
    );

  const result = (event: calendar_v3.Schema$Event, fallbackId: string): CalendarEventResult => ({
    eventId: event.id ?? fallbackId,
    meetingUrl: meetingUrlOf(event),
  });

  /** Patches an event; null when it is gone (404, 410, or answered as cancelled). */
  const patch = async (
    target: CalendarEventTarget,
    calendarId: string,
    eventId: string,
    body: calendar_v3.Schema$Event,
  ): Promise<calendar_v3.Schema$Event | null> =>
    call(target, 'events.patch', async (request) => {
      try {
        const res = await api.events.patch(
          { calendarId, eventId, conferenceDataVersion: 1, sendUpdates, requestBody: body },
          request,
        );
        return res.data.status === 'cancelled' ? null : res.data;
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 410) return null;
        throw error;
      }
    });

  const listEvents = async (
    ref: ConnectionRef,
    calendarId: string,
    from: number,
    to: number,
  ): Promise<CalendarEventState[]> => {
    const states: CalendarEventState[] = [];
    let pageToken: string | undefined;
    do {
      const page: calendar_v3.Schema$Events = await call(
        ref,
        'events.list',
        async (request) =>
          (
            await api.events.list(
              {
                calendarId,
                timeMin: new Date(from).toISOString(),
                timeMax: new Date(to).toISOString(),
                singleEvents: true,
                maxResults: 250,
                ...(pageToken === undefined ? {} : { pageToken }),
              },
              request,
            )
          ).data,
      );
      const zone = page.timeZone ?? 'UTC';
      for (const item of page.items ?? []) states.push(googleEventState(item, zone));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken !== undefined);
    return states;
  };

  /** `calendarList.list`, every page: the primary is `primary`, and its id is the account's email. */
  const listCalendars = async (ref: ConnectionRef): Promise<CalendarList> => {
    const calendars: ProviderCalendar[] = [];
    let accountEmail: string | null = null;
    let pageToken: string | undefined;
    do {
      const page: calendar_v3.Schema$CalendarList = await call(
        ref,
        'calendarList.list',
        async (request) =>
          (
            await api.calendarList.list(
              { maxResults: 250, ...(pageToken === undefined ? {} : { pageToken }) },
              request,
            )
          ).data,
      );
      for (const item of page.items ?? []) {
        if (typeof item.id !== 'string') continue;
        const primary = item.primary === true;
        if (primary) accountEmail = item.id;
        calendars.push({
          id: primary ? 'primary' : item.id,
          name: item.summaryOverride ?? item.summary ?? item.id,
          primary,
          canWrite: item.accessRole === 'owner' || item.accessRole === 'writer',
          timeZone: item.timeZone ?? null,
        });
      }
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken !== undefined);
    return { accountEmail, calendars: primaryFirst(calendars) };
  };

  const createEvent = async (
    input: CalendarEventTarget & { readonly event: CalendarEventDetails },
  ): Promise<CalendarEventResult> => {
    const { write } = await selectionOf(input);
    const eventId = googleEventIdFor(input.workspaceId, input.key);
    const body = toGoogleEvent(input.event, input.key, eventId);
    const inserted = await call(input, 'events.insert', async (request) => {
      try {
        const requestBody = { ...body, id: eventId };
        const params = { calendarId: write, conferenceDataVersion: 1, sendUpdates, requestBody };
        return (await api.events.insert(params, request)).data;
      } catch (error) {
        if (statusOf(error) === 409) return null; // the key's event exists: bring it up to date
        throw error;
      }
    });
    if (inserted !== null) return result(inserted, eventId);
    // A deleted event keeps its id at Google; a create by the same key restores it.
    const patched = await patch(input, write, eventId, { ...body, status: 'confirmed' });
    if (patched === null)
      throw new FollowUpError('EVENT_NOT_FOUND', `Google event ${eventId} cannot be updated`);
    return result(patched, eventId);
  };

  return {
    busyDetails: kit.busyDetails,
    busy: kit.busy,
    listCalendars,

    createEvent: (input) => kit.writing(input, () => createEvent(input)),

    updateEvent: (input) =>
      kit.writing(input, async () => {
        const { write } = await selectionOf(input);
        const body = toGoogleEvent(input.event, input.key, input.eventId);
        const patched = await patch(input, write, input.eventId, body);
        if (patched === null)
          throw new FollowUpError('EVENT_NOT_FOUND', `Google event ${input.eventId} is gone`);
        return result(patched, input.eventId);
      }),

    deleteEvent: (input) =>
      kit.writing(input, async () => {
        const { write } = await selectionOf(input);
        const eventId = input.eventId ?? googleEventIdFor(input.workspaceId, input.key);
        await call(input, 'events.delete', async (request) => {
          try {
            await api.events.delete({ calendarId: write, eventId, sendUpdates }, request);
          } catch (error) {
            // Gone already (404) or deleted before (410): the delete is done.
            if (statusOf(error) !== 404 && statusOf(error) !== 410) throw error;
          }
        });
      }),
  };
}
